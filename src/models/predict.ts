/**
 * @module models/predict
 * `sharpline predict`: one matchup through every trained system of the sport (the latest registry
 * entry of each), the ensemble's blend, fair odds, and, when prices are given, edge, expected value
 * and Kelly stake against them. Every system's answer is written to `analytics.predictions`.
 */
import { edge, expectedValue, kellyFraction } from '../domain/decisions/index.js';
import { removeVig } from '../domain/vig/index.js';
import type { Sport } from '../domain/sports.js';
import { teamRegistry } from '../domain/teams/index.js';
import { SharplineError } from '../errors.js';
import { finishRun, startRun } from '../pipeline/runs.js';
import type { Database } from '../store/database.js';
import { requireGate, type GateVerdict } from '../quality/require-gate.js';
import { calibratorFromJSON } from './ensemble/index.js';
import { FeatureTracker, type FeatureSnapshot } from './features/game-features.js';
import { gradientBoostingFromJSON, logisticFromJSON, marginRegressionFromJSON, type MarginRegressionJSON } from './ml/index.js';
import { logPredictions, type LoggedPrediction } from './prediction-log.js';
import { EloEngine, type EloSnapshot } from './ratings/index.js';
import { hashInputs, latestTrainedSystems, type TrainedSystem } from './registry.js';
import { SYSTEM_IDS, type SystemId } from './systems/catalog.js';
import { scoreMarkets, scoreModelFromJSON } from './systems/score-models.js';
import { calibrateLines, STARTER_ELO_PER_RUN } from './systems/walk-forward.js';
import type { GameRecord, MarketProbabilities } from './types.js';

export interface PredictOptions {
  sport: Sport;
  home: string;
  away: string;
  /** `YYYY-MM-DD`; default today (UTC). */
  date?: string;
  neutral?: boolean;
  /** MLB starting pitchers: a player ref (`sbr:CKERSHAW`, `retro:kersc001`) or a name as a source wrote it. */
  homeStarter?: string;
  awayStarter?: string;
  /** Home handicap, e.g. −3.5. */
  spread?: number;
  total?: number;
  /** Decimal prices by side: home, away, draw (moneyline), home_cover, away_cover (spread), over, under. */
  prices?: Partial<Record<PriceSide, number>>;
  /** Kelly fraction for stakes. Default 0.25. */
  kelly?: number;
  /** Compute, print, log nothing. */
  dryRun?: boolean;
  /** Publish the predictions (logged under a `publish` run): only when the publish gate passes. */
  publish?: boolean;
  /** Publish even when the publish gate fails (the override is logged). */
  force?: boolean;
  /** The sport's latest trained systems, when the caller holds them (a server caches them); default: read the registry. */
  trained?: readonly TrainedSystem[];
  /** The curated game, when the caller has already found it (saves the lookup); default: look it up by date and teams. */
  curated?: { game_id: number; league: string; season: number; is_neutral_site: boolean; status?: string };
}

export const PRICE_SIDES = ['home', 'away', 'draw', 'home_cover', 'away_cover', 'over', 'under'] as const;
export type PriceSide = (typeof PRICE_SIDES)[number];

export interface SystemPrediction {
  system: SystemId;
  version: string;
  trained_at: string;
  trained_until: string;
  probabilities: MarketProbabilities;
}

export interface Decision {
  market: 'moneyline' | 'spread' | 'total';
  side: PriceSide;
  price: number;
  probability: number;
  fair_price: number;
  /** The side's vig-free probability in the given market (multiplicative), when every side was priced. */
  market_probability: number | null;
  edge: number | null;
  ev: number;
  kelly_stake: number;
}

export interface PredictReport {
  version: 1;
  sport: Sport;
  game: { game_id: number | null; date: string; home: string; away: string; neutral: boolean; spread: number | null; total: number | null };
  systems: SystemPrediction[];
  /** The headline: the ensemble's markets (moneyline from the blend, spread/total from the score model). */
  consensus: MarketProbabilities | null;
  decisions: Decision[];
  run_id: number | null;
  /** Set when publishing: the publish gate's verdict. */
  quality_gate: GateVerdict | null;
  published: boolean;
  seconds: number;
}

/** Loads the latest trained systems and predicts the matchup. */
export async function predictMatchup(db: Database, options: PredictOptions): Promise<PredictReport> {
  const t0 = performance.now();
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  if (options.publish && options.dryRun) throw new SharplineError('SL_USAGE', '--publish and --dry-run contradict each other: a dry run publishes nothing');
  const home = resolveTeam(options.sport, options.home, date, '--home');
  const away = resolveTeam(options.sport, options.away, date, '--away');
  if (home === away) throw new SharplineError('SL_USAGE', `--home and --away name the same team (${home})`);
  const trained = options.trained ? options.trained.filter((t) => t.sport === options.sport) : await latestTrainedSystems(db, options.sport);
  if (trained.length === 0) throw new SharplineError('SL_MODEL_NOT_TRAINED', `no trained ${options.sport} systems in the registry: run sharpline train --sport ${options.sport}`);
  const [match] = options.curated
    ? [options.curated]
    : await db.query<{ game_id: number; league: string; season: number; is_neutral_site: boolean; status?: string }>(
        `SELECT game_id, league, season, is_neutral_site, status FROM curated.games WHERE sport = $1 AND game_date = CAST($2 AS DATE) AND home_team_id = $3 AND away_team_id = $4 ORDER BY game_number LIMIT 1`,
        [options.sport, date, home, away],
      );
  // A published forecast is made before the start: not for a game under way, over or called off
  // (predicting one without --publish stays open, for analysis).
  if (options.publish && match?.status !== undefined && match.status !== 'scheduled') {
    throw new SharplineError(
      'SL_GAME_STARTED',
      `${away} at ${home} on ${date} is ${match.status.replace('_', ' ')} (game ${match.game_id}): a forecast is published before the start; predict without --publish to look at it`,
    );
  }
  // Nothing is published on data that fails the publish gate (missing, broken, stale or made up).
  const gate = options.publish ? await requireGate(db, 'publish', { sport: options.sport, action: 'publishing', force: options.force }) : null;
  const league = match?.league ?? (await leagueOf(db, options.sport, home));
  const game: GameRecord = {
    gameId: match ? Number(match.game_id) : 0,
    sport: options.sport,
    league,
    season: match ? Number(match.season) : seasonOf(options.sport, date),
    seasonType: 'regular',
    date,
    startAt: null,
    home,
    away,
    neutral: options.neutral ?? (match ? !!match.is_neutral_site : false),
    homeScore: null,
    awayScore: null,
    homeStarter: options.homeStarter ? await resolvePitcher(db, options.homeStarter, '--home-starter') : null,
    awayStarter: options.awayStarter ? await resolvePitcher(db, options.awayStarter, '--away-starter') : null,
  };
  const lines = { spread: options.spread, total: options.total };

  const bySystem = new Map(trained.map((t) => [t.system, t]));
  const systems: SystemPrediction[] = [];
  for (const id of SYSTEM_IDS) {
    const t = bySystem.get(id);
    if (!t || id === 'ensemble_v1') continue;
    const p = predictWith(t, game, lines);
    if (p) systems.push({ system: id, version: t.version, trained_at: t.trainedAt, trained_until: t.trainedUntil, probabilities: p });
  }
  const ensembleTrained = bySystem.get('ensemble_v1');
  let consensus: MarketProbabilities | null = null;
  if (ensembleTrained) {
    consensus = blendMembers(ensembleTrained, systems);
    if (consensus) systems.push({ system: 'ensemble_v1', version: ensembleTrained.version, trained_at: ensembleTrained.trainedAt, trained_until: ensembleTrained.trainedUntil, probabilities: consensus });
  }
  consensus ??= systems[0]?.probabilities ?? null;
  const decisions = consensus && options.prices ? decide(consensus, options.prices, options.kelly ?? 0.25) : [];

  let runId: number | null = null;
  if (!options.dryRun && systems.length > 0) {
    runId = await startRun(db, options.publish ? 'publish' : 'predict', { args: { sport: options.sport, home, away, date, spread: options.spread ?? null, total: options.total ?? null } });
    const asOf = new Date().toISOString();
    const logged: LoggedPrediction[] = systems.map((s) => ({
      system: s.system,
      version: s.version,
      sport: options.sport,
      gameId: match ? Number(match.game_id) : null,
      gameDate: date,
      home,
      away,
      probabilities: s.probabilities,
      asOf,
      inputsHash: hashInputs({ system: s.system, version: s.version, trained_at: s.trained_at, game: { date, home, away, neutral: game.neutral, starters: [game.homeStarter, game.awayStarter] }, lines }),
    }));
    const rows = await logPredictions(db, runId, logged);
    // A run's rows are the prediction rows it wrote (one per system and market), so rows_in = loaded.
    await finishRun(db, runId, 'succeeded', { rowsIn: rows, loaded: rows, quarantined: 0, duplicates: 0 });
  }
  return {
    version: 1,
    sport: options.sport,
    game: { game_id: match ? Number(match.game_id) : null, date, home, away, neutral: game.neutral, spread: options.spread ?? null, total: options.total ?? null },
    systems,
    consensus,
    decisions,
    run_id: runId,
    quality_gate: gate,
    published: !!options.publish && runId !== null,
    seconds: Math.round(performance.now() - t0) / 1000,
  };
}

/** One trained system's markets for the game; null when it cannot price it. */
export function predictWith(t: TrainedSystem, game: GameRecord, lines: { spread?: number; total?: number }): MarketProbabilities | null {
  const params = t.params as Record<string, unknown>;
  switch (t.system) {
    case 'elo_v1':
      return { moneyline: eloPoint(params, game).probabilities };
    case 'score_v1':
      // MLB: the starters move the expected runs, from the feature state trained with the model.
      return params.score
        ? scoreMarkets(scoreModelFromJSON(params.score), game, lines, game.sport === 'mlb' && params.features ? FeatureTracker.fromSnapshot(params.features as FeatureSnapshot).starterRunShift(game) : null)
        : null;
    case 'ml_v1':
    case 'ml_gbm_v1':
    case 'ml_margin_v1': {
      const model = learnerOf(t.system, params);
      // Trees still in their warm-up (fewer rows than they wait for) answer with Elo, as in the walk-forward.
      if (!model && t.system === 'ml_gbm_v1' && params.gbmWarmUp === true) return { moneyline: eloPoint(params, game).probabilities };
      if (!model) return null;
      const eloDiff = eloPoint(params, game).eloDiff;
      const row = FeatureTracker.fromSnapshot(params.features as FeatureSnapshot).features(game, eloDiff);
      const p = model.predict(row);
      return { moneyline: { home: p, draw: 0, away: 1 - p } };
    }
    default:
      return null;
  }
}

/** The stored learner of an ml_* system, or null when it was not fitted. */
function learnerOf(system: SystemId, params: Record<string, unknown>): { predict(x: ArrayLike<number>): number } | null {
  if (system === 'ml_v1') return params.logistic ? logisticFromJSON(params.logistic) : null;
  if (system === 'ml_gbm_v1') return params.gbm ? gradientBoostingFromJSON(params.gbm) : null;
  return params.margin ? marginRegressionFromJSON(params.margin as MarginRegressionJSON) : null;
}

/** The Elo view of the game, with the starting pitchers' adjustment where the profile has one (MLB). */
function eloPoint(params: Record<string, unknown>, game: GameRecord) {
  const snapshot = params.elo as EloSnapshot;
  const features = params.features ? FeatureTracker.fromSnapshot(params.features as FeatureSnapshot) : null;
  const adjustment = snapshot.profile.pitcherAdjustmentWeight && features ? STARTER_ELO_PER_RUN * features.starterEdge(game) : 0;
  return EloEngine.fromSnapshot(snapshot, { adjustment: () => adjustment }).predict(game);
}

/** The ensemble: stored weights over the members' moneylines, calibrated; spread/total from the score model. */
function blendMembers(t: TrainedSystem, members: readonly SystemPrediction[]): MarketProbabilities | null {
  const params = t.params as { members: SystemId[]; weights: number[] | null; calibrator: unknown; lineCalibrators?: { spread: unknown; total: unknown } };
  const found = params.members.map((m) => members.find((s) => s.system === m));
  if (found.some((f) => !f)) return null;
  const weights = params.weights ?? params.members.map(() => 1 / params.members.length);
  const ml = { home: 0, draw: 0, away: 0 };
  found.forEach((f, k) => {
    ml.home += weights[k]! * f!.probabilities.moneyline.home;
    ml.draw += weights[k]! * f!.probabilities.moneyline.draw;
    ml.away += weights[k]! * f!.probabilities.moneyline.away;
  });
  let moneyline = ml;
  if (params.calibrator && ml.draw === 0) {
    const home = calibratorFromJSON(params.calibrator).predict(Math.min(1, Math.max(0, ml.home)));
    moneyline = { home, draw: 0, away: 1 - home };
  }
  const raw = members.find((s) => s.system === 'score_v1')?.probabilities;
  const lc = params.lineCalibrators;
  const score = raw && lc ? calibrateLines(raw, { spread: lc.spread ? calibratorFromJSON(lc.spread) : null, total: lc.total ? calibratorFromJSON(lc.total) : null }) : raw;
  return { moneyline, ...(score?.spread ? { spread: score.spread } : {}), ...(score?.total ? { total: score.total } : {}) };
}

function decide(p: MarketProbabilities, prices: Partial<Record<PriceSide, number>>, kelly: number): Decision[] {
  const out: Decision[] = [];
  const add = (market: Decision['market'], sides: [PriceSide, number | undefined][]) => {
    const priced = sides.filter(([side, prob]) => prices[side] !== undefined && prob !== undefined);
    const allPriced = priced.length === sides.length;
    const fair = allPriced ? removeVig(sides.map(([side]) => prices[side]!), 'multiplicative').probabilities : null;
    for (const [side, prob] of priced) {
      const price = prices[side]!;
      const k = sides.findIndex(([s]) => s === side);
      const q = prob!;
      out.push({
        market,
        side,
        price,
        probability: q,
        fair_price: q > 0 ? 1 / q : Number.POSITIVE_INFINITY,
        market_probability: fair ? fair[k]! : null,
        edge: fair ? edge(q, fair[k]!) : null,
        ev: expectedValue(q, price),
        kelly_stake: q > 0 && q < 1 ? kellyFraction(q, price, { fraction: kelly }).applied : 0,
      });
    }
  };
  const m = p.moneyline;
  add('moneyline', m.draw > 0 || prices.draw !== undefined ? [['home', m.home], ['away', m.away], ['draw', m.draw]] : [['home', m.home], ['away', m.away]]);
  // Spread and total: the probability of winning the bet given it is not a push.
  if (p.spread) add('spread', [['home_cover', p.spread.homeCover / (1 - p.spread.push)], ['away_cover', p.spread.awayCover / (1 - p.spread.push)]]);
  if (p.total) add('total', [['over', p.total.over / (1 - p.total.push)], ['under', p.total.under / (1 - p.total.push)]]);
  return out;
}

function resolveTeam(sport: Sport, text: string, date: string, flag: string): string {
  const registry = teamRegistry();
  if (registry.findTeam(text)) return text;
  const id = registry.resolve(sport, text, date);
  if (!id) throw new SharplineError('SL_USAGE', `${flag} "${text}" is not a ${sport} team sharpline knows (on ${date}); use a team id such as ${sport}-… or a common name or abbreviation`);
  return id;
}

/** A pitcher's ref from a ref, the source's text (`CKERSHAW-L`) or a name; the latest one that started. */
async function resolvePitcher(db: Database, text: string, flag: string): Promise<string> {
  const bare = text.trim().toUpperCase().replace(/-[LR]$/, '');
  const [row] = await db.query<{ player_ref: string }>(
    `SELECT player_ref FROM curated.player_game_logs
     WHERE started AND (player_ref = $1 OR player_ref = $2 OR UPPER(player_name) = UPPER($3))
     ORDER BY game_date DESC LIMIT 1`,
    [text.trim(), `sbr:${bare}`, text.trim()],
  );
  if (!row) throw new SharplineError('SL_USAGE', `${flag} "${text}" has started no game in the store; give a player ref (e.g. sbr:CKERSHAW) or the name as a source wrote it`);
  return row.player_ref;
}

async function leagueOf(db: Database, sport: Sport, team: string): Promise<string> {
  const [row] = await db.query<{ league: string }>(`SELECT league FROM curated.games WHERE sport = $1 AND home_team_id = $2 ORDER BY game_date DESC LIMIT 1`, [sport, team]);
  return row?.league ?? sport;
}

/** The season a date falls in, as the store names seasons: by the year they start (MLB: the calendar year). */
function seasonOf(sport: Sport, date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (sport === 'mlb') return year;
  return month <= 7 ? year - 1 : year;
}
