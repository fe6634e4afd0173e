/**
 * The two-worlds expert and its demonstrations (SCIENCE-NOTES §2(b) Toy 2C; §3(b) Toy 3B for noise injection).
 *
 * Expert: u_p = −k·p, u_z = −σ·k·z with k = 0.5, so the closed loop contracts at a − k (0.4 for a = 0.9) in both
 * coordinates and both worlds. Clean demonstrations start at z = 0 and stay there with u_z ≡ 0: they are the same
 * numbers in both worlds. Noise-injected demonstrations (Toy 3B, Zhang et al. / DART) execute π*(x) + σ_u·U[−1, 1]²
 * on a fraction 1 − α of the trajectories but record the clean label π*(x); the executed noise excites z, so those
 * data reveal σ.
 */
import type { Rng } from '../../lib/rng';
import {
  pairedRollout,
  sampleProcessNoise,
  stepTwoWorlds,
  twoWorldsDefaults,
  type TwoWorldsPolicy,
} from '../envs/twoworlds';

/** k: the expert's feedback gain on both coordinates (notes default). */
export const EXPERT_GAIN = 0.5;

/** The expert's action in world σ: (−k·p, −σ·k·z). */
export function expertAction(p: number, z: number, sigma: number, k = EXPERT_GAIN): [number, number] {
  // `0 −` rather than unary minus: on z = 0 both worlds then label exactly 0, never −0 in one of them.
  return [0 - k * p, 0 - sigma * k * z];
}

/** The expert as a policy of world σ. */
export function expertPolicy(sigma: number, k = EXPERT_GAIN): TwoWorldsPolicy {
  return (x) => expertAction(x[0], x[1], sigma, k);
}

// ---------------------------------------------------------------------------------------------------------------
// Demonstrations
// ---------------------------------------------------------------------------------------------------------------

export interface DemoConfig {
  a: number;
  sigma: number;
  k: number;
  /** Number of trajectories (notes: 20). */
  nDemos: number;
  /** Steps per trajectory T (notes: 50). */
  length: number;
  /** p₀ ∼ U[−initRange, initRange], z₀ = 0. */
  initRange: number;
  /** σ_u: amplitude of the uniform noise added to the executed action of noisy trajectories (Toy 3B: 0.3; 0 = clean). */
  injectedNoise: number;
  /** α: the fraction of trajectories recorded clean when injectedNoise > 0 (Toy 3B: 0.5). The first ⌊αn⌉ are clean. */
  cleanFraction: number;
  /** Process noise during demonstrations (notes: none — the 10⁻³ noise is test-time only). */
  processNoiseStd: number;
}

export const demoDefaults: DemoConfig = {
  a: twoWorldsDefaults.a,
  sigma: 1,
  k: EXPERT_GAIN,
  nDemos: 20,
  length: 50,
  initRange: 1,
  injectedNoise: 0,
  cleanFraction: 0.5,
  processNoiseStd: 0,
};

export interface DemoTrajectory {
  /** States x_0…x_T, flat [p, z, …], length 2(T + 1). */
  states: Float64Array;
  /** The expert's clean labels π*(x_t), flat, length 2T — what the learner is trained on. */
  labels: Float64Array;
  /** The actions actually executed (labels + injected noise on noisy trajectories), length 2T. */
  executed: Float64Array;
  /** Whether noise was injected on this trajectory. */
  noisy: boolean;
}

export interface TwoWorldsDemos {
  trajectories: DemoTrajectory[];
  /** All (x_t, π*(x_t)) pairs, t < T, flat [p, z, …] and [u_p, u_z, …]; n pairs. */
  states: Float64Array;
  labels: Float64Array;
  n: number;
}

/**
 * Expert demonstrations in world σ. The start states depend only on the rng, not on σ, so clean demonstrations
 * drawn with the same seed are identical in the two worlds (the point of Toy 2C).
 */
export function generateDemos(config: Partial<DemoConfig>, rng: Rng): TwoWorldsDemos {
  const c = { ...demoDefaults, ...config };
  const starts = rng.stream('starts');
  const injected = rng.stream('injected-noise');
  const process = rng.stream('process-noise');
  const nClean = c.injectedNoise > 0 ? Math.round(c.cleanFraction * c.nDemos) : c.nDemos;
  const T = c.length;
  const trajectories: DemoTrajectory[] = [];
  for (let i = 0; i < c.nDemos; i++) {
    const noisy = i >= nClean;
    const states = new Float64Array(2 * (T + 1));
    const labels = new Float64Array(2 * T);
    const executed = new Float64Array(2 * T);
    states[0] = starts.range(-c.initRange, c.initRange);
    states[1] = 0;
    for (let t = 0; t < T; t++) {
      const p = states[2 * t];
      const z = states[2 * t + 1];
      const [up, uz] = expertAction(p, z, c.sigma, c.k);
      labels[2 * t] = up;
      labels[2 * t + 1] = uz;
      executed[2 * t] = up + (noisy ? c.injectedNoise * injected.range(-1, 1) : 0);
      executed[2 * t + 1] = uz + (noisy ? c.injectedNoise * injected.range(-1, 1) : 0);
      const wp = c.processNoiseStd > 0 ? c.processNoiseStd * process.normal() : 0;
      const wz = c.processNoiseStd > 0 ? c.processNoiseStd * process.normal() : 0;
      const [pn, zn] = stepTwoWorlds(p, z, executed[2 * t], executed[2 * t + 1], c.a, c.sigma, wp, wz);
      states[2 * t + 2] = pn;
      states[2 * t + 3] = zn;
    }
    trajectories.push({ states, labels, executed, noisy });
  }
  const n = c.nDemos * T;
  const flatStates = new Float64Array(2 * n);
  const flatLabels = new Float64Array(2 * n);
  trajectories.forEach((tr, i) => {
    flatStates.set(tr.states.subarray(0, 2 * T), 2 * T * i);
    flatLabels.set(tr.labels, 2 * T * i);
  });
  return { trajectories, states: flatStates, labels: flatLabels, n };
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation against the expert
// ---------------------------------------------------------------------------------------------------------------

export interface ImitationEvalConfig {
  a: number;
  sigma: number;
  k: number;
  /** Test-time process noise (notes: 10⁻³), shared by learner and expert. */
  noiseStd: number;
  /** H (notes: 100). */
  horizon: number;
  /** Number of initial states averaged over (notes: 100). */
  nInitial: number;
  /** p₀ ∼ U[−initRange, initRange], z₀ = 0. */
  initRange: number;
}

export const imitationEvalDefaults: ImitationEvalConfig = {
  a: twoWorldsDefaults.a,
  sigma: 1,
  k: EXPERT_GAIN,
  noiseStd: twoWorldsDefaults.noiseStd,
  horizon: twoWorldsDefaults.horizon,
  nInitial: 100,
  initRange: 1,
};

export interface ImitationEval {
  /** Mean J_imitation over the initial states. */
  J: number;
  /** J_imitation per initial state. */
  perStart: Float64Array;
  /** Mean over starts of ‖x̂_t − x*_t‖², t = 0…H (saturated entries can be Infinity for diverged learners). */
  meanSqDeviation: Float64Array;
  /** Median over starts of ‖x̂_t − x*_t‖ (robust to divergence; the curve of the semilog figure). */
  medianDeviation: Float64Array;
}

/**
 * J_imitation of a learner in world σ against the expert of that world: from `nInitial` starts (p₀, 0), each with its
 * own noise sequence shared by the two rollouts. Using the same rng for σ = +1 and σ = −1 gives both worlds the
 * same starts and noise.
 */
export function imitationGap(policy: TwoWorldsPolicy, config: Partial<ImitationEvalConfig>, rng: Rng): ImitationEval {
  const c = { ...imitationEvalDefaults, ...config };
  const starts = rng.stream('starts');
  const noiseRng = rng.stream('noise');
  const expert = expertPolicy(c.sigma, c.k);
  const perStart = new Float64Array(c.nInitial);
  const meanSq = new Float64Array(c.horizon + 1);
  const dev: Float64Array[] = [];
  for (let i = 0; i < c.nInitial; i++) {
    const x0: [number, number] = [starts.range(-c.initRange, c.initRange), 0];
    const noise = sampleProcessNoise(c.horizon, c.noiseStd, noiseRng);
    const r = pairedRollout(policy, expert, x0, noise, c.a, c.sigma);
    perStart[i] = r.imitationCost;
    for (let t = 0; t <= c.horizon; t++) meanSq[t] += r.sqDeviation[t] / c.nInitial;
    dev.push(r.sqDeviation);
  }
  const medianDeviation = new Float64Array(c.horizon + 1);
  const column = new Float64Array(c.nInitial);
  for (let t = 0; t <= c.horizon; t++) {
    for (let i = 0; i < c.nInitial; i++) column[i] = dev[i][t];
    column.sort();
    const m = c.nInitial >> 1;
    const med = c.nInitial % 2 ? column[m] : (column[m - 1] + column[m]) / 2;
    medianDeviation[t] = Math.sqrt(med);
  }
  const J = perStart.reduce((s, v) => s + v, 0) / c.nInitial;
  return { J, perStart, meanSqDeviation: meanSq, medianDeviation };
}

export interface BothWorldsEval {
  plus: ImitationEval;
  minus: ImitationEval;
  /** The world with the larger J_imitation. */
  worstSigma: 1 | -1;
  /** max(J₊, J₋): "there exists an instance" of the lower bound. */
  worstJ: number;
}

/** One learner, trained once, deployed in both worlds with the same starts and noise; reports the worse world. */
export function imitationGapBothWorlds(
  policy: TwoWorldsPolicy,
  config: Partial<Omit<ImitationEvalConfig, 'sigma'>>,
  rng: Rng,
): BothWorldsEval {
  const plus = imitationGap(policy, { ...config, sigma: 1 }, rng);
  const minus = imitationGap(policy, { ...config, sigma: -1 }, rng);
  const worstSigma = plus.J >= minus.J ? 1 : -1;
  return { plus, minus, worstSigma, worstJ: Math.max(plus.J, minus.J) };
}
