/**
 * JSON for results that must come back exactly as they were: Float32Arrays keep their type and every bit (a float32
 * printed by JSON round-trips through a double), and NaN and ±Infinity survive (plain JSON turns them into null).
 * Used for the results computed at build time and shipped with the pages.
 */

const NON_FINITE = '$number';
const FLOAT32 = '$float32';

function replacer(this: unknown, _key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return { [NON_FINITE]: String(value) };
  if (value instanceof Float32Array) return { [FLOAT32]: Array.from(value, (v) => (Number.isFinite(v) ? v : { [NON_FINITE]: String(v) })) };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === NON_FINITE && typeof record[NON_FINITE] === 'string') return Number(record[NON_FINITE]);
    if (keys.length === 1 && keys[0] === FLOAT32 && Array.isArray(record[FLOAT32])) return Float32Array.from(record[FLOAT32] as number[]);
  }
  return value;
}

export function encodeResultJson(value: unknown): string {
  return JSON.stringify(value, replacer);
}

export function decodeResultJson<T = unknown>(text: string): T {
  return JSON.parse(text, reviver) as T;
}

/**
 * A stable name for one configuration of an experiment: the id, the parameter values in key order, and the seed.
 * Equal configurations get equal keys whatever the order their values were written in.
 */
export function configKey(id: string, values: Record<string, unknown>, seed: number): string {
  const parts = Object.keys(values)
    .sort()
    .map((k) => `${k}=${String(values[k])}`);
  return `${id}?${parts.join('&')}#${seed}`;
}

/** FNV-1a (32 bit) of a string, as 8 hex digits: short file names for configuration keys. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The file a configuration's build-time result is stored in, under the site's /results/. */
export function resultFileName(id: string, values: Record<string, unknown>, seed: number): string {
  return `${id}-${fnv1a(configKey(id, values, seed))}.json`;
}
