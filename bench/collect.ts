/**
 * Benchmark: a replayed season of odds collected through curated. A local replay server answers
 * The Odds API's historical-odds endpoint with a synthetic, seeded season (2,400 games: 15 a day
 * for 160 days; 10 books × 3 markets; 20 hourly snapshots a day), and `backfill` collects it in
 * one-day windows (20 requests each) through raw → staging → curated. Prints ONE JSON line and
 * writes bench/results/collect.json (both engines' figures are kept in that file).
 *
 *   node --import tsx bench/collect.ts                          # embedded DuckDB (temp SHARPLINE_HOME)
 *   node --import tsx bench/collect.ts --engine postgres        # PostgreSQL at 127.0.0.1:5432
 *   node --import tsx bench/collect.ts --days 20                # a smaller slice
 *
 * Rows are marked synthetic in lineage (context.origin = 'synthetic-test').
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { backfill } from '../src/collect/backfill.js';
import { MLB_TEAMS } from '../src/domain/teams/mlb.js';
import { mulberry32 } from '../src/models/mulberry32.js';
import { openStore, type Database } from '../src/store/index.js';
import { startReplayServer } from '../test/collect/replay-server.js';
import { throwawayStore } from './throwaway-store.js';

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const engine = arg('--engine') ?? 'duckdb';
const DAYS = Number(arg('--days') ?? 160);
const GAMES_PER_DAY = 15;
const BOOKS = ['draftkings', 'fanduel', 'betmgm', 'caesars', 'pointsbetus', 'betrivers', 'unibet_us', 'bovada', 'mybookieag', 'lowvig'];
const SNAPSHOTS = Array.from({ length: 20 }, (_, i) => `${String(i).padStart(2, '0')}:00`);
const FIRST_DAY = Date.parse('2024-04-01T00:00:00Z');

/** One day's snapshot at `date` (ISO): the day's 15 games, prices drifting with the hour. */
function snapshot(date: string): string {
  const day = Math.floor((Date.parse(date) - FIRST_DAY) / 86_400_000);
  const hour = Number(date.slice(11, 13));
  const dayRng = mulberry32(1000 + day);
  const teams = MLB_TEAMS.map((t) => t.name);
  for (let i = teams.length - 1; i > 0; i--) {
    const j = Math.floor(dayRng() * (i + 1));
    [teams[i], teams[j]] = [teams[j]!, teams[i]!];
  }
  const dayIso = new Date(FIRST_DAY + day * 86_400_000).toISOString().slice(0, 10);
  const data = Array.from({ length: GAMES_PER_DAY }, (_, g) => {
    const home = teams[2 * g]!;
    const away = teams[2 * g + 1]!;
    const base = 1.5 + dayRng(); // home decimal price around 1.5–2.5
    return {
      id: `bench${dayIso.replaceAll('-', '')}${String(g).padStart(2, '0')}`,
      sport_key: 'baseball_mlb',
      sport_title: 'MLB',
      commence_time: `${dayIso}T23:${String(5 + g).padStart(2, '0')}:00Z`,
      home_team: home,
      away_team: away,
      bookmakers: BOOKS.map((book, b) => {
        const rng = mulberry32(day * 100_000 + g * 1000 + b * 37 + hour);
        const home$ = Math.round((base + (rng() - 0.5) * 0.1) * 100) / 100;
        const away$ = Math.round((1 / Math.max(0.05, 1.05 - 1 / home$)) * 100) / 100;
        const total = 7.5 + Math.round(rng() * 3);
        return {
          key: book,
          title: book,
          last_update: `${date.slice(0, 19)}Z`,
          markets: [
            { key: 'h2h', outcomes: [{ name: home, price: home$ }, { name: away, price: away$ }] },
            { key: 'spreads', outcomes: [{ name: home, price: 1.91, point: -1.5 }, { name: away, price: 1.91, point: 1.5 }] },
            { key: 'totals', outcomes: [{ name: 'Over', price: 1.87 + Math.round(rng() * 8) / 100, point: total }, { name: 'Under', price: 1.87, point: total }] },
          ],
        };
      }),
    };
  });
  return JSON.stringify({ timestamp: `${date.slice(0, 19)}Z`, previous_timestamp: null, next_timestamp: null, data });
}

/** `--profile`: time spent per statement kind (first words of the SQL, or the bulk-load table), to stderr. */
const timings = new Map<string, { n: number; ms: number }>();
function profiled(db: Database): Database {
  const time = async <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      const entry = timings.get(key) ?? { n: 0, ms: 0 };
      entry.n++;
      entry.ms += performance.now() - t0;
      timings.set(key, entry);
    }
  };
  const label = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 70);
  return {
    ...db,
    engine: db.engine,
    location: db.location,
    capabilities: db.capabilities,
    query: (sql, params) => time(label(sql), () => db.query(sql, params)),
    execute: (sql, params) => time(label(sql), () => db.execute(sql, params)),
    exec: (sql) => db.exec(sql),
    bulkLoad: (table, columns, rows) => time(`COPY ${table}`, () => db.bulkLoad(table, columns, rows)),
    transaction: (work) => db.transaction((tx) => work(profiled(tx))),
    close: () => db.close(),
  } as Database;
}

async function main(): Promise<void> {
  const { env, cleanup } = await throwawayStore(engine, 'collect');
  const server = await startReplayServer((url) => (url.pathname === '/v4/historical/sports/baseball_mlb/odds' ? { body: snapshot(url.searchParams.get('date')!) } : null));
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const opened = await openStore(env);
  const db = process.argv.includes('--profile') ? profiled(opened) : opened;
  try {
    const to = new Date(FIRST_DAY + (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
    const t0 = performance.now();
    const report = await backfill(db, {
      source: 'the-odds-api',
      from: '2024-04-01',
      to,
      sports: ['mlb'],
      snapshotTimes: SNAPSHOTS,
      synthetic: true,
      config: { sources: { 'the-odds-api': { baseUrl: server.url } } },
      env: { THE_ODDS_API_KEY: 'bench' },
      client: { ratePerSecond: 100_000, burst: 100, timeoutMs: 30_000 },
    });
    const seconds = (performance.now() - t0) / 1000;
    const [counts] = await db.query<{ games: number; quotes: number; raw: number }>(
      `SELECT (SELECT COUNT(*) FROM curated.games) AS games, (SELECT COUNT(*) FROM curated.quotes) AS quotes, (SELECT COUNT(*) FROM raw.records) AS raw`,
    );
    const quotes = Number(counts!.quotes);
    const result = {
      bench: 'collect',
      engine,
      node: process.version,
      days: DAYS,
      requests: report.summary.requests,
      windows: report.summary.windows,
      failed_windows: report.summary.failed,
      raw_records: Number(counts!.raw),
      curated_games: Number(counts!.games),
      curated_quotes: quotes,
      seconds: Math.round(seconds * 10) / 10,
      quotes_per_second: Math.round(quotes / seconds),
      records_per_second: Math.round(Number(counts!.raw) / seconds),
      peak_rss_mb: Math.round(peakRss / 1048576),
      measured_at: new Date().toISOString(),
    };
    process.stdout.write(JSON.stringify(result) + '\n');
    if (timings.size) {
      for (const [key, t] of [...timings.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) {
        process.stderr.write(`${(t.ms / 1000).toFixed(2).padStart(8)} s ${String(t.n).padStart(6)}× ${key}\n`);
      }
    }
    if (DAYS === 160) {
      const out = join(import.meta.dirname, 'results/collect.json');
      mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
      const all = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>) : {};
      all[engine] = result;
      writeFileSync(out, JSON.stringify(all, null, 2) + '\n');
    }
  } finally {
    clearInterval(sampler);
    await opened.close();
    await server.close();
    await cleanup();
  }
}

await main();
