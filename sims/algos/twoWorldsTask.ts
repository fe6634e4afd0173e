/**
 * Two worlds (sims/envs/twoworlds.ts) as an imitation task, for `noise-injection` (SCIENCE-NOTES §3(b) Toy 3B):
 *
 *   demonstrate  world σ's expert u = (−k·p, −σ·k·z) drives nDemos episodes from p₀ ∼ U[−1, 1], z₀ = 0. With
 *                noise σ_u > 0, a fraction 1 − α of them execute π*(x) + σ_u·U[−1, 1]² while the recorded label
 *                stays π*(x) (Zhang et al.'s noise injection; sims/experts/twoworlds.ts `generateDemos`), so the
 *                executed noise pushes z off 0 and the labels there reveal σ. Without noise every episode stays on
 *                z = 0 and the two worlds' demonstrations are the same numbers.
 *   learner      a regression MLP (p, z) → (u_p, u_z)
 *   visit        the env with its test-time process noise, as the learner is deployed
 *   label        the expert of world σ
 *
 * With this task bc.ts is the notes' clean BC and dart.ts (noise σ_u) their noise-injected BC.
 */
import type { Rng } from '../../lib/rng';
import type { Policy } from '../core/rollout';
import { twoWorldsEnv } from '../envs/twoworlds';
import { EXPERT_GAIN, expertAction, generateDemos, type TwoWorldsDemos } from '../experts/twoworlds';
import { envTask, type ImitationTask } from './task';

export interface TwoWorldsTaskConfig {
  /** Open-loop rate a (0.9 contracting, 1.05 unstable). */
  a: number;
  /** The world: the sign σ = ±1 of the z-actuation (never observed). */
  sigma: number;
  /** α: the fraction of demonstrations recorded clean when noise is injected (Toy 3B: 0.5). */
  cleanFraction: number;
  /** k: the expert's gain (default 0.5). */
  k?: number;
}

/** The demonstrations `demonstrate` trains on, as full records (trajectories, which were noisy) for drawing them. */
export function twoWorldsDemonstrations(
  config: TwoWorldsTaskConfig,
  nDemos: number,
  horizon: number,
  rng: Rng,
  noise = 0,
): TwoWorldsDemos {
  const { a, sigma, cleanFraction, k = EXPERT_GAIN } = config;
  return generateDemos({ a, k, sigma, nDemos, length: horizon, injectedNoise: noise, cleanFraction }, rng);
}

/** World σ of the two-worlds system with its expert; DART's `noise` is the injected σ_u. */
export function twoWorldsTask(config: TwoWorldsTaskConfig): ImitationTask {
  const { a, sigma, k = EXPERT_GAIN } = config;
  const expert: Policy = (obs) => {
    const x = obs as Float64Array;
    return Float64Array.from(expertAction(x[0], x[1], sigma, k));
  };
  // Deployment and labelling as for any environment; the demonstrations follow Zhang et al.'s protocol instead
  // (the noise is added to the executed action, which no environment parameter expresses).
  const base = envTask({ spec: twoWorldsEnv, params: { a, sigma }, demoParams: () => ({ noiseStd: 0 }), expert });
  return {
    ...base,
    demonstrate(nDemos, horizon, rng, noise = 0) {
      const demos = twoWorldsDemonstrations(config, nDemos, horizon, rng, noise);
      return { x: Float32Array.from(demos.states), y: Float32Array.from(demos.labels), n: demos.n };
    },
  };
}
