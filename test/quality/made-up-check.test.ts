/**
 * The made-up-data detector as a publish-gate check, on both engines: quiet on the bundled real
 * sample, failing once rows a test made (synthetic lineage) are in the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles } from '../../src/pipeline/import-files.js';
import { runGate } from '../../src/quality/gates.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';

const SAMPLE = join(import.meta.dirname, '../../data/sample/nfl/nflverse_games_2019_2020.csv');

describe.each(ENGINES)('no_made_up_data in the publish gate, %s', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(engine);
    await importFiles(store.db, { format: 'nflverse-games', paths: [SAMPLE] });
  });
  afterAll(async () => store?.cleanup());

  it('passes on the real sample', async () => {
    const gate = await runGate(store.db, 'publish', { record: false });
    const check = gate.checks.find((c) => c.name === 'no_made_up_data')!;
    expect(check).toMatchObject({ severity: 'error', passed: true, offending_count: 0 });
  });

  it('fails the gate, naming the finding, once test-made rows are in the store', async () => {
    // Three real rows under new ids (so they are new records), imported as a test's synthetic rows.
    const lines = readFileSync(SAMPLE, 'utf8').trim().split('\n');
    const copy = join(mkdtempSync(join(tmpdir(), 'sl-madeup-')), 'copy.csv');
    writeFileSync(copy, [lines[0], ...lines.slice(1, 4).map((l) => l.replace(/^2019_01_/, '2019_99_'))].join('\n') + '\n');
    await importFiles(store.db, { format: 'nflverse-games', paths: [copy], synthetic: true });
    const gate = await runGate(store.db, 'publish', { record: false });
    const check = gate.checks.find((c) => c.name === 'no_made_up_data')!;
    expect(gate.passed).toBe(false);
    expect(check.passed).toBe(false);
    expect(check.examples).toEqual([expect.objectContaining({ sport: 'nfl', code: 'synthetic_lineage' })]);
    // The training gate does not run the detector: tests may train on synthetic rows, never publish them.
    const training = await runGate(store.db, 'training', { record: false });
    expect(training.checks.some((c) => c.name === 'no_made_up_data')).toBe(false);
  });
});
