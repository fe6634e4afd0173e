/**
 * The build-time results, read on the server while pages are built (never in the browser): `npm run build` first
 * runs every figure's starting configuration through the experiment entry point (scripts/results.ts, in Node, with
 * the figures' seed) and stores each result under public/results/. Chapter figures point their widget at their file,
 * and `<Value>` renders numbers from the same files, so prose cannot drift from what the figure computes.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseParams, parsePreset } from '../lib/params';
import { decodeResultJson, resultFileName } from '../lib/resultJson';
import { FIGURE_SEED } from '../lib/urlState';
import { getExperimentInfo } from '../sims/experiments/catalog';
import type { Result } from '../sims/experiments/types';

/** Where the files are on disk, and under which URL path the site serves them. */
export const RESULTS_DIR = path.join(process.cwd(), 'public', 'results');
const RESULTS_URL = `${process.env.NEXT_PUBLIC_BASE_PATH ?? ''}/results`;

/** What a widget needs to find its build-time result (plain data: it crosses from the server to the client). */
export interface ShippedRef {
  url: string;
  params: Record<string, unknown>;
  seed: number;
}

export class MissingResultError extends Error {}

/** The starting values of experiment `id` under a chapter preset ("epsilon=0.05&horizon=80"). */
export function presetValues(id: string, preset = ''): Record<string, unknown> {
  const info = getExperimentInfo(id);
  if (!info) throw new MissingResultError(`Unknown experiment "${id}"`);
  const { values, notices } = parseParams(info.params, parsePreset(preset));
  if (notices.length > 0) throw new MissingResultError(`${id} preset "${preset}": ${notices.map((n) => n.message).join(' ')}`);
  return values;
}

/** The build-time result file of a configuration; throws when the build did not compute it. */
export function shippedRef(id: string, preset = ''): ShippedRef {
  const params = presetValues(id, preset);
  const file = resultFileName(id, params, FIGURE_SEED);
  if (!existsSync(path.join(RESULTS_DIR, file))) {
    throw new MissingResultError(
      `No build-time result for ${id}${preset ? ` (${preset})` : ''}: public/results/${file} is missing. ` +
        '`npm run build` computes them (scripts/results.ts) before Next builds the pages.',
    );
  }
  return { url: `${RESULTS_URL}/${file}`, params, seed: FIGURE_SEED };
}

const cache = new Map<string, Result>();

/** The build-time result itself (for `<Value>`). */
export function shippedResult(id: string, preset = ''): Result {
  const params = presetValues(id, preset);
  const file = resultFileName(id, params, FIGURE_SEED);
  let hit = cache.get(file);
  if (!hit) {
    shippedRef(id, preset); // the clear error when it is missing
    hit = decodeResultJson<{ result: Result }>(readFileSync(path.join(RESULTS_DIR, file), 'utf8')).result;
    cache.set(file, hit);
  }
  return hit;
}
