/**
 * Benchmark: the prediction endpoint under load, over loopback, bounded in time. Builds a store
 * from the bundled sample (NFL trained and backtested, as `sharpline demo`), starts the real
 * `sharpline serve` in a child process (so the load generator does not share its event loop), and
 * measures with autocannon:
 *   - cached: GET /v1/games/:id/predictions over a game day's games, warmed (in-process tier);
 *     saturating throughput, and latency at a fixed 1,000 req/s;
 *   - uncached: every request a distinct cache key (a different Kelly fraction), so each one runs
 *     every system and the ensemble; saturating throughput, and latency at a fixed rate;
 *   - soak: a fixed rate for --soak-seconds (default 600) with the server's memory sampled from
 *     /metrics every 15 s: errors and the memory trend.
 * Writes bench/results/serve.json (serve-postgres.json for --engine postgres; one JSON document)
 * and prints it as one line.
 *
 *   node --import tsx bench/serve.ts [--engine duckdb|postgres] [--seconds 10] [--soak-seconds 600] [--soak-rate 1000]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { logBacktestPredictions, runBacktest } from '../src/evaluation/backtest.js';
import { trainSystems } from '../src/models/train.js';
import { importFiles } from '../src/pipeline/import-files.js';
import { runGate } from '../src/quality/gates.js';
import { openStore } from '../src/store/open-store.js';
import { throwawayStore } from './throwaway-store.js';

const ROOT = join(import.meta.dirname, '..');
const SAMPLE = join(ROOT, 'data/sample');
const DAY = '2020-09-13';
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const engine = arg('engine', 'duckdb');
const seconds = Number(arg('seconds', '10'));
const soakSeconds = Number(arg('soak-seconds', '600'));
const soakRate = Number(arg('soak-rate', '1000'));
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const RESULTS = join(ROOT, 'bench/results', engine === 'postgres' ? 'serve-postgres.json' : 'serve.json');

async function buildStore(): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  const store = await throwawayStore(engine, 'serve');
  const env = store.env as Record<string, string>;
  const cleanup = store.cleanup;
  const db = await openStore(env);
  try {
    const manifest = JSON.parse(readFileSync(join(SAMPLE, 'manifest.json'), 'utf8')) as { imports: { format: string; paths: string[] }[] };
    for (const imp of manifest.imports) await importFiles(db, { format: imp.format, paths: imp.paths.map((p) => join(SAMPLE, p)) });
    await trainSystems(db, { sport: 'nfl' });
    const { result, walk } = await runBacktest(db, {
      sport: 'nfl', from: 2020, to: 2020, markets: ['moneyline', 'spread', 'total'],
      staking: { kind: 'kelly', fraction: 0.25, cap: 0.02 }, minEdge: 0.02, devig: 'multiplicative', price: 'close',
    });
    await logBacktestPredictions(db, result, walk);
    await runGate(db, 'training');
  } finally {
    await db.close(); // DuckDB: the serve process must own the file
  }
  return { env, cleanup };
}

function serve(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', join(ROOT, 'src/cli/run.ts'), 'serve', '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, SHARPLINE_HOME: '', DATABASE_URL: '', ...env, SHARPLINE_RATE_LIMIT_MAX: '0', SHARPLINE_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      err += String(chunk);
      const m = /listening on (http:\/\/\S+) /.exec(err);
      if (m) resolve({ child, url: m[1]! });
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

interface Figures {
  connections: number;
  rate: number | null;
  seconds: number;
  requests_per_second: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  requests: number;
  errors: number;
  non_2xx: number;
}

async function load(url: string, paths: () => string, options: { connections: number; rate?: number; seconds: number }): Promise<Figures> {
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    ...(options.rate ? { overallRate: options.rate } : {}),
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths() }) }],
  });
  return {
    connections: options.connections,
    rate: options.rate ?? null,
    seconds: options.seconds,
    requests_per_second: round(result.requests.average, 0),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    max_ms: result.latency.max,
    requests: result.requests.total,
    errors: result.errors,
    non_2xx: result.non2xx,
  };
}

async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
}

async function runSoak(url: string, path: () => string): Promise<Record<string, unknown>> {
  const samples: { t: number; rss_mb: number; heap_mb: number }[] = [];
  const t0 = Date.now();
  const sample = async () =>
    samples.push({ t: Math.round((Date.now() - t0) / 1000), rss_mb: round((await metric(url, 'process_resident_memory_bytes')) / 2 ** 20, 1), heap_mb: round((await metric(url, 'nodejs_heap_used_bytes')) / 2 ** 20, 1) });
  await sample();
  const timer = setInterval(() => void sample(), 15_000);
  const soak = await load(url, path, { connections: 20, rate: soakRate, seconds: soakSeconds });
  clearInterval(timer);
  await sample();
  // The first minute holds start-up garbage; compare the second minute with the last.
  const early = samples.filter((s) => s.t >= 60 && s.t <= 120);
  const late = samples.filter((s) => s.t >= samples.at(-1)!.t - 60);
  const mean = (xs: number[]) => round(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length), 1);
  return {
    ...soak,
    measured_at: new Date().toISOString(),
    memory_samples: samples,
    rss_mb_second_minute: mean(early.map((s) => s.rss_mb)),
    rss_mb_last_minute: mean(late.map((s) => s.rss_mb)),
    heap_mb_second_minute: mean(early.map((s) => s.heap_mb)),
    heap_mb_last_minute: mean(late.map((s) => s.heap_mb)),
  };
}

function previousSoak(): Record<string, unknown> | null {
  try {
    const previous = JSON.parse(readFileSync(RESULTS, 'utf8')) as { soak?: Record<string, unknown>; generated_at?: string };
    return previous.soak ? { measured_at: previous.generated_at, ...previous.soak } : null;
  } catch {
    return null;
  }
}

const { env, cleanup } = await buildStore();
const server = await serve(env);
try {
  const games = ((await (await fetch(`${server.url}/v1/games?date=${DAY}&sport=nfl`)).json()) as { games: { game_id: number }[] }).games.map((g) => g.game_id);
  let i = 0;
  const cachedPath = () => `/v1/games/${games[i++ % games.length]}/predictions`;
  let k = 0;
  // A distinct Kelly fraction per request: a distinct cache key, so every request computes.
  const uncachedPath = () => `/v1/games/${games[k % games.length]}/predictions?kelly=${(0.25 + ++k * 1e-9).toFixed(9)}`;
  for (const g of games) await fetch(`${server.url}/v1/games/${g}/predictions`); // warm the cache
  await load(server.url, cachedPath, { connections: 10, seconds: 2 }); // JIT warm-up
  await load(server.url, uncachedPath, { connections: 4, seconds: 2 });

  const cachedMax = await load(server.url, cachedPath, { connections: 50, seconds });
  const cached1000 = await load(server.url, cachedPath, { connections: 20, rate: 1000, seconds });
  const uncachedMax = await load(server.url, uncachedPath, { connections: 8, seconds });
  const uncachedRate = Math.max(10, Math.floor(uncachedMax.requests_per_second * 0.5));
  const uncachedHalf = await load(server.url, uncachedPath, { connections: 8, rate: uncachedRate, seconds });
  const uncached1000 = await load(server.url, uncachedPath, { connections: 50, rate: 1000, seconds });

  // Soak: cached predictions at a fixed rate, memory sampled every 15 s. `--soak-seconds 0` skips
  // it and keeps the soak section of the previous results file (it carries its own date).
  const soakResult = soakSeconds > 0 ? await runSoak(server.url, cachedPath) : previousSoak();
  const figures = {
    bench: 'serve',
    version: 1,
    engine,
    node: process.version,
    cpus: availableParallelism(),
    note: 'server and load generator share this machine (2 cores, shared with other work); loopback HTTP/1.1; the endpoint is GET /v1/games/:id/predictions over the 13 games of 2020-09-13 (5 systems + ensemble, decisions at stored closing prices)',
    cached_max: cachedMax,
    cached_at_1000: cached1000,
    uncached_max: uncachedMax,
    uncached_at_half_max: uncachedHalf,
    uncached_at_1000: uncached1000,
    soak: soakResult,
    generated_at: new Date().toISOString(),
  };
  writeFileSync(RESULTS, JSON.stringify(figures, null, 2) + '\n');
  process.stdout.write(JSON.stringify(figures) + '\n');
} finally {
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGTERM');
  await exited;
  await cleanup();
}
