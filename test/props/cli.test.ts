/**
 * `sharpline props` as a user runs it: bad input gets a coded message and an exit code, never a
 * stack trace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createTestStore, ENGINES, type TestStore } from '../helpers/engines.js';

describe('props CLI usage errors', () => {
  it('a bad date is a usage error (exit 2) naming the flag', () => {
    const r = runCli(['props', 'predict', '--pitcher', 'Gerrit Cole', '--date', '07/02/2023'], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--date must be a date YYYY-MM-DD, got "07/02/2023" [SL_USAGE]');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe.each(ENGINES)('props CLI on an empty store, %s', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(engine);
    await store.db.close();
  });
  afterAll(async () => store?.cleanup().catch(() => undefined));

  it('an unknown pitcher is SL_PLAYER_NOT_FOUND (exit 3) with what to do, no stack', () => {
    const r = runCli(['props', 'predict', '--pitcher', 'Nobody Atall', '--date', '2023-07-01'], store.env);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^sharpline: no pitcher "Nobody Atall" in the store .*import pitcher logs.* \[SL_PLAYER_NOT_FOUND\]\n$/);
  });
});
