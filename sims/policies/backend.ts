/**
 * Choosing and starting the tfjs backend, once per thread (DESIGN.md, "Worker runtime").
 *
 * - `wasm` first: SIMD, single thread (`WASM_HAS_MULTITHREAD_SUPPORT = false`: a static site is not cross-origin
 *   isolated, and this machine has two cores anyway). In the browser the .wasm files are served from the site itself
 *   (`npm run build` copies them to public/tfjs/), so the caller passes `${basePath}/tfjs/`. In Node the wasm backend
 *   finds them in node_modules by itself.
 * - `cpu` when wasm cannot start (or when asked for).
 * - never `webgl`: it is not even imported (in a headless worker it falls back to software rendering, 30–40× slower).
 *
 * `initBackend` also registers tfjs-core's gradient functions, which tfjs-core alone does not do (DESIGN.md, "Known
 * pitfalls"). It is idempotent and safe to call concurrently: every caller waits for the same start-up.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type BackendName = 'wasm' | 'cpu';

export interface InitBackendOptions {
  /**
   * Where the tfjs .wasm files are: a URL or path prefix ending in '/', e.g. `${basePath}/tfjs/` in the browser.
   * Browser default '/tfjs/'; Node default: the wasm backend's own directory in node_modules. Only the first call
   * that starts the wasm backend uses it (a started backend cannot be moved).
   */
  wasmPath?: string;
}

interface NodeProcessLike {
  versions?: { node?: string };
  getBuiltinModule?: (id: string) => unknown;
}

function nodeProcess(): NodeProcessLike | undefined {
  const proc = (globalThis as { process?: NodeProcessLike }).process;
  return typeof proc?.versions?.node === 'string' ? proc : undefined;
}

/** True in Node (Vitest, the CLI, the benchmark), false in a browser worker. */
export function isNode(): boolean {
  return nodeProcess() !== undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Gradients
// ---------------------------------------------------------------------------------------------------------------

/*
 * tfjs-core's gradient registrations exist only as its ES-module build (dist/register_all_gradients.js), whose
 * imports have no file extensions ('./gradients/Abs_grad'). Bundlers and Vitest resolve those; plain Node does not,
 * and under tsx (the CLI and the benchmark) one of them is ambiguous ('./gradients' is both a file and a folder),
 * so the import fails with ERR_UNSUPPORTED_DIR_IMPORT. In Node we therefore install a resolve hook that completes
 * extensionless relative imports inside tfjs-core's dist/ folder with '.js' before importing the registrations.
 * The registrations land in tfjs's global registry, which the CommonJS build of tfjs-core used by Node shares.
 */
const RESOLVE_HOOK = `
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const isFile = (url) => { try { return statSync(fileURLToPath(url)).isFile(); } catch { return false; } };
export async function resolve(specifier, context, next) {
  const parent = context.parentURL;
  if (parent && parent.startsWith('file:') && parent.includes('/@tensorflow/tfjs-core/dist/') &&
      specifier.startsWith('.') && !specifier.endsWith('.js')) {
    for (const candidate of [specifier + '.js', specifier + '/index.js']) {
      const url = new URL(candidate, parent);
      if (isFile(url)) return { url: url.href, shortCircuit: true };
    }
  }
  return next(specifier, context);
}`;

const HOOK_FLAG = Symbol.for('imitation-learning-foundations.tfjsResolveHook');

function installNodeResolveHook(): void {
  const proc = nodeProcess();
  const registry = globalThis as Record<symbol, unknown>;
  if (proc === undefined || registry[HOOK_FLAG] === true) return;
  const nodeModule = proc.getBuiltinModule?.('node:module') as { register?: (specifier: string) => void } | undefined;
  if (typeof nodeModule?.register !== 'function') return; // Node < 20.16: the import below may still work (bundled)
  nodeModule.register(`data:text/javascript,${encodeURIComponent(RESOLVE_HOOK)}`);
  registry[HOOK_FLAG] = true;
}

/** Kernels the learners differentiate through; if all have gradients, the registrations are already loaded. */
const PROBE_KERNELS = ['Add', 'Multiply', 'Sum', 'Mean', 'SquaredDifference', 'Tanh', 'Relu'];

function gradientsRegistered(): boolean {
  return PROBE_KERNELS.every((kernel) => tf.getGradient(kernel) !== undefined);
}

let gradientsLoading: Promise<void> | null = null;

/** Registers tfjs-core's gradient functions (once). `initBackend` calls it; exported for code that needs only this. */
export function ensureGradients(): Promise<void> {
  if (gradientsRegistered()) return Promise.resolve();
  gradientsLoading ??= (async () => {
    installNodeResolveHook();
    await import('@tensorflow/tfjs-core/dist/register_all_gradients');
    if (!gradientsRegistered()) throw new Error('tfjs gradient registrations were imported but are not visible to tfjs-core');
  })();
  return gradientsLoading;
}

// ---------------------------------------------------------------------------------------------------------------
// Backend
// ---------------------------------------------------------------------------------------------------------------

let wasmConfigured = false;

/** `name` is the engine's backend and has been started (a failed start leaves the name set but no instance). */
function isRunning(name: BackendName): boolean {
  const engine = tf.engine();
  return engine.backendName === name && engine.registry[name] !== undefined;
}
let wasmFailed = false;
let queue: Promise<unknown> = Promise.resolve();

function configureWasm(wasmPath: string | undefined): void {
  if (wasmConfigured) return;
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  const path = wasmPath ?? (isNode() ? undefined : '/tfjs/');
  if (path !== undefined) setWasmPaths(path.endsWith('/') ? path : `${path}/`);
  wasmConfigured = true;
}

async function start(preferred: BackendName, opts: InitBackendOptions): Promise<BackendName> {
  await ensureGradients();
  if (preferred === 'wasm' && !wasmFailed) {
    if (isRunning('wasm')) return 'wasm';
    configureWasm(opts.wasmPath);
    const ok = await tf.setBackend('wasm').catch(() => false);
    if (ok) return 'wasm';
    wasmFailed = true; // tfjs has already logged why; do not retry (and re-log) on every call
  }
  if (!(await tf.setBackend('cpu'))) throw new Error('tfjs: the cpu backend failed to start');
  // In Node the cpu backend greets its first tensor with advice to install tfjs-node, which this project cannot use
  // (it downloads binaries from outside the registry); mark the greeting as given so CLI output stays clean.
  if (isNode()) (tf.backend() as unknown as { firstUse?: boolean }).firstUse = false;
  return 'cpu';
}

/**
 * Starts tfjs on `preferred` (default 'wasm', falling back to 'cpu') and returns the backend actually in use.
 * Idempotent: calling it again is cheap; calling it with the other preference switches backends (tests do this).
 * Calls are serialised, so concurrent callers never race the start-up.
 */
export function initBackend(preferred: BackendName = 'wasm', opts: InitBackendOptions = {}): Promise<BackendName> {
  const run = queue.then(() => start(preferred, opts));
  queue = run.catch(() => undefined);
  return run;
}

/** The backend in use, or null before `initBackend` has run. */
export function currentBackend(): BackendName | null {
  const name = tf.engine().backendName;
  return name === 'wasm' || name === 'cpu' ? name : null;
}

/**
 * Makes sure some backend is running (wasm by default) without switching one that is already up: the learners call
 * this, so a caller who chose 'cpu' keeps it.
 */
export async function ensureBackend(): Promise<BackendName> {
  const name = currentBackend();
  if (name !== null && isRunning(name) && gradientsRegistered()) return name;
  return initBackend();
}
