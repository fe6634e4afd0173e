import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { runExperiment } from '@/sims/worker/host';
import { CancelledError, SimClient, WorkerCrashedError, createRunner, type WorkerLike } from '@/sims/worker/client';
import { checkpoint, defineExperiment, defineInfo, type Experiment } from '@/sims/experiments/types';

/** A counting experiment: `steps` slices of work with progress after each, abortable between slices. */
const counting = defineExperiment(
  defineInfo()({
    id: 'counting',
    title: 'Counting',
    description: 'Counts to n, slowly.',
    params: { n: { kind: 'number', default: 5, min: 1, max: 50, step: 1, integer: true, label: 'n' } },
    result: { metrics: ['last'], series: ['count'] },
  }),
  async ({ n }, { seed, signal, onProgress }) => {
    const series = [];
    for (let i = 1; i <= n; i++) {
      await checkpoint(signal);
      await new Promise((r) => setTimeout(r, 5));
      series.push({ x: i, y: i * seed });
      onProgress?.({ fraction: i / n, partial: { metrics: {}, series: { count: [...series] } } });
    }
    return { metrics: { last: n * seed }, series: { count: series } };
  },
);

const exploding = defineExperiment(
  defineInfo()({ id: 'exploding', title: 'Exploding', description: 'Diverges.', params: {}, result: { metrics: ['loss'], series: [] } }),
  async () => ({ metrics: { loss: Number.NaN }, series: {} }),
);

/** Declares a metric it never delivers. */
const undeclared = defineExperiment(
  defineInfo()({ id: 'undeclared', title: 'Undeclared', description: 'Forgets a metric.', params: {}, result: { metrics: ['wanted'], series: [] } }),
  async () => ({ metrics: {}, series: {} }) as never,
);

/** Counting with a several-seeds-at-once path that records each call (seeds trained as one, in a real experiment). */
const batchedCalls: number[][] = [];
const batched = defineExperiment(
  { ...counting, id: 'batched' },
  counting.run,
  async (params, seeds, { signal, onProgress }) => {
    batchedCalls.push(seeds);
    const results = [];
    for (const [k, seed] of seeds.entries()) {
      results.push(await counting.run(params, { seed, signal }));
      onProgress?.({ fraction: (k + 1) / seeds.length, message: `seed ${k + 1} of ${seeds.length}` });
    }
    return results;
  },
);

/** Seed 2 diverges. */
const oneDiverges = defineExperiment(
  defineInfo()({ id: 'one-diverges', title: 'One diverges', description: 'Seed 2 blows up.', params: {}, result: { metrics: ['loss'], series: [] } }),
  async (_p, { seed }) => ({ metrics: { loss: seed === 2 ? Number.POSITIVE_INFINITY : seed }, series: {} }),
);

const registry = new Map<string, Experiment>([
  ['batched', batched as unknown as Experiment],
  ['one-diverges', oneDiverges as unknown as Experiment],
  ['undeclared', undeclared as unknown as Experiment],
  ['counting', counting as unknown as Experiment],
  ['exploding', exploding as unknown as Experiment],
]);

/** A Worker stand-in: the real host API served over a MessageChannel, plus a way to make it crash. */
class FakeWorker implements WorkerLike {
  private channel = new MessageChannel();
  private errorListeners = new Set<EventListener>();
  terminated = false;
  constructor() {
    const api = runExperiment(
      { startBackend: async () => 'fake', memory: async () => ({ numTensors: 0, numBytes: 0 }) },
      (id) => registry.get(id),
    );
    Comlink.expose(api, this.channel.port2 as unknown as Comlink.Endpoint);
  }
  postMessage(message: unknown, transfer?: Transferable[]) {
    this.channel.port1.postMessage(message, transfer ?? []);
  }
  addEventListener(type: string, listener: EventListener) {
    if (type === 'error' || type === 'messageerror') this.errorListeners.add(listener);
    else this.channel.port1.addEventListener(type, listener);
  }
  removeEventListener(type: string, listener: EventListener) {
    if (type === 'error' || type === 'messageerror') this.errorListeners.delete(listener);
    else this.channel.port1.removeEventListener(type, listener);
  }
  start() {
    this.channel.port1.start();
  }
  terminate() {
    this.terminated = true;
    this.channel.port1.close();
    this.channel.port2.close();
  }
  crash(message: string) {
    const event = Object.assign(new Event('error'), { message });
    for (const l of this.errorListeners) l(event);
  }
}

let workers: FakeWorker[] = [];
let client: SimClient;
function makeClient() {
  workers = [];
  client = new SimClient({
    factory: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
  });
  return client;
}

afterEach(() => client?.dispose());

/** Aborts the call `start` makes after `ms`: it rejects as cancelled, and the worker stops it and counts it. */
async function expectCancelledAfter(ms: number, start: (signal: AbortSignal) => Promise<unknown>): Promise<void> {
  const controller = new AbortController();
  const run = start(controller.signal);
  setTimeout(() => controller.abort(), ms);
  await expect(run).rejects.toBeInstanceOf(CancelledError);
  await new Promise((r) => setTimeout(r, 30));
  const [stats] = await client.stats();
  expect(stats.activeRuns).toEqual([]);
  expect(stats.runsCancelled).toBe(1);
}

describe('SimClient', () => {
  it('runs an experiment and streams progress', async () => {
    makeClient();
    const fractions: number[] = [];
    const response = await client.run('counting', { n: 4 }, 3, { onProgress: (p) => fractions.push(p.fraction) });
    expect(response.result.metrics.last).toBe(12);
    expect(response.diverged).toBe(false);
    expect(response.backend).toBe('fake');
    // Progress and the result travel on different ports: the last progress may land after the result, and is then
    // dropped (a widget never sees progress after its final result).
    expect(fractions.length).toBeGreaterThan(0);
    expect(fractions.every((f) => f > 0 && f <= 1)).toBe(true);
  });

  it('warm() starts one worker ahead of the first run, which then runs on it', async () => {
    makeClient();
    client.warm();
    client.warm();
    expect(workers).toHaveLength(1);
    const response = await client.run('counting', { n: 2 }, 1);
    expect(response.result.metrics.last).toBe(2);
    expect(workers).toHaveLength(1);
  });

  it('marks a result with NaN as diverged', async () => {
    makeClient();
    const response = await client.run('exploding', {}, 1);
    expect(response.diverged).toBe(true);
  });

  it('rejects an unknown experiment with a clear message', async () => {
    makeClient();
    await expect(client.run('nope', {}, 1)).rejects.toThrow('Unknown experiment "nope"');
  });

  it('refuses bad parameters at the worker boundary instead of running with them (the page parses, the worker checks)', async () => {
    makeClient();
    await expect(client.run('counting', { n: 1e9 }, 1)).rejects.toThrow(/Invalid parameters for counting/);
    await expect(client.run('counting', { n: 5, extra: 1 }, 1)).rejects.toThrow(/Invalid parameters for counting/);
    const response = await client.run('counting', { n: 50 }, 1);
    expect(response.result.metrics.last).toBe(50);
  });

  it('refuses a result that does not carry what the experiment declares', async () => {
    makeClient();
    await expect(client.run('undeclared', {}, 1)).rejects.toThrow(/no metric "wanted"/);
  });

  it('cancels a run when its signal aborts, and the worker stops it', async () => {
    makeClient();
    await expectCancelledAfter(20, (signal) => client.run('counting', { n: 50 }, 1, { signal }));
  });

  it('restarts a crashed worker and rejects its pending runs with a clear error', async () => {
    makeClient();
    const heard: string[] = [];
    client.onRestart((e) => heard.push(e.message));
    const run = client.run('counting', { n: 50 }, 1);
    await new Promise((r) => setTimeout(r, 15));
    workers[0].crash('out of memory');
    await expect(run).rejects.toBeInstanceOf(WorkerCrashedError);
    await expect(run).rejects.toThrow(/crashed \(out of memory\) and was restarted/);
    expect(workers[0].terminated).toBe(true);
    expect(heard).toHaveLength(1);
    expect(client.restarts).toBe(1);
    // The next run gets a fresh worker and succeeds.
    const response = await client.run('counting', { n: 2 }, 5);
    expect(response.result.metrics.last).toBe(10);
    expect(workers).toHaveLength(2);
  });
});

describe('SimClient.runSeeds (a band of seeds in one worker call)', () => {
  it('runs the seeds in turn when the experiment has no runSeeds: each result is that seed\'s own run', async () => {
    makeClient();
    const fractions: number[] = [];
    // Long enough (3 × 30 slices of ≥ 5 ms) for several throttled progress reports.
    const band = await client.runSeeds('counting', { n: 30 }, [3, 4, 5], { onProgress: (p) => fractions.push(p.fraction) });
    expect(band.batched).toBe(false);
    expect(band.diverged).toEqual([false, false, false]);
    for (const [k, seed] of [3, 4, 5].entries()) {
      const single = await client.run('counting', { n: 30 }, seed);
      expect(band.results[k]).toEqual(single.result);
    }
    // One progress over the whole band, never going back, past the first seed's share. (Reports that arrive after
    // the response are dropped by design, so the last one seen need not be 1.)
    expect(fractions.length).toBeGreaterThan(0);
    expect(Math.max(...fractions)).toBeGreaterThan(1 / 3);
    expect(Math.max(...fractions)).toBeLessThanOrEqual(1);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1])).toBe(true);
  });

  it('calls the experiment\'s runSeeds once with every seed when it has one', async () => {
    makeClient();
    batchedCalls.length = 0;
    const band = await client.runSeeds('batched', { n: 3 }, [7, 8]);
    expect(band.batched).toBe(true);
    expect(batchedCalls).toEqual([[7, 8]]);
    expect(band.results.map((r) => r.metrics.last)).toEqual([21, 24]);
  });

  it('marks which seed diverged', async () => {
    makeClient();
    const band = await client.runSeeds('one-diverges', {}, [1, 2, 3]);
    expect(band.diverged).toEqual([false, true, false]);
  });

  it('checks parameters at the boundary and stops when cancelled', async () => {
    makeClient();
    await expect(client.runSeeds('counting', { n: 1e9 }, [1, 2])).rejects.toThrow(/Invalid parameters for counting/);
    await expectCancelledAfter(30, (signal) => client.runSeeds('counting', { n: 50 }, [1, 2, 3], { signal }));
  });
});

describe('createRunner', () => {
  it('a band started in a lane makes the lane\'s single-seed run stale, and the other way round', async () => {
    makeClient();
    const runner = createRunner(client);
    const single = runner.start('counting', { n: 20 }, 1);
    const band = runner.startSeeds('counting', { n: 2 }, [1, 2]);
    expect((await single).status).toBe('stale');
    const done = await band;
    expect(done.status).toBe('done');
    if (done.status === 'done') expect(done.response.results.map((r) => r.metrics.last)).toEqual([2, 4]);
    const band2 = runner.startSeeds('counting', { n: 20 }, [1, 2]);
    const single2 = runner.start('counting', { n: 1 }, 5);
    expect((await band2).status).toBe('stale');
    expect((await single2).status).toBe('done');
    expect(runner.active).toBe(0);
  });

  it('drops stale results: after many quick starts only the last one is delivered', async () => {
    makeClient();
    const runner = createRunner(client);
    const delivered: number[] = [];
    const outcomes = [];
    for (let seed = 1; seed <= 20; seed++) {
      outcomes.push(
        runner.start('counting', { n: 5 }, seed, (p) => {
          const last = p.partial?.series.count?.at(-1);
          if (last) delivered.push(last.y / last.x);
        }),
      );
    }
    const results = await Promise.all(outcomes);
    expect(results.slice(0, -1).every((r) => r.status === 'stale')).toBe(true);
    const final = results.at(-1)!;
    expect(final.status).toBe('done');
    if (final.status === 'done') expect(final.response.result.metrics.last).toBe(100);
    // Progress from superseded runs never reaches the widget.
    expect(new Set(delivered)).toEqual(new Set([20]));
    expect(runner.active).toBe(0);
    await new Promise((r) => setTimeout(r, 30));
    const [stats] = await client.stats();
    expect(stats.activeRuns).toEqual([]);
    expect(stats.runsCompleted).toBe(1);
  });

  it('cancel() makes the current run stale', async () => {
    makeClient();
    const runner = createRunner(client);
    const pending = runner.start('counting', { n: 50 }, 1);
    setTimeout(() => runner.cancel(), 10);
    expect((await pending).status).toBe('stale');
  });
});
