/**
 * `gatewalk-horizon` — BC's regret against the horizon, with and without parameter sharing (SCIENCE-NOTES §1(b)
 * Toy 1A, SCIENCE.md "Chapter: Behavior cloning"). n expert trajectories of H gates each; the learner is
 *   - shared:  one half-plane for every step, fit on all nH (gate, side) pairs;
 *   - perStep: a separate half-plane for each step t, fit on that step's n pairs;
 * and its regret is computed exactly from its per-step error e_t (sims/envs/gatewalk.ts):
 *   sparse (R = 1)  1 − Π_t (1 − e_t)                 the probability of falling at all,
 *   dense  (R = H)  Σ_t [1 − Π_{s≤t} (1 − e_s)]       the expected number of steps spent fallen.
 * Each point is the mean over `datasets` independent data sets (a fresh one for every curve and horizon), with a 95%
 * bootstrap band. Small-error theory (notes): shared sparse ≈ 1/(2n), shared dense ≈ H/(4n), per-step sparse ≈
 * H/(2n), per-step dense ≈ H²/(4n) — Foster, Block & Misra's picture: with sharing, regret is R·O(1/n).
 *
 * Learners
 *   exact (default)  the maximum-likelihood half-plane of the notes: the middle of the arc of angles that agree with
 *                    every label. Its error is sampled exactly and in O(1) per fit from two order statistics (see
 *                    `sampleMidpointError`), so the default figure is instant and n = 100 costs what n = 1 does.
 *   logistic         the notes' tfjs mode for the shared class: a zero-initialised 2→2 linear softmax trained with
 *                    Adam (lr 0.05) by full-batch steps on the nH pairs, acting greedily; its error is the exact
 *                    disagreement of the learned (affine) rule with the expert on isotropic gates. Under-trained, its
 *                    error falls more slowly than 1/(nH), and the shared regret grows with H (the notes' side lesson).
 *                    Per-step curves stay exact in this mode: H·datasets separate tfjs runs per horizon would take
 *                    minutes (a run costs ~3 ms per step, whatever its size); the exact shared curves come along as
 *                    guides (`exact/…`).
 *
 * Hidden gust p (the notes' optional "expert stochasticity", defined here so that regret stays J(π̂) − J(π*)): with
 * probability p, independently at each gate, a gust the learner cannot observe flips which side is correct. The
 * expert sees it and never falls; to the learner its labels look flipped with probability p. The expert is then
 * outside the learner's class (misspecification: a learner that saw the gust could copy it), every half-plane errs
 * with probability e = p + (1 − 2p)·d (d its disagreement with a*), and regret grows ∝ pH even with sharing. The
 * exact learner becomes the half-plane agreeing with the most labels (what maximum likelihood picks once the class
 * allows a flip rate), found by a sweep over the circle. This is not the stochastic-expert bound of Foster et al.,
 * where the expert itself falls and regret is measured against it.
 *
 * Result
 *   series   sharedSparse, perStepSparse, sharedDense, perStepDense: {x: H, y: mean regret, lo, hi} — the ones not
 *            selected by `curves` are empty; exact/sharedSparse, exact/sharedDense: in logistic mode the exact shared
 *            learner (same n and gust) for comparison, empty otherwise
 *   metrics  regret/<series> (at the longest H); slope/<series> (least-squares slope of log regret on log H over the
 *            grid); ratio/sharedSparse, ratio/perStepSparse (longest ÷ shortest H); ratio/perStepSparse4x and
 *            slope/perStepDenseShort (over the first three horizons, H₀ … 4H₀, before per-step saturation);
 *            ratio/perStepOverShared (sparse, at the longest H); error/shared (mean per-step error of the shared
 *            learner at the longest H), error/perStep (of a per-step learner, n pairs), rate/shared (slope of log
 *            error/shared on log nH: −1 for the exact learner); mean/sharedSparse, min/sharedSparse,
 *            max/sharedSparse (the mean, least and greatest of the shared sparse curve over the horizon grid: the
 *            level of the flat curve and how far it strays from it); regret/exactShared…, slope/exactShared… in logistic
 *            mode. Every metric is optional: those of curves not drawn, and undefined slopes and ratios (a zero
 *            regret), are omitted.
 *   extras   horizons; learner; datasets (behind each shared point); n; gust
 */
import { makeRng, type Rng } from '../../lib/rng';
import { bootstrapMeanBand, logLogSlope, mean } from '../../lib/stats';
import { checkpoint } from '../core/abort';
import { GATE_PHI_STAR, denseRegret, gateSide, sparseRegret, wrapAngle } from '../envs/gatewalk';
import { trainMlp, type MlpSpec, type MlpWeights } from '../policies/mlp';
import { progressReporter } from './progress';
import { gatewalkHorizonInfo, type GatewalkHorizonResult } from './gatewalk-horizon.params';
import { defineExperiment, type PartialResult, type Point } from './types';

/** Adam's step size for the logistic learner (the notes' prototype). */
const LOGISTIC_LEARNING_RATE = 0.05;
/** Bootstrap resamples per band: enough for a 95% interval's ends; the band is a picture, not a test statistic. */
const BAND_RESAMPLES = 300;
/** Yield to the event loop (so an abort can arrive) at least this often, in ms. */
const YIELD_MS = 40;

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

// ---------------------------------------------------------------------------------------------------------------
// Horizons
// ---------------------------------------------------------------------------------------------------------------

/** hMin, 2·hMin, 4·hMin, … up to hMax, plus hMax itself if it is not a doubling (bounds swapped if reversed). */
export function doublingHorizons(hMin: number, hMax: number): number[] {
  const [lo, hi] = hMin <= hMax ? [hMin, hMax] : [hMax, hMin];
  const grid: number[] = [];
  for (let H = lo; H <= hi; H *= 2) grid.push(H);
  if (grid[grid.length - 1] !== hi) grid.push(hi);
  return grid;
}

// ---------------------------------------------------------------------------------------------------------------
// The exact learner
// ---------------------------------------------------------------------------------------------------------------

/**
 * One draw of the exact learner's per-step error e = |φ̂ − φ*|/π after N noise-free expert-labelled gates, in O(1).
 *
 * Why this is exact. Gate i constrains φ to the half-circle around u_i, the direction of x_i (label 1) or of −x_i
 * (label 0); measured from φ*, u_i is uniform on (−π/2, π/2) because the gates are isotropic. The consistent arc is
 * (max u − π/2, min u + π/2), so the midpoint learner (`fitGateAngle`) has φ̂ − φ* = (min u + max u)/2. With
 * V = u/π + 1/2 ~ U(0, 1), e = |min V + max V − 1|/2, and the extremes of N uniforms are drawn directly: 1 − max V
 * = 1 − U₁^{1/N}, and the other N − 1 are uniform below the max, so min V = max V·(1 − U₂^{1/(N−1)}). Both small
 * quantities are formed with expm1 so they keep full precision at N = 25 600. (The science test checks this
 * against fitting real gates.)
 */
export function sampleMidpointError(rng: Rng, N: number): number {
  if (N <= 1) return Math.abs(rng.uniform() - 0.5);
  const oneMinusMax = -Math.expm1(Math.log(1 - rng.uniform()) / N);
  const minV = (1 - oneMinusMax) * -Math.expm1(Math.log(1 - rng.uniform()) / (N - 1));
  return Math.abs(minV - oneMinusMax) / 2;
}

/**
 * The angle φ̂ − φ* (wrapped to [−π, π)) of the half-plane that agrees with the most of `count` labelled gates,
 * given as their directions u_i relative to φ* (u[0 … count − 1]); the midpoint of that arc, the longest one if
 * several tie. The same estimator as `fitGateAngleBySweep` in sims/algos/gatewalkBc.ts, on typed arrays and one native
 * sort: gate i supports the open arc (u_i − π/2, u_i + π/2); the arcs' ends are their starts turned by π, so one
 * sorted list gives both. Each best-supported stretch is a single elementary arc (from it, the next event can only
 * be an end), except the one through angle 0, which the sweep sees as its first and last pieces.
 */
export function mostAgreeingAngle(
  u: Float64Array,
  count: number,
  starts: Float64Array = new Float64Array(count),
): number {
  const twoPi = 2 * Math.PI;
  const a = starts.subarray(0, count);
  let inside = 0; // arcs containing the angle 0
  for (let i = 0; i < count; i++) {
    let s = (u[i] - Math.PI / 2) % twoPi;
    if (s < 0) s += twoPi;
    a[i] = s;
    if (s > Math.PI) inside++;
  }
  a.sort();
  // Ends, ascending: the starts ≥ π turned back by π, then the starts < π turned forward by π.
  let split = 0;
  while (split < count && a[split] < Math.PI) split++;
  const endAt = (k: number) => (k < count - split ? a[split + k] - Math.PI : a[k - (count - split)] + Math.PI);

  let c = inside;
  let prev = 0;
  let firstLen = -1; // the piece [0, first event), joined to the last piece at the end
  let best = -1;
  let bestLen = -1;
  let bestMid = 0;
  const consider = (from: number, len: number) => {
    if (c > best || (c === best && len > bestLen)) {
      best = c;
      bestLen = len;
      bestMid = from + len / 2;
    }
  };
  let i = 0;
  let j = 0;
  while (i < count || j < count) {
    const isStart = j >= count || (i < count && a[i] < endAt(j));
    const at = isStart ? a[i] : endAt(j);
    if (firstLen < 0) firstLen = at;
    else if (at > prev) consider(prev, at - prev);
    c += isStart ? 1 : -1;
    if (isStart) i++;
    else j++;
    prev = at;
  }
  // The piece through 0: [prev, 2π) ∪ [0, first event), with the count at 0 (= inside).
  c = inside;
  consider(prev, twoPi - prev + Math.max(0, firstLen));
  return wrapAngle(bestMid);
}

/**
 * One draw of the exact learner's per-step error after N gates under a hidden gust p > 0: labels flipped with
 * probability p; the learner is the most-agreeing half-plane; e = p + (1 − 2p)·d with d its disagreement with a*.
 */
function sampleGustyError(
  rng: Rng,
  N: number,
  gust: number,
  scratch: { u: Float64Array; starts: Float64Array },
): number {
  if (scratch.u.length < N) {
    scratch.u = new Float64Array(N);
    scratch.starts = new Float64Array(N);
  }
  const { u } = scratch;
  for (let i = 0; i < N; i++) u[i] = (rng.uniform() - 0.5) * Math.PI + (rng.uniform() < gust ? Math.PI : 0);
  const d = Math.abs(mostAgreeingAngle(u, N, scratch.starts)) / Math.PI;
  return gust + (1 - 2 * gust) * d;
}

// ---------------------------------------------------------------------------------------------------------------
// The logistic learner: exact error of an affine rule on isotropic gates
// ---------------------------------------------------------------------------------------------------------------

/** ∫_a^b f by adaptive Simpson to absolute tolerance `tol`. */
function adaptiveSimpson(f: (x: number) => number, a: number, b: number, tol: number): number {
  const simpson = (fa: number, fm: number, fb: number, h: number) => (h / 6) * (fa + 4 * fm + fb);
  const recurse = (
    a0: number,
    b0: number,
    fa: number,
    fm: number,
    fb: number,
    whole: number,
    eps: number,
    depth: number,
  ): number => {
    const m = (a0 + b0) / 2;
    const lm = (a0 + m) / 2;
    const rm = (m + b0) / 2;
    const flm = f(lm);
    const frm = f(rm);
    const left = simpson(fa, flm, fm, m - a0);
    const right = simpson(fm, frm, fb, b0 - m);
    if (depth <= 0 || Math.abs(left + right - whole) <= 15 * eps) return left + right + (left + right - whole) / 15;
    return (
      recurse(a0, m, fa, flm, fm, left, eps / 2, depth - 1) + recurse(m, b0, fm, frm, fb, right, eps / 2, depth - 1)
    );
  };
  const fa = f(a);
  const fb = f(b);
  const fm = f((a + b) / 2);
  return recurse(a, b, fa, fm, fb, simpson(fa, fm, fb, b - a), tol, 40);
}

/**
 * The probability that the rule "side 1 iff w₁x₁ + w₂x₂ + c > 0" disagrees with the expert's half-plane at φ* on a
 * gate x ~ N(0, I₂). In polar coordinates x = r(cos θ, sin θ), θ uniform and r Rayleigh (P(r > ρ) = e^{−ρ²/2}):
 * along the ray at θ the rule says 1 with probability 1, 0 or e^{−c²/(2a²)} (or its complement), a = w·(cos θ, sin θ),
 * and the expert's answer is fixed. The integrand is smooth between the four angles where the expert's side or the
 * sign of a changes, so each piece is integrated adaptively. c = 0 gives |ψ − φ*|/π, ψ the angle of w.
 */
export function affineRuleError(w1: number, w2: number, c: number, phiStar: number = GATE_PHI_STAR): number {
  const twoPi = 2 * Math.PI;
  const pOne = (theta: number): number => {
    const a = w1 * Math.cos(theta) + w2 * Math.sin(theta);
    if (a > 0) return c >= 0 ? 1 : Math.exp(-(c * c) / (2 * a * a));
    if (a < 0) return c <= 0 ? 0 : -Math.expm1(-(c * c) / (2 * a * a));
    return c > 0 ? 1 : 0;
  };
  const integrand = (theta: number) => (Math.cos(theta - phiStar) > 0 ? 1 - pOne(theta) : pOne(theta));
  const norm = (t: number) => ((t % twoPi) + twoPi) % twoPi;
  const cuts = [phiStar - Math.PI / 2, phiStar + Math.PI / 2];
  if (w1 !== 0 || w2 !== 0) {
    const psi = Math.atan2(w2, w1);
    cuts.push(psi - Math.PI / 2, psi + Math.PI / 2);
  }
  const points = [...cuts.map(norm), 0, twoPi].sort((x, y) => x - y);
  let total = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    if (points[k + 1] - points[k] > 1e-15) total += adaptiveSimpson(integrand, points[k], points[k + 1], 1e-11);
  }
  return Math.min(1, Math.max(0, total / twoPi));
}

const LOGISTIC_SPEC: MlpSpec = { inputDim: 2, hidden: [], outputDim: 2, head: 'categorical' };

/** The notes' zero initialisation of the linear softmax. */
function zeroWeights(): MlpWeights {
  return {
    spec: { ...LOGISTIC_SPEC, hidden: [] },
    layers: [{ W: new Float32Array(4), b: new Float32Array(2), inDim: 2, outDim: 2 }],
  };
}

/** The greedy rule of a trained 2→2 linear softmax: side 1 iff (logit₁ − logit₀) = w·x + c > 0. */
function greedyRule(weights: MlpWeights): { w1: number; w2: number; c: number } {
  const { W, b } = weights.layers[0]; // row-major [in, out]
  return { w1: W[1] - W[0], w2: W[3] - W[2], c: b[1] - b[0] };
}

/** N expert-labelled gates for the trainer, labels flipped by the hidden gust with probability `gust`. */
function gateTrainingData(rng: Rng, N: number, gust: number): { x: Float32Array; y: Int32Array; n: number } {
  const x = new Float32Array(2 * N);
  const y = new Int32Array(N);
  for (let i = 0; i < N; i++) {
    const x1 = rng.normal();
    const x2 = rng.normal();
    x[2 * i] = x1;
    x[2 * i + 1] = x2;
    const side = gateSide(x1, x2, GATE_PHI_STAR);
    y[i] = gust > 0 && rng.uniform() < gust ? 1 - side : side;
  }
  return { x, y, n: N };
}

// ---------------------------------------------------------------------------------------------------------------
// Curves: per-data-set regrets → mean and band
// ---------------------------------------------------------------------------------------------------------------

/** Sparse and dense regret of a learner whose error is e at every one of H steps (the shared class). */
function constantErrorRegrets(e: number, H: number): { sparse: number; dense: number } {
  const errors = new Float64Array(H).fill(e);
  return { sparse: sparseRegret(errors), dense: denseRegret(errors) };
}

function bandPoint(H: number, values: Float64Array, rng: Rng): Point {
  const band = bootstrapMeanBand(values, rng, { resamples: BAND_RESAMPLES });
  return { x: H, y: band.mean, lo: band.lo, hi: band.hi };
}

function slopeOf(points: readonly Point[]): number {
  if (points.length < 2 || points.some((p) => !(p.y > 0))) return NaN;
  return logLogSlope(
    points.map((p) => p.x),
    points.map((p) => p.y),
  );
}

const ratioOf = (num: number | undefined, den: number | undefined): number =>
  num !== undefined && den !== undefined && den > 0 ? num / den : NaN;

type GatewalkMetrics = GatewalkHorizonResult['metrics'];
type GatewalkSeries = keyof GatewalkHorizonResult['series'];

/** The name each curve's regret/… and slope/… metrics carry. */
const METRIC_NAME = {
  sharedSparse: 'sharedSparse',
  perStepSparse: 'perStepSparse',
  sharedDense: 'sharedDense',
  perStepDense: 'perStepDense',
  'exact/sharedSparse': 'exactSharedSparse',
  'exact/sharedDense': 'exactSharedDense',
} as const satisfies Record<GatewalkSeries, string>;

/** Leaves out undefined metrics (all declared optional): a NaN would make the worker report the run as diverged. */
function finiteOnly(metrics: GatewalkMetrics): GatewalkMetrics {
  return Object.fromEntries(Object.entries(metrics).filter(([, v]) => Number.isFinite(v))) as GatewalkMetrics;
}

// ---------------------------------------------------------------------------------------------------------------
// The experiment
// ---------------------------------------------------------------------------------------------------------------

export const gatewalkHorizonExperiment = defineExperiment(
  gatewalkHorizonInfo,
  async (p, { seed, signal, onProgress }) => {
    const { nDemos: n, gust } = p;
    const logistic = p.learner === 'logistic';
    const horizons = doublingHorizons(p.hMin, p.hMax);
    const showShared = p.curves !== 'perStep';
    const showPerStep = p.curves !== 'shared';
    const showSparse = p.curves !== 'dense';
    const showDense = p.curves !== 'sparse';
    const root = makeRng(seed);
    const report = progressReporter<GatewalkHorizonResult>(onProgress);

    // exact/… stay empty unless the logistic learner draws the shared curves.
    const series: GatewalkHorizonResult['series'] = {
      sharedSparse: [],
      perStepSparse: [],
      sharedDense: [],
      perStepDense: [],
      'exact/sharedSparse': [],
      'exact/sharedDense': [],
    };
    const sharedError: Point[] = []; // mean per-step error of the shared learner, x = nH
    const perStepErrors: number[] = [];
    const partial = (): PartialResult<GatewalkHorizonResult> => ({
      metrics: {},
      series: Object.fromEntries(Object.entries(series).map(([k, v]) => [k, [...v]])),
    });

    // Work units for the progress bar: logistic training runs dominate when there are any.
    const unitsPerHorizon = 1 + (logistic && showShared ? p.logisticDatasets * 50 : 0);
    const totalUnits = horizons.length * unitsPerHorizon;
    let unitsDone = 0;
    let lastYield = now();
    const maybeYield = async () => {
      if (now() - lastYield >= YIELD_MS) {
        await checkpoint(signal);
        lastYield = now();
      }
    };
    const scratch = { u: new Float64Array(0), starts: new Float64Array(0) };
    const exactError = (rng: Rng, N: number) =>
      gust > 0 ? sampleGustyError(rng, N, gust, scratch) : sampleMidpointError(rng, N);

    /** Exact shared learner at H over `datasets` data sets: per-data-set regrets and errors. */
    const exactShared = async (H: number) => {
      const rng = root.stream(`exact/shared/H${H}`);
      const sparse = new Float64Array(p.datasets);
      const dense = new Float64Array(p.datasets);
      const errors = new Float64Array(p.datasets);
      for (let r = 0; r < p.datasets; r++) {
        errors[r] = exactError(rng, n * H);
        ({ sparse: sparse[r], dense: dense[r] } = constantErrorRegrets(errors[r], H));
        if (gust > 0) await maybeYield();
      }
      return { sparse, dense, errors };
    };

    for (const [k, H] of horizons.entries()) {
      await checkpoint(signal);
      lastYield = now();
      const bands = root.stream(`bands/H${H}`);

      // Parameter sharing on: one policy for all H steps, fit on the n·H pairs.
      if (showShared) {
        const exact = await exactShared(H);
        if (!logistic) {
          if (showSparse) series.sharedSparse.push(bandPoint(H, exact.sparse, bands.stream('sharedSparse')));
          if (showDense) series.sharedDense.push(bandPoint(H, exact.dense, bands.stream('sharedDense')));
          sharedError.push({ x: n * H, y: mean(exact.errors) });
        } else {
          if (showSparse)
            series['exact/sharedSparse'].push(bandPoint(H, exact.sparse, bands.stream('exact/sharedSparse')));
          if (showDense) series['exact/sharedDense'].push(bandPoint(H, exact.dense, bands.stream('exact/sharedDense')));
          const D = p.logisticDatasets;
          const sparse = new Float64Array(D);
          const dense = new Float64Array(D);
          const errors = new Float64Array(D);
          for (let r = 0; r < D; r++) {
            const stream = root.stream(`logistic/H${H}/dataset${r}`);
            const data = gateTrainingData(stream.stream('gates'), n * H, gust);
            const base = unitsDone;
            const { weights } = await trainMlp(
              LOGISTIC_SPEC,
              data,
              {
                steps: p.logisticSteps,
                batchSize: data.n,
                learningRate: LOGISTIC_LEARNING_RATE,
                optimizer: 'adam',
                weightDecay: 0,
                lossEvery: 25,
              },
              stream.stream('train'),
              {
                signal,
                init: zeroWeights(),
                onProgress: ({ step, steps }) =>
                  report(
                    (base + (50 * step) / steps) / totalUnits,
                    `H = ${H}: training data set ${r + 1}/${D}`,
                    partial,
                  ),
              },
            );
            unitsDone = base + 50;
            report(unitsDone / totalUnits, `H = ${H}: trained data set ${r + 1}/${D}`, partial);
            const { w1, w2, c } = greedyRule(weights);
            errors[r] = gust + (1 - 2 * gust) * affineRuleError(w1, w2, c);
            ({ sparse: sparse[r], dense: dense[r] } = constantErrorRegrets(errors[r], H));
          }
          if (showSparse) series.sharedSparse.push(bandPoint(H, sparse, bands.stream('sharedSparse')));
          if (showDense) series.sharedDense.push(bandPoint(H, dense, bands.stream('sharedDense')));
          sharedError.push({ x: n * H, y: mean(errors) });
        }
      }

      // Parameter sharing off: a policy per step, each fit on its own n pairs (always the exact learner).
      if (showPerStep) {
        const rng = root.stream(`exact/perStep/H${H}`);
        const sparse = new Float64Array(p.datasets);
        const dense = new Float64Array(p.datasets);
        const errors = new Float64Array(H);
        for (let r = 0; r < p.datasets; r++) {
          for (let t = 0; t < H; t++) errors[t] = exactError(rng, n);
          sparse[r] = sparseRegret(errors);
          dense[r] = denseRegret(errors);
          if (r < 4) perStepErrors.push(...errors);
          if (gust > 0) await maybeYield();
        }
        if (showSparse) series.perStepSparse.push(bandPoint(H, sparse, bands.stream('perStepSparse')));
        if (showDense) series.perStepDense.push(bandPoint(H, dense, bands.stream('perStepDense')));
      }

      unitsDone = (k + 1) * unitsPerHorizon;
      report(unitsDone / totalUnits, `H = ${H}: done`, partial, k === 0);
    }

    // Metrics: what the summary line and the science tests read.
    const last = (key: GatewalkSeries): number | undefined => series[key][series[key].length - 1]?.y;
    const first = (key: GatewalkSeries): number | undefined => series[key][0]?.y;
    // H₀, 2H₀, 4H₀ when the grid has them (it does unless the longest horizon cuts it short).
    const short = (key: GatewalkSeries) =>
      horizons[2] === 4 * horizons[0] ? series[key].filter((pt) => pt.x <= 4 * horizons[0]) : [];
    const metrics: GatewalkMetrics = {};
    for (const [key, name] of Object.entries(METRIC_NAME) as [GatewalkSeries, (typeof METRIC_NAME)[GatewalkSeries]][]) {
      const points = series[key];
      if (points.length === 0) continue;
      metrics[`regret/${name}`] = points[points.length - 1].y;
      metrics[`slope/${name}`] = slopeOf(points);
    }
    const shortPerStepDense = short('perStepDense');
    const shortPerStepSparse = short('perStepSparse');
    Object.assign(metrics, {
      'ratio/sharedSparse': ratioOf(last('sharedSparse'), first('sharedSparse')),
      'ratio/perStepSparse': ratioOf(last('perStepSparse'), first('perStepSparse')),
      'ratio/perStepSparse4x':
        shortPerStepSparse.length === 3 ? ratioOf(shortPerStepSparse[2].y, shortPerStepSparse[0].y) : NaN,
      'slope/perStepDenseShort': shortPerStepDense.length === 3 ? slopeOf(shortPerStepDense) : NaN,
      'ratio/perStepOverShared': ratioOf(last('perStepSparse'), last('sharedSparse')),
      'error/shared': sharedError.length > 0 ? sharedError[sharedError.length - 1].y : NaN,
      'error/perStep': perStepErrors.length > 0 ? mean(perStepErrors) : NaN,
      'rate/shared': slopeOf(sharedError),
    });
    const sharedSparse = series.sharedSparse.map((pt) => pt.y);
    if (sharedSparse.length > 0) {
      Object.assign(metrics, {
        'mean/sharedSparse': mean(sharedSparse),
        'min/sharedSparse': Math.min(...sharedSparse),
        'max/sharedSparse': Math.max(...sharedSparse),
      });
    }

    const result: GatewalkHorizonResult = {
      metrics: finiteOnly(metrics),
      series,
      extras: {
        horizons,
        learner: p.learner,
        n,
        gust,
        datasets: logistic ? p.logisticDatasets : p.datasets,
      },
    };
    report(1, 'done', () => result, true);
    return result;
  },
);
