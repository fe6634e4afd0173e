// Backend start-up in Node: wasm by default, cpu on request, idempotent, gradients registered.
// (Each test file runs in its own process, so the wasm start-up seen here is the first one.)
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { currentBackend, ensureBackend, initBackend } from '../../../../sims/policies/backend';

describe('initBackend', () => {
  it('starts wasm with SIMD and single-threaded by default, and registers the gradients', async () => {
    expect(currentBackend()).toBeNull();
    const [a, b] = await Promise.all([initBackend(), initBackend()]);
    expect([a, b]).toEqual(['wasm', 'wasm']);
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')).toBe(false);
    expect(tf.env().getBool('WASM_HAS_SIMD_SUPPORT')).toBe(true);
    for (const kernel of ['Multiply', 'Sum', 'Mean', 'SquaredDifference', 'Tanh', 'Relu', 'Prod']) {
      expect(tf.getGradient(kernel), kernel).toBeDefined();
    }
    const g = tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(tf.square(x)))(tf.tensor1d([1, -2])).arraySync());
    expect(g).toEqual([2, -4]);
  });

  it('is idempotent and switches between cpu and wasm on request', async () => {
    expect(await initBackend('wasm')).toBe('wasm');
    const registered = Object.keys(tf.engine().registry);
    expect(await initBackend('cpu')).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(await initBackend('cpu')).toBe('cpu');
    // ensureBackend keeps whatever is running.
    expect(await ensureBackend()).toBe('cpu');
    expect(await initBackend('wasm')).toBe('wasm');
    expect(Object.keys(tf.engine().registry).sort()).toEqual([...new Set([...registered, 'cpu'])].sort());
  });

  it('never offers webgl', () => {
    expect(Object.keys(tf.engine().registryFactory).sort()).toEqual(['cpu', 'wasm']);
  });
});
