/**
 * Invalidation on each engine: the store fingerprint moves when a writing command runs (a run in
 * the ledger, a retrain, a quality gate), the invalidator moves the cache's generation, and an
 * announcement over Redis pub/sub reaches another process's invalidator at once, without polling.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { CacheInvalidator, connectRedis, connectRedisSubscriber, DEFAULT_TTLS, storeFingerprint, TieredCache, waitForRedis } from '../../src/cache/index.js';
import { rollbackRun } from '../../src/pipeline/rollback-run.js';
import { finishRun, startRun, ZERO_COUNTS } from '../../src/pipeline/runs.js';
import { runGate } from '../../src/quality/gates.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';

const REDIS_URL = process.env.SHARPLINE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe.each(ENGINES)('cache invalidation on %s', (engine) => {
  let store: TestStore;
  const clients: Redis[] = [];
  beforeAll(async () => {
    store = await createTestStore(engine);
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await store?.cleanup();
  });

  it('moves the fingerprint when a run starts, finishes or is rolled back, and on a quality gate', async () => {
    const a = await storeFingerprint(store.db);
    const run = await startRun(store.db, 'import');
    const b = await storeFingerprint(store.db);
    await finishRun(store.db, run, 'succeeded', ZERO_COUNTS);
    const c = await storeFingerprint(store.db);
    await runGate(store.db, 'ingest');
    const d = await storeFingerprint(store.db);
    await rollbackRun(store.db, run);
    const e = await storeFingerprint(store.db);
    expect(new Set([a, b, c, d, e]).size).toBe(5);
    expect(await storeFingerprint(store.db)).toBe(e);
  });

  it('polls the fingerprint into the cache generation', async () => {
    const cache = new TieredCache({ ttls: DEFAULT_TTLS });
    const inv = new CacheInvalidator(store.db, cache, { intervalMs: 20 });
    await inv.start();
    try {
      await cache.getJson('prediction', 'k', async () => 1);
      const before = cache.generation;
      await finishRun(store.db, await startRun(store.db, 'sync-outcomes'), 'succeeded', ZERO_COUNTS);
      await expect.poll(() => cache.generation, { timeout: 2000, interval: 10 }).not.toBe(before);
      expect(cache.size).toBe(0);
    } finally {
      inv.stop();
    }
  });

  it('spreads an announcement over Redis to another process at once (its polling is off)', async () => {
    const pub = connectRedis(REDIS_URL);
    const sub = connectRedisSubscriber(REDIS_URL);
    clients.push(pub, sub);
    await waitForRedis(pub, 2000);
    const [writer, reader] = [new TieredCache({ ttls: DEFAULT_TTLS }), new TieredCache({ ttls: DEFAULT_TTLS })];
    // The reader only polls once an hour: only the announcement can move it.
    const readerInv = new CacheInvalidator(store.db, reader, { intervalMs: 3_600_000, subscriber: sub });
    const writerInv = new CacheInvalidator(store.db, writer, { intervalMs: 3_600_000, publisher: pub });
    await readerInv.start();
    await writerInv.start();
    try {
      await waitForRedis(sub, 2000);
      await new Promise((r) => setTimeout(r, 100)); // the SUBSCRIBE is not awaited by start()
      const before = reader.generation;
      await finishRun(store.db, await startRun(store.db, 'train'), 'succeeded', ZERO_COUNTS);
      await writerInv.announce();
      await expect.poll(() => reader.generation, { timeout: 2000, interval: 10 }).toBe(writer.generation);
      expect(reader.generation).not.toBe(before);
    } finally {
      readerInv.stop();
      writerInv.stop();
    }
  });
});
