/**
 * `tasil` (SCIENCE.md "Chapter: Beyond behavior cloning"; SCIENCE-NOTES-ch7 §7(b) Toy 7E): the page-safe half — id,
 * words, the parameter schema and the shape of the extras the widget draws. The run function is in tasil.ts.
 */
import { defineInfo, type ResultOf } from './types';

/** One training seed's numbers. */
export interface TasilSeedRecord {
  seed: number;
  /** J_imitation, mean over the test starts. */
  J: number;
  /** Mean learned transverse gain β̂ over the demonstrated road s ∈ [0.1, 2]. */
  gain: number;
  /** Fraction of that road where the learned lateral loop is locally unstable, |a + b·β̂(s)| ≥ 1. */
  unstableFraction: number;
  /** Root-mean-square error of û against u* on the demonstration states. */
  rmse: number;
}

/** The result's `extras`, as the widget reads them. */
export interface TasilExtras {
  perSeed: TasilSeedRecord[];
  /** The expert's transverse gain −k. */
  expertGain: number;
  /** Gains β in (lo, hi) keep the lateral loop stable, |a + b·β| < 1. */
  stableBand: [number, number];
  /** Lateral error e_t (t = 0 … H) of a few test roll-outs of the first seed's learner and of the expert from the same
   * starts under the same noise. */
  traces: { expert: number[][]; learner: number[][] };
  /** Demonstration states used for training (all seeds' sizes are equal). */
  demoStates: number;
}

export const tasilInfo = defineInfo<TasilExtras>()({
  id: 'tasil',
  title: 'Curvy road: TaSIL’s Jacobian matching against behavior cloning',
  description:
    'A network cloned from demonstrations that never leave the centre line has an arbitrary transverse gain and can diverge; matching the expert’s Jacobian on the same states (TaSIL) pins it.',
  params: {
    method: {
      kind: 'choice',
      default: 'tasil',
      options: [
        { value: 'bc', label: 'Behavior cloning' },
        { value: 'tasil', label: 'TaSIL (+ Jacobian)' },
        { value: 'noise', label: 'BC, noisy demos' },
      ],
      label: 'Learner',
      help: 'BC fits the expert’s actions on its states; TaSIL also fits the expert’s Jacobian there; the third is BC on demonstrations driven with a shaking hand (labels stay the expert’s).',
    },
    a: {
      kind: 'number',
      default: 0.9,
      min: 0.8,
      max: 1.1,
      step: 0.05,
      label: 'Open-loop rate a',
      help: 'How the lateral error evolves when the steering only follows the curve: a < 1 drifts back, a > 1 drifts away.',
    },
    lambda: {
      kind: 'number',
      default: 1,
      min: 0.001,
      max: 10,
      step: 0.001,
      log: true,
      label: 'Jacobian weight λ',
      help: 'Weight of TaSIL’s Jacobian-matching term (TaSIL only).',
    },
    nDemos: {
      kind: 'number',
      default: 4,
      min: 1,
      max: 16,
      step: 1,
      integer: true,
      label: 'Demonstrations',
      unit: 'episodes',
      help: 'Expert drives of 100 steps, each from a start near the beginning of the road on the centre line.',
    },
    noise: {
      kind: 'number',
      default: 0.04,
      min: 0,
      max: 0.1,
      step: 0.005,
      label: 'Injected steering noise',
      help: 'Standard deviation of the noise added to the demonstrator’s steering (noise-injected demos only).',
    },
    seeds: {
      kind: 'number',
      default: 1,
      min: 1,
      max: 10,
      step: 1,
      integer: true,
      label: 'Training seeds',
      help: 'Independent demonstrations and trainings (seed, seed + 1, …), one to two seconds each; the strip shows every seed’s cost.',
    },
  },
  result: {
    metrics: [
      'J/imitation',
      'J/imitation/median',
      'J/imitation/max',
      'gain/learned',
      'gain/expert',
      'unstable/fraction',
      'rmse/train',
      'seeds/diverged',
      'seeds/tracking',
      'seeds',
    ],
    series: ['gain', 'gain/expert', 'deviation', 'J/perSeed'],
    extras: ['perSeed', 'expertGain', 'stableBand', 'traces', 'demoStates'],
  },
});

export type TasilResult = ResultOf<typeof tasilInfo>;
