// A person's drive of the car (sims/envs/carDrive.ts): eased steering, replay, and the validation of imported drives
// (malformed JSON, wrong lengths, non-finite numbers, inconsistent poses, drives nobody can learn from).
import { describe, expect, it } from 'vitest';
import {
  DRIVE_FORMAT,
  STEER_SLEW,
  STEER_TARGET,
  driveData,
  driveProblem,
  driveToFile,
  easeSteer,
  parseDriveFile,
  replayDrive,
} from '@/sims/envs/carDrive';
import { expertDrive } from '@/sims/experiments/human-dagger';

const lap = expertDrive(120);
const file = () => driveToFile(lap, replayDrive(lap));

describe('eased steering', () => {
  it('moves towards the target by at most the slew per step, and back to 0 when released', () => {
    let w = 0;
    w = easeSteer(w, 1);
    expect(w).toBeCloseTo(STEER_SLEW);
    for (let i = 0; i < 10; i++) w = easeSteer(w, 1);
    expect(w).toBeCloseTo(STEER_TARGET);
    w = easeSteer(w, 0);
    expect(w).toBeCloseTo(STEER_TARGET - STEER_SLEW);
    for (let i = 0; i < 10; i++) w = easeSteer(w, -1);
    expect(w).toBeCloseTo(-STEER_TARGET);
  });
});

describe('replay', () => {
  it('is deterministic and the expert lap stays on the track', () => {
    const a = replayDrive(lap);
    const b = replayDrive(lap);
    expect(a.map((s) => [s.x, s.y, s.theta])).toEqual(b.map((s) => [s.x, s.y, s.theta]));
    expect(Math.max(...a.map((s) => Math.abs(s.lateral)))).toBeLessThan(0.1);
    expect(driveProblem(lap, a)).toBeNull();
    expect(driveData(a, lap).n).toBe(120);
  });
});

describe('importing a drive', () => {
  it('accepts its own export', () => {
    const r = parseDriveFile(JSON.stringify(file()));
    expect(r.ok).toBe(true);
    if (r.ok) expect(Array.from(r.steer)).toEqual(file().steer);
  });
  it.each([
    ['not JSON', '{"format": ', /not valid JSON/],
    ['an array', '[1, 2]', /expected a JSON object/],
    ['another format', JSON.stringify({ ...file(), format: 'x' }), new RegExp(DRIVE_FORMAT)],
    ['another version', JSON.stringify({ ...file(), version: 2 }), /version 2/],
    ['another speed', JSON.stringify({ ...file(), speed: 5 }), /another speed/],
    ['wrong pose length', JSON.stringify({ ...file(), poses: file().poses.slice(3) }), /Wrong length/],
    ['too short', JSON.stringify({ ...file(), steer: [0.1], poses: [0, 0, 0, 0, 0, 0] }), /between/],
    ['a NaN (null in JSON)', JSON.stringify({ ...file(), steer: file().steer.map((v, i) => (i === 7 ? null : v)) }), /command 8 is not a finite/],
    ['a string', JSON.stringify({ ...file(), poses: file().poses.map((v, i) => (i === 4 ? 'NaN' : v)) }), /Pose number 5/],
    ['too much steering', JSON.stringify({ ...file(), steer: file().steer.map((v, i) => (i === 2 ? 9 : v)) }), /exceeds/],
    ['poses that do not match', JSON.stringify({ ...file(), poses: file().poses.map((v, i) => (i === 30 ? v + 3 : v)) }), /do not match/],
  ])('rejects %s with the reason', (_name, text, reason) => {
    const r = parseDriveFile(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
  it('rejects a drive that never steers or stays off the track', () => {
    const straight = new Float64Array(100);
    expect(driveProblem(straight, replayDrive(straight))).toMatch(/never steered/);
    const circling = new Float64Array(100).fill(1.2);
    expect(driveProblem(circling, replayDrive(circling))).toMatch(/off the track/);
    const r = parseDriveFile(JSON.stringify(driveToFile(circling, replayDrive(circling))));
    expect(r.ok).toBe(false);
  });
});
