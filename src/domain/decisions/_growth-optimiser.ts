/**
 * @module domain/decisions/_growth-optimiser
 * Folder-private: maximises the expected log growth of a bankroll over simultaneous stakes,
 *
 *   G(f) = Σ_s π_s · ln(1 + Σ_i f_i · r_si)   subject to   0 ≤ f_i ≤ u_i,  Σ_i f_i ≤ 1,
 *
 * where s runs over the joint scenarios (probability π_s) and r_si is the net return per unit
 * staked on bet i in scenario s (d_i − 1 when it wins, −1 when it loses). G is concave (a positive
 * combination of logs of affine functions), so any point meeting the KKT conditions is the optimum.
 *
 * Method: a primal active-set method with Newton steps. The working set holds the bounds (f_i = 0,
 * f_i = u_i) and the budget row (Σf = 1) treated as equalities. On each face a damped Newton step
 * (Armijo backtracking, ratio test against the constraints not in the set) moves toward the face's
 * optimum; a blocking constraint joins the set, unless G already peaks before it along the line.
 * When the Newton decrement g·C⁻¹·g (twice the predicted gain) falls to the rounding noise of G, a
 * last full Newton step solves the face to machine precision; then the Lagrange multipliers are
 * checked and the constraint with the most negative one (below −1e-11) leaves the set. The test is
 * on the decrement, not the step length: near a wealth of 0 (a heavy favourite slate) steps are
 * tiny while the gain is not. Nothing is random and the scenario order is fixed, so the result is
 * deterministic; the stakes are exact to about 1e-12, inside the 1e-9 the callers promise.
 */

/** A growth-maximisation problem over `bets` stakes and `weights.length` joint scenarios. */
export interface GrowthProblem {
  readonly bets: number;
  /** π_s for each scenario; scenarios of probability 0 are left out by the builder. */
  readonly weights: Float64Array;
  /** r_si, scenario-major: returns[s·bets + i]. */
  readonly returns: Float64Array;
  /** u_i per bet; Infinity when only the budget Σf ≤ 1 limits the stake. */
  readonly upper: readonly number[];
}

/** The optimum found: stakes, which ones sit at their upper bound, G there and Newton iterations. */
export interface GrowthOptimum {
  readonly stakes: number[];
  readonly atUpper: boolean[];
  readonly growth: number;
  readonly iterations: number;
}

/** The face is solved once the Newton decrement g·C⁻¹·g is within this many times G's rounding noise. */
const NOISE_MULTIPLE = 100;
const MULTIPLIER_TOLERANCE = 1e-11;
const MAX_ITERATIONS = 2_000;
const ARMIJO = 1e-4;
const BOUND_SNAP = 1e-14;
const FRACTION_TO_BOUNDARY = 0.99;
const MAX_BACKTRACKS = 60;

type BoundState = 'free' | 'lower' | 'upper';

/** G(f), or −Infinity when some scenario of positive probability leaves no wealth. */
export function growthAt(problem: GrowthProblem, stakes: ArrayLike<number>): number {
  const { bets: n, weights, returns } = problem;
  let total = 0;
  for (let s = 0; s < weights.length; s++) {
    const row = s * n;
    let x = 0;
    for (let i = 0; i < n; i++) x += stakes[i]! * returns[row + i]!;
    if (!(x > -1)) return Number.NEGATIVE_INFINITY;
    total += weights[s]! * Math.log1p(x);
  }
  return total;
}

/** Finds the stakes maximising G within the bounds and the budget. */
export function maximiseGrowth(problem: GrowthProblem): GrowthOptimum {
  const n = problem.bets;
  const upper = problem.upper.map((u) => (u >= 1 ? Number.POSITIVE_INFINITY : u));
  const f = new Float64Array(n);
  // At f = 0 every wealth is 1, so ∂G/∂f_i = E[r_i], the bet's expected value: start with the
  // bets that have an edge free and the rest held at 0.
  const atZero = gradientAtZero(problem);
  const state: BoundState[] = atZero.map((g) => (g > 0 ? 'free' : 'lower'));
  let budgetActive = false;
  let iterations = 0;

  for (;;) {
    iterations++;
    if (iterations > MAX_ITERATIONS) {
      throw new Error(`maximiseGrowth: no convergence after ${MAX_ITERATIONS} iterations (bug: the problem is concave)`);
    }
    const free = indicesOf(state, 'free');
    const { value, noise, gradient, curvature } = derivatives(problem, f, free);
    const direction = newtonDirection(gradient, curvature, free, budgetActive, n);
    const step = takeStep(problem, f, value, noise, gradient, direction, free, upper, budgetActive);
    if (step.blocking !== undefined) {
      if (step.blocking === 'budget') budgetActive = true;
      else {
        const i = step.blocking.index;
        state[i] = step.blocking.bound;
        f[i] = step.blocking.bound === 'lower' ? 0 : upper[i]!;
      }
      continue;
    }
    if (step.moved && !step.faceSolved) continue;
    const release = constraintToRelease(gradient, state, free, budgetActive);
    if (release === undefined) break;
    if (release === 'budget') budgetActive = false;
    else state[release] = 'free';
  }

  const stakes = Array.from(f, (x) => Math.max(0, x));
  const total = stakes.reduce((a, b) => a + b, 0);
  // The budget row may be off by rounding after many steps on it; pull it back inside.
  const scaled = total > 1 ? stakes.map((x) => x / total) : stakes;
  return {
    stakes: scaled,
    atUpper: state.map((s) => s === 'upper'),
    growth: growthAt(problem, scaled),
    iterations,
  };
}

function gradientAtZero(problem: GrowthProblem): number[] {
  const { bets: n, weights, returns } = problem;
  const g = new Array<number>(n).fill(0);
  for (let s = 0; s < weights.length; s++) {
    for (let i = 0; i < n; i++) g[i] = g[i]! + weights[s]! * returns[s * n + i]!;
  }
  return g;
}

function indicesOf(state: readonly BoundState[], wanted: BoundState): number[] {
  const out: number[] = [];
  state.forEach((s, i) => {
    if (s === wanted) out.push(i);
  });
  return out;
}

/**
 * G, its gradient over all bets, and the curvature −∇²G restricted to the free bets
 * (k × k, row-major in the order of `free`): C_ab = Σ_s π_s r_sa r_sb / W_s².
 */
function derivatives(
  problem: GrowthProblem,
  f: Float64Array,
  free: readonly number[],
): { value: number; noise: number; gradient: Float64Array; curvature: Float64Array } {
  const { bets: n, weights, returns } = problem;
  const k = free.length;
  const gradient = new Float64Array(n);
  const curvature = new Float64Array(k * k);
  const rowFree = new Float64Array(k);
  let value = 0;
  let magnitude = 0;
  for (let s = 0; s < weights.length; s++) {
    const row = s * n;
    let x = 0;
    for (let i = 0; i < n; i++) x += f[i]! * returns[row + i]!;
    const w = 1 + x;
    const pi = weights[s]!;
    const term = pi * Math.log1p(x);
    value += term;
    magnitude += Math.abs(term);
    const g = pi / w;
    for (let i = 0; i < n; i++) gradient[i] = gradient[i]! + g * returns[row + i]!;
    const c = g / w;
    for (let a = 0; a < k; a++) rowFree[a] = returns[row + free[a]!]!;
    for (let a = 0; a < k; a++) {
      const ca = c * rowFree[a]!;
      for (let b = a; b < k; b++) curvature[a * k + b] = curvature[a * k + b]! + ca * rowFree[b]!;
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) curvature[a * k + b] = curvature[b * k + a]!;
  // Rounding error of the summed objective: below this, two values of G cannot be told apart.
  const noise = 16 * Number.EPSILON * (magnitude + Number.MIN_VALUE);
  return { value, noise, gradient, curvature };
}

/**
 * Newton step on the current face: solve C·x = g over the free bets; with the budget row in the
 * working set, project onto Σd = 0 (d = x − ν·C⁻¹1, ν = Σx / Σ C⁻¹1). A tiny ridge keeps C
 * invertible when the problem is flat along some direction (e.g. a fair book fully covered).
 */
function newtonDirection(
  gradient: Float64Array,
  curvature: Float64Array,
  free: readonly number[],
  budgetActive: boolean,
  n: number,
): Float64Array {
  const direction = new Float64Array(n);
  const k = free.length;
  if (k === 0) return direction;
  const factor = choleskyWithRidge(curvature, k);
  const x = solveCholesky(factor, k, Float64Array.from(free, (i) => gradient[i]!));
  if (budgetActive) {
    const y = solveCholesky(factor, k, new Float64Array(k).fill(1));
    let sx = 0;
    let sy = 0;
    for (let a = 0; a < k; a++) {
      sx += x[a]!;
      sy += y[a]!;
    }
    const nu = sx / sy;
    for (let a = 0; a < k; a++) x[a] = x[a]! - nu * y[a]!;
  }
  free.forEach((i, a) => {
    direction[i] = x[a]!;
  });
  return direction;
}

function choleskyWithRidge(matrix: Float64Array, k: number): Float64Array {
  let scale = 1;
  for (let a = 0; a < k; a++) scale = Math.max(scale, matrix[a * k + a]!);
  for (let ridge = 1e-12 * scale; ; ridge *= 100) {
    const factor = cholesky(matrix, k, ridge);
    if (factor !== undefined) return factor;
    if (ridge > scale) throw new Error('maximiseGrowth: curvature matrix is not positive semi-definite (bug)');
  }
}

/** Lower-triangular L with L·Lᵀ = M + ridge·I, or undefined when a pivot is not positive. */
function cholesky(matrix: Float64Array, k: number, ridge: number): Float64Array | undefined {
  const l = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b <= a; b++) {
      let sum = matrix[a * k + b]! + (a === b ? ridge : 0);
      for (let c = 0; c < b; c++) sum -= l[a * k + c]! * l[b * k + c]!;
      if (a === b) {
        if (!(sum > 0)) return undefined;
        l[a * k + a] = Math.sqrt(sum);
      } else {
        l[a * k + b] = sum / l[b * k + b]!;
      }
    }
  }
  return l;
}

function solveCholesky(l: Float64Array, k: number, rhs: Float64Array): Float64Array {
  const y = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    let sum = rhs[a]!;
    for (let c = 0; c < a; c++) sum -= l[a * k + c]! * y[c]!;
    y[a] = sum / l[a * k + a]!;
  }
  const x = new Float64Array(k);
  for (let a = k - 1; a >= 0; a--) {
    let sum = y[a]!;
    for (let c = a + 1; c < k; c++) sum -= l[c * k + a]! * x[c]!;
    x[a] = sum / l[a * k + a]!;
  }
  return x;
}

/**
 * Distance to a constraint along one coordinate, read as 0 within `BOUND_SNAP`: a stake that ties
 * with another at its bound (two identical bets) or carries rounding past it is held there at
 * once, instead of being moved by steps too small to change G.
 */
function room(distance: number): number {
  return distance > BOUND_SNAP ? distance : 0;
}

type Blocking = 'budget' | { readonly index: number; readonly bound: 'lower' | 'upper' };

/**
 * Ratio test and Armijo backtracking along `direction`; updates `f` in place. Reports whether the
 * point moved and which constraint, if any, it reached (a zero-length step onto a constraint that
 * is already tight still reports it, so the working set grows).
 */
function takeStep(
  problem: GrowthProblem,
  f: Float64Array,
  value: number,
  noise: number,
  gradient: Float64Array,
  direction: Float64Array,
  free: readonly number[],
  upper: readonly number[],
  budgetActive: boolean,
): { moved: boolean; blocking: Blocking | undefined; faceSolved: boolean } {
  let alphaMax = Number.POSITIVE_INFINITY;
  let blocking: Blocking | undefined;
  let slope = 0;
  let total = 0;
  let drift = 0;
  for (let i = 0; i < f.length; i++) total += f[i]!;
  for (const i of free) {
    const d = direction[i]!;
    slope += gradient[i]! * d;
    drift += d;
    if (d < 0) {
      const a = room(f[i]!) / -d;
      if (a < alphaMax) {
        alphaMax = a;
        blocking = { index: i, bound: 'lower' };
      }
    } else if (d > 0 && Number.isFinite(upper[i]!)) {
      const a = room(upper[i]! - f[i]!) / d;
      if (a < alphaMax) {
        alphaMax = a;
        blocking = { index: i, bound: 'upper' };
      }
    }
  }
  if (!budgetActive && drift > 0) {
    const a = room(1 - total) / drift;
    if (a < alphaMax) {
      alphaMax = a;
      blocking = 'budget';
    }
  }
  if (blocking === 'budget' && budgetFaceLeavesNothing(problem, f, direction, alphaMax)) {
    // Where the budget is spent, some scenario of positive probability pays nothing (no staked bet
    // wins in it): G is −Infinity on that face, so it can never hold the optimum. Treat it as the
    // edge of the domain and stop short of it (fraction to the boundary), never on it: a wealth
    // of 1e-16 is below what 1 − Σf can resolve.
    alphaMax *= FRACTION_TO_BOUNDARY;
    blocking = undefined;
  }
  if (alphaMax === 0) return { moved: false, blocking, faceSolved: false };

  const trial = new Float64Array(f.length);
  const valueAt = (alpha: number): number => {
    for (let i = 0; i < f.length; i++) trial[i] = f[i]! + alpha * direction[i]!;
    return growthAt(problem, trial);
  };
  let alpha = Math.min(1, alphaMax);

  // Newton's quadratic region: the predicted gain g·d is at the rounding noise of G, so comparing
  // values says nothing. Take the (clipped) full step, keeping every wealth positive; the face is
  // then solved to machine precision.
  if (slope <= NOISE_MULTIPLE * noise) {
    for (let attempt = 0; attempt < MAX_BACKTRACKS && valueAt(alpha) === Number.NEGATIVE_INFINITY; attempt++) alpha /= 2;
    if (valueAt(alpha) === Number.NEGATIVE_INFINITY) return { moved: false, blocking: undefined, faceSolved: true };
    f.set(trial);
    return { moved: true, blocking: alpha === alphaMax ? blocking : undefined, faceSolved: true };
  }

  for (let attempt = 0; attempt < MAX_BACKTRACKS; attempt++) {
    let best = valueAt(alpha);
    if (best >= value + ARMIJO * alpha * slope) {
      // About to stop on a constraint: G is concave along the line, so if half the step is better
      // the line's maximum lies before the constraint; keep halving while it improves instead.
      if (alpha === alphaMax && blocking !== undefined) {
        for (let k = 0; k < MAX_BACKTRACKS; k++) {
          const shorter = valueAt(alpha / 2);
          if (!(shorter > best + noise)) break;
          best = shorter;
          alpha /= 2;
        }
        valueAt(alpha);
      }
      f.set(trial);
      return { moved: true, blocking: alpha === alphaMax ? blocking : undefined, faceSolved: false };
    }
    alpha /= 2;
  }
  // Rounding noise only: the direction is an ascent direction, so a failed search means the gain
  // is below what doubles can resolve.
  return { moved: false, blocking: undefined, faceSolved: true };
}

/** True when, at f + alpha·direction, some scenario of positive probability pays back nothing. */
function budgetFaceLeavesNothing(problem: GrowthProblem, f: Float64Array, direction: Float64Array, alpha: number): boolean {
  const { bets: n, weights, returns } = problem;
  for (let s = 0; s < weights.length; s++) {
    if (!(weights[s]! > 0)) continue;
    let payout = 0;
    for (let i = 0; i < n; i++) {
      const stake = f[i]! + alpha * direction[i]!;
      // 1 + r is the gross payout per unit: d on a win, 0 on a loss.
      if (stake > 0) payout += stake * (1 + returns[s * n + i]!);
    }
    if (payout === 0) return true;
  }
  return false;
}

/**
 * At the optimum of the current face, the KKT multipliers: ν for the budget (the common marginal
 * growth of the free bets), ν − g_i for a bet held at 0, g_i − ν for a bet held at its cap. All must
 * be ≥ 0; otherwise the most negative constraint is released. A budget row with no free bet left is
 * redundant (the bounds fix every stake) and is released first.
 */
function constraintToRelease(
  gradient: Float64Array,
  state: readonly BoundState[],
  free: readonly number[],
  budgetActive: boolean,
): number | 'budget' | undefined {
  let nu = 0;
  if (budgetActive) {
    if (free.length === 0) return 'budget';
    for (const i of free) nu += gradient[i]!;
    nu /= free.length;
  }
  let worst = -MULTIPLIER_TOLERANCE;
  let release: number | 'budget' | undefined;
  if (budgetActive && nu < worst) {
    worst = nu;
    release = 'budget';
  }
  state.forEach((s, i) => {
    const multiplier = s === 'lower' ? nu - gradient[i]! : s === 'upper' ? gradient[i]! - nu : 0;
    if (multiplier < worst) {
      worst = multiplier;
      release = i;
    }
  });
  return release;
}
