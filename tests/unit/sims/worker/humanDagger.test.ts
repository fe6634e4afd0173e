// The interactive session across the worker boundary (sims/worker: humanDagger): the page's label callback is a
// Comlink proxy the worker awaits once per round; each round reaches the page; a bad drive is refused with a reason.
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { runExperiment } from '@/sims/worker/host';
import { SimClient, type WorkerLike } from '@/sims/worker/client';
import { initBackend } from '@/sims/policies/backend';
import type { CarDaggerRound, HumanQuery } from '@/sims/experiments/human-dagger.params';
import { expertDrive } from '@/sims/experiments/human-dagger';

class FakeWorker implements WorkerLike {
  private channel = new MessageChannel();
  constructor() {
    const api = runExperiment({
      startBackend: () => initBackend('wasm'),
      memory: async () => ({ numTensors: 0, numBytes: 0 }),
    });
    Comlink.expose(api, this.channel.port2 as unknown as Comlink.Endpoint);
  }
  postMessage(message: unknown, transfer?: Transferable[]) {
    this.channel.port1.postMessage(message, transfer ?? []);
  }
  addEventListener(type: string, listener: EventListener) {
    if (type !== 'error' && type !== 'messageerror') this.channel.port1.addEventListener(type, listener);
  }
  removeEventListener(type: string, listener: EventListener) {
    if (type !== 'error' && type !== 'messageerror') this.channel.port1.removeEventListener(type, listener);
  }
  start() {
    this.channel.port1.start();
  }
  terminate() {
    this.channel.port1.close();
    this.channel.port2.close();
  }
}

let client: SimClient;
afterEach(() => client?.dispose());

describe('humanDagger over the worker boundary', () => {
  it('asks the page once per round, waits for the answers, and reports every round', async () => {
    client = new SimClient({ factory: () => new FakeWorker() });
    const queries: HumanQuery[] = [];
    const rounds: CarDaggerRound[] = [];
    const summary = await client.humanDagger(
      { steer: expertDrive(), epsilon: 0.03, rounds: 2, queries: 3, seed: 1 },
      {
        label: async (q) => {
          queries.push(q);
          await new Promise((r) => setTimeout(r, 20)); // the reader thinks
          // "Steer towards the centre line": left when right of it, right when left of it.
          return Float32Array.from(q.rows, (r) => (q.context[r * 7 + 3] < 0 ? 1.2 : -1.2));
        },
        round: (r) => rounds.push(r),
        progress: () => {},
      },
    );
    expect(queries.map((q) => [q.round, q.rows.length])).toEqual([
      [1, 3],
      [2, 3],
    ]);
    expect(summary.rounds.map((r) => r.extraLabels)).toEqual([0, 3, 6]);
    // Rounds travel on the callback's own port: the last may land after the summary (which holds them all).
    expect(rounds.map((r) => r.round).slice(0, 2)).toEqual([0, 1]);
    expect(summary.rounds.map((r) => r.round)).toEqual([0, 1, 2]);
    expect(summary.demoLabels).toBe(300);
  }, 60_000);

  it('trains BC on an extra lap after the session, from the same clone, with the labels per round asked for', async () => {
    client = new SimClient({ factory: () => new FakeWorker() });
    const request = { steer: expertDrive(), epsilon: 0.03, rounds: 2, queries: 3, seed: 1 };
    const fractions: number[] = [];
    const bc = await client.humanBc(
      { ...request, bcSteer: expertDrive(), labelsPerRound: [0, 3, 3] },
      { progress: (f) => fractions.push(f) },
    );
    expect(bc.map((r) => [r.method, r.round, r.extraLabels])).toEqual([
      ['bc', 0, 0],
      ['bc', 1, 3],
      ['bc', 2, 6],
    ]);
    expect(bc.every((r) => Number.isFinite(r.offTrack))).toBe(true);
    expect(fractions.length).toBeGreaterThan(0);
    expect(Math.max(...fractions)).toBeLessThanOrEqual(1);
    // A bad extra lap or label plan is refused with the reason.
    await expect(
      client.humanBc({ ...request, bcSteer: new Float64Array(100), labelsPerRound: [0, 3, 3] }, { progress: () => {} }),
    ).rejects.toThrow(/never steered/);
    await expect(
      client.humanBc({ ...request, bcSteer: expertDrive(), labelsPerRound: [0, 3] }, { progress: () => {} }),
    ).rejects.toThrow(/labelsPerRound/);
  }, 60_000);

  it('refuses a drive nobody can learn from, with the reason', async () => {
    client = new SimClient({ factory: () => new FakeWorker() });
    const never = { label: async () => new Float32Array(0), round: () => {}, progress: () => {} };
    await expect(
      client.humanDagger({ steer: new Float64Array(100), epsilon: 0.03, rounds: 1, queries: 3, seed: 1 }, never),
    ).rejects.toThrow(/never steered/);
  });
});
