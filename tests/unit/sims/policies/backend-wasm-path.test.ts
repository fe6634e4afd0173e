// wasm with an explicit location (as the browser worker does with `${basePath}/tfjs/`), here a file path in Node.
// A file of its own: the wasm location only matters to the first start-up in a process.
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { initBackend } from '../../../../sims/policies/backend';

it('loads the wasm binaries from an explicit directory', async () => {
  const dir = resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist'); // no trailing slash: initBackend adds it
  expect(await initBackend('wasm', { wasmPath: dir })).toBe('wasm');
  expect(tf.tidy(() => tf.add(tf.tensor1d([1, 2]), 1).arraySync())).toEqual([2, 3]);
});
