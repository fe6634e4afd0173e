// When the wasm binaries cannot be loaded, training still works: initBackend falls back to cpu, once and for all.
import * as tf from '@tensorflow/tfjs-core';
import { expect, it, vi } from 'vitest';
import { initBackend } from '../../../../sims/policies/backend';

it('falls back to cpu when wasm cannot start, and does not retry', async () => {
  // tfjs reports the failed wasm start on the console; keep the test output quiet.
  const quiet = [vi.spyOn(console, 'warn'), vi.spyOn(console, 'error'), vi.spyOn(console, 'log')].map((s) => s.mockImplementation(() => {}));
  try {
    expect(await initBackend('wasm', { wasmPath: '/nonexistent/tfjs/' })).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(await initBackend('wasm')).toBe('cpu');
    expect(tf.tidy(() => tf.mul(tf.tensor1d([1, 2]), 3).arraySync())).toEqual([3, 6]);
  } finally {
    quiet.forEach((s) => s.mockRestore());
  }
});
