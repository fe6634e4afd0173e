/**
 * `noise-injection` (SCIENCE.md "Chapter: DAgger"; SCIENCE-NOTES §3(b)/(c) Toy 3B): the page-safe half — id, words
 * and the parameter schema. No tfjs here; the run function is in noise-injection.ts.
 */
import { defineUntypedInfo } from './types';

export const noiseInjectionInfo = defineUntypedInfo({
  id: 'noise-injection',
  title: 'Two worlds with noise injection: the data now reveal the hidden gain',
  description:
    'The expert demonstrates with a shaking hand on part of its trajectories; the states leave z = 0, the labels reveal each world’s sign, and the learned gain β̂ lands on −σk in both worlds.',
  params: {
    noise: {
      kind: 'number',
      default: 0.3,
      min: 0,
      max: 0.5,
      step: 0.01,
      label: 'Injected noise σ_u',
      help:
        'On the noisy demonstrations the executed action is π*(x) + σ_u·U[−1, 1]² while the recorded label stays π*(x). ' +
        '0 is clean BC.',
    },
    cleanFraction: {
      kind: 'number',
      default: 0.5,
      min: 0,
      max: 1,
      step: 0.05,
      label: 'Clean fraction α',
      help: 'The share of the 20 demonstrations recorded without noise (Zhang et al. mix clean and noisy ones). 1 is clean BC.',
    },
    a: {
      kind: 'number',
      default: 0.9,
      min: 0.8,
      max: 1.1,
      step: 0.01,
      label: 'Open-loop rate a',
      help: 'p and z are multiplied by a every step before the action acts; above 1 the uncontrolled system is unstable.',
    },
  },
});
