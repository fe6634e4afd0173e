/**
 * The simulation worker: runs experiments from the registry off the main thread and reports progress.
 *
 * One module worker per pool slot; `client.ts` is the only place that creates it. tfjs starts here, once, on the
 * first run (wasm with SIMD, single thread; cpu if wasm cannot start) — tfjs never reaches the page bundle.
 */
import * as Comlink from 'comlink';
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

/**
 * Calls `call`, then frees `proxy`: callbacks from the page (progress, a session's callbacks) arrive as Comlink
 * proxies holding a MessagePort each, released when the call ends.
 */
async function releasing<T>(proxy: unknown, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } finally {
    (proxy as { [Comlink.releaseProxy]?: () => void } | undefined)?.[Comlink.releaseProxy]?.();
  }
}

const api: WorkerApi = {
  ...inner,
  run: (request, onProgress) => releasing(onProgress, () => inner.run(request, onProgress)),
  runSeeds: (request, onProgress) => releasing(onProgress, () => inner.runSeeds(request, onProgress)),
  humanDagger: (runId, request, callbacks) => releasing(callbacks, () => inner.humanDagger(runId, request, callbacks)),
  humanBc: (runId, request, callbacks) => releasing(callbacks, () => inner.humanBc(runId, request, callbacks)),
};

Comlink.expose(api);
