/**
 * A person drives the car (sims/envs/car.ts): eased steering from three buttons, the recorded drive, its replay and
 * the validation of an imported one. Pure functions, no DOM: the `human-dagger` widget calls them on the page, and
 * the experiment and the tests replay the same drives in Node.
 *
 * Steering: a key (or button) held asks for a yaw rate of ±STEER_TARGET; the command moves towards what is asked by at
 *   most STEER_SLEW per step (and back towards 0 when nothing is held), so a tap is a gentle correction and a held key
 *   a full turn after ~0.4 s. The hairpin needs ≈ 0.84 rad/s at 3 m/s, inside the 1.2 rad/s a held key gives.
 * A drive starts on the centre line at arc length 0, facing along the track, and has no tremble: the reader
 *   demonstrates clean, as the automatic expert does. It is fully determined by its sequence of executed commands,
 *   so a drive is stored as those commands (and the poses, to check an imported file against its replay).
 */
import { Rng } from '../../lib/rng';
import {
  CAR_TRACK,
  carDefaults,
  carEnv,
  carObservation,
  trackPointAt,
  carStateAt,
  type CarParams,
  type CarState,
} from './car';

/** Yaw rate asked for while a steering key is held (rad/s; positive turns left). */
export const STEER_TARGET = 1.2;
/** Largest change of the command per 0.1 s step (rad/s): full lock in 4 steps. */
export const STEER_SLEW = 0.3;
/** Steps of one demonstration lap: the race's 30 s (dagger-car's HORIZON), ≈ 1.05 laps at 3 m/s. */
export const DRIVE_STEPS = 300;
/** A drive shorter than this (steps) is too short to learn from (10 s). */
export const MIN_DRIVE_STEPS = 50;
/** Longest drive accepted (steps): 5 minutes. */
export const MAX_DRIVE_STEPS = 3000;
/** A drive off the track on more than this fraction of its steps is rejected. */
export const MAX_OFF_TRACK_FRACTION = 0.5;

/** What the reader is pressing: −1 right, 0 nothing (or both), +1 left. */
export type SteerInput = -1 | 0 | 1;

/** The next command from the current one and the input: moves towards input·STEER_TARGET by at most STEER_SLEW. */
export function easeSteer(current: number, input: SteerInput): number {
  const target = input * STEER_TARGET;
  const delta = Math.max(-STEER_SLEW, Math.min(STEER_SLEW, target - current));
  return current + delta;
}

/** The deployment-free driving conditions of a demonstration: the env's defaults, no tremble, no noise. */
export function driveParams(params: Partial<CarParams> = {}): CarParams {
  return { ...carDefaults, ...params, trembleProb: 0, actionNoiseStd: 0 };
}

/** Where every drive starts: on the centre line at arc length 0, facing along the track. */
export function driveStart(): CarState {
  const p = trackPointAt(CAR_TRACK, 0);
  return carStateAt(p.x, p.y, p.heading, {}, 0);
}

/** One step of a person's drive: no tremble, so no randomness matters (a fixed stream keeps the env's contract). */
const STEP_RNG_SEED = 0;

/** The state after one step of a drive with the executed command `steer`. */
export function driveStep(state: CarState, steer: number, params: CarParams = driveParams()): CarState {
  return carEnv.transition(state, Float64Array.of(steer), new Rng(STEP_RNG_SEED), params);
}

/** The states s_0 … s_T of a drive with the executed commands `steer` (length T). */
export function replayDrive(steer: ArrayLike<number>, params: CarParams = driveParams()): CarState[] {
  const states = [driveStart()];
  for (let t = 0; t < steer.length; t++) states.push(driveStep(states[t], steer[t], params));
  return states;
}

/** Steps (of `states`, after the first) that ended off the track or crashed. */
export function offTrackSteps(states: readonly CarState[], halfWidth = carDefaults.halfWidth): number {
  let n = 0;
  for (let t = 1; t < states.length; t++) if (states[t].crashed || Math.abs(states[t].lateral) > halfWidth) n++;
  return n;
}

/**
 * A drive as training data: raw observation rows [T, 5] (s_0 … s_{T−1}) and the commands the driver executed,
 * stopping at a crash (a crashed car stands still; what was pressed there says nothing about driving).
 */
export function driveData(
  states: readonly CarState[],
  steer: ArrayLike<number>,
): { x: Float32Array; y: Float32Array; n: number } {
  let n = Math.min(steer.length, states.length - 1);
  for (let t = 0; t < n; t++)
    if (states[t].crashed) {
      n = t;
      break;
    }
  const x = new Float32Array(n * 5);
  for (let t = 0; t < n; t++) x.set(carObservation(states[t]), t * 5);
  return { x, y: Float32Array.from({ length: n }, (_, t) => steer[t]), n };
}

// ---------------------------------------------------------------------------------------------------------------
// A recorded drive, as a file
// ---------------------------------------------------------------------------------------------------------------

export const DRIVE_FORMAT = 'imitation-tutorial/car-drive';

/** What an exported drive holds. */
export interface DriveFile {
  format: typeof DRIVE_FORMAT;
  version: 1;
  /** Seconds per step and speed (m/s) it was driven at (must match the env's). */
  dt: number;
  speed: number;
  /** The executed yaw-rate command of each step (rad/s), T numbers. */
  steer: number[];
  /** The pose after each step and at the start, [x (m), y (m), θ (rad)] × (T + 1), flat. */
  poses: number[];
}

/** A drive as a file (poses rounded to the millimetre, commands to 1e-6 rad/s). */
export function driveToFile(steer: ArrayLike<number>, states: readonly CarState[]): DriveFile {
  const round = (v: number, k: number) => Math.round(v * k) / k;
  const poses: number[] = [];
  for (const s of states) poses.push(round(s.x, 1000), round(s.y, 1000), round(s.theta, 1000));
  return {
    format: DRIVE_FORMAT,
    version: 1,
    dt: carDefaults.dt,
    speed: carDefaults.speed,
    steer: Array.from(steer, (v) => round(v, 1e6)),
    poses,
  };
}

export type DriveCheck = { ok: true; steer: Float64Array; states: CarState[] } | { ok: false; reason: string };

/** How far (m) a pose in the file may sit from the replayed one before the file is called inconsistent. */
const POSE_TOLERANCE = 0.05;

/**
 * Reads an imported drive: JSON of a `DriveFile`. Rejected, with the reason in words: not JSON, another format or
 * version, another speed or time step, commands that are not finite numbers or exceed the actuator's range, a wrong
 * number of poses, poses the commands do not reproduce, or a drive the learner cannot use (`driveProblem`).
 */
export function parseDriveFile(text: string): DriveCheck {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'The file is not valid JSON.' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, reason: 'The file does not hold a drive (expected a JSON object).' };
  const f = raw as Record<string, unknown>;
  if (f.format !== DRIVE_FORMAT)
    return { ok: false, reason: `The file is not a car drive (its "format" should be "${DRIVE_FORMAT}").` };
  if (f.version !== 1)
    return { ok: false, reason: `Unknown drive version ${JSON.stringify(f.version)} (this page reads version 1).` };
  if (f.dt !== carDefaults.dt || f.speed !== carDefaults.speed)
    return {
      ok: false,
      reason: `The drive was recorded at another speed or time step (this car drives at ${carDefaults.speed} m/s, ${carDefaults.dt} s per step).`,
    };
  if (!Array.isArray(f.steer) || !Array.isArray(f.poses))
    return { ok: false, reason: 'The drive needs a "steer" list and a "poses" list.' };
  const steerList = f.steer as unknown[];
  const poseList = f.poses as unknown[];
  if (steerList.length < MIN_DRIVE_STEPS || steerList.length > MAX_DRIVE_STEPS)
    return {
      ok: false,
      reason: `The drive has ${steerList.length} steps; between ${MIN_DRIVE_STEPS} and ${MAX_DRIVE_STEPS} are accepted.`,
    };
  if (poseList.length !== 3 * (steerList.length + 1))
    return {
      ok: false,
      reason: `Wrong length: ${steerList.length} steering commands need ${3 * (steerList.length + 1)} pose numbers, the file has ${poseList.length}.`,
    };
  const bad = (list: unknown[]) => list.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
  const badSteer = bad(steerList);
  if (badSteer >= 0) return { ok: false, reason: `Steering command ${badSteer + 1} is not a finite number.` };
  const badPose = bad(poseList);
  if (badPose >= 0) return { ok: false, reason: `Pose number ${badPose + 1} is not a finite number.` };
  const steer = Float64Array.from(steerList as number[]);
  const tooBig = steer.findIndex((v) => Math.abs(v) > carDefaults.maxSteer + 1e-9);
  if (tooBig >= 0)
    return {
      ok: false,
      reason: `Steering command ${tooBig + 1} exceeds the actuator's ±${carDefaults.maxSteer} rad/s.`,
    };
  const states = replayDrive(steer);
  const poses = poseList as number[];
  for (let t = 0; t < states.length; t++) {
    const d = Math.hypot(states[t].x - poses[3 * t], states[t].y - poses[3 * t + 1]);
    if (!(d <= POSE_TOLERANCE))
      return {
        ok: false,
        reason: `The poses do not match the steering: at step ${t} the replayed car is ${d.toFixed(2)} m from the recorded one.`,
      };
  }
  const problem = driveProblem(steer, states);
  if (problem) return { ok: false, reason: problem };
  return { ok: true, steer, states };
}

/**
 * Why a drive cannot be learned from, in words, or null: too short, never steered, mostly off the track, or crashed
 * before the minimum length.
 */
export function driveProblem(
  steer: ArrayLike<number>,
  states: readonly CarState[],
  halfWidth = carDefaults.halfWidth,
): string | null {
  const n = steer.length;
  if (n < MIN_DRIVE_STEPS)
    return `The drive is ${(n * carDefaults.dt).toFixed(1)} s long; drive at least ${(MIN_DRIVE_STEPS * carDefaults.dt).toFixed(0)} s before cloning it.`;
  let steered = false;
  for (let t = 0; t < n; t++) if (Math.abs(steer[t]) > 1e-6) steered = true;
  if (!steered) return 'You never steered: the car ran straight off the track. Steer with ← and → to follow the road.';
  const off = offTrackSteps(states, halfWidth);
  if (off > MAX_OFF_TRACK_FRACTION * n)
    return `The car was off the track ${Math.round((100 * off) / n)}% of the time; a clone of that drive would learn to leave the road. Try again and keep it between the edges most of the time.`;
  return null;
}
