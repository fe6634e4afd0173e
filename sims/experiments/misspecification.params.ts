/**
 * `misspecification` (SCIENCE.md "Chapter: Beyond behavior cloning"; SCIENCE-NOTES-ch7 §7(b) Toy 7B "The model that
 * cannot remember"): the page-safe half — id, words and the parameter schema. The run function is in
 * misspecification.ts.
 */
import { defineInfo, type ResultOf } from './types';

export interface MisspecificationExtras {
  /** The horizons of the sweep, in order. */
  horizons: number[];
  /** Where the next-token objective and the sequence-level minimum-distance choice land, at H = horizon. */
  qNtp: number;
  qBest: number;
  /** 'population' (n → ∞) or 'finite' (q̂ ~ Binomial(n, ε)/n, averaged over its exact law). */
  data: 'population' | 'finite';
}

export const misspecificationInfo = defineInfo<MisspecificationExtras>()({
  id: 'misspecification',
  title: 'The model that cannot remember: next-token prediction’s approximation factor',
  description:
    'A memoryless next-token model fit by log-loss to an expert that commits at the first step: its sequence-level error is ≈ (H + 1)× that of the best model in the class (exact).',
  params: {
    epsilon: {
      kind: 'number',
      default: 0.001,
      min: 0.0001,
      max: 0.2,
      step: 0.0001,
      log: true,
      label: 'Rare route ε',
      help: 'The expert writes 1…1 (route B) with probability ε and 0…0 (route A) otherwise: it commits at the first token.',
    },
    horizon: {
      kind: 'number',
      default: 16,
      min: 2,
      max: 128,
      step: 1,
      integer: true,
      log: true,
      label: 'Sequence length H',
      unit: 'tokens',
      help: 'The length at which the landscape D²(q) is drawn (the factor against H sweeps 2 … 128).',
    },
    data: {
      kind: 'choice',
      default: 'population',
      options: [
        { value: 'population', label: 'Infinite data (population log-loss)' },
        { value: 'finite', label: 'n demonstrations (average over the sampling law)' },
      ],
      label: 'Data',
      help: 'With n demonstrations, next-token prediction fits q̂ = (route-B demos)/n; a corpus with none of them is “lucky”.',
    },
    nDemos: {
      kind: 'number',
      default: 1000,
      min: 1,
      max: 10_000,
      step: 1,
      integer: true,
      log: true,
      label: 'Demonstrations n',
      help: 'Expert sequences in the corpus (finite data only).',
    },
  },
  result: {
    metrics: [
      'factor',
      'factor/tv',
      'factorOverHPlus1',
      'maxDeviation',
      'd2/ntp',
      'd2/best',
      'regret/ntp',
      'regret/best',
      'probLucky',
    ],
    series: ['factor', 'factor/tv', 'guide', 'regret/ntp', 'regret/best', 'landscape'],
    extras: ['horizons', 'qNtp', 'qBest', 'data'],
  },
});

export type MisspecificationResult = ResultOf<typeof misspecificationInfo>;
