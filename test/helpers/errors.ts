/**
 * Asserting typed errors: `run` must throw a SharplineError with `code` whose message contains
 * every fragment (the value and the reason a user would need to fix the input).
 */
import { expect } from 'vitest';
import { SharplineError, type ErrorCode } from '../../src/errors.js';

export function expectSharplineError(run: () => unknown, code: ErrorCode, ...fragments: string[]): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SharplineError);
  const error = caught as SharplineError;
  expect(error.code).toBe(code);
  for (const fragment of fragments) expect(error.message).toContain(fragment);
}

/** The async twin of {@link expectSharplineError}: `run` must reject with that code and fragments. */
export async function expectSharplineRejection(run: () => Promise<unknown>, code: ErrorCode, ...fragments: string[]): Promise<void> {
  let caught: unknown;
  try {
    await run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SharplineError);
  const error = caught as SharplineError;
  expect(error.code).toBe(code);
  for (const fragment of fragments) expect(error.message).toContain(fragment);
}
