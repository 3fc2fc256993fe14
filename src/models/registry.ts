/**
 * @module models/registry
 * Trained systems, versioned in the store (`analytics.model_registry`): each training writes a new
 * row (never overwrites), and prediction loads the latest one for the system and sport. Parameters
 * are plain JSON, so a model trained by one process predicts in another.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../store/database.js';
import type { GameRecord } from './types.js';

export interface TrainedSystem<P = unknown> {
  system: string;
  version: string;
  sport: string;
  trainedAt: string;
  trainedUntil: string;
  games: number;
  params: P;
  metrics: Record<string, unknown>;
  dataHash: string;
  runId: number;
}

type RegistryRow = {
  system: string;
  version: string;
  sport: string;
  trained_at: Date | string;
  trained_until: string;
  games: number;
  params: string | object;
  metrics: string | object;
  data_hash: string;
  run_id: number;
};

/** Stores one trained system. */
export async function saveTrainedSystem(db: Database, trained: TrainedSystem): Promise<void> {
  await db.execute(
    `INSERT INTO analytics.model_registry (system, version, sport, trained_at, trained_until, games, params, metrics, data_hash, run_id)
     VALUES ($1, $2, $3, CAST($4 AS TIMESTAMPTZ), CAST($5 AS DATE), $6, CAST($7 AS JSON), CAST($8 AS JSON), $9, $10)`,
    [trained.system, trained.version, trained.sport, trained.trainedAt, trained.trainedUntil, trained.games, JSON.stringify(trained.params), JSON.stringify(trained.metrics), trained.dataHash, trained.runId],
  );
}

/** The latest training of each system for a sport (or every sport). */
export async function latestTrainedSystems(db: Database, sport?: string): Promise<TrainedSystem[]> {
  const rows = await db.query<RegistryRow>(
    `SELECT system, version, sport, trained_at, CAST(trained_until AS VARCHAR) AS trained_until, games,
            CAST(params AS VARCHAR) AS params, CAST(metrics AS VARCHAR) AS metrics, data_hash, run_id
     FROM (SELECT r.*, ROW_NUMBER() OVER (PARTITION BY system, sport ORDER BY trained_at DESC) AS rn
           FROM analytics.model_registry r ${sport ? 'WHERE sport = $1' : ''}) latest
     WHERE rn = 1 ORDER BY sport, system`,
    sport ? [sport] : [],
  );
  return rows.map(fromRow);
}

function fromRow(r: RegistryRow): TrainedSystem {
  return {
    system: r.system,
    version: r.version,
    sport: r.sport,
    trainedAt: new Date(r.trained_at).toISOString(),
    trainedUntil: r.trained_until,
    games: Number(r.games),
    params: typeof r.params === 'string' ? JSON.parse(r.params) : r.params,
    metrics: (typeof r.metrics === 'string' ? JSON.parse(r.metrics) : r.metrics) as Record<string, unknown>,
    dataHash: r.data_hash,
    runId: Number(r.run_id),
  };
}

/** A stable hash of the games a system learned from: ids, dates, teams, sites and scores. */
export function hashGames(games: readonly GameRecord[]): string {
  const hash = createHash('sha256');
  for (const g of games) hash.update(`${g.gameId}|${g.date}|${g.home}|${g.away}|${g.neutral ? 1 : 0}|${g.homeScore ?? ''}|${g.awayScore ?? ''}\n`);
  return hash.digest('hex').slice(0, 16);
}

/** A stable hash of any JSON value: keys sorted, so equal inputs always hash equal. */
export function hashInputs(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
