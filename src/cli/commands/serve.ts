/**
 * @module cli/commands/serve
 * `sharpline serve [--port P] [--host H]`: the HTTP API, its OpenAPI docs at /docs, metrics and
 * the dashboard, in one process that owns the store (see serve/server for the settings).
 */
import type { Command } from 'commander';
import { SharplineError } from '../../errors.js';
import { startServer } from '../../serve/index.js';
import { note } from '../output.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('HTTP API (/v1, docs at /docs), dashboard (/), health and Prometheus metrics; cache in process, Redis when REDIS_URL is set')
    .option('--port <port>', 'port to listen on (default SHARPLINE_PORT or 8080; 0 picks a free one)')
    .option('--host <host>', 'interface to listen on (default SHARPLINE_HOST or 127.0.0.1)')
    .option('--scheduler', 'also run the named jobs on their cron schedules in this process (the one that owns the embedded store); refresh-cache warms this server\'s cache')
    .action(async (opts: { port?: string; host?: string; scheduler?: boolean }) => {
      const port = opts.port === undefined ? undefined : Number(opts.port);
      if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new SharplineError('SL_USAGE', `--port must be an integer 0–65535, got "${opts.port}"`);
      const server = await startServer(process.env, { ...(port !== undefined ? { port } : {}), ...(opts.host ? { host: opts.host } : {}), scheduler: !!opts.scheduler, note: (m) => note(`sharpline serve: ${m}`) });
      note(`sharpline serve: listening on ${server.url} (API ${server.url}/v1, docs ${server.url}/docs, dashboard ${server.url}/)`);
      // Stay up until a signal; then close the app, which closes Redis and the store.
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(resolve, resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
