/**
 * `human-dagger` — you are the expert (issue 16; SCIENCE.md "Additions to chapters 2–4"). The car of `dagger-car`,
 * learned from one demonstration lap, then corrected by DAgger with a handful of labels per round.
 *
 *   demonstrate  one clean lap from the start line (DRIVE_STEPS = 300 steps, 30 s): the reader's drive in the figure,
 *                the automatic expert's here (sims/envs/carDrive.ts replays either from its steering commands)
 *   clone        a network regresses the driver's yaw rate on the standardised track-frame observation (dagger-car's
 *                learner: 5 → 32 → 32 → 1 tanh, 100 steps, then 40 warm-started steps per retraining)
 *   correct      runDagger (sims/algos/dagger.ts) with β = 0 after round 0: each round the clone drives one lap under
 *                the tremble; the labeller (a `LabelOracle`: the automatic expert here, the reader in the figure) is
 *                asked about `queries` of its states — the ones farthest from every state already labelled, at
 *                least QUERY_GAP steps apart — and the clone retrains on everything
 *   baseline     BC given as many extra labels: the same loop with the expert driving clean laps (β = 1) and the same
 *                number of its states, evenly spaced, labelled — more demonstration, none of it off the road. In the
 *                figure, after a session, the reader may drive the extra lap instead (`runCarBc` with `bcSteer`)
 *   evaluation   after every round each network drives RACES races of HORIZON steps from the same starts through the
 *                same trembles (dagger-car's races); the off-track time is the mean over them (s per race)
 *
 * Result
 *   series   offTrack/dagger, offTrack/bc, offTrack/expert: {x: extra labels after the demonstration, y: off-track s}
 *   metrics  offTrack/demo (s, the demonstration lap itself), offTrack/clone (round 0), offTrack/bc, offTrack/dagger,
 *            offTrack/expert (last round), ratio/daggerOverBc (omitted when BC never leaves the track), labels/extra,
 *            labels/total, rounds, races
 *   trajectories  demo (the demonstration lap), clone (race 0 of the clone), dagger (race 0 after the last round):
 *            x (m), y (m), heading θ (rad), lateral offset e (m)
 *
 * `runCarDagger` is the pipeline itself: the worker's `humanDagger` calls it with the reader's drive and an oracle
 * that waits for the reader's answers; given the same drive and the same answers it returns the same numbers. The
 * worker's `humanBc` calls `runCarBc` afterwards, for BC on the reader's extra lap.
 */
import { makeRng } from '../../lib/rng';
import {
  CAR_LEARNER,
  carExpert,
  carTask,
  race,
  raceFrames,
  scaledPolicy,
  scaledTask,
  scaleRows,
  standardiser,
  type InputScaling,
} from '../algos/carTask';
import {
  expertOracle,
  runDagger,
  type DaggerRound,
  type LabelOracle,
  type LabelQuery,
  type QuerySelector,
} from '../algos/dagger';
import {
  greedyPolicy,
  type AlgoProgress,
  type ImitationTask,
  type LabelledData,
  type LearnerConfig,
  type VisitedStates,
} from '../algos/task';
import { rollout, type Policy } from '../core/rollout';
import { carEnv, carObservation, type CarParams, type CarState } from '../envs/car';
import {
  DRIVE_STEPS,
  driveData,
  driveParams,
  driveStep,
  driveStart,
  offTrackSteps,
  replayDrive,
} from '../envs/carDrive';
import { carExpertSteer } from '../experts/car';
import type { MlpWeights } from '../policies/weights';
import { QUERY_CONTEXT, humanDaggerInfo, labelsPerRound, type CarDaggerRound, type HumanDaggerResult } from './human-dagger.params';

export { QUERY_CONTEXT, type CarDaggerRound };
import { progressReporter } from './progress';
import { defineExperiment, throwIfAborted, type Point, type Trajectory } from './types';
import { square } from '../../lib/detmath';

/** Steps per race and per DAgger lap (dagger-car's 30 s). */
export const HORIZON = 300;
/** Races per evaluation. */
export const RACES = 3;
/** Queried states of one round are at least this many steps apart (one excursion does not take every question). */
export const QUERY_GAP = 6;
/** dagger-car's learner: CAR_LEARNER's first fit, then 40 warm-started steps per round. */
const LEARNER: LearnerConfig = { ...CAR_LEARNER, retrain: { steps: 40 } };

// ---------------------------------------------------------------------------------------------------------------
// The pipeline
// ---------------------------------------------------------------------------------------------------------------

export interface CarDaggerSession {
  /** The demonstration's executed commands from `driveStart()`; undefined: the automatic expert drives DRIVE_STEPS. */
  demoSteer?: ArrayLike<number>;
  /** Deployment tremble per step. */
  epsilon: number;
  rounds: number;
  /** Labels asked per round. */
  queries: number;
  seed: number;
  /**
   * Who answers (default: the automatic expert). Its queries carry each visited state's context (QUERY_CONTEXT); an
   * answer of null hands that round to the automatic expert.
   */
  oracle?: { label(query: LabelQuery): Promise<Int32Array | Float32Array | null> };
  /** Also run BC given as many extra clean labels (the figure's comparison). */
  withBc: boolean;
  /**
   * Extra demonstration laps for BC's comparison (executed commands from `driveStart()`, like `demoSteer`): BC's
   * extra labels are then states of this drive, labelled with its own commands (round i takes its share evenly
   * spaced through the i-th of `rounds` equal parts). Undefined: the automatic expert drives BC's clean laps.
   */
  bcSteer?: ArrayLike<number>;
}

export interface CarDaggerRun {
  dagger: CarDaggerRound[];
  bc: CarDaggerRound[];
  demo: { frames: Trajectory; offTrack: number; labels: number };
  expertOffTrack: number;
}

/** The automatic expert's clean demonstration lap from the start line: its commands. */
export function expertDrive(steps = DRIVE_STEPS): Float64Array {
  const params = driveParams();
  const steer = new Float64Array(steps);
  let s: CarState = driveStart();
  for (let t = 0; t < steps; t++) {
    steer[t] = carExpertSteer(carObservation(s), params);
    s = driveStep(s, steer[t], params);
  }
  return steer;
}

/** Frames [x, y, θ, e] of a list of states, as the car renderer reads them. */
export function statesFrames(states: readonly CarState[]): Trajectory {
  const data = new Float32Array(states.length * 4);
  states.forEach((s, t) => data.set([s.x, s.y, s.theta, s.lateral], 4 * t));
  return { data, dims: [states.length, 4], labels: ['x (m)', 'y (m)', 'heading θ (rad)', 'lateral offset e (m)'] };
}

/**
 * The states to ask about: those farthest (in the learner's coordinates) from every labelled state, greedily, at
 * least QUERY_GAP rows apart. "Where the clone left the demonstrated region", without naming a region.
 */
export function farthestQueries(k: number, gap = QUERY_GAP): QuerySelector {
  return (visited, data) => {
    const d = visited.x.length / Math.max(1, visited.n);
    const dist = new Float64Array(visited.n);
    for (let i = 0; i < visited.n; i++) {
      let best = Infinity;
      for (let j = 0; j < data.n && best > 0; j++) {
        let s = 0;
        for (let c = 0; c < d; c++) s += square(visited.x[i * d + c] - data.x[j * d + c]);
        if (s < best) best = s;
      }
      dist[i] = best;
    }
    const order = Array.from({ length: visited.n }, (_, i) => i).sort((a, b) => dist[b] - dist[a] || a - b);
    const chosen: number[] = [];
    for (const i of order) {
      if (chosen.length >= k) break;
      if (chosen.every((c) => Math.abs(c - i) >= gap)) chosen.push(i);
    }
    // A clone that crashed early visited few states: fill up with the next farthest, closer together.
    for (const i of order) {
      if (chosen.length >= k) break;
      if (!chosen.includes(i)) chosen.push(i);
    }
    return chosen.sort((a, b) => a - b);
  };
}

/** k(round) rows evenly spaced through the visited states (BC's extra clean labels). */
export function evenlySpaced(k: (round: number) => number): QuerySelector {
  return (visited, _data, round) => {
    const n = Math.min(k(round), visited.n);
    return Array.from({ length: n }, (_, j) => Math.floor(((j + 0.5) * visited.n) / n));
  };
}

/**
 * For a drive replayed every round: k(round) rows evenly spaced through the round-th of `parts` equal segments of
 * it, so that over the rounds the labels cover the whole drive and no state is labelled twice.
 */
export function segmentSpaced(k: (round: number) => number, parts: number): QuerySelector {
  return (visited, _data, round) => {
    const from = Math.floor(((round - 1) * visited.n) / parts);
    const to = Math.floor((round * visited.n) / parts);
    const n = Math.max(0, Math.min(k(round), to - from));
    return Array.from({ length: n }, (_, j) => from + Math.floor(((j + 0.5) * (to - from)) / n));
  };
}

/**
 * The car in the learner's coordinates, with the demonstration as its demonstrations, rollouts that keep each
 * state's pose for the labeller (and stop at a crash), and `evaluate` = mean off-track time over the races.
 */
function sessionTask(
  demo: LabelledData,
  scaling: InputScaling,
  visitParams: Partial<CarParams>,
  offTrackTime: (policy: Policy) => number,
): ImitationTask {
  const scaled = scaledTask(carTask(visitParams), scaling);
  const d = scaled.obsDim;
  return {
    ...scaled,
    demonstrate: () => demo,
    visit(policy, nRollouts, horizon, rng): VisitedStates {
      const rows: number[] = [];
      const context: number[] = [];
      let cost = 0;
      for (let i = 0; i < nRollouts; i++) {
        const traj = rollout(carEnv, scaledPolicy(policy, scaling), {
          rng: rng.stream(`episode/${i}`),
          params: visitParams,
          horizon,
          recordStates: true,
        });
        for (let t = 0; t < traj.costs.length; t++) cost += traj.costs[t];
        const states = traj.states ?? [];
        for (let t = 0; t < states.length - 1 && !states[t].crashed; t++) {
          const s = states[t];
          const obs = carObservation(s);
          for (let c = 0; c < d; c++) rows.push(obs[c]);
          context.push(s.x, s.y, s.theta, s.lateral, s.headingError, obs[3], t);
        }
      }
      const n = rows.length / d;
      return {
        x: scaleRows(Float32Array.from(rows), n, scaling),
        n,
        meanEpisodeCost: nRollouts > 0 ? cost / nRollouts : 0,
        context: { data: Float32Array.from(context), dim: QUERY_CONTEXT.length },
      };
    },
    evaluate: (weights) => offTrackTime(scaledPolicy(greedyPolicy(weights), scaling)),
  };
}

/**
 * A recorded drive as a rollout: every round "visits" the drive's states (whatever the policy), with their poses as
 * context, so a selector can pick some of them and `driveLabels` answers with the commands the driver executed.
 */
function driveTask(base: ImitationTask, drive: { x: Float32Array; n: number; states: readonly CarState[] }): ImitationTask {
  const context = new Float32Array(drive.n * QUERY_CONTEXT.length);
  for (let t = 0; t < drive.n; t++) {
    const st = drive.states[t];
    context.set([st.x, st.y, st.theta, st.lateral, st.headingError, carObservation(st)[3], t], t * QUERY_CONTEXT.length);
  }
  const visited: VisitedStates = {
    x: drive.x,
    n: drive.n,
    meanEpisodeCost: 0,
    context: { data: context, dim: QUERY_CONTEXT.length },
  };
  return { ...base, visit: () => visited };
}

/** Everything a session's learners share: the demonstration, its scaling, the races, the clone's training. */
function prepareSession(session: CarDaggerSession, onRound?: (round: CarDaggerRound) => void) {
  const { epsilon, rounds, seed } = session;
  const root = makeRng(seed);
  const params: Partial<CarParams> = { trembleProb: epsilon, horizon: HORIZON };
  const env = { ...carEnv.defaults, ...params };

  // The demonstration, as the learner sees it (inputs standardised by the demonstration's own statistics).
  const steer = session.demoSteer ?? expertDrive();
  const states = replayDrive(steer);
  const rawDemo = driveData(states, steer);
  if (rawDemo.n === 0) throw new RangeError('human-dagger: the demonstration has no steps before a crash');
  const scaling = standardiser(rawDemo, 5);
  const demoOff = offTrackSteps(states.slice(0, rawDemo.n + 1), env.halfWidth);
  const demo: LabelledData = {
    x: scaleRows(rawDemo.x, rawDemo.n, scaling),
    y: rawDemo.y,
    n: rawDemo.n,
    meanEpisodeCost: demoOff,
  };

  const raceRng = root.stream('races');
  const offTrackTime = (policy: Policy) => {
    let steps = 0;
    for (let i = 0; i < RACES; i++)
      steps += race([{ key: 'car', policy }], params, HORIZON, raceRng.stream(`race/${i}`)).car.totalOffTrack;
    return (steps / RACES) * env.dt;
  };
  const raceZero = (weights: MlpWeights): Trajectory =>
    raceFrames(
      race(
        [{ key: 'car', policy: scaledPolicy(greedyPolicy(weights), scaling) }],
        params,
        HORIZON,
        raceRng.stream('race/0'),
      ).car,
    );

  const out: CarDaggerRun = {
    dagger: [],
    bc: [],
    demo: { frames: statesFrames(states.slice(0, rawDemo.n + 1)), offTrack: demoOff * env.dt, labels: rawDemo.n },
    expertOffTrack: offTrackTime(carExpert(env)),
  };
  const note = (method: 'dagger' | 'bc') => (r: DaggerRound) => {
    const rec: CarDaggerRound = {
      method,
      round: r.round,
      extraLabels: r.expertLabels - demo.n,
      offTrack: r.cost!,
      race: raceZero(r.weights),
    };
    out[method].push(rec);
    onRound?.(rec);
  };
  const common = {
    nDemos: 1,
    horizon: HORIZON,
    nRounds: rounds,
    rolloutsPerRound: 1,
    warmStart: true,
    learner: LEARNER,
  };
  return { root, params, scaling, demo, offTrackTime, out, note, common };
}

type PreparedSession = ReturnType<typeof prepareSession>;

/**
 * BC given extra labels, `labelsPerRound[i]` in round i (DAgger's, so both hold the same number every round), from
 * the clone `clone` on: states of `session.bcSteer`'s drive labelled with its commands, or the automatic expert's
 * clean laps (β = 1) with as many of its states, evenly spaced, labelled — more demonstration, none of it off the road.
 */
async function runBc(
  session: CarDaggerSession,
  prepared: PreparedSession,
  labelsPerRound: readonly number[],
  clone: MlpWeights,
  options: { signal?: AbortSignal; onProgress?: (p: AlgoProgress) => void },
): Promise<void> {
  const { root, params, scaling, demo, offTrackTime, note, common } = prepared;
  const base = sessionTask(demo, scaling, { ...params, trembleProb: 0 }, offTrackTime);
  const perRound = (i: number) => labelsPerRound[i] ?? 0;
  let source: { task: ImitationTask; oracle?: LabelOracle; selectQueries: QuerySelector };
  if (session.bcSteer) {
    const states = replayDrive(session.bcSteer);
    const raw = driveData(states, session.bcSteer);
    const drive = { x: scaleRows(raw.x, raw.n, scaling), n: raw.n, states };
    source = {
      task: driveTask(base, drive),
      oracle: { label: async (q) => Float32Array.from(q.rows, (r) => raw.y[r]) },
      selectQueries: segmentSpaced(perRound, session.rounds),
    };
  } else {
    source = { task: base, selectQueries: evenlySpaced(perRound) };
  }
  await runDagger(
    source.task,
    {
      ...common,
      beta: () => 1,
      selectQueries: source.selectQueries,
      ...(source.oracle ? { oracle: source.oracle } : {}),
      initialLearner: clone,
    },
    root.stream('bc'),
    { signal: options.signal, onRound: note('bc'), onProgress: options.onProgress },
  );
}

/**
 * Demonstration → clone → DAgger rounds with `session.oracle` answering (and, with `withBc`, BC given as many extra
 * labels). Deterministic for a seed, a drive and the oracle's answers. `onRound` hears every round of every
 * learner as soon as it is evaluated (DAgger's first: the clone).
 */
export async function runCarDagger(
  session: CarDaggerSession,
  options: {
    signal?: AbortSignal;
    onRound?: (round: CarDaggerRound) => void;
    onProgress?: (p: AlgoProgress) => void;
  } = {},
): Promise<CarDaggerRun> {
  const { queries, withBc } = session;
  const { signal, onRound, onProgress } = options;
  const prepared = prepareSession(session, onRound);
  const { root, params, scaling, demo, offTrackTime, out, note, common } = prepared;
  const share = withBc ? 0.5 : 1;
  const progress = (from: number) => (p: AlgoProgress) => onProgress?.({ ...p, fraction: from + share * p.fraction });

  // DAgger with the oracle: the clone drives (β = 0 after round 0) and `queries` of its states are labelled.
  const daggerTask = sessionTask(demo, scaling, params, offTrackTime);
  const asked = session.oracle;
  const expert = expertOracle(daggerTask);
  const oracle: LabelOracle | undefined = asked && { label: async (q) => (await asked.label(q)) ?? expert.label(q) };
  const dagger = await runDagger(
    daggerTask,
    {
      ...common,
      beta: (i) => (i === 0 ? 1 : 0),
      selectQueries: farthestQueries(queries),
      ...(oracle ? { oracle } : {}),
    },
    root,
    { signal, onRound: note('dagger'), onProgress: progress(0) },
  );
  throwIfAborted(signal);

  // As many labels as DAgger got each round (fewer than `queries` only if its clone crashed within a few steps).
  if (withBc)
    await runBc(session, prepared, labelsPerRound(dagger.rounds.map((r) => r.expertLabels)), dagger.rounds[0].weights, {
      signal,
      onProgress: progress(0.5),
    });
  return out;
}

/**
 * BC alone, after a session: the clone of the demonstration (the same network DAgger started from: same drive, same
 * seed, same training), then BC given `labelsPerRound[i]` extra labels in round i — from `session.bcSteer` when the
 * reader drove extra laps. Returns BC's rounds (round 0: the clone).
 */
export async function runCarBc(
  session: CarDaggerSession,
  labelsPerRound: readonly number[],
  options: { signal?: AbortSignal; onRound?: (round: CarDaggerRound) => void; onProgress?: (p: AlgoProgress) => void } = {},
): Promise<CarDaggerRound[]> {
  const { signal, onRound, onProgress } = options;
  const prepared = prepareSession(session, onRound);
  const { root, params, scaling, demo, offTrackTime, common } = prepared;
  const trainings = session.rounds + 1;
  // runDagger's round 0 with the DAgger task and the session's root stream: exactly the clone DAgger started from.
  const clone = await runDagger(sessionTask(demo, scaling, params, offTrackTime), { ...common, nRounds: 0 }, root, {
    signal,
    onProgress: (p) => onProgress?.({ ...p, fraction: p.fraction / trainings }),
  });
  await runBc(session, prepared, labelsPerRound, clone.rounds[0].weights, {
    signal,
    onProgress: (p) => onProgress?.({ ...p, fraction: (1 + p.fraction * session.rounds) / trainings }),
  });
  return prepared.out.bc;
}

// ---------------------------------------------------------------------------------------------------------------
// The experiment: the automatic expert demonstrates and answers
// ---------------------------------------------------------------------------------------------------------------

const curve = (rounds: readonly CarDaggerRound[]): Point[] => rounds.map((r) => ({ x: r.extraLabels, y: r.offTrack }));

export const humanDaggerExperiment = defineExperiment(humanDaggerInfo, async (p, { seed, signal, onProgress }) => {
  throwIfAborted(signal);
  const report = progressReporter<HumanDaggerResult>(onProgress);
  const env = carEnv.defaults;
  const run = await runCarDagger(
    { epsilon: p.epsilon, rounds: p.rounds, queries: p.queries, seed, withBc: true },
    {
      signal,
      onProgress: (ap) =>
        report(ap.fraction, ap.message, () => ({
          metrics: {},
          series: { 'offTrack/dagger': [], 'offTrack/bc': [], 'offTrack/expert': [] },
        })),
    },
  );
  const lastD = run.dagger[run.dagger.length - 1];
  const lastB = run.bc[run.bc.length - 1];
  const result: HumanDaggerResult = {
    metrics: {
      'offTrack/demo': run.demo.offTrack,
      'offTrack/clone': run.dagger[0].offTrack,
      'offTrack/bc': lastB.offTrack,
      'offTrack/dagger': lastD.offTrack,
      'offTrack/expert': run.expertOffTrack,
      ...(lastB.offTrack > 0 ? { 'ratio/daggerOverBc': lastD.offTrack / lastB.offTrack } : {}),
      'labels/extra': lastD.extraLabels,
      'labels/total': lastD.extraLabels + run.demo.labels,
      rounds: p.rounds,
      races: RACES,
    },
    series: {
      'offTrack/dagger': curve(run.dagger),
      'offTrack/bc': curve(run.bc),
      'offTrack/expert': run.dagger.map((r) => ({ x: r.extraLabels, y: run.expertOffTrack })),
    },
    trajectories: { demo: run.demo.frames, clone: run.dagger[0].race, dagger: lastD.race },
    extras: {
      dt: env.dt,
      halfWidth: env.halfWidth,
      crashOffset: env.crashOffset,
      races: RACES,
      horizon: HORIZON,
      queries: p.queries,
      demoLabels: run.demo.labels,
    },
  };
  report(1, 'done', () => result, true);
  return result;
});
