// DAgger's label oracle (sims/algos/dagger.ts): the automatic expert and a person answer through the same interface,
// a promise per round. An oracle that answers late gives the same run as one that answers at once; the selector's
// rows are what it is asked about; a wrong answer is refused with a reason. And the human-dagger pipeline replays:
// the same drive and the same answers give the same numbers.
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRng } from '@/lib/rng';
import { expertOracle, runDagger, type LabelOracle, type LabelQuery } from '@/sims/algos/dagger';
import { laneTask } from '@/sims/algos/laneTask';
import { easeSteer, replayDrive, driveStep, driveStart, type SteerInput } from '@/sims/envs/carDrive';
import { carObservation } from '@/sims/envs/car';
import { runCarDagger, farthestQueries, QUERY_CONTEXT } from '@/sims/experiments/human-dagger';
import { initBackend } from '@/sims/policies/backend';

beforeAll(async () => {
  await initBackend('wasm');
});

const small = { nDemos: 4, horizon: 20, nRounds: 2, rolloutsPerRound: 2, learner: { hidden: [8], activation: 'tanh' as const, train: { steps: 20, batchSize: 32, learningRate: 0.02 } } };

describe('LabelOracle', () => {
  it('the expert as an oracle is what DAgger asks by default', async () => {
    const task = laneTask({ epsilon: 0.1, encoding: 'scalar' });
    const a = await runDagger(task, small, makeRng(3));
    const b = await runDagger(task, { ...small, oracle: expertOracle(task) }, makeRng(3));
    expect(b.metrics).toEqual(a.metrics);
    expect(Array.from(b.data.y)).toEqual(Array.from(a.data.y));
  });

  it('a slow oracle (a person) gives the same run; it is asked once per round about the selected rows', async () => {
    const task = laneTask({ epsilon: 0.1, encoding: 'scalar' });
    const queries: LabelQuery[] = [];
    const slow: LabelOracle = {
      label: (q) =>
        new Promise((resolve) => {
          queries.push(q);
          setTimeout(() => resolve(task.label(q.x, q.n)), 5);
        }),
    };
    const pickTwo = (v: { n: number }) => [0, v.n - 1];
    const a = await runDagger(task, { ...small, selectQueries: pickTwo }, makeRng(4));
    const b = await runDagger(task, { ...small, selectQueries: pickTwo, oracle: slow }, makeRng(4));
    expect(b.metrics).toEqual(a.metrics);
    expect(queries.map((q) => q.round)).toEqual([1, 2]);
    for (const q of queries) {
      expect(q.n).toBe(2);
      expect(q.rows).toEqual([0, q.visited.n - 1]);
      expect(q.x[1]).toBe(q.visited.x[q.visited.n - 1]);
    }
    expect(b.metrics['labels/expert']).toBe(4 * 20 + 2 * 2);
  });

  it('refuses an answer of the wrong length or with a non-finite label', async () => {
    const task = laneTask({ epsilon: 0.1, encoding: 'scalar' });
    const short: LabelOracle = { label: (q) => Promise.resolve(new Int32Array(q.n - 1)) };
    await expect(runDagger(task, { ...small, oracle: short }, makeRng(5))).rejects.toThrow(/answered/);
  });
});

/** A scripted "human": holds ← or → when the car is off-centre or pointing away (a bang-bang driver with a dead band). */
function scriptedDrive(steps: number): Float64Array {
  const steer = new Float64Array(steps);
  let s = driveStart();
  let w = 0;
  for (let t = 0; t < steps; t++) {
    const o = carObservation(s);
    const want = 1.1 * o[2] * 3 - 1.2 * o[0] - 3 * o[1];
    const input: SteerInput = want > 0.25 ? 1 : want < -0.25 ? -1 : 0;
    w = easeSteer(w, input);
    steer[t] = w;
    s = driveStep(s, w);
  }
  return steer;
}

describe('human-dagger replay', () => {
  it('the same drive and the same answers give identical numbers', async () => {
    const drive = scriptedDrive(300);
    expect(replayDrive(drive).some((s) => s.crashed)).toBe(false);
    // The "human" answers left / straight / right from the state it is shown (its pose context), recorded…
    const answers: Float32Array[] = [];
    const human: LabelOracle = {
      label: async (q) => {
        const d = q.visited.context!.dim;
        expect(d).toBe(QUERY_CONTEXT.length);
        const out = new Float32Array(q.n);
        q.rows.forEach((r, i) => {
          const e = q.visited.context!.data[r * d + 3];
          const psi = q.visited.context!.data[r * d + 4];
          const want = -1.2 * e - 3 * psi;
          out[i] = want > 0.25 ? 1.2 : want < -0.25 ? -1.2 : 0;
        });
        answers.push(out);
        return out;
      },
    };
    const session = { demoSteer: drive, epsilon: 0.03, rounds: 2, queries: 4, seed: 9, withBc: false };
    const first = await runCarDagger({ ...session, oracle: human });
    // …and replayed from the record.
    let i = 0;
    const replay: LabelOracle = { label: () => Promise.resolve(answers[i++]) };
    const second = await runCarDagger({ ...session, oracle: replay });
    expect(second.dagger.map((r) => r.offTrack)).toEqual(first.dagger.map((r) => r.offTrack));
    expect(Array.from(second.dagger[2].race.data)).toEqual(Array.from(first.dagger[2].race.data));
    expect(first.dagger.map((r) => r.extraLabels)).toEqual([0, 4, 8]);
  }, 60_000);

  it('asks about the states farthest from the labelled ones, spread apart', () => {
    const select = farthestQueries(2, 3);
    const visited = { x: Float32Array.of(0, 5, 5.1, 0.2, 9, 0), n: 6 };
    const data = { x: Float32Array.of(0), y: Float32Array.of(0), n: 1 };
    expect(select(visited, data, 1)).toEqual([1, 4]);
  });
});
