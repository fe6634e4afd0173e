/**
 * `dagger-car` (SCIENCE.md "Chapter: DAgger"): the page-safe half — id, words, the parameter schema and the names and
 * types of its result. No tfjs here; the run function is in dagger-car.ts.
 */
import { defineInfo, type ResultOf } from './types';

/** The three learners in the race (keys of the per-driver records, with 'expert'). */
export const DAGGER_CAR_METHODS = ['bc', 'dagger', 'dart'] as const;
export type DaggerCarMethod = (typeof DAGGER_CAR_METHODS)[number];
/** Everyone who races: the three learners and the expert. */
export type DaggerCarDriver = DaggerCarMethod | 'expert';

/** The result's `extras`, as the widget reads them. */
export interface DaggerCarExtras {
  /** Seconds per step of the car's simulation. */
  dt: number;
  /** Half the track's width (m): beyond it a car is off the track. */
  halfWidth: number;
  /** Lateral offset (m) at which a car has crashed (the renderer draws the crash barrier there). */
  crashOffset: number;
  /** Races per evaluation (each driver, each round); the off-track times are means over them. */
  races: number;
  /** Steps per race and per lap of labels. */
  horizon: number;
  /** Expert labels each method gets per round (one lap). */
  labelsPerRound: number;
  /** Off-track time (s per race) at the largest budget, per training seed, per driver. */
  perSeed: Record<DaggerCarDriver, number[]>;
}

export const daggerCarInfo = defineInfo<DaggerCarExtras>()({
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
  result: {
    metrics: [
      'offTrack/bc',
      'offTrack/dagger',
      'offTrack/dart',
      'offTrack/expert',
      'offTrack/bc/lowest',
      'offTrack/bc/highest',
      'labels',
      'rounds',
      'seeds',
      'races',
      'race/offTrack/expert',
      'race/offTrack/bc',
      'race/offTrack/dagger',
      'race/offTrack/dart',
    ],
    // Undefined when BC never leaves the track.
    optionalMetrics: ['ratio/daggerOverBc', 'ratio/dartOverBc'],
    series: ['offTrack/bc', 'offTrack/dagger', 'offTrack/dart', 'offTrack/expert'],
    trajectories: ['expert', 'bc', 'dagger', 'dart'],
    extras: ['dt', 'halfWidth', 'crashOffset', 'races', 'horizon', 'labelsPerRound', 'perSeed'],
  },
});

export type DaggerCarResult = ResultOf<typeof daggerCarInfo>;
