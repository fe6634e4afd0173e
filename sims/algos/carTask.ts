/**
 * The car (sims/envs/car.ts) as an imitation task, for the figures of chapters 2–3 (`bc-car`, later `dagger-car`).
 *
 *   task         the env with its feedback expert; the learner regresses the expert's yaw rate (MSE) from the
 *                track-frame observation [e, ψ, κ(0 m), κ(2 m), κ(4 m)]; DART's noise is the demonstrator's tremble
 *   input scale  how the learner sees that observation: standardised by the statistics of the data it is first
 *                trained on (the usual practice), or divided by fixed physical scales
 *   race         several drivers from the same start through the same trembles, recorded for playback
 *
 * Why the input scaling is a choice here, and why standardising is the default. Clean demonstrations hold the car
 * within millimetres of the centre line (|e| ≈ 5 mm rms), so they contain almost no variation off it. Standardising
 * by the demonstrations' own mean and deviation — what one does by default for a regression network — stretches those
 * millimetres to unit scale: a 0.5 m excursion after a tremble becomes an input of ~100 standard deviations, far
 * outside anything the network was fitted on, and what it does there is an accident of its initialisation and
 * training. That is the compounding-error failure the chapter is about (no data off the expert's path), made visible
 * by a standard, defensible preprocessing step. With fixed physical scales (e / 1 m, ψ / 0.5 rad, κ / 0.3 m⁻¹) and a
 * long training (1500 steps, when the env was built) the same clean data pinned down the expert's gains well enough to
 * stay on the track: the data did not change, only how the learner extrapolates off them. At this module's budget
 * (100–200 tfjs steps) that variant is unreliable — 3 of 5 seeds still left the road in most races at 200 steps — so
 * bc-car does not offer it. DAgger and DART change the data instead (states off the centre line with the expert's
 * labels), and then the standardised learner matches the expert: measured over 3 seeds, DAgger with 3 rounds of 3
 * rollouts and DART with demonstrator tremble 0.03 spent on average 0–2.8 steps of a 400-step race off the track,
 * the expert 0.3–2.6, on the same 8 races per seed.
 *
 * A task built by `carLearnerTask` speaks in the learner's (scaled) coordinates everywhere: demonstrations, visited
 * states, labels and the expert policy all take scaled observations, so bc.ts, dagger.ts and dart.ts run on it
 * unchanged; `scaledPolicy` deploys a trained network on raw observations.
 */
import type { Rng } from '../../lib/rng';
import { rollout, type Policy } from '../core/rollout';
import { carEnv, type CarParams, type CarState } from '../envs/car';
import { carExpertSteer, type CarExpertGains } from '../experts/car';
import { envTask, type ImitationTask, type LabelledData, type LearnerConfig, type VisitedStates } from './task';
import { square } from '../../lib/detmath';

// ---------------------------------------------------------------------------------------------------------------
// The expert and the raw task
// ---------------------------------------------------------------------------------------------------------------

/**
 * The expert's gains at speed v: the same closed loop at every speed (natural frequency 2 rad/s, damping 0.9), i.e.
 * k_e = ω_n² / v and k_ψ = 2ζω_n (sims/experts/car.ts; at the default 3 m/s these are exactly `carExpertGains`).
 */
export function carGainsAt(speed: number): CarExpertGains {
  const omegaN = 2; // rad/s
  const zeta = 0.9;
  return { lateral: (omegaN * omegaN) / speed, heading: 2 * zeta * omegaN };
}

/** The expert as a rollout policy on raw observations; actions are one-element vectors (the env's Box(1)). */
export function carExpert(params: Pick<CarParams, 'speed' | 'maxSteer'>): Policy {
  const gains = carGainsAt(params.speed);
  return (obs) => Float64Array.of(carExpertSteer(obs as Float64Array, params, gains));
}

/**
 * The car as an ImitationTask on raw observations. `params` are the deployment conditions (speed, tremble, …); the
 * demonstrator drives under the same conditions except the tremble, which is `noise` (0: clean demonstrations).
 */
export function carTask(params: Partial<CarParams>): ImitationTask {
  const full = { ...carEnv.defaults, ...params };
  return envTask({
    spec: carEnv,
    params,
    demoParams: (noise) => ({ trembleProb: noise, actionNoiseStd: 0 }),
    expert: carExpert(full),
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Input scaling
// ---------------------------------------------------------------------------------------------------------------

/** x ↦ (x − shift) / scale, coordinate by coordinate: what the learner sees of an observation x. */
export interface InputScaling {
  shift: Float64Array;
  scale: Float64Array;
}

/** 'standardised': by the mean and deviation of the first training data; 'physical': fixed scales (see the top). */
export type CarInputScaling = 'standardised' | 'physical';

/** e / 1 m, ψ / 0.5 rad, κ / 0.3 m⁻¹ (the track's curvature stays within −0.04 … 0.28 m⁻¹). */
export const CAR_PHYSICAL_SCALING: InputScaling = {
  shift: new Float64Array(5),
  scale: Float64Array.of(1, 0.5, 0.3, 0.3, 0.3),
};

/**
 * The per-coordinate mean and (population) standard deviation of `data`, as a scaling. A coordinate that never
 * varies keeps scale 1 (as scikit-learn's StandardScaler does), so nothing is divided by zero.
 */
export function standardiser(data: { x: Float32Array; n: number }, dim: number): InputScaling {
  const shift = new Float64Array(dim);
  const scale = new Float64Array(dim);
  if (data.n === 0) return { shift, scale: scale.fill(1) };
  for (let i = 0; i < data.n; i++) for (let j = 0; j < dim; j++) shift[j] += data.x[i * dim + j];
  for (let j = 0; j < dim; j++) shift[j] /= data.n;
  for (let i = 0; i < data.n; i++) for (let j = 0; j < dim; j++) scale[j] += square(data.x[i * dim + j] - shift[j]);
  for (let j = 0; j < dim; j++) {
    const sd = Math.sqrt(scale[j] / data.n);
    scale[j] = sd > 1e-12 ? sd : 1;
  }
  return { shift, scale };
}

export function scaleRows(x: Float32Array, n: number, s: InputScaling): Float32Array {
  const d = s.shift.length;
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[i * d + j] = (x[i * d + j] - s.shift[j]) / s.scale[j];
  return out;
}

function scaleObservation(obs: number | Float64Array, s: InputScaling): Float64Array {
  const x = typeof obs === 'number' ? Float64Array.of(obs) : obs;
  const out = new Float64Array(x.length);
  for (let j = 0; j < x.length; j++) out[j] = (x[j] - s.shift[j]) / s.scale[j];
  return out;
}

function unscaleObservation(obs: number | Float64Array, s: InputScaling): Float64Array {
  const x = typeof obs === 'number' ? Float64Array.of(obs) : obs;
  const out = new Float64Array(x.length);
  for (let j = 0; j < x.length; j++) out[j] = x[j] * s.scale[j] + s.shift[j];
  return out;
}

/** A policy written for scaled observations, deployed on raw ones (e.g. `greedyPolicy` of a trained network). */
export function scaledPolicy(policy: Policy, s: InputScaling): Policy {
  return (obs, t, rng) => policy(scaleObservation(obs, s), t, rng);
}

/**
 * `task` seen through a fixed input scaling: every observation it hands out (demonstrations, visited states) is
 * scaled, and every observation it is handed (policies to roll out, rows to label, the expert's input) is scaled.
 */
export function scaledTask(task: ImitationTask, s: InputScaling): ImitationTask {
  const expert: Policy = (obs, t, rng) => task.expert(unscaleObservation(obs, s), t, rng);
  const scaled = <D extends LabelledData | VisitedStates>(data: D): D => ({ ...data, x: scaleRows(data.x, data.n, s) });
  return {
    obsDim: task.obsDim,
    head: task.head,
    outputDim: task.outputDim,
    expert,
    demonstrate: (nDemos, horizon, rng, noise) => scaled(task.demonstrate(nDemos, horizon, rng, noise)),
    visit: (policy, nRollouts, horizon, rng) => scaled(task.visit(scaledPolicy(policy, s), nRollouts, horizon, rng)),
    label: (x, n) => {
      const d = task.obsDim;
      const raw = new Float32Array(n * d);
      for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) raw[i * d + j] = x[i * d + j] * s.scale[j] + s.shift[j];
      return task.label(raw, n);
    },
  };
}

/**
 * The car task in the learner's coordinates, and the scaling it uses. With 'standardised', the statistics are those
 * of the demonstrations the algorithm will draw first: `nDemos` episodes of `horizon` steps from `demosRng` with
 * tremble `noise` — pass the same stream the algorithm uses (`rng.stream('demos')` for bc.ts, dart.ts and
 * dagger.ts), and the scaling is computed on exactly its training data (the demonstrations are drawn twice; they are
 * cheap and deterministic).
 */
export function carLearnerTask(
  params: Partial<CarParams>,
  inputs: CarInputScaling,
  demos: { nDemos: number; horizon: number; rng: Rng; noise?: number },
): { task: ImitationTask; scaling: InputScaling } {
  const raw = carTask(params);
  const scaling =
    inputs === 'physical'
      ? CAR_PHYSICAL_SCALING
      : standardiser(raw.demonstrate(demos.nDemos, demos.horizon, demos.rng, demos.noise ?? 0), raw.obsDim);
  return { task: scaledTask(raw, scaling), scaling };
}

// ---------------------------------------------------------------------------------------------------------------
// The learner
// ---------------------------------------------------------------------------------------------------------------

/**
 * 5 → 32 → 32 → 1 tanh MLP regressing the yaw rate (MSE), Adam 5·10⁻³, 100 steps of batch 128. Sized for the browser
 * budget: in tfjs each step of a network this small is per-op overhead (~2–4 ms whatever the batch), so a training is
 * a few hundred milliseconds. It fits clean demonstrations to ~0.015 rad/s rms (the expert's yaw rate is ~0.3 rad/s
 * rms); with 150–200 steps the fit and what the clone does off the centre line are the same (measured).
 */
export const CAR_LEARNER: LearnerConfig = {
  hidden: [32, 32],
  activation: 'tanh',
  train: { steps: 100, batchSize: 128, learningRate: 5e-3, optimizer: 'adam', weightDecay: 0, lossEvery: 5 },
};

// ---------------------------------------------------------------------------------------------------------------
// Races: several drivers through the same trembles
// ---------------------------------------------------------------------------------------------------------------

export interface RaceDriver {
  key: string;
  /** Acts on raw observations (wrap a learner with `scaledPolicy`). */
  policy: Policy;
}

export interface RaceLane {
  /** States s_0 … s_T. */
  states: readonly CarState[];
  /** c_t ∈ {0, 1}: step t ended off the track (or crashed). */
  offTrack: Float64Array;
  /** Σ_t c_t (steps). */
  totalOffTrack: number;
  /** The car left the road by more than crashOffset and stopped. */
  crashed: boolean;
}

/**
 * One race: every driver starts from the same state and meets the same trembles, because each rollout uses the same
 * `rng` and the env draws the same random numbers at every step whatever the driver does (sims/envs/car.ts).
 */
export function race(
  drivers: readonly RaceDriver[],
  params: Partial<CarParams>,
  horizon: number,
  rng: Rng,
): Record<string, RaceLane> {
  const out: Record<string, RaceLane> = {};
  for (const d of drivers) {
    const traj = rollout(carEnv, d.policy, { rng, params, horizon, recordStates: true });
    const states = traj.states ?? [];
    let total = 0;
    for (let t = 0; t < traj.costs.length; t++) total += traj.costs[t];
    out[d.key] = {
      states,
      offTrack: Float64Array.from(traj.costs),
      totalOffTrack: total,
      crashed: states.length > 0 && states[states.length - 1].crashed,
    };
  }
  return out;
}

/** A race's frames for playback: per step x (m), y (m), heading θ (rad), lateral offset e (m); dims [T + 1, 4]. */
export function raceFrames(lane: RaceLane): { data: Float32Array; dims: [number, number]; labels: string[] } {
  const n = lane.states.length;
  const data = new Float32Array(n * 4);
  lane.states.forEach((s, t) => {
    data[4 * t] = s.x;
    data[4 * t + 1] = s.y;
    data[4 * t + 2] = s.theta;
    data[4 * t + 3] = s.lateral;
  });
  return { data, dims: [n, 4], labels: ['x (m)', 'y (m)', 'heading θ (rad)', 'lateral offset e (m)'] };
}
