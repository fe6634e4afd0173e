/**
 * `dagger-car` (SCIENCE.md "Chapter: DAgger"): the page-safe half — id, words and the parameter schema. No tfjs here;
 * the run function is in dagger-car.ts.
 */
import { defineUntypedInfo } from './types';

export const daggerCarInfo = defineUntypedInfo({
  id: 'dagger-car',
  title: 'The race: BC, DAgger and DART cars on one track',
  description:
    'Three learners get the same number of expert labels — clean laps (BC), labels on their own laps (DAgger), laps driven with a shaking hand (DART) — and race through the same trembles.',
  params: {
    epsilon: {
      kind: 'number',
      default: 0.03,
      min: 0,
      max: 0.1,
      step: 0.005,
      label: 'Tremble',
      unit: 'per step',
      help: 'Probability per 0.1 s step that the actuator slips for 0.3 s at a random yaw rate, whoever drives. All three cars meet the same slips.',
    },
    noise: {
      kind: 'number',
      default: 0.1,
      min: 0,
      max: 0.3,
      step: 0.01,
      label: 'DART noise',
      unit: 'per step',
      help: 'The tremble rate the expert demonstrates under for DART (labels stay what it meant to do). 0 makes DART plain BC.',
    },
    rounds: {
      kind: 'number',
      default: 3,
      min: 1,
      max: 6,
      step: 1,
      integer: true,
      label: 'Rounds',
      help: 'Every method starts from one lap of labels and gets one more lap of labels per round (DAgger: on its own lap).',
    },
    seeds: {
      kind: 'number',
      default: 1,
      min: 1,
      max: 5,
      step: 1,
      integer: true,
      label: 'Seeds for the band',
      help: 'Independent trainings (seed, seed + 1, …) the curves average over; the band runs from the best to the worst. The published figure uses 5; 1 (the default) keeps the run short, and then there is no band.',
    },
  },
});
