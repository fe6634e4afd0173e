/**
 * `two-worlds` (SCIENCE.md "Chapter: Compounding error"; SCIENCE-NOTES §2(b)/(c) Toy 2C): the page-safe half — id,
 * words and the parameter schema. No tfjs here; the run function is in two-worlds.ts.
 */
import { defineUntypedInfo } from './types';

export const twoWorldsInfo = defineUntypedInfo({
  id: 'two-worlds',
  title: 'Two worlds: identical demonstrations, exponential compounding',
  description:
    'One network trained on clean demonstrations that two worlds share, deployed in both: its unidentified feedback gain makes errors grow exponentially in one of them.',
  params: {
    a: {
      kind: 'number',
      default: 0.9,
      min: 0.8,
      max: 1.1,
      step: 0.01,
      label: 'Open-loop rate a',
      help:
        'p and z are multiplied by a every step before the action acts. Below 1 the uncontrolled system is stable; ' +
        'a learned gain β̂ on z is stable in both worlds only while |β̂| < 1 − a.',
    },
    k: {
      kind: 'number',
      default: 0.5,
      min: 0.1,
      max: 1,
      step: 0.05,
      label: 'Expert gain k',
      help: 'The expert plays u = (−k·p, −σ·k·z): its closed loop contracts at a − k in both worlds.',
    },
    noiseStd: {
      kind: 'number',
      default: 0.001,
      min: 0.00001,
      max: 0.01,
      step: 0.00001,
      log: true,
      label: 'Test-time noise w',
      help:
        'Standard deviation of the process noise per step at deployment, shared by the learner and the expert it is ' +
        'compared with. The demonstrations are noise-free.',
    },
    width: {
      kind: 'number',
      default: 32,
      min: 4,
      max: 64,
      step: 4,
      integer: true,
      label: 'Network width',
      unit: 'units',
      help: 'Units in each of the two tanh hidden layers (2 → width → width → 2).',
    },
    weightDecay: {
      kind: 'number',
      default: 0,
      min: 0,
      max: 5,
      step: 0.1,
      label: 'Weight decay λ',
      unit: '× 10⁻⁶',
      help:
        'An L2 penalty (λ/2)·Σ‖W‖² added to the training loss. The weights fed by z never see a data gradient (z = 0 in ' +
        'every demonstration), only this one; Adam rescales it to about one learning-rate step per update, so even a ' +
        'λ of a few millionths pulls them, and β̂, towards 0.',
    },
  },
});
