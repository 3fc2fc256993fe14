/**
 * @module models/scores/poisson-model
 * Team-strength Poisson model (Maher 1982; REFERENCE.md "Score distributions"):
 *   log λ_home = μ + h·(not neutral) + attack_home − defence_away,
 *   log λ_away = μ + attack_away − defence_home,
 * goals independent Poisson, so the margin is Skellam. Fitted by maximum (weighted, penalised)
 * likelihood with a Newton method written here.
 *
 * Why ridge: attack and defence are identified only up to a shift, and a team with three games can
 * run off to ±∞ (all clean sheets). An L2 penalty ½α Σ(attack² + defence²) pins the shift (ratings
 * centre on 0) and shrinks small samples toward the league mean; μ and h get a negligible penalty.
 * Why Newton: the penalised Poisson log likelihood is concave in the parameters, so Newton with a
 * backtracking line search converges in a handful of iterations (each builds the dense Hessian in
 * O(games) and factors it in O(teams³)).
 *
 * Time decay: game weights w = exp(−ξ·days before the fit date) (Dixon & Coles 1997). The fit date
 * is `asOf` when given (only games strictly before it are used: as-of by construction), otherwise
 * the date of the latest game. The shared machinery here (`prepareGames`, `maximiseNewton`,
 * `fitTeamStrength`) is reused by the negative-binomial and Dixon–Coles models.
 */
import type { GameRecord } from '../types.js';
import { SharplineError } from '../../errors.js';
import { logFactorial, poissonPmfArray } from './distributions.js';
import { independentScoreGrid, type ScoreGrid } from './score-grid.js';

const DAY_MS = 86_400_000;

/** Options shared by the team-strength fits. */
export interface TeamStrengthFitOptions {
  /** Fit date `YYYY-MM-DD`: only games strictly before it are used. Default: the latest game's date (all finals used). */
  asOf?: string;
  /** Time-decay rate ξ per day (w = exp(−ξ·days)). Default 0 for Poisson/NB, 0.0018 for Dixon–Coles. */
  xi?: number;
  /** L2 penalty α on attack and defence ratings (log-rate units). Default 1. */
  ridge?: number;
  /** Newton iteration cap. Default 100. */
  maxIterations?: number;
  /** Convergence: largest gradient component of the penalised log likelihood. Default 1e-8. */
  tolerance?: number;
}

/** Games turned into index arrays for fast likelihood loops. */
export interface PreparedGames {
  readonly teams: readonly string[];
  readonly teamIndex: ReadonlyMap<string, number>;
  readonly home: Int32Array;
  readonly away: Int32Array;
  readonly homeScore: Float64Array;
  readonly awayScore: Float64Array;
  /** 1 when the home side has home advantage, 0 at a neutral site. */
  readonly atHome: Float64Array;
  readonly weight: Float64Array;
  /** Home − away score over the early periods (NBA quarters 1–3, MLB innings 1–5); NaN when unknown. */
  readonly earlyMargin: Float64Array;
  readonly count: number;
  /** The fit date the weights were computed from. */
  readonly asOf: string;
}

function dayNumber(date: string): number {
  const t = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(t)) throw new SharplineError('SL_MARKET_INVALID', `bad game date ${date}`);
  return t / DAY_MS;
}

/** Final games before the fit date, indexed, with time-decay weights. Teams sorted by name. */
export function prepareGames(games: readonly GameRecord[], options: { asOf?: string; xi?: number } = {}): PreparedGames {
  const xi = options.xi ?? 0;
  if (!(xi >= 0) || !Number.isFinite(xi)) throw new SharplineError('SL_MARKET_INVALID', `xi must be ≥ 0, got ${xi}`);
  const cutoff = options.asOf === undefined ? Number.POSITIVE_INFINITY : dayNumber(options.asOf);
  const finals = games.filter(
    (g) => g.homeScore !== null && g.awayScore !== null && Number.isFinite(g.homeScore) && Number.isFinite(g.awayScore) && dayNumber(g.date) < cutoff,
  );
  let fitDay = cutoff;
  if (options.asOf === undefined) {
    fitDay = Number.NEGATIVE_INFINITY;
    for (const g of finals) fitDay = Math.max(fitDay, dayNumber(g.date));
  }
  const names = [...new Set(finals.flatMap((g) => [g.home, g.away]))].sort();
  const teamIndex = new Map(names.map((t, i) => [t, i] as const));
  const n = finals.length;
  const prepared = {
    teams: names,
    teamIndex,
    home: new Int32Array(n),
    away: new Int32Array(n),
    homeScore: new Float64Array(n),
    awayScore: new Float64Array(n),
    atHome: new Float64Array(n),
    weight: new Float64Array(n),
    earlyMargin: new Float64Array(n),
    count: n,
    asOf: options.asOf ?? (Number.isFinite(fitDay) ? new Date(fitDay * DAY_MS).toISOString().slice(0, 10) : ''),
  };
  finals.forEach((g, i) => {
    prepared.home[i] = teamIndex.get(g.home)!;
    prepared.away[i] = teamIndex.get(g.away)!;
    prepared.homeScore[i] = g.homeScore!;
    prepared.awayScore[i] = g.awayScore!;
    prepared.atHome[i] = g.neutral ? 0 : 1;
    prepared.weight[i] = xi === 0 ? 1 : Math.exp(-xi * (fitDay - dayNumber(g.date)));
    prepared.earlyMargin[i] = g.homeEarly !== null && g.homeEarly !== undefined && g.awayEarly !== null && g.awayEarly !== undefined ? g.homeEarly - g.awayEarly : Number.NaN;
  });
  return prepared;
}

/** Result of `maximiseNewton`. */
export interface NewtonResult {
  theta: Float64Array;
  value: number;
  iterations: number;
  converged: boolean;
  gradientNorm: number;
}

/**
 * Objective for `maximiseNewton`: returns f(θ) and, when the arrays are given, fills the gradient and
 * the dense row-major Hessian. Return −Infinity for an infeasible θ (the line search backs off).
 */
export type NewtonObjective = (theta: Float64Array, gradient: Float64Array | null, hessian: Float64Array | null) => number;

/**
 * Solves A x = b for a symmetric positive definite row-major p×p matrix A by Cholesky, in place
 * (A is overwritten by its factor, b by x). Returns false, leaving garbage, when A is not PD.
 */
export function choleskySolve(a: Float64Array, b: Float64Array, p: number): boolean {
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j]!;
    for (let k = 0; k < j; k++) d -= a[j * p + k]! * a[j * p + k]!;
    if (!(d > 0)) return false;
    const l = Math.sqrt(d);
    a[j * p + j] = l;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j]!;
      for (let k = 0; k < j; k++) s -= a[i * p + k]! * a[j * p + k]!;
      a[i * p + j] = s / l;
    }
  }
  for (let i = 0; i < p; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= a[i * p + k]! * b[k]!;
    b[i] = s / a[i * p + i]!;
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let k = i + 1; k < p; k++) s -= a[k * p + i]! * b[k]!;
    b[i] = s / a[i * p + i]!;
  }
  return true;
}

/**
 * Maximises a smooth objective by damped Newton: solve (−H + δI)s = g (δ grows from 0 until the
 * matrix is positive definite, Levenberg style, so non-concave regions still give an ascent
 * direction), then backtrack until the Armijo condition holds.
 */
export function maximiseNewton(objective: NewtonObjective, theta0: Float64Array, options: { maxIterations?: number; tolerance?: number } = {}): NewtonResult {
  const p = theta0.length;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-8;
  let theta = Float64Array.from(theta0);
  const gradient = new Float64Array(p);
  const hessian = new Float64Array(p * p);
  const work = new Float64Array(p * p);
  const step = new Float64Array(p);
  const trial = new Float64Array(p);
  let value = objective(theta, gradient, hessian);
  if (!Number.isFinite(value)) return { theta, value, iterations: 0, converged: false, gradientNorm: Number.NaN };
  let gradientNorm = Number.POSITIVE_INFINITY;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    gradientNorm = 0;
    for (let i = 0; i < p; i++) gradientNorm = Math.max(gradientNorm, Math.abs(gradient[i]!));
    if (!Number.isFinite(gradientNorm)) return { theta, value, iterations: iteration, converged: false, gradientNorm };
    if (gradientNorm < tolerance) return { theta, value, iterations: iteration, converged: true, gradientNorm };
    let scale = 0;
    for (let i = 0; i < p; i++) scale = Math.max(scale, Math.abs(hessian[i * p + i]!));
    let damping = 0;
    let improved = false;
    for (let attempt = 0; attempt < 30 && !improved; attempt++) {
      for (let k = 0; k < p * p; k++) work[k] = -hessian[k]!;
      for (let i = 0; i < p; i++) work[i * p + i]! += damping;
      step.set(gradient);
      if (!choleskySolve(work, step, p)) {
        damping = damping === 0 ? Math.max(1e-8, 1e-6 * scale) : damping * 10;
        continue;
      }
      let slope = 0;
      for (let i = 0; i < p; i++) slope += gradient[i]! * step[i]!;
      let t = 1;
      for (let halving = 0; halving < 40; halving++) {
        for (let i = 0; i < p; i++) trial[i] = theta[i]! + t * step[i]!;
        const candidate = objective(trial, null, null);
        if (Number.isFinite(candidate) && candidate >= value + 1e-4 * t * slope) {
          improved = true;
          break;
        }
        t /= 2;
      }
      if (!improved) damping = damping === 0 ? Math.max(1e-8, 1e-6 * scale) : damping * 10;
    }
    if (!improved) {
      // No ascent step exists at rounding level: we are at the optimum if the gradient is tiny.
      return { theta, value, iterations: iteration, converged: gradientNorm < Math.sqrt(tolerance), gradientNorm };
    }
    const previous = value;
    theta = Float64Array.from(trial);
    value = objective(theta, gradient, hessian);
    if (Math.abs(value - previous) <= 1e-14 * Math.max(1, Math.abs(value))) {
      gradientNorm = 0;
      for (let i = 0; i < p; i++) gradientNorm = Math.max(gradientNorm, Math.abs(gradient[i]!));
      return { theta, value, iterations: iteration + 1, converged: gradientNorm < Math.sqrt(tolerance), gradientNorm };
    }
  }
  return { theta, value, iterations: maxIterations, converged: false, gradientNorm };
}

/**
 * One game's log likelihood as a function of η_home = log λ_home and η_away = log λ_away. Returns
 * ℓ and fills `out` with [∂ℓ/∂η_h, ∂ℓ/∂η_a, ∂²ℓ/∂η_h², ∂²ℓ/∂η_a², ∂²ℓ/∂η_h∂η_a]. Unweighted.
 */
export type GameLogLikelihood = (game: number, etaHome: number, etaAway: number, out: Float64Array) => number;

/** Parameter layout: θ = [μ, h, attack_0..attack_{T−1}, defence_0..defence_{T−1}]. */
export function parameterCount(teamCount: number): number {
  return 2 + 2 * teamCount;
}

const FIXED_EFFECT_RIDGE = 1e-6;

/**
 * Penalised, weighted log likelihood over θ for a per-game likelihood in (η_h, η_a), with the
 * team-strength design assembled sparsely (each game touches at most seven parameters).
 */
export function teamStrengthObjective(prepared: PreparedGames, gameLogLikelihood: GameLogLikelihood, ridge: number): NewtonObjective {
  const t = prepared.teams.length;
  const p = parameterCount(t);
  const out = new Float64Array(5);
  const hIdx = new Int32Array(4);
  const hSign = new Float64Array(4);
  const aIdx = new Int32Array(3);
  const aSign = new Float64Array(3);
  return (theta, gradient, hessian) => {
    if (gradient) gradient.fill(0);
    if (hessian) hessian.fill(0);
    let value = 0;
    for (let g = 0; g < prepared.count; g++) {
      const w = prepared.weight[g]!;
      if (w === 0) continue;
      const hi = prepared.home[g]!;
      const ai = prepared.away[g]!;
      const atHome = prepared.atHome[g]!;
      const etaH = theta[0]! + atHome * theta[1]! + theta[2 + hi]! - theta[2 + t + ai]!;
      const etaA = theta[0]! + theta[2 + ai]! - theta[2 + t + hi]!;
      const l = gameLogLikelihood(g, etaH, etaA, out);
      if (!Number.isFinite(l)) return Number.NEGATIVE_INFINITY;
      value += w * l;
      if (!gradient || !hessian) continue;
      hIdx[0] = 0; hSign[0] = 1;
      hIdx[1] = 1; hSign[1] = atHome;
      hIdx[2] = 2 + hi; hSign[2] = 1;
      hIdx[3] = 2 + t + ai; hSign[3] = -1;
      aIdx[0] = 0; aSign[0] = 1;
      aIdx[1] = 2 + ai; aSign[1] = 1;
      aIdx[2] = 2 + t + hi; aSign[2] = -1;
      const gh = w * out[0]!;
      const ga = w * out[1]!;
      const hhh = w * out[2]!;
      const haa = w * out[3]!;
      const hha = w * out[4]!;
      for (let i = 0; i < 4; i++) {
        gradient[hIdx[i]!]! += gh * hSign[i]!;
        for (let j = 0; j < 4; j++) hessian[hIdx[i]! * p + hIdx[j]!]! += hhh * hSign[i]! * hSign[j]!;
        for (let j = 0; j < 3; j++) {
          const c = hha * hSign[i]! * aSign[j]!;
          hessian[hIdx[i]! * p + aIdx[j]!]! += c;
          hessian[aIdx[j]! * p + hIdx[i]!]! += c;
        }
      }
      for (let i = 0; i < 3; i++) {
        gradient[aIdx[i]!]! += ga * aSign[i]!;
        for (let j = 0; j < 3; j++) hessian[aIdx[i]! * p + aIdx[j]!]! += haa * aSign[i]! * aSign[j]!;
      }
    }
    for (let i = 0; i < p; i++) {
      const alpha = i < 2 ? FIXED_EFFECT_RIDGE : ridge;
      value -= 0.5 * alpha * theta[i]! * theta[i]!;
      if (gradient) gradient[i]! -= alpha * theta[i]!;
      if (hessian) hessian[i * p + i]! -= alpha;
    }
    return value;
  };
}

/** The Poisson log likelihood of one game in (η_h, η_a), with derivatives. */
export function poissonGameLogLikelihood(prepared: PreparedGames): GameLogLikelihood {
  return (g, etaH, etaA, out) => {
    const x = prepared.homeScore[g]!;
    const y = prepared.awayScore[g]!;
    const lh = Math.exp(etaH);
    const la = Math.exp(etaA);
    out[0] = x - lh;
    out[1] = y - la;
    out[2] = -lh;
    out[3] = -la;
    out[4] = 0;
    return x * etaH - lh - logFactorial(x) + y * etaA - la - logFactorial(y);
  };
}

/** Team ratings of a fitted team-strength model (log-rate units). */
export interface TeamStrengthRatings {
  readonly teams: readonly string[];
  /** μ: log of the away scoring rate of two average teams. */
  readonly intercept: number;
  /** h: home advantage on the log rate (exp(h) multiplies the home rate). */
  readonly homeAdvantage: number;
  readonly attack: Readonly<Record<string, number>>;
  readonly defence: Readonly<Record<string, number>>;
}

/** Fit diagnostics common to the team-strength models. */
export interface FitDiagnostics {
  /** Weighted log likelihood at the fit (no penalty), including the −log k! constants. */
  readonly logLikelihood: number;
  /** The maximised objective: weighted log likelihood minus the ridge penalty. */
  readonly penalisedLogLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly games: number;
  readonly asOf: string;
}

/** Start values: μ at the log mean score, everything else 0. */
export function initialTheta(prepared: PreparedGames): Float64Array {
  const theta = new Float64Array(parameterCount(prepared.teams.length));
  let goals = 0;
  let weight = 0;
  for (let g = 0; g < prepared.count; g++) {
    goals += prepared.weight[g]! * (prepared.homeScore[g]! + prepared.awayScore[g]!);
    weight += 2 * prepared.weight[g]!;
  }
  theta[0] = Math.log(Math.max(goals / Math.max(weight, 1e-12), 0.05));
  return theta;
}

/** Ratings from a fitted θ. */
export function ratingsFromTheta(prepared: PreparedGames, theta: Float64Array): TeamStrengthRatings {
  const t = prepared.teams.length;
  const attack: Record<string, number> = {};
  const defence: Record<string, number> = {};
  prepared.teams.forEach((team, i) => {
    attack[team] = theta[2 + i]!;
    defence[team] = theta[2 + t + i]!;
  });
  return { teams: prepared.teams, intercept: theta[0]!, homeAdvantage: theta[1]!, attack, defence };
}

/** The penalty ½α Σ ratings² (plus the negligible fixed-effect term) at θ. */
export function ridgePenalty(theta: Float64Array, ridge: number): number {
  let s = 0;
  for (let i = 0; i < theta.length; i++) s += 0.5 * (i < 2 ? FIXED_EFFECT_RIDGE : ridge) * theta[i]! * theta[i]!;
  return s;
}

/**
 * Expected scores for a matchup: λ_home = exp(μ + h·(not neutral) + attack_home − defence_away),
 * λ_away = exp(μ + attack_away − defence_home). A team the fit never saw rates 0 (league average).
 */
export function expectedScores(ratings: TeamStrengthRatings, home: string, away: string, neutral = false): { home: number; away: number } {
  const ah = ratings.attack[home] ?? 0;
  const dh = ratings.defence[home] ?? 0;
  const aa = ratings.attack[away] ?? 0;
  const da = ratings.defence[away] ?? 0;
  return {
    home: Math.exp(ratings.intercept + (neutral ? 0 : ratings.homeAdvantage) + ah - da),
    away: Math.exp(ratings.intercept + aa - dh),
  };
}

/** A grid size that leaves under ~1e-12 of a rate-λ count outside it. */
export function defaultMaxScore(lambda: number): number {
  return Math.max(10, Math.ceil(lambda + 10 * Math.sqrt(lambda) + 10));
}

/** A fitted Poisson team-strength model. */
export interface PoissonModel extends TeamStrengthRatings, FitDiagnostics {
  readonly kind: 'poisson';
  readonly ridge: number;
  readonly xi: number;
}

function checkFitOptions(options: TeamStrengthFitOptions): { ridge: number; xi: number } {
  const ridge = options.ridge ?? 1;
  if (!(ridge >= 0) || !Number.isFinite(ridge)) throw new SharplineError('SL_MARKET_INVALID', `ridge must be ≥ 0, got ${ridge}`);
  return { ridge, xi: options.xi ?? 0 };
}

/**
 * Fits the Poisson team-strength model to the final games (see the module doc).
 *
 * @example
 *   const model = fitPoisson(games, { xi: 0.0018 });
 *   const grid = predictPoisson(model, 'Arsenal', 'Chelsea');
 */
export function fitPoisson(games: readonly GameRecord[], options: TeamStrengthFitOptions = {}): PoissonModel {
  const { ridge, xi } = checkFitOptions(options);
  const prepared = prepareGames(games, { ...(options.asOf !== undefined ? { asOf: options.asOf } : {}), xi });
  if (prepared.count === 0) throw new SharplineError('SL_MARKET_INVALID', 'no final games to fit');
  const objective = teamStrengthObjective(prepared, poissonGameLogLikelihood(prepared), ridge);
  const result = maximiseNewton(objective, initialTheta(prepared), {
    ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
    ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}),
  });
  return {
    kind: 'poisson',
    ...ratingsFromTheta(prepared, result.theta),
    logLikelihood: result.value + ridgePenalty(result.theta, ridge),
    penalisedLogLikelihood: result.value,
    iterations: result.iterations,
    converged: result.converged,
    games: prepared.count,
    asOf: prepared.asOf,
    ridge,
    xi,
  };
}

/** Options for predictions from count models. */
export interface GridPredictionOptions {
  neutral?: boolean;
  /** Grid truncation; default leaves under ~1e-12 outside (see `defaultMaxScore`). */
  maxScore?: number;
}

/** The score grid of independent Poisson scores for a matchup under a fitted model. */
export function predictPoisson(model: TeamStrengthRatings, home: string, away: string, options: GridPredictionOptions = {}): ScoreGrid {
  const rates = expectedScores(model, home, away, options.neutral ?? false);
  return poissonScoreGrid(rates.home, rates.away, options.maxScore);
}

/** The independent-Poisson score grid for given rates, with the truncated tail reported. */
export function poissonScoreGrid(lambdaHome: number, lambdaAway: number, maxScore?: number): ScoreGrid {
  if (!(lambdaHome >= 0 && lambdaAway >= 0) || !Number.isFinite(lambdaHome + lambdaAway)) {
    throw new SharplineError('SL_MARKET_INVALID', `Poisson rates must be finite and ≥ 0, got ${lambdaHome}, ${lambdaAway}`);
  }
  const m = maxScore ?? defaultMaxScore(Math.max(lambdaHome, lambdaAway));
  const ph = poissonPmfArray(lambdaHome, m);
  const pa = poissonPmfArray(lambdaAway, m);
  const grid = independentScoreGrid(ph, pa);
  let sh = 0;
  let sa = 0;
  for (let k = 0; k <= m; k++) {
    sh += ph[k]!;
    sa += pa[k]!;
  }
  return { ...grid, tailMass: Math.max(0, 1 - sh * sa) };
}
