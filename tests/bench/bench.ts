/**
 * `npm run bench`: what a training step and a policy evaluation cost, against the physical limit (DESIGN.md,
 * "Performance budgets"). Timing is reported, never asserted.
 *
 * Node part (this file, today):
 *   - tfjs ms/step of the MLP learner (Adam, minibatch path of `createMlpTrainer`) on wasm and on cpu,
 *   - the same step as a plain-TypeScript loop on Float32Arrays (tests/bench/reference.ts),
 *   - achieved GFLOP/s for each, counting forward + backward as 6 · batch · Σ in·out,
 *   - plain-TS rollout evaluations per second (`forward` of one input),
 *   - seeds as a batch dimension: one seed vs 5 seeds trained as one (`createMlpSeedTrainer`) vs 5 seeds in turn,
 * for several learner sizes and batch sizes 128 and 1000. Prints a table and writes bench-results/node.json.
 *
 * Browser part (tests/bench/browser.ts): the page budgets in the system Chromium against the static export in out/
 * (slider → redraw, default run → result, long tasks, tensors after 50 reruns, first-load JS and the worker chunk).
 * It needs `npm run build` first and writes bench-results/browser.json.
 *
 * Lighthouse pass (tests/bench/lighthouse.ts), after the browser part: Lighthouse 12, mobile defaults, on every page
 * of the export (system Chromium), against the issue's targets (performance ≥ 90, TBT ≤ 200 ms, accessibility, best
 * practices and SEO at 100). It needs `npm run build` first and writes bench-results/lighthouse.json.
 *
 * Soak (tests/bench/soak.ts), only when asked: `--soak 10m` drives /lab/ with random slider moves, seed changes and
 * reruns for that long and reports tensors, JS heap, worker restarts and errors at start and end
 * (bench-results/soak.json). Not part of the default run nor of `npm test`.
 *
 * Flags:
 *   --node-only, --browser-only, --lighthouse, --soak <duration> (only that part; the default runs the first three in
 *   that order; durations like 10m, 90s), --seed N (the soak's PRNG seed, default 1),
 *   --quick (fewer steps and runs, for a smoke run; the Lighthouse pass is unchanged),
 *   --out <file> (the JSON of the one part run alone; default bench-results/node.json for the Node part),
 *   --browser-out <file> (default bench-results/browser.json), --lighthouse-out <file> (default
 *   bench-results/lighthouse.json), --soak-out <file> (default bench-results/soak.json),
 *   --only <id,id…> (the browser part's experiments; default every one the build shows),
 *   --lighthouse-runs N (runs per page, medians reported; default 1), --pages </path/,…> (the Lighthouse pages;
 *   default every page), --site <dir> (the export the Lighthouse pass serves; default out/: e.g. an older build's
 *   out/ for a before/after table).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { makeRng } from '../../lib/rng';
import { initBackend, type BackendName } from '../../sims/policies/backend';
import { forward } from '../../sims/policies/forward';
import { createMlpTrainer, type Dataset } from '../../sims/policies/mlp';
import { createMlpSeedTrainer, type MlpSeedTrainer } from '../../sims/policies/mlpSeeds';
import { defaults } from '../../lib/params';
import { bcLaneExperiment, runBcLaneSeeds } from '../../sims/experiments/bc-lane';
import { initMlpWeights, layerSizes, multiplyAddsPerInput, type MlpSpec } from '../../sims/policies/weights';
import { ReferenceMlpTrainer } from './reference';

// ---------------------------------------------------------------------------------------------------------------
// What is measured
// ---------------------------------------------------------------------------------------------------------------

export interface BenchCase {
  name: string;
  spec: MlpSpec;
}

export const CASES: BenchCase[] = [
  { name: 'car/pendulum-size regression', spec: { inputDim: 2, hidden: [32, 32], outputDim: 1, head: 'regression' } },
  { name: 'lane-size categorical', spec: { inputDim: 1, hidden: [64, 64], outputDim: 3, head: 'categorical' } },
  { name: 'wide regression', spec: { inputDim: 8, hidden: [256, 256], outputDim: 8, head: 'regression' } },
];
export const BATCH_SIZES = [128, 1000];

export interface TimingBudget {
  /** Untimed steps first (JIT, lazily created tfjs state). */
  warmupSteps: number;
  /** Stop after this many timed steps… */
  maxSteps: number;
  /** …or after this much time, whichever comes first (but never before minSteps). */
  maxMs: number;
  minSteps: number;
}

const FULL: TimingBudget = { warmupSteps: 10, maxSteps: 60, maxMs: 2500, minSteps: 5 };
const QUICK: TimingBudget = { warmupSteps: 2, maxSteps: 8, maxMs: 400, minSteps: 2 };

export interface StepTiming {
  /** Median ms per training step. */
  msPerStep: number;
  /** Achieved GFLOP/s at the median: 6 · batch · Σ in·out / time. */
  gflops: number;
  timedSteps: number;
}

export interface BenchRow {
  case: string;
  sizes: string;
  batch: number;
  flopsPerStep: number;
  wasm: StepTiming | null;
  cpu: StepTiming | null;
  plainTs: StepTiming;
  /** Plain-TS `forward` of one input, evaluations per second (independent of the batch size). */
  rolloutEvalsPerSec: number;
  /** tfjs kernels one training step dispatches on wasm (forward, backward, Adam), null if wasm cannot start. */
  kernelsPerStep: number | null;
}

export interface NodeBenchReport {
  when: string;
  environment: { node: string; cpu: string; cores: number; tfjs: string; backends: string[] };
  notes: string[];
  rows: BenchRow[];
  /** Max |Δ| between the plain-TS reference and tfjs weights after a few identical Adam steps (a correctness check). */
  referenceCheck: { case: string; backend: BackendName; maxAbsDiff: number }[];
  /** Seeds as a batch dimension (issue #15): a 5-seed band vs one seed, on wasm at batch 128. */
  seedBand: SeedBandRow[];
  /** The same for whole experiment runs (default parameters) that have a batched-seeds path. */
  experimentBand: ExperimentBandRow[];
}

export interface ExperimentBandRow {
  id: string;
  seeds: number;
  /** ms of a whole run (fastest of interleaved rounds): one seed, all seeds with batched training, all seeds in turn. */
  oneSeedMs: number;
  batchedMs: number;
  sequentialMs: number;
  ratio: number;
  targetMet: boolean;
}

export interface SeedBandRow {
  case: string;
  sizes: string;
  batch: number;
  seeds: number;
  /** Optimizer steps per timed block (every seed takes this many). */
  steps: number;
  /** ms of one block (the fastest of interleaved rounds): one seed (createMlpTrainer) … */
  oneSeedMs: number;
  /** …all seeds as one network (createMlpSeedTrainer) … */
  batchedMs: number;
  /** …and the seeds one after another (createMlpTrainer per seed), as the page does today. */
  sequentialMs: number;
  /** batchedMs / oneSeedMs; the budget is ≤ 1.5 (DESIGN.md, "Performance budgets"). */
  ratio: number;
  targetMet: boolean;
  /** tfjs kernels one step dispatches: one seed, and all seeds batched. */
  kernelsPerStep: { oneSeed: number; batched: number };
  /**
   * The experimental 'xnnpack' backward of createMlpSeedTrainer (not bit-identical to createMlpTrainer): one seed
   * alone and all seeds batched, ms per block; ratio = batchedMs / the default one seed's oneSeedMs above.
   */
  xnnpack: { oneSeedMs: number; batchedMs: number; ratio: number };
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------

/** forward + backward of one step: 2·B·Σ in·out (forward) + 4·B·Σ in·out (weight and input gradients). */
export function flopsPerStep(spec: MlpSpec, batch: number): number {
  return 6 * batch * multiplyAddsPerInput(spec);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Times `step` under `budget` and returns the median time per call. */
export function timeSteps(step: () => void, budget: TimingBudget): { msPerStep: number; timedSteps: number } {
  for (let i = 0; i < budget.warmupSteps; i++) step();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < budget.maxSteps && (times.length < budget.minSteps || performance.now() - start < budget.maxMs)) {
    const t0 = performance.now();
    step();
    times.push(performance.now() - t0);
  }
  return { msPerStep: median(times), timedSteps: times.length };
}

function timing(t: { msPerStep: number; timedSteps: number }, flops: number): StepTiming {
  return { ...t, gflops: flops / (t.msPerStep * 1e6) };
}

/** A synthetic data set for `spec` (4096 examples), so every step takes the minibatch path. */
export function syntheticData(spec: MlpSpec, seed: number): Dataset {
  const rng = makeRng(seed);
  const n = 4096;
  const x = new Float32Array(n * spec.inputDim).map(() => rng.range(-1, 1));
  const y =
    spec.head === 'categorical'
      ? new Int32Array(n).map(() => rng.int(spec.outputDim))
      : new Float32Array(n * spec.outputDim).map(() => rng.normal());
  return { x, y, n };
}

function targetsOf(spec: MlpSpec, data: Dataset): Float32Array {
  if (spec.head !== 'categorical') return data.y as Float32Array;
  const t = new Float32Array(data.n * spec.outputDim);
  for (let i = 0; i < data.n; i++) t[i * spec.outputDim + data.y[i]] = 1;
  return t;
}

// ---------------------------------------------------------------------------------------------------------------
// The measurements (exported for the browser part)
// ---------------------------------------------------------------------------------------------------------------

/** tfjs ms/step of the learner on `backend` (null if that backend cannot start). */
export async function benchTfjsStep(backend: BackendName, spec: MlpSpec, batch: number, budget: TimingBudget): Promise<StepTiming | null> {
  if ((await initBackend(backend)) !== backend) return null;
  const trainer = createMlpTrainer(spec, syntheticData(spec, 1), { batchSize: batch, learningRate: 1e-3 }, makeRng(2));
  try {
    return timing(
      timeSteps(() => trainer.step(false), budget),
      flopsPerStep(spec, batch),
    );
  } finally {
    trainer.dispose();
  }
}

/**
 * How many tfjs kernels one training step dispatches (forward, backward and the Adam update), counted with
 * `tf.profile` around a step after a warm-up step; null if the backend cannot start.
 */
export async function countKernelsPerStep(backend: BackendName, spec: MlpSpec, batch: number): Promise<number | null> {
  if ((await initBackend(backend)) !== backend) return null;
  const trainer = createMlpTrainer(spec, syntheticData(spec, 1), { batchSize: batch, learningRate: 1e-3 }, makeRng(2));
  try {
    trainer.step(false);
    const info = await tf.profile(() => {
      trainer.step(false);
    });
    return info.kernels.length;
  } finally {
    trainer.dispose();
  }
}

/** Plain-TS reference ms/step (the minibatch is gathered each step, as in the tfjs trainer). */
export function benchReferenceStep(spec: MlpSpec, batch: number, budget: TimingBudget): StepTiming {
  const data = syntheticData(spec, 1);
  const targets = targetsOf(spec, data);
  const trainer = new ReferenceMlpTrainer(initMlpWeights(spec, makeRng(2)), { kind: 'adam', learningRate: 1e-3 });
  const rng = makeRng(3);
  const xb = new Float32Array(batch * spec.inputDim);
  const tb = new Float32Array(batch * spec.outputDim);
  const step = () => {
    for (let r = 0; r < batch; r++) {
      const i = rng.int(data.n);
      xb.set(data.x.subarray(i * spec.inputDim, (i + 1) * spec.inputDim), r * spec.inputDim);
      tb.set(targets.subarray(i * spec.outputDim, (i + 1) * spec.outputDim), r * spec.outputDim);
    }
    trainer.step(xb, tb, batch);
  };
  return timing(timeSteps(step, budget), flopsPerStep(spec, batch));
}

/** Plain-TS policy evaluations per second: `forward` of one input, as a rollout calls it. */
export function benchRollouts(spec: MlpSpec, ms: number): number {
  const weights = initMlpWeights(spec, makeRng(4));
  const rng = makeRng(5);
  const inputs = new Float32Array(1024 * spec.inputDim).map(() => rng.range(-1, 1));
  const observation = new Float32Array(spec.inputDim); // a rollout writes each observation into one buffer
  const out = new Float32Array(spec.outputDim);
  let sink = 0;
  let calls = 0;
  const run = (count: number) => {
    for (let c = 0; c < count; c++) {
      const k = (c & 1023) * spec.inputDim;
      for (let d = 0; d < spec.inputDim; d++) observation[d] = inputs[k + d];
      forward(weights, observation, out);
      sink += out[0];
    }
  };
  run(20_000); // warm-up
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    run(10_000);
    calls += 10_000;
    elapsed = performance.now() - start;
  }
  if (Number.isNaN(sink)) console.log('(unreachable: keeps the loop from being optimised away)');
  return (calls / elapsed) * 1000;
}

/** The reference loop and tfjs, from the same weights on the same full batch, agree after a few Adam steps. */
export async function checkReference(backend: BackendName, bc: BenchCase): Promise<number> {
  await initBackend(backend);
  const { spec } = bc;
  const data = syntheticData(spec, 6);
  const small: Dataset = { x: data.x.subarray(0, 64 * spec.inputDim), y: data.y.subarray(0, 64 * (spec.head === 'categorical' ? 1 : spec.outputDim)), n: 64 };
  const init = initMlpWeights(spec, makeRng(7));
  const trainer = createMlpTrainer(spec, small, { batchSize: 64, learningRate: 1e-3 }, makeRng(8), init);
  const reference = new ReferenceMlpTrainer(init, { kind: 'adam', learningRate: 1e-3 });
  const targets = targetsOf(spec, small);
  for (let s = 0; s < 5; s++) {
    trainer.step();
    reference.step(small.x, targets, 64);
  }
  const viaTf = trainer.weights();
  trainer.dispose();
  let maxAbsDiff = 0;
  viaTf.layers.forEach((layer, l) => {
    const ref = reference.weights.layers[l];
    for (let q = 0; q < layer.W.length; q++) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(layer.W[q] - ref.W[q]));
    for (let q = 0; q < layer.b.length; q++) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(layer.b[q] - ref.b[q]));
  });
  return maxAbsDiff;
}

/**
 * The fastest of interleaved timing blocks: another process on this 2-core machine only ever adds time, and a
 * ratio of two medians swings with whichever block it hit; the fastest blocks are the least disturbed.
 */
const fastest = (values: number[]): number => Math.min(...values);

/** The budget of issue #15: a 5-seed band may cost at most this many times one seed. */
export const SEED_BAND_TARGET = 1.5;

/**
 * One seed vs N seeds batched vs N seeds one after another, on `backend`, at minibatch `batch`. The three are timed
 * in interleaved blocks of the same number of steps (so a busy machine slows all three alike) and the fastest block
 * is kept. Null if the backend cannot start.
 */
export async function benchSeedBand(
  backend: BackendName,
  bc: BenchCase,
  batch: number,
  opts: { seeds: number; quick: boolean },
): Promise<SeedBandRow | null> {
  if ((await initBackend(backend)) !== backend) return null;
  const { spec } = bc;
  const { seeds } = opts;
  const config = { batchSize: batch, learningRate: 1e-3 };
  const datasets = Array.from({ length: seeds }, (_, k) => syntheticData(spec, 10 + k));
  const rngs = () => datasets.map((_, k) => makeRng(20 + k));
  const one = createMlpTrainer(spec, datasets[0], config, makeRng(20));
  const batched: MlpSeedTrainer = createMlpSeedTrainer(spec, datasets, config, rngs());
  const sequential = datasets.map((d, k) => createMlpTrainer(spec, d, config, makeRng(20 + k)));
  const xnnOne = createMlpSeedTrainer(spec, [datasets[0]], config, [makeRng(20)], undefined, { backward: 'xnnpack' });
  const xnnBatched = createMlpSeedTrainer(spec, datasets, config, rngs(), undefined, { backward: 'xnnpack' });
  try {
    const time = (run: () => void): number => {
      const t0 = performance.now();
      run();
      return performance.now() - t0;
    };
    // Warm-up, and the block length: about 40 ms (quick) or 200 ms (full) of one-seed steps, 3 to 30 steps.
    for (let i = 0; i < (opts.quick ? 2 : 5); i++) {
      one.step(false);
      batched.step(false);
      for (const t of sequential) t.step(false);
      xnnOne.step(false);
      xnnBatched.step(false);
    }
    const perStep = time(() => {
      for (let i = 0; i < 3; i++) one.step(false);
    }) / 3;
    const steps = Math.max(3, Math.min(30, Math.round((opts.quick ? 40 : 200) / perStep)));
    const blocks = { one: [] as number[], batched: [] as number[], sequential: [] as number[], xnnOne: [] as number[], xnnBatched: [] as number[] };
    for (let round = 0; round < (opts.quick ? 3 : 7); round++) {
      blocks.xnnOne.push(time(() => {
        for (let i = 0; i < steps; i++) xnnOne.step(false);
      }));
      blocks.xnnBatched.push(time(() => {
        for (let i = 0; i < steps; i++) xnnBatched.step(false);
      }));
      blocks.one.push(time(() => {
        for (let i = 0; i < steps; i++) one.step(false);
      }));
      blocks.batched.push(time(() => {
        for (let i = 0; i < steps; i++) batched.step(false);
      }));
      blocks.sequential.push(time(() => {
        for (const t of sequential) for (let i = 0; i < steps; i++) t.step(false);
      }));
    }
    const kernels = async (step: () => void) => (await tf.profile(step)).kernels.length;
    const [oneSeedMs, batchedMs, sequentialMs] = [fastest(blocks.one), fastest(blocks.batched), fastest(blocks.sequential)];
    return {
      case: bc.name,
      sizes: layerSizes(spec).join('→'),
      batch,
      seeds,
      steps,
      oneSeedMs,
      batchedMs,
      sequentialMs,
      ratio: batchedMs / oneSeedMs,
      targetMet: batchedMs / oneSeedMs <= SEED_BAND_TARGET,
      kernelsPerStep: { oneSeed: await kernels(() => void one.step(false)), batched: await kernels(() => void batched.step(false)) },
      xnnpack: { oneSeedMs: fastest(blocks.xnnOne), batchedMs: fastest(blocks.xnnBatched), ratio: fastest(blocks.xnnBatched) / oneSeedMs },
    };
  } finally {
    one.dispose();
    batched.dispose();
    xnnOne.dispose();
    xnnBatched.dispose();
    for (const t of sequential) t.dispose();
  }
}

/** bc-lane at its default parameters: one seed's run vs a band of `seeds` (batched) vs the band run seed by seed. */
export async function benchBcLaneBand(opts: { seeds: number; quick: boolean }): Promise<ExperimentBandRow | null> {
  if ((await initBackend('wasm')) !== 'wasm') return null;
  const params = defaults(bcLaneExperiment.params);
  const seeds = Array.from({ length: opts.seeds }, (_, k) => 1 + k);
  const time = async (run: () => Promise<unknown>) => {
    const t0 = performance.now();
    await run();
    return performance.now() - t0;
  };
  await runBcLaneSeeds(params, seeds); // warm-up
  const blocks = { one: [] as number[], batched: [] as number[], sequential: [] as number[] };
  for (let round = 0; round < (opts.quick ? 1 : 3); round++) {
    blocks.one.push(await time(() => bcLaneExperiment.run(params, { seed: seeds[0] })));
    blocks.batched.push(await time(() => runBcLaneSeeds(params, seeds)));
    blocks.sequential.push(await time(async () => {
      for (const seed of seeds) await bcLaneExperiment.run(params, { seed });
    }));
  }
  const [oneSeedMs, batchedMs, sequentialMs] = [fastest(blocks.one), fastest(blocks.batched), fastest(blocks.sequential)];
  return { id: 'bc-lane', seeds: opts.seeds, oneSeedMs, batchedMs, sequentialMs, ratio: batchedMs / oneSeedMs, targetMet: batchedMs / oneSeedMs <= SEED_BAND_TARGET };
}

// ---------------------------------------------------------------------------------------------------------------
// The Node part
// ---------------------------------------------------------------------------------------------------------------

export async function runNodeBench(opts: { quick?: boolean; log?: (line: string) => void } = {}): Promise<NodeBenchReport> {
  const budget = opts.quick ? QUICK : FULL;
  const log = opts.log ?? (() => {});
  const rows: BenchRow[] = [];
  const backends: string[] = [];
  for (const b of ['wasm', 'cpu'] as const) if ((await initBackend(b)) === b) backends.push(b);

  for (const bc of CASES) {
    const rolloutEvalsPerSec = benchRollouts(bc.spec, opts.quick ? 100 : 500);
    for (const batch of BATCH_SIZES) {
      const sizes = layerSizes(bc.spec).join('→');
      log(`  ${sizes} batch ${batch} …`);
      rows.push({
        case: bc.name,
        sizes,
        batch,
        flopsPerStep: flopsPerStep(bc.spec, batch),
        wasm: await benchTfjsStep('wasm', bc.spec, batch, budget),
        cpu: await benchTfjsStep('cpu', bc.spec, batch, budget),
        plainTs: benchReferenceStep(bc.spec, batch, budget),
        rolloutEvalsPerSec,
        kernelsPerStep: await countKernelsPerStep('wasm', bc.spec, batch),
      });
    }
  }

  const referenceCheck: NodeBenchReport['referenceCheck'] = [];
  for (const backend of backends as BackendName[]) {
    for (const bc of CASES.slice(0, 2)) referenceCheck.push({ case: bc.name, backend, maxAbsDiff: await checkReference(backend, bc) });
  }

  const seedBand: SeedBandRow[] = [];
  for (const bc of CASES) {
    log(`  ${layerSizes(bc.spec).join('→')}: 5 seeds as one …`);
    const row = await benchSeedBand('wasm', bc, 128, { seeds: 5, quick: opts.quick ?? false });
    if (row !== null) seedBand.push(row);
  }
  log('  bc-lane: a 5-seed band …');
  const bcLaneBand = await benchBcLaneBand({ seeds: 5, quick: opts.quick ?? false });

  return {
    when: new Date().toISOString(),
    environment: {
      node: process.version,
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      tfjs: tf.version_core,
      backends,
    },
    notes: [
      'ms/step: median over timed steps after warm-up; Adam; one minibatch gathered from 4096 examples per step.',
      'GFLOP/s counts forward + backward as 6 · batch · Σ in·out (bias, activation and optimizer work not counted).',
      'plain TS: tests/bench/reference.ts, the same arithmetic on Float32Arrays, single thread.',
      'kernels per step: tfjs kernels one wasm training step dispatches (forward, backward, Adam), counted with tf.profile.',
      'rollout evals/s: sims/policies/forward.ts, one input per call (fused forward; issue 15 target ≥ 1,000,000/s for 2→32→32→1, 637k/s before).',
      'seed band: createMlpSeedTrainer (sims/policies/mlpSeeds.ts), each seed bit-identical to createMlpTrainer; its backward does every seed\'s arithmetic in the same scalar wasm matMul loop, so it cannot go below N seeds\' backward time. xnnpack bwd: the experimental variant (SIMD backward, not bit-identical to createMlpTrainer).',
    ],
    rows,
    referenceCheck,
    seedBand,
    experimentBand: bcLaneBand === null ? [] : [bcLaneBand],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Printing
// ---------------------------------------------------------------------------------------------------------------

export function formatTable(report: NodeBenchReport): string {
  const cell = (t: StepTiming | null) => (t === null ? 'n/a'.padStart(16) : `${t.msPerStep.toFixed(2).padStart(8)} ${t.gflops.toFixed(2).padStart(6)}  `);
  const header = [
    'network          batch   tfjs wasm         tfjs cpu          plain TS          rollout evals/s      kernels',
    '                         ms/step GFLOP/s   ms/step GFLOP/s   ms/step GFLOP/s   (1 input, plain TS)  per step',
  ];
  const lines = report.rows.map(
    (r) =>
      `${r.sizes.padEnd(16)} ${String(r.batch).padStart(5)}   ${cell(r.wasm)}${cell(r.cpu)}${cell(r.plainTs)}${Math.round(r.rolloutEvalsPerSec).toLocaleString('en-US').padStart(12)}${String(r.kernelsPerStep ?? 'n/a').padStart(16)}`,
  );
  const env = report.environment;
  const check = report.referenceCheck.map((c) => `${c.backend}/${c.case}: ${c.maxAbsDiff.toExponential(1)}`).join(', ');
  return [
    `Node ${env.node}, ${env.cpu} (${env.cores} cores), tfjs-core ${env.tfjs}, backends: ${env.backends.join(', ')}`,
    '',
    ...header,
    ...lines,
    '',
    ...formatSeedBand(report.seedBand, report.experimentBand),
    '',
    `reference loop vs tfjs, max |Δweight| after 5 Adam steps: ${check}`,
    ...report.notes.map((n) => `- ${n}`),
  ].join('\n');
}

/** The seed-band table: one seed, N seeds batched, N seeds in sequence, per block of steps. */
export function formatSeedBand(rows: SeedBandRow[], experiments: ExperimentBandRow[] = []): string[] {
  if (rows.length === 0) return ['seeds as a batch dimension: wasm unavailable, not measured'];
  const seeds = rows[0].seeds;
  const ms = (v: number) => v.toFixed(1).padStart(10);
  const experimentLines = experiments.map(
    (e) =>
      `${`${e.id} run`.padEnd(16)}  -${ms(e.oneSeedMs)}${ms(e.batchedMs)}${ms(e.sequentialMs)}${`${e.ratio.toFixed(2)}×`.padStart(12)}` +
      `${(e.targetMet ? 'met' : 'missed').padStart(16)}`,
  );
  return [
    `seeds as a batch dimension (wasm, batch ${rows[0].batch}; ms per block of S steps, fastest of interleaved blocks)`,
    `network           S    1 seed  ${seeds} batched  ${seeds} in turn   batched/1   target ≤ ${SEED_BAND_TARGET}×   kernels/step 1 → ${seeds}` +
      `   xnnpack bwd: 1 seed  ${seeds} batched  ratio`,
    ...rows.map(
      (r) =>
        `${r.sizes.padEnd(16)} ${String(r.steps).padStart(2)}${ms(r.oneSeedMs)}${ms(r.batchedMs)}${ms(r.sequentialMs)}${`${r.ratio.toFixed(2)}×`.padStart(12)}` +
        `${(r.targetMet ? 'met' : 'missed').padStart(16)}${`${r.kernelsPerStep.oneSeed} → ${r.kernelsPerStep.batched}`.padStart(20)}` +
        `${' '.repeat(11)}${ms(r.xnnpack.oneSeedMs)}${ms(r.xnnpack.batchedMs)}${`${r.xnnpack.ratio.toFixed(2)}×`.padStart(7)}`,
    ),
    ...experimentLines,
  ];
}

function writeJson(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

async function main(argv: string[]): Promise<void> {
  const quick = argv.includes('--quick');
  const option = (name: string) => (argv.indexOf(name) >= 0 ? argv[argv.indexOf(name) + 1] : undefined);
  const alone = (['--node-only', '--browser-only', '--lighthouse', '--soak'] as const).filter((f) => argv.includes(f));
  if (alone.length > 1) {
    console.error(`${alone.join(' and ')} exclude each other`);
    process.exit(2);
  }
  const runs = {
    node: alone.length === 0 || alone[0] === '--node-only',
    browser: alone.length === 0 || alone[0] === '--browser-only',
    lighthouse: alone.length === 0 || alone[0] === '--lighthouse',
  };
  // --out names the JSON of the part run alone (the Node part's by default).
  const outAlone = alone.length === 1 ? option('--out') : undefined;
  const nodeOut = (alone.length === 0 ? option('--out') : outAlone) ?? 'bench-results/node.json';
  const browserOut = option('--browser-out') ?? (runs.browser ? outAlone : undefined) ?? 'bench-results/browser.json';
  const lighthouseOut = option('--lighthouse-out') ?? (runs.lighthouse ? outAlone : undefined) ?? 'bench-results/lighthouse.json';
  const lighthouseRuns = Number(option('--lighthouse-runs') ?? 1);
  if (!Number.isInteger(lighthouseRuns) || lighthouseRuns < 1) {
    console.error(`--lighthouse-runs wants a positive integer, not ${option('--lighthouse-runs')}`);
    process.exit(2);
  }
  if (alone[0] === '--soak') {
    const { parseDuration, runSoak, formatSoak } = await import('./soak');
    const durationMs = parseDuration(option('--soak') ?? '');
    const seed = Number(option('--seed') ?? 1);
    const soakOut = option('--soak-out') ?? outAlone ?? 'bench-results/soak.json';
    console.error('bench (soak):');
    const report = await runSoak({ durationMs, seed, log: (line) => console.error(line) });
    console.log(formatSoak(report));
    writeJson(soakOut, report);
    console.log(`\nwrote ${soakOut} in ${report.elapsedS.toFixed(1)} s`);
    return;
  }
  // The browser part and the Lighthouse pass build nothing: fail before spending a minute on the Node part.
  if ((runs.browser || (runs.lighthouse && option('--site') === undefined)) && !existsSync('out/index.html')) {
    console.error('No built site in out/: run `npm run build` first (or use --node-only).');
    process.exit(1);
  }

  if (runs.node) {
    const started = performance.now();
    console.error(`bench (Node part${quick ? ', quick' : ''}):`);
    const report = await runNodeBench({ quick, log: (line) => console.error(line) });
    console.log(formatTable(report));
    writeJson(nodeOut, report);
    console.log(`\nwrote ${nodeOut} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  if (runs.browser) {
    // Loaded only here, so --node-only never starts Playwright.
    const { runBrowserBench, formatBrowserTable } = await import('./browser');
    console.error(`\nbench (browser part${quick ? ', quick' : ''}):`);
    const only = option('--only')?.split(',').filter(Boolean);
    const report = await runBrowserBench({ quick, only, log: (line) => console.error(line) });
    if (runs.node) console.log('');
    console.log(formatBrowserTable(report));
    writeJson(browserOut, report);
    console.log(`\nwrote ${browserOut} in ${report.elapsedS.toFixed(1)} s`);
  }

  if (runs.lighthouse) {
    const { runLighthouseBench, formatLighthouseTable } = await import('./lighthouse');
    console.error(`\nbench (Lighthouse pass${lighthouseRuns > 1 ? `, ${lighthouseRuns} runs per page` : ''}):`);
    const pages = option('--pages')?.split(',').filter(Boolean);
    const report = await runLighthouseBench({ runs: lighthouseRuns, only: pages, siteDir: option('--site'), log: (line) => console.error(line) });
    if (runs.node || runs.browser) console.log('');
    console.log(formatLighthouseTable(report));
    writeJson(lighthouseOut, report);
    console.log(`\nwrote ${lighthouseOut} in ${report.elapsedS.toFixed(1)} s`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
