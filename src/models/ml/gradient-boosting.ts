/**
 * @module models/ml/gradient-boosting
 * Gradient-boosted regression trees on log loss, for P(home win) where features interact
 * (a linear logit cannot express "home favoured only when rested *and* at altitude").
 *
 * Each round fits a shallow tree to the gradient gᵢ = pᵢ − yᵢ and hessian hᵢ = pᵢ(1 − pᵢ) of the
 * log loss at the current raw score F (second-order boosting, as XGBoost/LightGBM do):
 *   leaf value  v = −lr · G / (H + λ),
 *   split gain  G_L²/(H_L + λ) + G_R²/(H_R + λ) − G²/(H + λ)   (G, H summed over the node).
 * The score starts at the logit of the training base rate; p = σ(F).
 *
 * Speed: features are binned once into at most `maxBins` quantile bins, so finding a split is one
 * histogram pass over the node's rows plus a scan over bins. A split is stored as a raw threshold
 * (go left when x ≤ threshold) equal to a bin edge, so prediction needs no binning and matches
 * training exactly.
 *
 * Determinism: row subsampling uses a seeded mulberry32 stream; ties in gain keep the first
 * (lowest feature, lowest bin) candidate. Same data, options and seed give the same model bit for
 * bit. Missing values are rejected (caller imputes), as in `logistic-regression`.
 */
import { checkFeatureVector, sigmoid, toDenseMatrix, type FeatureRows } from './matrix.js';
import { checkLabels } from './logistic-regression.js';
import { mulberry32 } from '../mulberry32.js';

/** Options for `fitGradientBoosting`; every field has a default. */
export interface GradientBoostingOptions {
  /** Boosting rounds (trees). Default 100. */
  rounds?: number;
  /** Shrinkage on each tree's leaf values. Default 0.1. */
  learningRate?: number;
  /** Tree depth, 1–6 (2–4 is typical). Default 3. */
  maxDepth?: number;
  /** Rows a leaf must hold at least. Default 20. */
  minSamplesLeaf?: number;
  /** L2 penalty λ on leaf values (in hessian units). Default 1. */
  l2?: number;
  /** Fraction of rows each round sees, in (0, 1]. Default 1 (no subsampling). */
  subsample?: number;
  /** PRNG seed for subsampling (32-bit integer). Default 1. */
  seed?: number;
  /** Quantile bins per feature, 2–256. Default 64. */
  maxBins?: number;
  /** Non-negative row weights. Default all 1. */
  weights?: readonly number[];
}

/** One tree as flat arrays; node 0 is the root. `feature[i] = −1` marks a leaf holding `value[i]`. */
export interface TreeJSON {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
}

/** The stored form of a fitted booster: plain JSON. */
export interface GradientBoostingModelJSON {
  kind: 'gradient_boosting';
  version: 1;
  featureCount: number;
  /** Starting raw score (logit of the weighted base rate). */
  baseScore: number;
  trees: TreeJSON[];
  /** Total split gain per feature over all trees. */
  featureGain: number[];
  /** Options the model was fitted with, echoed for the registry. */
  options: Required<Omit<GradientBoostingOptions, 'weights'>>;
}

/** A fitted booster: probabilities from raw feature vectors. */
export interface GradientBoostingModel {
  readonly kind: 'gradient_boosting';
  readonly featureCount: number;
  readonly rounds: number;
  /** Total split gain per feature over all trees: a rough importance. */
  readonly featureGain: readonly number[];
  /** P(y = 1) for one raw feature vector. */
  predict(x: ArrayLike<number>): number;
  predictMany(X: FeatureRows): Float64Array;
  toJSON(): GradientBoostingModelJSON;
}

/**
 * Bin edges for one column: bin(x) = #{edges < x}, so "bin ≤ s" is exactly "x ≤ edges[s]".
 * Few distinct values: an edge at each but the largest (every split possible). Many: edges at
 * quantiles of the sorted column, deduplicated so heavy ties do not waste bins.
 */
function binEdges(sorted: Float64Array, maxBins: number): number[] {
  const n = sorted.length;
  const distinct: number[] = [];
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]!);
  if (distinct.length <= maxBins) return distinct.slice(0, -1);
  const edges: number[] = [];
  const last = distinct[distinct.length - 1]!;
  for (let b = 1; b < maxBins; b++) {
    const v = sorted[Math.min(n - 1, Math.floor((b * n) / maxBins))]!;
    if (v < last && (edges.length === 0 || v > edges[edges.length - 1]!)) edges.push(v);
  }
  return edges;
}

function binOf(edges: readonly number[], x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function checkOption(name: string, v: number, ok: boolean): void {
  if (!ok) throw new RangeError(`gradient boosting option ${name} = ${v} is out of range`);
}

/**
 * Fits gradient-boosted trees on log loss. `X` rows are games, `y` 0/1 outcomes.
 * @example
 * const model = fitGradientBoosting(X, y, { rounds: 200, maxDepth: 3, subsample: 0.8, seed: 7 });
 * model.predict(X[0]);
 */
export function fitGradientBoosting(X: FeatureRows, y: readonly number[], options: GradientBoostingOptions = {}): GradientBoostingModel {
  const opts = {
    rounds: options.rounds ?? 100,
    learningRate: options.learningRate ?? 0.1,
    maxDepth: options.maxDepth ?? 3,
    minSamplesLeaf: options.minSamplesLeaf ?? 20,
    l2: options.l2 ?? 1,
    subsample: options.subsample ?? 1,
    seed: options.seed ?? 1,
    maxBins: options.maxBins ?? 64,
  };
  checkOption('rounds', opts.rounds, Number.isInteger(opts.rounds) && opts.rounds >= 0);
  checkOption('learningRate', opts.learningRate, opts.learningRate > 0 && opts.learningRate <= 1);
  checkOption('maxDepth', opts.maxDepth, Number.isInteger(opts.maxDepth) && opts.maxDepth >= 1 && opts.maxDepth <= 6);
  checkOption('minSamplesLeaf', opts.minSamplesLeaf, Number.isInteger(opts.minSamplesLeaf) && opts.minSamplesLeaf >= 1);
  checkOption('l2', opts.l2, opts.l2 >= 0 && Number.isFinite(opts.l2));
  checkOption('subsample', opts.subsample, opts.subsample > 0 && opts.subsample <= 1);
  checkOption('seed', opts.seed, Number.isInteger(opts.seed));
  checkOption('maxBins', opts.maxBins, Number.isInteger(opts.maxBins) && opts.maxBins >= 2 && opts.maxBins <= 256);

  const M = toDenseMatrix(X);
  const { rows: n, cols: d, data } = M;
  const w = checkLabels(y, n, options.weights);

  // Row-major bins: one histogram pass reads a row's d bins together and spreads its updates over
  // d histograms, which keeps consecutive additions independent (a per-feature pass stalls on
  // repeated additions into the same bin).
  const edges: number[][] = [];
  const bins = new Uint8Array(n * d);
  const col = new Float64Array(n);
  for (let f = 0; f < d; f++) {
    for (let i = 0; i < n; i++) col[i] = data[i * d + f]!;
    const e = binEdges(col.slice().sort(), opts.maxBins);
    edges.push(e);
    for (let i = 0; i < n; i++) bins[i * d + f] = binOf(e, col[i]!);
  }

  let W = 0;
  let wy = 0;
  for (let i = 0; i < n; i++) {
    W += w[i]!;
    wy += w[i]! * y[i]!;
  }
  const base = Math.min(1 - 1e-6, Math.max(1e-6, wy / W));
  const baseScore = Math.log(base / (1 - base));

  const F = new Float64Array(n).fill(baseScore);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const featureGain = new Array<number>(d).fill(0);
  const trees: TreeJSON[] = [];
  const rng = mulberry32(opts.seed);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const sampleSize = Math.max(1, Math.floor(opts.subsample * n));
  const chosen = new Uint8Array(n);
  // Rows of the current round, grouped node by node as the tree splits them.
  const idx = new Int32Array(n);
  const scratch = new Int32Array(n);

  // Histogram layout: slot (f·B + b)·3 holds Σg, Σh and the row count of bin b of feature f.
  const B = opts.maxBins;
  const histSize = d * B * 3;
  // Two buffers per depth (left and right child): a right sibling's histogram must survive while
  // the left subtree grows, and deeper levels use their own buffers.
  const pool = Array.from({ length: opts.maxDepth + 1 }, () => [new Float64Array(histSize), new Float64Array(histSize)] as const);
  const rootHist = pool[0]![0];

  const fillHistogram = (hist: Float64Array, rowsIdx: Int32Array, start: number, end: number): void => {
    hist.fill(0);
    for (let k = start; k < end; k++) {
      const i = rowsIdx[k]!;
      const gi = grad[i]!;
      const hi = hess[i]!;
      const row = i * d;
      for (let f = 0; f < d; f++) {
        const slot = (f * B + bins[row + f]!) * 3;
        hist[slot]! += gi;
        hist[slot + 1]! += hi;
        hist[slot + 2]!++;
      }
    }
  };

  for (let round = 0; round < opts.rounds; round++) {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(F[i]!);
      grad[i] = w[i]! * (p - y[i]!);
      hess[i] = w[i]! * p * (1 - p);
    }
    let size = n;
    if (sampleSize < n) {
      // Partial Fisher–Yates: the first sampleSize slots of perm become a uniform sample without
      // replacement; marking them and collecting in row order avoids a sort.
      for (let i = 0; i < sampleSize; i++) {
        const j = i + Math.floor(rng() * (n - i));
        const t = perm[i]!;
        perm[i] = perm[j]!;
        perm[j] = t;
      }
      chosen.fill(0);
      for (let i = 0; i < sampleSize; i++) chosen[perm[i]!] = 1;
      size = 0;
      for (let i = 0; i < n; i++) if (chosen[i] === 1) idx[size++] = i;
    } else {
      for (let i = 0; i < n; i++) idx[i] = i;
    }

    const tree: TreeJSON = { feature: [], threshold: [], left: [], right: [], value: [] };
    const splittable = (count: number, depth: number): boolean => depth < opts.maxDepth && count >= 2 * opts.minSamplesLeaf;
    // `hist` is this node's histogram, or null when the node cannot split (then none is built).
    const grow = (start: number, end: number, depth: number, hist: Float64Array | null): number => {
      const node = tree.feature.length;
      tree.feature.push(-1);
      tree.threshold.push(0);
      tree.left.push(-1);
      tree.right.push(-1);
      tree.value.push(0);
      let G = 0;
      let H = 0;
      for (let k = start; k < end; k++) {
        G += grad[idx[k]!]!;
        H += hess[idx[k]!]!;
      }
      const count = end - start;
      let bestGain = 1e-12;
      let bestFeature = -1;
      let bestBin = -1;
      if (hist) {
        const parentScore = (G * G) / (H + opts.l2);
        for (let f = 0; f < d; f++) {
          const nb = edges[f]!.length + 1;
          let GL = 0;
          let HL = 0;
          let NL = 0;
          for (let b = 0; b < nb - 1; b++) {
            const slot = (f * B + b) * 3;
            GL += hist[slot]!;
            HL += hist[slot + 1]!;
            NL += hist[slot + 2]!;
            if (NL < opts.minSamplesLeaf) continue;
            if (count - NL < opts.minSamplesLeaf) break;
            const GR = G - GL;
            const HR = H - HL;
            const gain = (GL * GL) / (HL + opts.l2) + (GR * GR) / (HR + opts.l2) - parentScore;
            if (gain > bestGain) {
              bestGain = gain;
              bestFeature = f;
              bestBin = b;
            }
          }
        }
      }
      if (bestFeature < 0) {
        tree.value[node] = H + opts.l2 > 0 ? (-opts.learningRate * G) / (H + opts.l2) : 0;
        return node;
      }
      // Stable in-place partition: left rows keep their order, so results depend on nothing but
      // the data and the seed.
      let write = start;
      let rightCount = 0;
      for (let k = start; k < end; k++) {
        const i = idx[k]!;
        if (bins[i * d + bestFeature]! <= bestBin) idx[write++] = i;
        else scratch[rightCount++] = i;
      }
      idx.set(scratch.subarray(0, rightCount), write);
      featureGain[bestFeature]! += bestGain;
      tree.feature[node] = bestFeature;
      tree.threshold[node] = edges[bestFeature]![bestBin]!;

      // Sibling subtraction: build the smaller child's histogram from its rows, the larger one's
      // as parent − smaller, so each level costs at most half the parent's rows.
      const leftCount = write - start;
      const buffers = pool[depth + 1]!;
      const leftBuf = buffers[0];
      const rightBuf = buffers[1];
      const leftSplits = splittable(leftCount, depth + 1);
      const rightSplits = splittable(rightCount, depth + 1);
      if (leftSplits || rightSplits) {
        const leftSmaller = leftCount <= rightCount;
        const small = leftSmaller ? leftBuf : rightBuf;
        const large = leftSmaller ? rightBuf : leftBuf;
        if (leftSmaller) fillHistogram(small, idx, start, write);
        else fillHistogram(small, idx, write, end);
        for (let s = 0; s < histSize; s++) large[s] = hist![s]! - small[s]!;
      }
      const l = grow(start, write, depth + 1, leftSplits ? leftBuf : null);
      const r = grow(write, end, depth + 1, rightSplits ? rightBuf : null);
      tree.left[node] = l;
      tree.right[node] = r;
      return node;
    };
    let rootHistogram: Float64Array | null = null;
    if (splittable(size, 0)) {
      fillHistogram(rootHist, idx, 0, size);
      rootHistogram = rootHist;
    }
    grow(0, size, 0, rootHistogram);
    trees.push(tree);
    // Every row (sampled or not) moves with the new tree, as in stochastic gradient boosting.
    for (let i = 0; i < n; i++) F[i]! += treeValue(tree, data, i * d);
  }

  return buildModel({ kind: 'gradient_boosting', version: 1, featureCount: d, baseScore, trees, featureGain, options: opts });
}

function treeValue(tree: TreeJSON, x: ArrayLike<number>, offset: number): number {
  let node = 0;
  for (;;) {
    const f = tree.feature[node]!;
    if (f < 0) return tree.value[node]!;
    node = x[offset + f]! <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
  }
}

function buildModel(json: GradientBoostingModelJSON): GradientBoostingModel {
  const { featureCount: d, baseScore, trees, featureGain } = json;
  const score = (x: ArrayLike<number>): number => {
    let F = baseScore;
    for (const tree of trees) F += treeValue(tree, x, 0);
    return sigmoid(F);
  };
  return Object.freeze({
    kind: 'gradient_boosting' as const,
    featureCount: d,
    rounds: trees.length,
    featureGain: Object.freeze(featureGain.slice()),
    predict: (x: ArrayLike<number>) => score(checkFeatureVector(x, d)),
    predictMany: (X: FeatureRows) => {
      const out = new Float64Array(X.length);
      for (let i = 0; i < X.length; i++) out[i] = score(checkFeatureVector(X[i]!, d, `X row ${i}`));
      return out;
    },
    toJSON: (): GradientBoostingModelJSON => JSON.parse(JSON.stringify(json)) as GradientBoostingModelJSON,
  });
}

/** Rebuilds a booster from `toJSON()` output; validates every tree's structure. */
export function gradientBoostingFromJSON(json: unknown): GradientBoostingModel {
  const o = json as Partial<GradientBoostingModelJSON> | null;
  if (typeof o !== 'object' || o === null || o.kind !== 'gradient_boosting' || o.version !== 1) {
    throw new RangeError('not a gradient boosting model (expected kind "gradient_boosting", version 1)');
  }
  const d = o.featureCount;
  if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) throw new RangeError('gradient boosting model: featureCount must be a whole number');
  if (typeof o.baseScore !== 'number' || !Number.isFinite(o.baseScore)) throw new RangeError('gradient boosting model: baseScore must be finite');
  if (!Array.isArray(o.trees)) throw new RangeError('gradient boosting model: trees must be an array');
  if (!Array.isArray(o.featureGain) || o.featureGain.length !== d) throw new RangeError(`gradient boosting model: featureGain must hold ${d} numbers`);
  o.trees.forEach((t, ti) => {
    const m = t?.feature?.length;
    const ok =
      typeof m === 'number' &&
      m >= 1 &&
      [t.threshold, t.left, t.right, t.value].every((a) => Array.isArray(a) && a.length === m) &&
      t.feature.every((f, i) => {
        if (f === -1) return Number.isFinite(t.value[i]);
        // Children point forward, so a walk from the root always ends at a leaf.
        return Number.isInteger(f) && f >= 0 && f < d && Number.isFinite(t.threshold[i]) && t.left[i]! > i && t.left[i]! < m && t.right[i]! > i && t.right[i]! < m;
      });
    if (!ok) throw new RangeError(`gradient boosting model: tree ${ti} is malformed`);
  });
  if (typeof o.options !== 'object' || o.options === null) throw new RangeError('gradient boosting model: options missing');
  const copy = JSON.parse(JSON.stringify(o)) as GradientBoostingModelJSON;
  return buildModel(copy);
}
