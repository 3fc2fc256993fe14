/**
 * The dashboard end to end in a real browser: playwright-core drives Debian's chromium against the
 * real server on a real port over real data (the sample, trained and backtested). Pages load,
 * charts render as SVG, a filter changes the picks table. Screenshots go to
 * test-artifacts/serve/ (git-ignored; CI keeps them as artifacts). DuckDB only: the page code is
 * the same on both engines, and the API tests cover PostgreSQL.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestStore } from '../helpers/engines.js';
import { createServedStore, SAMPLE_DAY } from './fixture.js';
import { createTestApp, type TestApp } from './harness.js';

const ARTIFACTS = join(import.meta.dirname, '../../test-artifacts/serve');
const CHROMIUM = process.env.SHARPLINE_CHROMIUM ?? '/usr/bin/chromium';

describe.runIf(ENGINES.includes('duckdb'))('dashboard in chromium', () => {
  let store: TestStore;
  let t: TestApp;
  let base: string;
  let profile: string;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    store = await createServedStore('duckdb');
    t = await createTestApp(store.db);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    mkdirSync(ARTIFACTS, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), 'sharpline-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
  });
  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await t?.app.close();
    await store?.cleanup();
  });

  it('shows the picks of a game day, and a filter changes the table', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/?date=${SAMPLE_DAY}`);
    const rows = page.locator('#picks-body tr');
    const all = await rows.count();
    expect(all).toBeGreaterThan(3);
    await expect.poll(() => page.locator('#hindsight').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'picks.png'), fullPage: true });

    // Only moneylines: uncheck spread and total; the script re-queries the API and redraws.
    await page.locator('input[name=market][value=spread]').uncheck();
    await page.locator('input[name=market][value=total]').uncheck();
    await expect.poll(() => page.locator('#picks-count').textContent(), { timeout: 10_000 }).toMatch(/^\d+ picks on/);
    const markets = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-market')));
    expect(markets.length).toBeGreaterThan(0);
    expect(markets.length).toBeLessThan(all);
    expect(new Set(markets)).toEqual(new Set(['moneyline']));

    // A minimum edge above the median leaves the rows at or above it, as the table showed them.
    const edgesOf = () => rows.evaluateAll((trs) => trs.map((tr) => parseFloat(tr.children[7]!.textContent ?? '')));
    const shown = (await edgesOf()).sort((x, y) => x - y);
    const threshold = Math.ceil(shown[Math.floor(shown.length / 2)]! * 2) / 2;
    const expected = shown.filter((e) => e >= threshold + 0.05).length;
    await page.locator('input[name=min_edge]').fill(String(threshold));
    await page.locator('input[name=min_edge]').dispatchEvent('change');
    await expect.poll(async () => rows.count(), { timeout: 10_000 }).toBeLessThan(shown.length);
    const edges = await edgesOf();
    expect(edges.length).toBeGreaterThanOrEqual(expected);
    expect(edges.every((e) => e >= threshold - 0.05)).toBe(true);
    expect(page.url()).toContain(`min_edge=${threshold / 100}`);
    await page.screenshot({ path: join(ARTIFACTS, 'picks-filtered.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('draws the systems charts (calibration, bankroll, Brier by season) from the backtest', async () => {
    await page.goto(`${base}/systems?sport=nfl`);
    for (const id of ['calibration', 'bankroll', 'brier-by-season']) {
      const svg = page.locator(`[data-chart="${id}"] svg`);
      await expect.poll(() => svg.count()).toBe(1);
      const box = await svg.boundingBox();
      expect(box!.width).toBeGreaterThan(200);
      expect(await svg.locator('path, line, rect, circle').count()).toBeGreaterThan(5);
    }
    expect(await page.locator('#comparison tbody tr').count()).toBe(5);
    await page.screenshot({ path: join(ARTIFACTS, 'systems.png'), fullPage: true });
  });

  it("charts a team's rating history", async () => {
    await page.goto(`${base}/teams`);
    await page.locator('a', { hasText: 'Kansas City Chiefs' }).click();
    await page.waitForURL(/\/teams\/nfl-kc$/);
    const svg = page.locator('#rating-chart svg');
    expect(await svg.count()).toBe(1);
    expect((await svg.boundingBox())!.height).toBeGreaterThan(100);
    await page.screenshot({ path: join(ARTIFACTS, 'team.png'), fullPage: true });
  });

  it('shows data quality, pipeline runs and job runs', async () => {
    await page.goto(`${base}/status`);
    expect(await page.locator('#quality tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('#quality').textContent()).toContain('passed');
    const commands = await page.locator('#runs tbody tr td:nth-child(2)').allTextContents();
    expect(commands).toEqual(expect.arrayContaining(['import', 'train', 'backtest']));
    expect(await page.locator('#job-runs').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'status.png'), fullPage: true });
  });
});
