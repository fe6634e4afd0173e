/**
 * Strings that identify tfjs in a built JS file: they occur in the chunks the simulation worker loads and in nothing
 * the page itself loads (checked on the real build: tfjs-core's engine and kernel registry, and the wasm backend's
 * flag). Shared by tests/e2e/bundle.spec.ts and the browser benchmark (tests/bench/browser.ts).
 */
export const TFJS_MARKERS = [
  // tfjs-core: the engine's error for a disposed tensor
  'Tensor is disposed',
  // tfjs-core: the kernel registry's error for a missing kernel
  'not yet implemented or not found in the registry',
  // tfjs-backend-wasm: the flag the worker turns off (single-threaded wasm)
  'WASM_HAS_MULTITHREAD_SUPPORT',
] as const;

/** The markers found in `text`. */
export function tfjsMarkersIn(text: string): string[] {
  return TFJS_MARKERS.filter((m) => text.includes(m));
}
