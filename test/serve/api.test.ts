/**
 * The HTTP API over a real store (the bundled sample, NFL trained and backtested) on each engine,
 * through the real Fastify app (`inject`): answers computed from stored prices, schema validation
 * (400 with a clear message, never 500), caching and invalidation, OpenAPI docs, metrics, API keys,
 * rate limits and CORS.
 */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, waitForRedis } from '../../src/cache/index.js';
import { kellyFraction } from '../../src/domain/decisions/index.js';
import { removeVig } from '../../src/domain/vig/index.js';
import { runGate } from '../../src/quality/gates.js';
import { createApiKey, revokeApiKey } from '../../src/serve/api-keys.js';
import type { GamePrediction } from '../../src/serve/data/predictions.js';
import type { PicksReport } from '../../src/serve/data/picks.js';
import { ENGINES, type TestStore } from '../helpers/engines.js';
import { expectSharplineRejection } from '../helpers/errors.js';
import { createServedStore, SAMPLE_DAY } from './fixture.js';
import { createTestApp, type TestApp } from './harness.js';

describe.each(ENGINES)('serve API on %s', (engine) => {
  let store: TestStore;
  let t: TestApp;
  let gameId: number;
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const json = <T = Record<string, unknown>>(body: string) => JSON.parse(body) as T;
  const scalar = async (sql: string, params: (string | number)[] = []) => Number(Object.values((await store.db.query(sql, params))[0]!)[0]);

  beforeAll(async () => {
    store = await createServedStore(engine);
    t = await createTestApp(store.db);
    const games = json<{ games: { game_id: number }[] }>((await get(`/v1/games?date=${SAMPLE_DAY}&sport=nfl`)).body).games;
    gameId = games[0]!.game_id;
  });
  afterAll(async () => {
    await t?.app.close();
    await store?.cleanup();
  });

  it('answers liveness and readiness, naming the engine and the cache tier', async () => {
    expect((await get('/health/live')).statusCode).toBe(200);
    const ready = await get('/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(json(ready.body)).toMatchObject({ status: 'ready', store: 'ok', engine, cache: 'memory' });
  });

  it('lists games by date, sport and team', async () => {
    const day = json<{ games: { game_date: string; sport: string; home_team_id: string; away_team_id: string }[] }>((await get(`/v1/games?date=${SAMPLE_DAY}`)).body).games;
    expect(day).toHaveLength(await scalar(`SELECT COUNT(*) AS n FROM curated.games WHERE game_date = CAST($1 AS DATE)`, [SAMPLE_DAY]));
    expect(day.every((g) => g.game_date === SAMPLE_DAY)).toBe(true);
    const kc = json<{ games: { home_team_id: string; away_team_id: string; sport: string }[] }>((await get('/v1/games?team=nfl-kc&sport=nfl&limit=1000')).body).games;
    expect(kc.length).toBeGreaterThan(30);
    expect(kc.every((g) => g.home_team_id === 'nfl-kc' || g.away_team_id === 'nfl-kc')).toBe(true);
  });

  it('predicts a game with every system and the ensemble, deciding at the stored closing prices', async () => {
    const res = await get(`/v1/games/${gameId}/predictions`);
    expect(res.statusCode).toBe(200);
    const p = json<GamePrediction>(res.body);
    expect(p.systems.map((s) => s.system)).toEqual(['elo_v1', 'score_v1', 'ml_v1', 'ml_gbm_v1', 'ensemble_v1']);
    expect(p.prices.source).toBe('stored');
    // The prices are the store's closing moneyline of that book, not assumed odds.
    const stored = await store.db.query<{ side: string; price_decimal: number }>(
      `SELECT side, price_decimal FROM curated.closing_lines WHERE game_id = $1 AND book = $2 AND market = 'moneyline'`,
      [gameId, p.prices.book!],
    );
    const home = Number(stored.find((r) => r.side === 'home')!.price_decimal);
    const away = Number(stored.find((r) => r.side === 'away')!.price_decimal);
    expect(p.prices.prices.home).toBeCloseTo(home, 12);
    const ml = p.decisions.find((d) => d.market === 'moneyline' && d.side === 'home')!;
    const q = p.consensus!.moneyline.home;
    expect(ml.price).toBeCloseTo(home, 12);
    expect(ml.probability).toBeCloseTo(q, 12);
    expect(ml.fair_price).toBeCloseTo(1 / q, 12);
    expect(ml.market_probability!).toBeCloseTo(removeVig([home, away], 'multiplicative').probabilities[0]!, 12);
    expect(ml.edge!).toBeCloseTo(q - ml.market_probability!, 12);
    expect(ml.ev).toBeCloseTo(q * home - 1, 12);
    expect(ml.kelly_stake).toBeCloseTo(kellyFraction(q, home, { fraction: 0.25 }).applied, 12);
    expect(p.decisions.some((d) => d.market === 'spread') && p.decisions.some((d) => d.market === 'total')).toBe(true);
    // The sample's games are inside the systems' training window, and the answer says so.
    expect(p.trained_on_game).toContain('ensemble_v1');
  });

  it('decides at given prices instead, with the Kelly fraction asked for', async () => {
    const p = json<GamePrediction>((await get(`/v1/games/${gameId}/predictions?price_home=2.5&price_away=1.6&kelly=0.5`)).body);
    expect(p.prices).toMatchObject({ source: 'given', prices: { home: 2.5, away: 1.6 } });
    const d = p.decisions.find((x) => x.side === 'home')!;
    expect(d.kelly_stake).toBeCloseTo(kellyFraction(d.probability, 2.5, { fraction: 0.5 }).applied, 12);
    expect(p.decisions.every((x) => x.market === 'moneyline')).toBe(true);
  });

  it('says so when a game has no stored price, and decides nothing', async () => {
    const id = await scalar(`SELECT MAX(game_id) + 1 AS id FROM curated.games`);
    await store.db.execute(
      `INSERT INTO curated.games (game_id, game_key, sport, league, season, season_type, game_date, game_number, home_team_id, away_team_id, is_neutral_site, status, created_run_id)
       VALUES ($1, $2, 'nfl', 'NFL', 2021, 'regular', CAST('2021-09-12' AS DATE), 1, 'nfl-kc', 'nfl-cle', FALSE, 'scheduled', 1)`,
      [id, `nfl:2021-09-12:nfl-kc:nfl-cle:1`],
    );
    const p = json<GamePrediction>((await get(`/v1/games/${id}/predictions`)).body);
    expect(p.prices.source).toBe('none');
    expect(p.prices.note).toContain('no stored price');
    expect(p.decisions).toEqual([]);
    expect(p.consensus!.moneyline.home).toBeGreaterThan(0);
    expect(p.trained_on_game).toEqual([]);
    const picks = json<PicksReport>((await get('/v1/picks?date=2021-09-12')).body);
    expect(picks.picks).toEqual([]);
    expect(picks.skipped).toEqual([expect.objectContaining({ game_id: id, reason: expect.stringContaining('no stored price') })]);
  });

  it('filters the picks by minimum edge, confidence, market and sport', async () => {
    const all = json<PicksReport>((await get(`/v1/picks?date=${SAMPLE_DAY}`)).body);
    expect(all.games).toBeGreaterThan(10);
    expect(all.picks.length).toBeGreaterThan(0);
    expect(all.picks.every((p) => p.ev > 0 && p.edge! >= 0 && p.book !== null)).toBe(true);
    const edgy = json<PicksReport>((await get(`/v1/picks?date=${SAMPLE_DAY}&min_edge=0.1`)).body);
    expect(edgy.picks.length).toBeLessThan(all.picks.length);
    expect(edgy.picks.every((p) => p.edge! >= 0.1)).toBe(true);
    const sure = json<PicksReport>((await get(`/v1/picks?date=${SAMPLE_DAY}&min_confidence=0.6`)).body);
    expect(sure.picks.every((p) => p.probability >= 0.6)).toBe(true);
    const ml = json<PicksReport>((await get(`/v1/picks?date=${SAMPLE_DAY}&markets=moneyline`)).body);
    expect(ml.picks.length).toBeGreaterThan(0);
    expect(ml.picks.every((p) => p.market === 'moneyline')).toBe(true);
    expect(json<PicksReport>((await get(`/v1/picks?date=${SAMPLE_DAY}&sport=soccer`)).body).games).toBe(0);
  });

  it('rejects bad input with a 400 that names the field, never a 500', async () => {
    const cases: [string, string][] = [
      ['/v1/games?date=2020-02-30', 'querystring.date: not a calendar date'],
      ['/v1/games?date=13/09/2020', 'querystring.date: expected a date as YYYY-MM-DD'],
      ['/v1/games?sport=curling', 'querystring.sport'],
      ['/v1/games?limit=0', 'querystring.limit'],
      ['/v1/games?colour=red', 'unknown parameter colour'],
      ['/v1/games/abc/predictions', 'params.gameId'],
      [`/v1/games/${gameId}/predictions?price_home=0.9`, 'a decimal price must be greater than 1'],
      [`/v1/games/${gameId}/predictions?kelly=2`, 'querystring.kelly'],
      ['/v1/picks?min_edge=lots', 'querystring.min_edge'],
      ['/v1/picks?markets=moneyline,props', 'markets must be a comma-separated list'],
      ['/v1/teams/NOT A TEAM/ratings', 'params.teamId'],
      ['/v1/backtests/charts', 'querystring.sport'],
    ];
    for (const [url, message] of cases) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(json<{ error: { code: string; message: string } }>(res.body).error, url).toMatchObject({ code: 'SL_USAGE', message: expect.stringContaining(message) });
    }
    expect((await get('/v1/games/99999999/predictions')).statusCode).toBe(404);
    expect((await get('/v1/teams/nfl-nowhere/ratings')).statusCode).toBe(404);
    expect((await get('/v1/nothing-here')).statusCode).toBe(404);
  });

  it("serves a team's Elo history from the trained profile", async () => {
    const r = json<{ points: { elo_before: number; elo_after: number; date: string; margin: number | null }[]; trained_until: string }>((await get('/v1/teams/nfl-kc/ratings')).body);
    expect(r.points).toHaveLength(await scalar(`SELECT COUNT(*) AS n FROM curated.games WHERE (home_team_id = 'nfl-kc' OR away_team_id = 'nfl-kc') AND game_date <= CAST($1 AS DATE)`, [r.trained_until]));
    // A win raises the rating, a loss lowers it.
    for (const p of r.points.filter((x) => x.margin !== null && x.margin !== 0)) expect(Math.sign(p.elo_after - p.elo_before)).toBe(Math.sign(p.margin!));
  });

  it('serves the evaluation views, backtests with charts, quality, pipeline and job runs', async () => {
    const cmp = json<{ comparison: { system: string; games: number }[] }>((await get('/v1/systems/comparison?sport=nfl')).body).comparison;
    expect(cmp.map((c) => c.system).sort()).toEqual(['elo_v1', 'ensemble_v1', 'ml_gbm_v1', 'ml_v1', 'score_v1']);
    for (const view of ['performance', 'coverage', 'agreement']) expect(json<Record<string, unknown[]>>((await get(`/v1/systems/${view}`)).body)[view]!.length).toBeGreaterThan(0);
    const bt = json<{ backtests: { sport: string; systems: { system: string; games: number }[] }[] }>((await get('/v1/backtests')).body).backtests;
    expect(bt[0]).toMatchObject({ sport: 'nfl', systems: expect.arrayContaining([expect.objectContaining({ system: 'ensemble_v1', games: cmp[0]!.games })]) });
    const charts = json<{ season: number; charts: { id: string; svg: string | null }[] }>((await get('/v1/backtests/charts?sport=nfl')).body);
    expect(charts.season).toBe(2020);
    expect(charts.charts.map((c) => c.id)).toEqual(['calibration', 'bankroll', 'brier-by-season']);
    expect(charts.charts.every((c) => c.svg?.startsWith('<svg'))).toBe(true);
    const quality = json<{ gates: { gate: string; passed: boolean }[]; healthy: boolean }>((await get('/v1/quality')).body);
    expect(quality.gates.some((g) => g.gate === 'training')).toBe(true);
    const runs = json<{ runs: { command: string }[] }>((await get('/v1/runs?limit=100')).body).runs;
    expect(runs.map((r) => r.command)).toEqual(expect.arrayContaining(['import', 'train', 'backtest']));
    const jobs = json<{ available: boolean; runs: unknown[] }>((await get('/v1/job-runs')).body);
    expect(Array.isArray(jobs.runs)).toBe(true);
  });

  it('caches by kind and drops the cache when the store changes (a new quality run)', async () => {
    const url = `/v1/games/${gameId}/predictions?kelly=0.3`;
    expect((await get(url)).headers['x-cache']).toBe('computed');
    expect((await get(url)).headers['x-cache']).toBe('memory');
    const before = t.cache.generation;
    await runGate(store.db, 'ingest');
    // The invalidator polls every 100 ms here; a check now covers the case it has not yet.
    await t.invalidator.check();
    expect(t.cache.generation).not.toBe(before);
    expect((await get(url)).headers['x-cache']).toBe('computed');
  });

  it('documents every route in OpenAPI at /docs, with the validated parameters', async () => {
    const doc = json<{ paths: Record<string, Record<string, { parameters?: { name: string }[] }>> }>((await get('/docs/json')).body);
    for (const path of ['/v1/games', '/v1/games/{gameId}/predictions', '/v1/picks', '/v1/teams/{teamId}/ratings', '/v1/systems/comparison', '/v1/backtests', '/v1/quality', '/v1/runs', '/v1/job-runs', '/health/ready', '/metrics', '/v1/admin/jobs/retrain']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/v1/picks']!.get!.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['date', 'min_edge', 'min_confidence', 'markets', 'sport']));
    expect((await get('/docs')).statusCode).toBeLessThan(400);
  });

  it('exposes Prometheus metrics per route template and cache tier', async () => {
    const text = (await get('/metrics')).body;
    expect(text).toMatch(/sharpline_http_requests_total\{method="GET",route="\/v1\/games\/:gameId\/predictions",status="200"\} \d+/);
    expect(text).toMatch(/sharpline_http_request_duration_seconds_bucket\{method="GET",route="\/v1\/picks",le="0.01"\} \d+/);
    expect(text).toMatch(/sharpline_cache_requests_total\{kind="prediction",tier="memory"\} [1-9]/);
    expect(text).toContain('sharpline_cache_redis_up 0');
  });

  it('guards admin endpoints with hashed API keys, and never logs the key', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const logged = await createTestApp(store.db, { logger: { level: 'info', stream: sink, redact: ['req.headers.authorization', 'req.headers["x-api-key"]'] } });
    try {
      const post = (headers: Record<string, string> = {}) => logged.app.inject({ method: 'POST', url: '/v1/admin/cache/invalidate', headers });
      const none = await post();
      expect(none.statusCode).toBe(401);
      expect(json<{ error: { code: string } }>(none.body).error.code).toBe('SL_AUTH_REQUIRED');
      expect((await post({ authorization: 'Bearer sl_000000000000_' + 'x'.repeat(43) })).statusCode).toBe(401);
      const key = await createApiKey(store.db, 'api test');
      const [row] = await store.db.query<{ key_hash: string }>(`SELECT key_hash FROM ops.api_keys WHERE api_key_id = $1`, [key.api_key_id]);
      expect(row!.key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row!.key_hash).not.toContain(key.key);
      expect((await post({ authorization: `Bearer ${key.key}` })).statusCode).toBe(200);
      expect((await post({ 'x-api-key': key.key })).statusCode).toBe(200);
      const bad = await logged.app.inject({ method: 'POST', url: '/v1/admin/cache/warm', headers: { authorization: `Bearer ${key.key}` }, payload: { date: 'tomorrow' } });
      expect(bad.statusCode).toBe(400);
      const warm = await logged.app.inject({ method: 'POST', url: '/v1/admin/cache/warm', headers: { authorization: `Bearer ${key.key}` }, payload: { date: SAMPLE_DAY } });
      const n = await scalar(`SELECT COUNT(*) AS n FROM curated.games WHERE game_date = CAST($1 AS DATE)`, [SAMPLE_DAY]);
      expect(json(warm.body)).toMatchObject({ date: SAMPLE_DAY, games: n, predicted: n, skipped: 0 });
      await revokeApiKey(store.db, key.api_key_id);
      await expectSharplineRejection(() => revokeApiKey(store.db, '000000000000'), 'SL_API_KEY_NOT_FOUND', '000000000000');
      expect((await post({ authorization: `Bearer ${key.key}` })).statusCode).toBe(401);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.join('')).not.toContain(key.key.slice(16));
    } finally {
      await logged.app.close();
    }
  });

  it('imports only from SHARPLINE_IMPORT_ROOT, and an import invalidates the cache', async () => {
    const sampleDir = join(import.meta.dirname, '../../data/sample');
    const key = (await createApiKey(store.db, 'import test')).key;
    const closed = await createTestApp(store.db);
    const open = await createTestApp(store.db, { env: { SHARPLINE_IMPORT_ROOT: sampleDir } });
    try {
      const post = (app: TestApp, paths: string[]) =>
        app.app.inject({ method: 'POST', url: '/v1/admin/import', headers: { authorization: `Bearer ${key}` }, payload: { format: 'nflverse-games', paths } });
      const off = await post(closed, ['nfl/nflverse_games_2019_2020.csv']);
      expect(off.statusCode).toBe(400);
      expect(off.body).toContain('set SHARPLINE_IMPORT_ROOT');
      const outside = await post(open, ['../../package.json']);
      expect(outside.statusCode).toBe(400);
      expect(outside.body).toContain('outside SHARPLINE_IMPORT_ROOT');
      const before = open.cache.generation;
      const again = await post(open, ['nfl/nflverse_games_2019_2020.csv']);
      expect(again.statusCode).toBe(200);
      // The same file again: every row is a duplicate (or the file is skipped whole), nothing is lost.
      const summary = JSON.parse(again.body) as { rows_in: number; loaded: number; quarantined: number; duplicates: number };
      expect(summary.loaded).toBe(0);
      expect(summary.rows_in).toBe(summary.loaded + summary.quarantined + summary.duplicates);
      expect(open.cache.generation).not.toBe(before);
    } finally {
      await closed.app.close();
      await open.app.close();
    }
  });

  it('keeps serving when Redis is down: cache and rate limits degrade to this process', async () => {
    const dead = connectRedis('redis://127.0.0.1:6399');
    await waitForRedis(dead, 100);
    const degraded = await createTestApp(store.db, { redis: dead, rateLimitRedis: dead });
    try {
      const ready = await degraded.app.inject('/health/ready');
      expect(JSON.parse(ready.body)).toMatchObject({ status: 'ready', cache: 'degraded: redis unavailable, memory only' });
      const url = `/v1/games/${gameId}/predictions`;
      const first = await degraded.app.inject(url);
      expect(first.statusCode).toBe(200);
      expect((await degraded.app.inject(url)).headers['x-cache']).toBe('memory');
      expect(first.body).toBe((await get(url)).body);
    } finally {
      await degraded.app.close();
      dead.disconnect();
    }
  });

  it('rate-limits per client and answers CORS only for configured origins', async () => {
    const limited = await createTestApp(store.db, { env: { SHARPLINE_RATE_LIMIT_MAX: '3', SHARPLINE_ADMIN_RATE_LIMIT_MAX: '2', SHARPLINE_CORS_ORIGINS: 'https://sharpline.example' } });
    try {
      // Admin routes count per key: a third call with the same key within the window is refused.
      const key = (await createApiKey(store.db, 'rate test')).key;
      const admin: number[] = [];
      for (let i = 0; i < 3; i += 1) admin.push((await limited.app.inject({ method: 'POST', url: '/v1/admin/cache/invalidate', remoteAddress: `10.1.0.${i}`, headers: { authorization: `Bearer ${key}` } })).statusCode);
      expect(admin).toEqual([200, 200, 429]);
      const codes: number[] = [];
      for (let i = 0; i < 5; i += 1) codes.push((await limited.app.inject('/health/live')).statusCode);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      const other = await limited.app.inject({ url: '/health/live', remoteAddress: '10.0.0.9' });
      expect(other.statusCode).toBe(200);
      const allowed = await limited.app.inject({ url: '/health/live', remoteAddress: '10.0.0.10', headers: { origin: 'https://sharpline.example' } });
      expect(allowed.headers['access-control-allow-origin']).toBe('https://sharpline.example');
      const denied = await limited.app.inject({ url: '/health/live', remoteAddress: '10.0.0.11', headers: { origin: 'https://evil.example' } });
      expect(denied.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await limited.app.close();
    }
  });
});
