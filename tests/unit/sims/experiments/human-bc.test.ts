// The human-DAgger figure's comparison (sims/experiments/human-dagger.ts: runCarBc): BC given as many extra labels as
// DAgger got, after the session, from the automatic expert's clean laps or from an extra lap the reader drove. It
// starts from exactly the clone DAgger started from, and without a drive it is the BC run of runCarDagger itself.
import { beforeAll, describe, expect, it } from 'vitest';
import { expertDrive, runCarBc, runCarDagger, segmentSpaced } from '@/sims/experiments/human-dagger';
import { initBackend } from '@/sims/policies/backend';

beforeAll(async () => {
  await initBackend('wasm');
});

const session = { epsilon: 0.03, rounds: 2, queries: 3, seed: 5, withBc: true };

describe('runCarBc', () => {
  it('without a drive, is runCarDagger’s BC: same clone, same labels per round, same numbers', async () => {
    const both = await runCarDagger(session);
    const perRound = both.dagger.map((r, i) => (i === 0 ? 0 : r.extraLabels - both.dagger[i - 1].extraLabels));
    const bc = await runCarBc({ ...session, withBc: false }, perRound);
    expect(bc.map((r) => r.offTrack)).toEqual(both.bc.map((r) => r.offTrack));
    expect(bc.map((r) => r.extraLabels)).toEqual(both.bc.map((r) => r.extraLabels));
    expect(bc[0].offTrack).toBe(both.dagger[0].offTrack);
    expect(Array.from(bc[2].race.data)).toEqual(Array.from(both.bc[2].race.data));
  }, 60_000);

  it('on the reader’s extra lap: the same clone, the labels asked for, reproducible, and not the expert’s laps', async () => {
    const lap = expertDrive().map((v, t) => (t % 40 < 20 ? v : 0.9 * v));
    const onLap = await runCarBc({ ...session, bcSteer: lap }, [0, 3, 3]);
    const again = await runCarBc({ ...session, bcSteer: lap }, [0, 3, 3]);
    const onExpertLaps = await runCarBc(session, [0, 3, 3]);
    expect(onLap.map((r) => r.extraLabels)).toEqual([0, 3, 6]);
    expect(onLap[0].offTrack).toBe(onExpertLaps[0].offTrack);
    expect(again.map((r) => r.offTrack)).toEqual(onLap.map((r) => r.offTrack));
    expect(Array.from(again[2].race.data)).toEqual(Array.from(onLap[2].race.data));
    expect(Array.from(onLap[2].race.data)).not.toEqual(Array.from(onExpertLaps[2].race.data));
  }, 60_000);
});

describe('segmentSpaced', () => {
  it('spreads each round’s labels through its own part of the drive, never the same state twice', () => {
    const select = segmentSpaced(() => 8, 4);
    const visited = { x: new Float32Array(300), n: 300 };
    const data = { x: new Float32Array(0), y: new Float32Array(0), n: 0 };
    const all = [1, 2, 3, 4].flatMap((round) => {
      const rows = select(visited, data, round);
      expect(rows).toHaveLength(8);
      for (const r of rows) {
        expect(r).toBeGreaterThanOrEqual(75 * (round - 1));
        expect(r).toBeLessThan(75 * round);
      }
      return rows;
    });
    expect(new Set(all).size).toBe(32);
    // A drive shorter than the labels asked for gives what it has.
    expect(segmentSpaced(() => 8, 4)({ x: new Float32Array(12), n: 12 }, data, 2)).toEqual([3, 4, 5]);
  });
});
