/**
 * `bc-car` (SCIENCE.md "Chapter: Compounding error"): the page-safe half — id, words and the parameter schema. No
 * tfjs here; the run function is in bc-car.ts.
 */
import { defineInfo, type ResultOf } from './types';

export interface BcCarExtras {
  /** Seconds per step. */
  dt: number;
  /** Half the track's width (m): beyond it a car is off the track. */
  halfWidth: number;
  /** Lateral offset (m) at which a car crashes and stops. */
  crashOffset: number;
  /** Races per run (the metrics and curves are means over them). */
  races: number;
  /** The race the trajectories show (0). */
  shownRace: number;
  /** Steps t of the race shown whose executed yaw rate was a tremble's (the same for both cars). */
  trembleSteps: number[];
  /** The settings this result was computed with, for the sentence that reads it: demonstrations, */
  nDemos: number;
  /** steps per race, */
  horizon: number;
  /** speed (m/s) */
  speed: number;
  /** and tremble probability per step. */
  epsilon: number;
}

export const bcCarInfo = defineInfo<BcCarExtras>()({
  id: 'bc-car',
  title: 'Behavior cloning drives a car',
  description:
    'An MLP cloned from clean expert laps drives the same track through the same actuator trembles as the expert: the expert recovers, the clone leaves the road.',
  params: {
    nDemos: {
      kind: 'number',
      default: 10,
      min: 1,
      max: 50,
      step: 1,
      integer: true,
      label: 'Demonstrations',
      unit: 'episodes',
      help: 'Clean expert demonstrations (no tremble), each as long as a race; the network is trained on every step of them. More of them do not help: they all hug the centre line.',
    },
    epsilon: {
      kind: 'number',
      default: 0.03,
      min: 0,
      max: 0.1,
      step: 0.005,
      label: 'Tremble',
      unit: 'per step',
      help: 'Probability per 0.1 s step that the actuator slips: for 0.3 s it executes a random yaw rate, whoever drives. Both cars meet the same slips.',
    },
    speed: {
      kind: 'number',
      default: 3,
      min: 1.5,
      max: 4,
      step: 0.5,
      label: 'Speed',
      unit: 'm/s',
      help: 'Constant forward speed of every car, in the demonstrations and in the races. Faster leaves less steering to spare in the hairpin (at 4 m/s even the expert sometimes leaves the road).',
    },
    horizon: {
      kind: 'number',
      default: 400,
      min: 100,
      max: 600,
      step: 50,
      integer: true,
      label: 'Race length',
      unit: 'steps',
      help: 'Steps of 0.1 s per race and per demonstration (400 steps = 40 s, about 1.4 laps at 3 m/s).',
    },
  },
  result: {
    metrics: [
      'offTrack/expert',
      'offTrack/bc',
      'crashes/expert',
      'crashes/bc',
      'race/offTrack/expert',
      'race/offTrack/bc',
      'fit/rmse',
      'demo/steerRms',
      'fit/relativeRmse',
      'demo/maxOffset',
      'input/halfMetre',
      'loss/final',
      'data/size',
      'races',
    ],
    // The ratio when the expert never leaves the track; the race's moments when they do not happen.
    optionalMetrics: ['ratio/bcOverExpert', 'race/bcLeaves', 'race/firstTremble'],
    series: ['offTrack/expert', 'offTrack/bc', 'loss/train'],
    trajectories: ['expert', 'bc'],
    extras: [
      'dt',
      'halfWidth',
      'crashOffset',
      'races',
      'shownRace',
      'trembleSteps',
      'nDemos',
      'horizon',
      'speed',
      'epsilon',
    ],
  },
});

export type BcCarResult = ResultOf<typeof bcCarInfo>;
