/**
 * The simulation worker: runs experiments from the registry off the main thread and reports progress.
 *
 * One module worker per pool slot; `client.ts` is the only place that creates it. tfjs starts here, once, on the
 * first run (wasm with SIMD, single thread; cpu if wasm cannot start) — tfjs never reaches the page bundle.
 */
import * as Comlink from 'comlink';
import type { Progress } from '../experiments/types';
import { runExperiment, type ExperimentHost } from './host';
import type { WorkerApi } from './protocol';

const host: ExperimentHost = {
  async startBackend(options) {
    const { initBackend } = await import('../policies/backend');
    return initBackend(options.backend ?? 'wasm', { wasmPath: options.wasmPath });
  },
  async memory() {
    const tf = await import('@tensorflow/tfjs-core');
    const m = tf.memory();
    return { numTensors: m.numTensors, numBytes: m.numBytes };
  },
};

const inner = runExperiment(host);

/** The progress callback arrives as a Comlink proxy holding a MessagePort: free it when the run ends. */
function releaseProgress(onProgress: ((p: Progress) => void) | undefined): void {
  (onProgress as (((p: Progress) => void) & { [Comlink.releaseProxy]?: () => void }) | undefined)?.[Comlink.releaseProxy]?.();
}

const api: WorkerApi = {
  ...inner,
  async run(request, onProgress) {
    try {
      return await inner.run(request, onProgress);
    } finally {
      releaseProgress(onProgress);
    }
  },
  async runSeeds(request, onProgress) {
    try {
      return await inner.runSeeds(request, onProgress);
    } finally {
      releaseProgress(onProgress);
    }
  },
  async humanDagger(runId, request, callbacks) {
    try {
      return await inner.humanDagger(runId, request, callbacks);
    } finally {
      (callbacks as typeof callbacks & { [Comlink.releaseProxy]?: () => void })[Comlink.releaseProxy]?.();
    }
  },
  async humanBc(runId, request, callbacks) {
    try {
      return await inner.humanBc(runId, request, callbacks);
    } finally {
      (callbacks as typeof callbacks & { [Comlink.releaseProxy]?: () => void })[Comlink.releaseProxy]?.();
    }
  },
};

Comlink.expose(api);
