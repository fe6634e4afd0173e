/**
 * `human-dagger` (SCIENCE.md "Additions to chapters 2–4"): the page-safe half — id, words, the parameter schema and the
 * names and types of its result. No tfjs here; the run function is in human-dagger.ts.
 *
 * The experiment is the automatic-expert mode of the "you are the expert" figure: the controller expert drives the
 * demonstration lap and answers DAgger's few questions per round. The figure runs the same pipeline with the reader
 * driving and answering (sims/worker: `humanDagger`).
 */
import { defineInfo, type ResultOf, type Trajectory } from './types';

/** The result's `extras`, as the widget reads them. */
export interface HumanDaggerExtras {
  /** Seconds per step of the car's simulation. */
  dt: number;
  /** Half the track's width (m). */
  halfWidth: number;
  /** Lateral offset (m) at which a car has crashed. */
  crashOffset: number;
  /** Races per evaluation; off-track times are means over them. */
  races: number;
  /** Steps per race and per demonstration lap. */
  horizon: number;
  /** Labels asked per DAgger round. */
  queries: number;
  /** Labels in the demonstration (steps driven). */
  demoLabels: number;
}

export const humanDaggerInfo = defineInfo<HumanDaggerExtras>()({
  id: 'human-dagger',
  title: 'You are the expert: a few labels where the clone went wrong',
  description:
    'One demonstration lap, a cloned driver, then DAgger rounds in which the expert labels only a handful of states where the clone left the demonstrated road — against BC given as many extra clean labels.',
  params: {
    epsilon: {
      kind: 'number',
      default: 0.03,
      min: 0,
      max: 0.1,
      step: 0.005,
      label: 'Tremble',
      unit: 'per step',
      help: 'Probability per 0.1 s step that the actuator slips for 0.3 s at a random yaw rate while the clone drives. The demonstration is clean.',
    },
    rounds: {
      kind: 'number',
      default: 4,
      min: 1,
      max: 6,
      step: 1,
      integer: true,
      label: 'Rounds',
      help: 'DAgger rounds: the clone drives a lap, the expert labels a few of its states, the clone retrains.',
    },
    queries: {
      kind: 'number',
      default: 8,
      min: 2,
      max: 20,
      step: 1,
      integer: true,
      label: 'Labels per round',
      help: 'States the expert is asked about per round, chosen where the clone was farthest from the demonstrated states. BC gets as many extra clean labels.',
    },
  },
  result: {
    metrics: [
      'offTrack/demo',
      'offTrack/clone',
      'offTrack/bc',
      'offTrack/dagger',
      'offTrack/expert',
      'labels/extra',
      'labels/total',
      'rounds',
      'races',
    ],
    // Undefined when BC never leaves the track.
    optionalMetrics: ['ratio/daggerOverBc'],
    series: ['offTrack/bc', 'offTrack/dagger', 'offTrack/expert'],
    trajectories: ['demo', 'clone', 'dagger'],
    extras: ['dt', 'halfWidth', 'crashOffset', 'races', 'horizon', 'queries', 'demoLabels'],
  },
});

export type HumanDaggerResult = ResultOf<typeof humanDaggerInfo>;

// ---------------------------------------------------------------------------------------------------------------
// The interactive session (the reader drives and answers): what crosses the worker boundary
// ---------------------------------------------------------------------------------------------------------------

/** One round of one learner, as the figure draws it. */
export interface CarDaggerRound {
  method: 'dagger' | 'bc';
  /** 0: the clone of the demonstration; i ≥ 1: after DAgger round i. */
  round: number;
  /** Labels added after the demonstration. */
  extraLabels: number;
  /** Mean off-track time per race (s). */
  offTrack: number;
  /** Race 0 of this round's network: x (m), y (m), θ (rad), e (m) per step. */
  race: Trajectory;
}

/** Labels added in each round from the running totals (index 0, the demonstration round: none). */
export function labelsPerRound(totals: readonly number[]): number[] {
  return totals.map((n, i) => (i === 0 ? 0 : n - totals[i - 1]));
}

/** Columns of a visited state's context in a label query: x (m), y (m), θ (rad), e (m), ψ (rad), κ 2 m ahead (1/m), t. */
export const QUERY_CONTEXT = ['x', 'y', 'theta', 'lateral', 'headingError', 'curvatureAhead', 't'] as const;

/** A round's question to the reader: the clone's lap and the rows asked about (as the worker sends it). */
export interface HumanQuery {
  round: number;
  /** Every state the clone visited this round, row-major [n, QUERY_CONTEXT.length]. */
  context: Float32Array;
  n: number;
  /** The rows asked about. */
  rows: number[];
}

/** What the page asks the worker for: DAgger on the reader's drive, the reader answering. */
export interface HumanDaggerRequest {
  /** The drive's executed commands from the start line (rad/s per step); null: the automatic expert's lap. */
  steer: Float64Array | null;
  epsilon: number;
  rounds: number;
  queries: number;
  seed: number;
}

/**
 * What the page asks the worker for after a session: BC on the same demonstration given as many extra labels as
 * DAgger got, from an extra lap the reader drove.
 */
export interface HumanBcRequest extends HumanDaggerRequest {
  /** The extra lap's executed commands from the start line (rad/s per step). */
  bcSteer: Float64Array;
  /** Labels DAgger got in each round, index 0 (the demonstration round) included: BC gets as many. */
  labelsPerRound: number[];
}

/** How the session ended. */
export interface HumanDaggerSummary {
  /** The demonstration's own off-track time (s). */
  demoOffTrack: number;
  /** The automatic expert in the same races (s per race). */
  expertOffTrack: number;
  /** Pairs in the demonstration. */
  demoLabels: number;
  /** The demonstration lap: x (m), y (m), θ (rad), e (m) per step. */
  demo: Trajectory;
  rounds: CarDaggerRound[];
}
