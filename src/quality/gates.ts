/**
 * @module quality/gates
 * Named gates built from the check registry, in ONE config (`GATES`): each gate lists the checks it
 * runs and the severity it gives each. A gate fails when any of its error-severity checks finds
 * rows; warn-severity findings are reported but do not fail it. Every gate run is recorded with its
 * results in `ops.quality_runs` / `ops.quality_results` (history, never overwritten).
 *
 * - `ingest`: the data is structurally sound (keys, values, ranges, references) — after an import.
 * - `training`: ingest, plus what a model needs: finished games have scores, markets are sane, no
 *   game is counted twice. Coverage and cross-source disagreement are warnings.
 * - `publish`: training, with cross-source score disagreement promoted to an error, the
 *   made-up-data detector (placeholder names, constant prices, synthetic lineage, …) as an error,
 *   and a stale live source as an error.
 * Freshness, collection gaps and the staged rows' quality scores are warnings elsewhere. When a
 * gate run is recorded, the staged tables' quality scores are recorded with it (ops.quality_scores).
 */
import { SharplineError } from '../errors.js';
import type { Database } from '../store/database.js';
import { recordScores } from './scores.js';
import { CHECKS, findCheck, GateRunShared, runCheck, type CheckCategory, type CheckOutcome, type CheckSeverity } from './checks.js';

export type GateName = 'ingest' | 'training' | 'publish';
export const GATE_NAMES: readonly GateName[] = ['ingest', 'training', 'publish'];

/** Check name → the severity it has in this gate. */
export type GateConfig = Readonly<Record<string, CheckSeverity>>;

const INGEST: GateConfig = {
  games_keys_not_null: 'error',
  games_game_key_unique: 'error',
  games_status_accepted: 'error',
  games_scores_plausible: 'error',
  quotes_price_in_bounds: 'error',
  game_sources_game_exists: 'error',
  quotes_game_exists: 'error',
  betting_splits_game_exists: 'error',
  player_logs_game_exists: 'error',
  games_teams_exist: 'error',
  betting_splits_shares_in_range: 'error',
  games_final_have_scores: 'warn',
  closing_moneyline_booksum: 'warn',
  games_no_duplicates: 'warn',
  game_sources_scores_agree: 'warn',
  player_logs_matched: 'warn',
  source_freshness: 'warn',
  collection_gaps: 'warn',
  staged_row_quality: 'warn',
  staged_table_quality: 'warn',
};

const TRAINING: GateConfig = {
  ...INGEST,
  games_final_have_scores: 'error',
  closing_moneyline_booksum: 'error',
  games_no_duplicates: 'error',
  closing_moneyline_coverage: 'warn',
};

const PUBLISH: GateConfig = {
  ...TRAINING,
  game_sources_scores_agree: 'error',
  // Nothing is published on data that looks invented, or that tests and fixtures made.
  no_made_up_data: 'error',
  // Nor on prices a live source stopped refreshing.
  source_freshness: 'error',
};

/** The one gate config. */
export const GATES: Readonly<Record<GateName, GateConfig>> = { ingest: INGEST, training: TRAINING, publish: PUBLISH };

export function isGateName(value: string): value is GateName {
  return (GATE_NAMES as readonly string[]).includes(value);
}

export interface GateCheckResult extends CheckOutcome {
  severity: CheckSeverity;
  category: CheckCategory;
  passed: boolean;
}

/** The JSON shape of a gate run (format version 1). */
export interface GateResult {
  version: 1;
  gate: GateName;
  sport: string | null;
  /** The id of the run in `ops.quality_runs`; null when not recorded. */
  quality_run_id: number | null;
  passed: boolean;
  started_at: string;
  errors_failed: number;
  warnings_failed: number;
  checks: GateCheckResult[];
}

/** Runs every check of `gate`, records the run (unless `record: false`) and returns the verdict. */
export async function runGate(db: Database, gate: string, options: { sport?: string; record?: boolean } = {}): Promise<GateResult> {
  if (!isGateName(gate)) throw new SharplineError('SL_USAGE', `unknown gate "${gate}" (expected one of: ${GATE_NAMES.join(', ')})`);
  const startedAt = new Date();
  const checks: GateCheckResult[] = [];
  const shared = new GateRunShared(db);
  for (const [name, severity] of Object.entries(GATES[gate])) {
    const check = findCheck(name);
    if (!check) throw new Error(`gate ${gate} names unknown check ${name}`);
    const outcome = await runCheck(db, check, { sport: options.sport, shared });
    checks.push({ ...outcome, severity, passed: outcome.offending_count === 0 });
  }
  const errorsFailed = checks.filter((c) => !c.passed && c.severity === 'error').length;
  const warningsFailed = checks.filter((c) => !c.passed && c.severity === 'warn').length;
  const result: GateResult = {
    version: 1,
    gate,
    sport: options.sport ?? null,
    quality_run_id: null,
    passed: errorsFailed === 0,
    started_at: startedAt.toISOString(),
    errors_failed: errorsFailed,
    warnings_failed: warningsFailed,
    checks,
  };
  if (options.record !== false) {
    result.quality_run_id = await recordGateRun(db, result, new Date());
    await recordScores(db, (await shared.tableScores()).filter((s) => s.rows > 0));
  }
  return result;
}

async function recordGateRun(db: Database, result: GateResult, finishedAt: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ quality_run_id: number }>(
      `INSERT INTO ops.quality_runs (quality_run_id, gate, sport, started_at, finished_at, passed, checks_run, errors_failed, warnings_failed)
       VALUES (nextval('ops.quality_run_id_seq'), $1, $2, $3, $4, $5, $6, $7, $8) RETURNING quality_run_id`,
      [result.gate, result.sport, result.started_at, finishedAt.toISOString(), result.passed, result.checks.length, result.errors_failed, result.warnings_failed],
    );
    const id = Number(row!.quality_run_id);
    for (const c of result.checks) {
      await tx.execute(
        `INSERT INTO ops.quality_results (quality_run_id, check_name, category, severity, passed, offending_count, examples, duration_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, c.name, c.category, c.severity, c.passed, c.offending_count, JSON.stringify(c.examples), c.duration_ms],
      );
    }
    return id;
  });
}

/** Checks in the registry that no gate uses (kept visible so none is forgotten). */
export function ungatedChecks(): string[] {
  const used = new Set(GATE_NAMES.flatMap((g) => Object.keys(GATES[g])));
  return CHECKS.map((c) => c.name).filter((n) => !used.has(n));
}
