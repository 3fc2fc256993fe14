/**
 * @module errors
 * One registry of sharpline's operational errors. A `SharplineError` is a user-facing failure
 * (bad input, store locked, migration drift): the CLI prints its message without a stack and
 * exits with its `exitCode`. Anything else reaching the top is a bug.
 */

/** Every error code sharpline raises, with its default exit code. Codes are never reused. */
export const ERROR_CODES = {
  SL_USAGE: { exitCode: 2, description: 'A command was called with a bad argument or option.' },
  SL_STORE_LOCKED: { exitCode: 3, description: 'Another process holds the embedded DuckDB file for writing.' },
  SL_STORE_CONNECT: { exitCode: 3, description: 'The store could not be opened or reached.' },
  SL_STORE_QUERY: { exitCode: 3, description: 'A query failed in the store.' },
  SL_CONFIG: { exitCode: 2, description: 'An environment setting (SHARPLINE_*, DATABASE_URL) has an invalid value.' },
  SL_MIGRATION_CHANGED: { exitCode: 3, description: 'An applied migration file was edited after it ran.' },
  SL_MIGRATION_MISSING: { exitCode: 3, description: 'The store has a migration applied that no file describes.' },
  SL_MIGRATION_PENDING: { exitCode: 3, description: 'The store is behind the migration files; run `sharpline db migrate`.' },
  SL_MIGRATION_FAILED: { exitCode: 3, description: 'A migration failed and was rolled back.' },
  SL_SOURCE_NOT_FOUND: { exitCode: 3, description: 'An input path does not exist or is not a readable file.' },
  SL_SOURCE_UNKNOWN_FORMAT: { exitCode: 2, description: 'No importer exists for the named format.' },
  SL_SOURCE_PARSE: { exitCode: 3, description: 'An input file could not be read as the named format.' },
  SL_SOURCE_MAPPING: { exitCode: 2, description: 'A `csv --map` mapping file is invalid.' },
  SL_NOTHING_LOADED: { exitCode: 3, description: 'An import ran but no valid row could be loaded.' },
  SL_STRICT_REJECTED: { exitCode: 3, description: '`--strict` was given and at least one row was quarantined.' },
  SL_RUN_NOT_FOUND: { exitCode: 3, description: 'No pipeline run has that id.' },
  SL_GAME_NOT_FOUND: { exitCode: 3, description: 'No curated game has that id.' },
  SL_ODDS_INVALID: { exitCode: 2, description: 'A price is not valid odds (decimal ≤ 1, NaN, American between −100 and +100, malformed fraction).' },
  SL_MARKET_INVALID: { exitCode: 2, description: 'A market cannot be de-vigged or priced (fewer than two outcomes, bad probabilities).' },
  SL_BET_INVALID: { exitCode: 2, description: 'A bet or staking request is malformed (probability outside (0, 1), negative bankroll, bad fraction).' },
  SL_OUTCOME_CONFLICT: { exitCode: 1, description: 'Sources disagree on a final score; reported, never overwritten.' },
  SL_NO_TRAINING_DATA: { exitCode: 3, description: 'A model was asked to train, but the store holds no real scored games for that sport (and range).' },
  SL_QUALITY_GATE: { exitCode: 3, description: 'A quality gate failed, so training or publishing stopped (`--force` overrides, and is logged).' },
  SL_MODEL_NOT_TRAINED: { exitCode: 3, description: 'A prediction needs a trained system that the registry does not hold; run `sharpline train`.' },
  SL_MODEL_INPUT: { exitCode: 2, description: 'A model was given unusable input (NaN features, mismatched lengths, probabilities outside [0, 1]).' },
  SL_PLAYER_NOT_FOUND: { exitCode: 3, description: 'No player in the store matches the name or id given, or several do (the candidates are listed).' },
  SL_SOURCE_HTTP: { exitCode: 3, description: 'An HTTP source failed after retries (status, timeout or network error), or its circuit breaker is open.' },
  SL_COLLECT_PARTIAL: { exitCode: 3, description: 'A backfill finished with failed windows; `--resume` retries just those.' },
  SL_JOB_UNKNOWN: { exitCode: 2, description: 'No job has that name, or a job schedule in config is not a valid cron expression.' },
  SL_JOB_FAILED: { exitCode: 3, description: 'A job ran and failed; the failure is recorded in ops.job_runs.' },
  SL_QUEUE_CONFIG: { exitCode: 2, description: 'Queue workers need REDIS_URL and DATABASE_URL (the embedded store has one writer).' },
  SL_TEAM_NOT_FOUND: { exitCode: 3, description: 'No team in the store has that id.' },
  SL_AUTH_REQUIRED: { exitCode: 2, description: 'An admin or mutating API endpoint was called without a valid, unrevoked API key.' },
  SL_API_KEY_NOT_FOUND: { exitCode: 3, description: 'No API key has that id (`sharpline apikey list` shows them).' },
  SL_GAME_STARTED: { exitCode: 3, description: 'A prediction was to be published for a game that is under way, over, postponed or canceled: a forecast is published before the start.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A known, user-facing failure: message for people, code for scripts, cause kept for debugging. */
export class SharplineError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(message, { cause: options.cause });
    this.name = 'SharplineError';
    this.code = code;
    this.exitCode = ERROR_CODES[code].exitCode;
    this.details = options.details;
  }
}

/** True for errors sharpline raised on purpose (as opposed to bugs). */
export function isSharplineError(error: unknown): error is SharplineError {
  return error instanceof SharplineError;
}
