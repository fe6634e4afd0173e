/**
 * Figure state in the URL: `?<prefix>.<key>=<value>&<prefix>.seed=<n>`. One prefix per figure, so several figures
 * on a page keep separate state. Parsing never throws: every value comes back valid (clamped or defaulted), with a
 * notice for each value that had to be changed.
 */
import { parseParams, type ParamNotice, type ParamSchema, type ParamValues } from './params';

export const MAX_SEED = 2147483647;

/** The seed every figure starts from (a reader who touches nothing sees this one; the build computes it). */
export const FIGURE_SEED = 1;

export interface UrlFigureState<S extends ParamSchema> {
  values: ParamValues<S>;
  seed: number;
  notices: ParamNotice[];
  /** Whether the URL held any value for this figure. */
  present: boolean;
}

function safeSearchParams(search: string): URLSearchParams {
  try {
    return new URLSearchParams(search);
  } catch {
    return new URLSearchParams();
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Reads one figure's parameters and seed from a query string. */
export function readFigureState<S extends ParamSchema>(
  schema: S,
  search: string,
  prefix: string,
  defaultSeed: number,
): UrlFigureState<S> {
  const params = safeSearchParams(search);
  const raw: Record<string, unknown> = {};
  let seedRaw: string | null = null;
  let present = false;
  const head = `${prefix}.`;
  params.forEach((value, name) => {
    const key = safeDecode(name);
    if (!key.startsWith(head)) return;
    present = true;
    const field = key.slice(head.length);
    if (field === 'seed') seedRaw = value;
    else raw[field] = value;
  });
  const { values, notices } = parseParams(schema, raw);
  let seed = defaultSeed;
  if (seedRaw !== null) {
    const n = Number(seedRaw);
    if (Number.isInteger(n) && n >= 0 && n <= MAX_SEED) seed = n;
    else notices.push({ key: 'seed', message: `Seed: "${String(seedRaw).slice(0, 40)}" is not a whole number from 0 to ${MAX_SEED}; using ${defaultSeed}.` });
  }
  return { values, seed, notices, present };
}

/**
 * Writes one figure's state into a query string, leaving other figures' keys alone. Values equal to the defaults
 * are left out, so a link carries only what the reader changed.
 */
export function writeFigureState<S extends ParamSchema>(
  schema: S,
  search: string,
  prefix: string,
  values: ParamValues<S>,
  seed: number,
  defaultSeed: number,
): string {
  const params = safeSearchParams(search);
  for (const name of [...params.keys()]) if (name.startsWith(`${prefix}.`)) params.delete(name);
  for (const [key, spec] of Object.entries(schema)) {
    const value = values[key as keyof typeof values];
    if (value !== spec.default) params.set(`${prefix}.${key}`, String(value));
  }
  if (seed !== defaultSeed) params.set(`${prefix}.seed`, String(seed));
  const text = params.toString();
  return text ? `?${text}` : '';
}
