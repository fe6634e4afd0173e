/**
 * `coverage` — Toy 7A "Long-tail skills" (SCIENCE-NOTES-ch7 §7(b); Chen et al. 2025, the coverage principle) and its
 * panel C (Rajaraman et al. 2020, the missing-mass mechanism behind |S|H²/n).
 *
 * World (fixed by the seed): K = 2000 prompts ("skills") with Zipf frequencies μ(x) ∝ x^−1.5; each prompt has one
 * correct answer c_x ∈ {0..3}^H whose tokens are drawn once, i.i.d. from p_tok = (0.4, 0.3, 0.2, 0.1). A corpus is n
 * pairs (x_i, c_{x_i}) with x_i ~ μ: the answer is the demonstration.
 *
 * Learner: next-token maximum likelihood in the tabular class, with add-α smoothing towards a shared unigram back-off,
 *   π̂(v | x, h) = (count_{x,h}(v) + α·V·p̂(v)) / (n_x + α·V),   p̂ = Jeffreys-smoothed unigram of all n·H tokens.
 * α = 0 is pure MLE; a prompt never seen (n_x = 0) falls back to p̂ at every position.
 *
 * Metrics, exact given a corpus (no sampling), with L_x = −log π̂(c_x | x) the sequence log-ratio:
 *   kl            Σ_x μ(x)·L_x                      the sequence cross-entropy (the entropy is 0: one answer per prompt)
 *   coverageMiss  P_cov,N = Σ_x μ(x)·1[L_x ≥ log N]  the mass of prompts whose answer gets less than 1/N
 *   passAtN       Σ_x μ(x)·(1 − (1 − e^{−L_x})^N)    Best-of-N with a perfect verifier
 *   missingMass   M_n = Σ_{x unseen} μ(x)
 * Each is the mean over `datasets` corpora; the curves sweep H = 2 … 256, the profile N ↦ P_cov,N is at H = horizon.
 *
 * Panel C, the rare-states MDP (exact for the per-step learner, Monte Carlo over 400 data sets for the shared one): at
 * every step a fresh state is drawn from q — one common state and S − 1 rare ones of mass 1/n — the expert's action is
 * deterministic (|A| = 4), a wrong action is an absorbing failure and the reward is 1 per step alive. BC copies the
 * expert where it has a label and guesses uniformly elsewhere, so its per-step error is (3/4)·(missing mass), and its
 * regret is Σ_t [1 − Π_{τ≤t} (1 − e_τ)].
 *   missing/perStep           a table per step, each from the n states seen at that step (exact): ≈ H²
 *   missing/shared            one table for all steps, from n·H states, on its own worst case (rare mass 1/(nH)): ≈ H
 *   missing/sharedSameStates  the shared table on the per-step learner's q (the rare states are all seen)
 * with the first-order guides theory/perStep = (3/4)(S−1)/n·(1−1/n)^n·H(H+1)/2 and theory/shared (the same with nH).
 *
 * Result
 *   series   kl, coverageMiss, passAtN, missingMass: {x: H, y}; profile, profile/passMiss (1 − Pass@N): {x: N, y} at
 *            H = horizon; missing/*, theory/*: {x: H, y: regret}
 *   metrics  kl, coverageMiss, passAtN, missingMass (at H = horizon, budget N); slope/kl (log-log over H = 8 … 128);
 *            ratio/coverage (P_cov,N at H = 128 ÷ at H = 8); gap/passVsCoverage (max over H ≥ 8 of
 *            |(1 − Pass@N) − P_cov,N|); sandwich/violations of the Best-of-N sandwich (M = 4N) over sandwich/cases
 *            (every corpus × H); slope/perStep, slope/shared (panel C, log-log over H = 4 … 32)
 */
import { powInt } from '../../lib/detmath';
import { makeRng, type Rng } from '../../lib/rng';
import { logLogSlope } from '../../lib/stats';
import { checkpoint } from '../core/abort';
import { coverageInfo, type CoverageResult } from './coverage.params';
import { progressReporter } from './progress';
import { defineExperiment, type PartialResult, type Point } from './types';

// ---------------------------------------------------------------------------------------------------------------
// The world
// ---------------------------------------------------------------------------------------------------------------

/** Prompts in the world. */
const K = 2000;
/** Zipf exponent of the prompt frequencies. */
const ZIPF = 1.5;
/** Vocabulary size and the token law of the answers. */
const V = 4;
const P_TOK = [0.4, 0.3, 0.2, 0.1];
/** The answer lengths of the sweep. */
const HORIZONS = [2, 4, 8, 16, 32, 64, 128, 256];
/** The Best-of-N budgets of the profile, 2 … 2¹⁴ (at N = 1 every answer is "under-covered by a factor ≥ 1": P_cov,1 = 1). */
const BUDGETS = Array.from({ length: 14 }, (_, k) => powInt(2, k + 1));
/** Panel C's horizons, its action count and its Monte Carlo size. */
const PANEL_HORIZONS = [2, 4, 8, 16, 32, 64];
const ACTIONS = 4;
const PANEL_DATASETS = 400;

interface World {
  mu: Float64Array;
  /** answers[x·Hmax + h] = c_{x,h}. */
  answers: Uint8Array;
  hMax: number;
}

function makeWorld(rng: Rng, hMax: number): World {
  const mu = new Float64Array(K);
  let total = 0;
  for (let x = 0; x < K; x++) {
    mu[x] = 1 / ((x + 1) * Math.sqrt(x + 1)); // (x + 1)^−1.5
    total += mu[x];
  }
  for (let x = 0; x < K; x++) mu[x] /= total;
  const answers = new Uint8Array(K * hMax);
  for (let i = 0; i < answers.length; i++) answers[i] = rng.categorical(P_TOK);
  return { mu, answers, hMax };
}

/** tokenCounts[(x·V + v)] = how often token v occurs in c_x[0 … H − 1], for one H. */
function tokenCountsAt(world: World, H: number): Int32Array {
  const out = new Int32Array(K * V);
  for (let x = 0; x < K; x++) for (let h = 0; h < H; h++) out[x * V + world.answers[x * world.hMax + h]]++;
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Sampling a corpus: how often each prompt appears among n draws
// ---------------------------------------------------------------------------------------------------------------

/**
 * A Binomial(n, p) draw. Exact by inversion while the smaller tail's mean is under 30 (every rare prompt, every rare
 * state of panel C); beyond, the normal approximation rounded to an integer: those are the frequent prompts, seen
 * hundreds of times, whose exact count changes nothing visible (a seen answer's probability is ≈ 1 either way).
 */
export function sampleBinomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - sampleBinomial(rng, n, 1 - p);
  const mean = n * p;
  if (mean < 30) {
    // Walk up the CDF from k = 0 with the ratio P(k+1)/P(k) = (n − k)/(k + 1) · p/(1 − p).
    const ratio = p / (1 - p);
    let pk = Math.exp(n * Math.log1p(-p));
    let cdf = pk;
    const u = rng.uniform();
    let k = 0;
    while (u > cdf && k < n) {
      pk *= ((n - k) / (k + 1)) * ratio;
      cdf += pk;
      k++;
      if (pk < 1e-300 && cdf >= 1 - 1e-15) break;
    }
    return k;
  }
  const draw = Math.round(mean + Math.sqrt(mean * (1 - p)) * rng.normal());
  return Math.min(n, Math.max(0, draw));
}

/** Multinomial counts of n draws from `weights` (summing to 1), as conditional binomials. */
function multinomial(rng: Rng, n: number, weights: Float64Array): Int32Array {
  const counts = new Int32Array(weights.length);
  let left = n;
  let mass = 1;
  for (let i = 0; i < weights.length && left > 0; i++) {
    const k = i === weights.length - 1 ? left : sampleBinomial(rng, left, Math.min(1, weights[i] / mass));
    counts[i] = k;
    left -= k;
    mass -= weights[i];
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------------------------
// The learner's sequence log-ratios and the four metrics
// ---------------------------------------------------------------------------------------------------------------

/** L_x = −log π̂(c_x | x) for every prompt, at one H, for the count model fit on `seen` with smoothing α. */
function logRatios(seen: Int32Array, tokens: Int32Array, alpha: number): Float64Array {
  // The unigram of all training tokens, Jeffreys-smoothed so that it is never 0.
  const unigram = new Float64Array(V);
  let all = 0;
  for (let x = 0; x < K; x++) {
    if (seen[x] === 0) continue;
    for (let v = 0; v < V; v++) unigram[v] += seen[x] * tokens[x * V + v];
  }
  for (let v = 0; v < V; v++) all += unigram[v];
  const backOff = Array.from(unigram, (c) => (c + 0.5) / (all + 0.5 * V));
  const backOffCost = backOff.map((p) => -Math.log(p));
  const L = new Float64Array(K);
  for (let x = 0; x < K; x++) {
    const nx = seen[x];
    let sum = 0;
    for (let v = 0; v < V; v++) {
      const c = tokens[x * V + v];
      if (c === 0) continue;
      if (nx === 0) sum += c * backOffCost[v];
      else if (alpha > 0) sum -= c * Math.log((nx + alpha * V * backOff[v]) / (nx + alpha * V));
      // α = 0 and seen: the count model puts probability 1 on every token of the one answer it saw.
    }
    L[x] = sum;
  }
  return L;
}

/** Σ μ(x)·1[L_x ≥ log N]: coverage at level N (with a hair of tolerance at the boundary L = log N). */
function coverageMissAt(mu: Float64Array, L: Float64Array, N: number): number {
  const threshold = Math.log(N) - 1e-12;
  let s = 0;
  for (let x = 0; x < K; x++) if (L[x] >= threshold) s += mu[x];
  return s;
}

/** log(1 − e^{−L_x}) per prompt (−∞ where the answer gets probability 1): what Best-of-N needs, once per corpus and H. */
function logMissProbabilities(L: Float64Array): Float64Array {
  const out = new Float64Array(K);
  for (let x = 0; x < K; x++) out[x] = L[x] === 0 ? -Infinity : Math.log1p(-Math.exp(-L[x]));
  return out;
}

/** Σ μ(x)·(1 − (1 − e^{−L_x})^N): Best-of-N success with a perfect verifier, from `logMissProbabilities`. */
function passAt(mu: Float64Array, logMiss: Float64Array, N: number): number {
  let s = 0;
  for (let x = 0; x < K; x++) s += mu[x] * (logMiss[x] === -Infinity ? 1 : -Math.expm1(N * logMiss[x]));
  return s;
}

function weighted(mu: Float64Array, L: Float64Array): number {
  let s = 0;
  for (let x = 0; x < K; x++) s += mu[x] * L[x];
  return s;
}

// ---------------------------------------------------------------------------------------------------------------
// Panel C: the rare-states MDP
// ---------------------------------------------------------------------------------------------------------------

/** Σ_t [1 − (1 − e)^t] for t = 1 … H: expected lost steps with a constant per-step failure probability e. */
function denseRegretConstant(e: number, H: number): number {
  let alive = 1;
  let lost = 0;
  for (let t = 1; t <= H; t++) {
    alive *= 1 - e;
    lost += 1 - alive;
  }
  return lost;
}

/** The per-step error of BC whose table saw `samples` states drawn from q (one common state, the rest `rare` each). */
function sampledError(rng: Rng, S: number, rare: number, samples: number): number {
  const q = new Float64Array(S);
  q.fill(rare);
  q[0] = 1 - (S - 1) * rare;
  // Rare states first, so that their small counts are drawn exactly; the common state takes what is left.
  q.reverse();
  const counts = multinomial(rng, samples, q);
  let missing = 0;
  for (let s = 0; s < S; s++) if (counts[s] === 0) missing += q[s];
  return (1 - 1 / ACTIONS) * missing;
}

// ---------------------------------------------------------------------------------------------------------------
// The experiment
// ---------------------------------------------------------------------------------------------------------------

export const coverageExperiment = defineExperiment(coverageInfo, async (p, { seed, signal, onProgress }) => {
  const report = progressReporter(onProgress);
  const root = makeRng(seed);
  const n = p.nDemos;
  const N = p.N;
  const alpha = p.smoothing;
  const hList = [...new Set([...HORIZONS, p.horizon])].sort((a, b) => a - b);
  const hMax = hList[hList.length - 1];
  const world = makeWorld(root.stream('world'), hMax);
  const tokensAt = new Map(hList.map((H) => [H, tokenCountsAt(world, H)]));

  // Sums over corpora, per H (and per budget for the profile).
  const sums = new Map(hList.map((H) => [H, { kl: 0, cov: 0, pass: 0 }]));
  const profile = new Float64Array(BUDGETS.length);
  const profilePass = new Float64Array(BUDGETS.length);
  let missingMass = 0;
  let violations = 0;
  let cases = 0;
  let done = 0;

  const series = (): Record<'kl' | 'coverageMiss' | 'passAtN' | 'missingMass', Point[]> => {
    const at = (f: (s: { kl: number; cov: number; pass: number }) => number) =>
      HORIZONS.map((H) => ({ x: H, y: f(sums.get(H)!) / Math.max(1, done) }));
    return {
      kl: at((s) => s.kl),
      coverageMiss: at((s) => s.cov),
      passAtN: at((s) => s.pass),
      missingMass: HORIZONS.map((H) => ({ x: H, y: missingMass / Math.max(1, done) })),
    };
  };
  const partial = (): PartialResult<CoverageResult> => ({ metrics: {}, series: series() });

  const lowerFactor = 1 - powInt(1 - 1 / N, N); // (1 − (1 − 1/N)^N)
  for (let r = 0; r < p.datasets; r++) {
    await checkpoint(signal);
    const seen = multinomial(root.stream(`dataset/${r}`), n, world.mu);
    let mass = 0;
    for (let x = 0; x < K; x++) if (seen[x] === 0) mass += world.mu[x];
    missingMass += mass;
    for (const H of hList) {
      const L = logRatios(seen, tokensAt.get(H)!, alpha);
      const logMiss = logMissProbabilities(L);
      const cov = coverageMissAt(world.mu, L, N);
      const pass = passAt(world.mu, logMiss, N);
      const s = sums.get(H)!;
      s.kl += weighted(world.mu, L);
      s.cov += cov;
      s.pass += pass;
      // The Best-of-N sandwich (notes, [D]) with M = 4N: (1 − (1 − 1/N)^N)(1 − P_cov,N) ≤ Pass@N ≤ 1 − P_cov,M·(1 − N/M).
      const covM = coverageMissAt(world.mu, L, 4 * N);
      cases++;
      if (pass < lowerFactor * (1 - cov) - 1e-12 || pass > 1 - covM * (1 - 1 / 4) + 1e-12) violations++;
      if (H === p.horizon) {
        for (const [k, budget] of BUDGETS.entries()) {
          profile[k] += coverageMissAt(world.mu, L, budget);
          profilePass[k] += 1 - passAt(world.mu, logMiss, budget);
        }
      }
    }
    done++;
    report((0.9 * done) / p.datasets, `corpus ${done}/${p.datasets}`, partial, done === 1);
  }

  // Panel C: per-step tabular BC (exact) and one shared table (Monte Carlo), on the same kind of rare states.
  const S = Math.max(2, Math.min(p.states, n + 1));
  const panelRng = root.stream('panelC');
  const missingPerStep: Point[] = [];
  const missingShared: Point[] = [];
  const missingSharedSame: Point[] = [];
  const theoryPerStep: Point[] = [];
  const theoryShared: Point[] = [];
  // E[missing mass] of n samples from q = (1 − (S−1)/n, 1/n, …): Σ_s q_s (1 − q_s)^n; the per-step error is 3/4 of it.
  const common = 1 - (S - 1) / n;
  const expectedMissing = common * powInt(1 - common, n) + (S - 1) * (1 / n) * powInt(1 - 1 / n, n);
  const perStepError = (1 - 1 / ACTIONS) * expectedMissing;
  for (const H of PANEL_HORIZONS) {
    await checkpoint(signal);
    missingPerStep.push({ x: H, y: denseRegretConstant(perStepError, H) });
    const rng = panelRng.stream(`H/${H}`);
    let own = 0;
    let same = 0;
    for (let d = 0; d < PANEL_DATASETS; d++) {
      own += denseRegretConstant(sampledError(rng, S, 1 / (n * H), n * H), H);
      same += denseRegretConstant(sampledError(rng, S, 1 / n, n * H), H);
    }
    missingShared.push({ x: H, y: own / PANEL_DATASETS });
    missingSharedSame.push({ x: H, y: same / PANEL_DATASETS });
    const firstOrder = (1 - 1 / ACTIONS) * ((S - 1) / n) * powInt(1 - 1 / n, n) * ((H * (H + 1)) / 2);
    theoryPerStep.push({ x: H, y: firstOrder });
    theoryShared.push({
      x: H,
      y: (1 - 1 / ACTIONS) * ((S - 1) / (n * H)) * powInt(1 - 1 / (n * H), n * H) * ((H * (H + 1)) / 2),
    });
  }

  const final = series();
  const at = (points: Point[], H: number) => points.find((q) => q.x === H)!.y;
  const slopeOver = (points: Point[], hs: number[]) =>
    logLogSlope(
      hs,
      hs.map((H) => at(points, H)),
    );
  const bigH = HORIZONS.filter((H) => H >= 8);
  const m = done;
  const covAtHorizon = sums.get(p.horizon)!;
  const result: CoverageResult = {
    metrics: {
      kl: covAtHorizon.kl / m,
      coverageMiss: covAtHorizon.cov / m,
      passAtN: covAtHorizon.pass / m,
      missingMass: missingMass / m,
      'slope/kl': slopeOver(final.kl, [8, 16, 32, 64, 128]),
      'ratio/coverage': at(final.coverageMiss, 128) / at(final.coverageMiss, 8),
      'gap/passVsCoverage': Math.max(
        ...bigH.map((H) => Math.abs(1 - at(final.passAtN, H) - at(final.coverageMiss, H))),
      ),
      'sandwich/violations': violations,
      'sandwich/cases': cases,
      'slope/perStep': slopeOver(missingPerStep, [4, 8, 16, 32]),
      'slope/shared': slopeOver(missingShared, [4, 8, 16, 32]),
    },
    series: {
      ...final,
      profile: BUDGETS.map((budget, k) => ({ x: budget, y: profile[k] / m })),
      'profile/passMiss': BUDGETS.map((budget, k) => ({ x: budget, y: profilePass[k] / m })),
      'missing/perStep': missingPerStep,
      'missing/shared': missingShared,
      'missing/sharedSameStates': missingSharedSame,
      'theory/perStep': theoryPerStep,
      'theory/shared': theoryShared,
    },
    extras: {
      horizons: HORIZONS,
      budgets: BUDGETS,
      panelHorizons: PANEL_HORIZONS,
      prompts: K,
      zipf: ZIPF,
      states: S,
    },
  };
  report(1, 'done', () => result, true);
  return result;
});
