/**
 * @module models/systems/score-models
 * The score-distribution model each sport uses in `score_v1`: a normal margin model for the NFL and
 * NBA (with the empirical key-number reweighting in the NFL), negative binomial runs for MLB
 * (over-dispersed), Poisson goals for the NHL and Dixon–Coles for soccer (per league, time-decayed).
 * Fitted on a window of earlier games; two-way sports fold the tie mass half to each side (overtime
 * or extra innings settle it), soccer keeps the draw.
 */
import type { Sport } from '../../domain/sports.js';
import {
  fitDixonColes,
  fitNegativeBinomial,
  fitNormalMargin,
  expectedScores,
  fitPoisson,
  marketsFromGrid,
  negativeBinomialScoreGrid,
  marketsFromNormalMargin,
  predictDixonColes,
  predictNegativeBinomial,
  predictPoisson,
  type DixonColesModel,
  type MarketLines,
  type NegativeBinomialModel,
  type NormalMarginModel,
  type PoissonModel,
} from '../scores/index.js';
import { dayNumber } from '../features/game-features.js';
import type { GameRecord, MarketProbabilities } from '../types.js';

export type ScoreModel =
  | { kind: 'normal-margin'; model: NormalMarginModel; variant: 'normal' | 'empirical' }
  | { kind: 'negative-binomial'; model: NegativeBinomialModel; winHomeAdvantage?: number }
  | { kind: 'poisson'; model: PoissonModel }
  | { kind: 'dixon-coles'; models: Record<string, DixonColesModel> };

/**
 * How each sport's score model is fitted: window, time decay (per day), refit interval, and the
 * games per team (on average) a window must hold first. With fewer, each team's attack and defence
 * rest on a handful of noisy games and the model is worse than none, so the systems answer with Elo
 * as in any warm-up: about an eighth of a regular season (a fresh store's first weeks; MLB 2014
 * score_v1 Brier 0.262 when fitted from 30 games on, 0.250 with 20 games per team).
 */
export const SCORE_MODEL_SETTINGS: Readonly<Record<Sport, { windowDays: number; xi: number; refitDays: number; minGamesPerTeam: number }>> = {
  nfl: { windowDays: 600, xi: 0.0025, refitDays: 7, minGamesPerTeam: 2 },
  nba: { windowDays: 400, xi: 0.004, refitDays: 7, minGamesPerTeam: 10 },
  mlb: { windowDays: 400, xi: 0.003, refitDays: 14, minGamesPerTeam: 20 },
  nhl: { windowDays: 400, xi: 0.003, refitDays: 14, minGamesPerTeam: 10 },
  soccer: { windowDays: 730, xi: 0.0018, refitDays: 7, minGamesPerTeam: 5 },
};

/**
 * Margin-model settings of the normal-margin sports (defaults of `fitNormalMargin` where absent).
 * NBA, chosen on 2007–2011 and confirmed on 2012–2017 (score_v1 Brier, harness in the model notes):
 * - ridge 3 instead of 10: with time-decay weights a team holds a few dozen effective games in the
 *   window, so 10 pseudo-games at 0 shrank real differences. Final margins only, 2007–2011:
 *   0.2030 (ridge 1), 0.2031 (3), 0.2040 (10), 0.2084 (30); 2012–2017 0.2099 → 0.2092 with 3
 *   (1 and 3 tie once the early margins below are in; 3 is the smaller step from the default);
 * - ratings on 0.7 × final margin + 0.3 × the quarters-1–3 margin scaled by 4/3: the fourth
 *   quarter of a decided game is largely reserves (garbage time), so it says less about the teams.
 *   Weights 0/0.15/0.3/0.5 on 2007–2011: 0.20307/0.20292/0.20287/0.20296; 2012–2017 0.2092 → 0.2090.
 *   σ, and so every price, stays that of the final margin.
 */
export const NORMAL_MARGIN_SETTINGS: Readonly<Record<'nfl' | 'nba', { ridge?: number; early?: { weight: number; share: number } }>> = {
  nfl: {},
  nba: { ridge: 3, early: { weight: 0.3, share: 3 / 4 } },
};

/** Fits the sport's score model on `games` (final games only are used). Null when too few games. */
export function fitScoreModel(sport: Sport, games: readonly GameRecord[], asOf: string): ScoreModel | null {
  const finals = games.filter((g) => g.homeScore !== null && g.awayScore !== null && g.date < asOf);
  const { xi, minGamesPerTeam } = SCORE_MODEL_SETTINGS[sport];
  const teams = new Set(finals.flatMap((g) => [g.home, g.away])).size;
  if (finals.length < 30 || 2 * finals.length < minGamesPerTeam * teams) return null;
  switch (sport) {
    case 'nfl':
    case 'nba': {
      const { ridge, early } = NORMAL_MARGIN_SETTINGS[sport];
      return {
        kind: 'normal-margin',
        model: fitNormalMargin(finals, { asOf, xi, empirical: sport === 'nfl', ...(ridge !== undefined ? { ridge } : {}), ...(early ? { early } : {}) }),
        variant: sport === 'nfl' ? 'empirical' : 'normal',
      };
    }
    case 'mlb': {
      const model = fitNegativeBinomial(finals, { asOf, xi });
      const winHomeAdvantage = earlyHomeAdvantage(finals, asOf, xi);
      return { kind: 'negative-binomial', model, ...(winHomeAdvantage !== undefined ? { winHomeAdvantage } : {}) };
    }
    case 'nhl':
      return { kind: 'poisson', model: fitPoisson(finals, { asOf, xi }) };
    case 'soccer': {
      const models: Record<string, DixonColesModel> = {};
      const byLeague = new Map<string, GameRecord[]>();
      for (const g of finals) (byLeague.get(g.league) ?? byLeague.set(g.league, []).get(g.league)!).push(g);
      for (const [league, leagueGames] of byLeague) {
        if (leagueGames.length < 30) continue;
        const fit = fitDixonColes(leagueGames, { asOf, xi });
        const model = fit.ok ? fit.model : fit.fallback;
        if (model) models[league] = model;
      }
      return Object.keys(models).length === 0 ? null : { kind: 'dixon-coles', models };
    }
  }
}

/** The model's markets for a game; null when the model cannot price it (e.g. an unknown league). */
export function scoreMarkets(
  score: ScoreModel,
  game: Pick<GameRecord, 'league' | 'home' | 'away' | 'neutral'>,
  lines: MarketLines = {},
  shift: RunShift | null = null,
): MarketProbabilities | null {
  switch (score.kind) {
    case 'normal-margin':
      return marketsFromNormalMargin(score.model, game.home, game.away, { ...lines, neutral: game.neutral, variant: score.variant, tieResolution: 'split' });
    case 'negative-binomial': {
      if (!shift && score.winHomeAdvantage === undefined) return splitTies(marketsFromGrid(predictNegativeBinomial(score.model, game.home, game.away, { neutral: game.neutral }), lines));
      const means = expectedScores(score.model, game.home, game.away, game.neutral);
      const home = Math.max(MIN_MEAN_RUNS, means.home + (shift?.home ?? 0));
      const away = Math.max(MIN_MEAN_RUNS, means.away + (shift?.away ?? 0));
      const markets = splitTies(marketsFromGrid(negativeBinomialScoreGrid(home, away, score.model.dispersion), lines));
      if (score.winHomeAdvantage === undefined || game.neutral) return markets;
      // Who wins: the home side's runs as if it always batted in the ninth (see earlyHomeAdvantage).
      const uncensored = negativeBinomialScoreGrid(home * Math.exp(score.winHomeAdvantage - score.model.homeAdvantage), away, score.model.dispersion);
      return { ...markets, moneyline: splitTies(marketsFromGrid(uncensored)).moneyline };
    }
    case 'poisson':
      return splitTies(marketsFromGrid(predictPoisson(score.model, game.home, game.away, { neutral: game.neutral }), lines));
    case 'dixon-coles': {
      const model = score.models[game.league];
      return model ? marketsFromGrid(predictDixonColes(model, game.home, game.away, { neutral: game.neutral }), lines) : null;
    }
  }
}

/**
 * Runs added to each side's expected score (MLB: the starting pitchers it faces, against its
 * opponent's usual starter; see `FeatureTracker.starterRunShift`).
 */
export interface RunShift {
  home: number;
  away: number;
}

/**
 * The home side's scoring edge (log ratio of runs) in innings 1–5, time-weighted as the model's fit
 * (weight e^(−xi·days before asOf)); undefined without early scores. A home side that leads after
 * eight and a half innings does not bat in the ninth, and a walk-off ends the inning, so its final
 * runs fall short exactly in the games it wins: fitted to final scores, the model's home advantage
 * (MLB 2014–2017 about 0.035) is far below what both sides batting alike show (innings 1–5 about
 * 0.11), and its P(home win) was 0.511 on average against 0.536 won. The moneyline uses this edge.
 */
export function earlyHomeAdvantage(games: readonly GameRecord[], asOf: string, xi: number): number | undefined {
  const fitDay = dayNumber(asOf);
  let home = 0;
  let away = 0;
  for (const g of games) {
    if (g.homeEarly === null || g.homeEarly === undefined || g.awayEarly === null || g.awayEarly === undefined || g.neutral) continue;
    const w = Math.exp(-xi * (fitDay - dayNumber(g.date)));
    home += w * g.homeEarly;
    away += w * g.awayEarly;
  }
  return home > 0 && away > 0 ? Math.log(home / away) : undefined;
}

/** A shifted mean stays at least this (a negative-binomial mean must be positive). */
const MIN_MEAN_RUNS = 0.5;

/** Two-way sports: a level score is settled later (extra innings, overtime), call it a coin flip. */
function splitTies(markets: MarketProbabilities): MarketProbabilities {
  const { home, draw, away } = markets.moneyline;
  return { ...markets, moneyline: { home: home + draw / 2, draw: 0, away: away + draw / 2 } };
}

/** JSON for the registry (typed arrays become plain arrays). */
export function scoreModelToJSON(score: ScoreModel): unknown {
  return JSON.parse(JSON.stringify(score, (_key, value: unknown) => (value instanceof Float64Array ? { float64: Array.from(value) } : value)));
}

/** Inverse of {@link scoreModelToJSON}. */
export function scoreModelFromJSON(json: unknown): ScoreModel {
  return JSON.parse(JSON.stringify(json), (_key, value: unknown) =>
    value && typeof value === 'object' && 'float64' in value && Array.isArray((value as { float64: unknown }).float64)
      ? Float64Array.from((value as { float64: number[] }).float64)
      : value,
  ) as ScoreModel;
}
