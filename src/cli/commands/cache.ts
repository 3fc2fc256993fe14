/**
 * @module cli/commands/cache
 * `sharpline cache warm --date D` pre-computes a game day (every game's predictions at stored prices
 * and the day's picks); `sharpline cache invalidate` makes every serve process re-read the store.
 * With `--url`, the running server does the work (its in-process cache is the one that matters,
 * and on DuckDB it owns the store); without, this process fills the shared Redis tier directly.
 */
import type { Command } from 'commander';
import { CacheInvalidator, connectRedis, INVALIDATION_CHANNEL, storeFingerprint, TieredCache, ttlsFromEnv, waitForRedis } from '../../cache/index.js';
import { SharplineError } from '../../errors.js';
import { isoDateSchema as isoDate, ServeServices } from '../../serve/index.js';
import { note, printJson } from '../output.js';
import { withStore } from '../store.js';

interface RemoteOptions {
  url?: string;
  apiKey?: string;
  json?: boolean;
}

async function callServer(opts: RemoteOptions, path: string, body: unknown): Promise<unknown> {
  const key = opts.apiKey ?? process.env.SHARPLINE_API_KEY;
  if (!key) throw new SharplineError('SL_USAGE', 'an admin call needs an API key: --api-key or SHARPLINE_API_KEY (create one with sharpline apikey create)');
  let response: Response;
  try {
    response = await fetch(new URL(path, opts.url), { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch (error) {
    throw new SharplineError('SL_STORE_CONNECT', `could not reach the server at ${opts.url}`, { cause: error });
  }
  const json = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
  if (!response.ok) throw new SharplineError(response.status === 401 ? 'SL_AUTH_REQUIRED' : 'SL_USAGE', `server answered ${response.status}: ${json.error?.message ?? response.statusText}`);
  return json;
}

function requireRedis(what: string): string {
  const url = process.env.REDIS_URL;
  if (!url) throw new SharplineError('SL_USAGE', `${what} without --url needs REDIS_URL (the in-process cache lives in the serve process: pass --url http://host:port and --api-key)`);
  return url;
}

export function registerCacheCommands(program: Command): void {
  const cache = program.command('cache').description('The serving cache: warm a game day, invalidate');
  cache
    .command('warm')
    .description('Pre-compute a game day: predictions at stored prices for every game and the day\'s picks')
    .requiredOption('--date <date>', 'the game day, YYYY-MM-DD')
    .option('--url <url>', 'a running sharpline serve to warm (e.g. http://127.0.0.1:8080)')
    .option('--api-key <key>', 'API key for --url (default SHARPLINE_API_KEY)')
    .option('--json', 'print a JSON document')
    .action(async (opts: RemoteOptions & { date: string }) => {
      const parsed = isoDate.safeParse(opts.date);
      if (!parsed.success) throw new SharplineError('SL_USAGE', `--date "${opts.date}": ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      let result: unknown;
      if (opts.url) {
        result = await callServer(opts, '/v1/admin/cache/warm', { date: opts.date });
      } else {
        const redis = connectRedis(requireRedis('cache warm'));
        try {
          if (!(await waitForRedis(redis, 2000))) throw new SharplineError('SL_STORE_CONNECT', 'redis is not answering at REDIS_URL');
          result = await withStore(async (db) => {
            const tiered = new TieredCache({ ttls: ttlsFromEnv(), redis });
            // The servers key entries by the store's fingerprint: use the same generation.
            await new CacheInvalidator(db, tiered).check();
            return { version: 1, ...(await new ServeServices(db, tiered).warmDay(opts.date)) };
          });
        } finally {
          redis.disconnect();
        }
      }
      if (opts.json) return printJson(result);
      const r = result as { date: string; games: number; predicted: number; skipped: number; generation: string };
      note(`warmed ${r.date}: ${r.games} games, ${r.predicted} predicted, ${r.skipped} skipped (no price or no trained system); store generation ${r.generation}`);
    });
  cache
    .command('invalidate')
    .description('Make every serve process re-read the store fingerprint now (they also poll it every few seconds)')
    .option('--url <url>', 'a running sharpline serve to invalidate through')
    .option('--api-key <key>', 'API key for --url (default SHARPLINE_API_KEY)')
    .option('--json', 'print a JSON document')
    .action(async (opts: RemoteOptions) => {
      let result: unknown;
      if (opts.url) result = await callServer(opts, '/v1/admin/cache/invalidate', {});
      else {
        const redis = connectRedis(requireRedis('cache invalidate'));
        try {
          if (!(await waitForRedis(redis, 2000))) throw new SharplineError('SL_STORE_CONNECT', 'redis is not answering at REDIS_URL');
          const generation = await withStore((db) => storeFingerprint(db));
          const receivers = await redis.publish(INVALIDATION_CHANNEL, generation);
          result = { version: 1, generation, processes_notified: receivers };
        } finally {
          redis.disconnect();
        }
      }
      if (opts.json) return printJson(result);
      note(`invalidation sent: ${JSON.stringify(result)}`);
    });
}
