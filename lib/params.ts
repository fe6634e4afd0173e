/**
 * Parameter schemas: one declaration per experiment parameter drives the sliders, URL parsing, the CLI and the
 * worker's validation. `parseParams` never throws on user input: out-of-range numbers are clamped and garbage is
 * replaced by the default, each with a notice a person can read.
 */
import { z } from 'zod';

export interface NumberParam {
  kind: 'number';
  default: number;
  min: number;
  max: number;
  step: number;
  label: string;
  unit?: string;
  /** Integers only (values are rounded). */
  integer?: boolean;
  /** Show the slider on a log scale. */
  log?: boolean;
  help?: string;
}
export interface BooleanParam {
  kind: 'boolean';
  default: boolean;
  label: string;
  help?: string;
}
export interface ChoiceParam {
  kind: 'choice';
  default: string;
  options: readonly { value: string; label: string }[];
  label: string;
  help?: string;
}
export type ParamSpec = NumberParam | BooleanParam | ChoiceParam;
export type ParamSchema = Record<string, ParamSpec>;

/** A parameter's value type; a choice keeps the union of its option values ('firstRound' | 'linear' | …). */
type ValueOf<S extends ParamSpec> = S extends NumberParam
  ? number
  : S extends BooleanParam
    ? boolean
    : S extends { options: readonly { value: infer V }[] }
      ? V
      : string;
export type ParamValues<S extends ParamSchema> = { [K in keyof S]: ValueOf<S[K]> };

export interface ParamNotice {
  key: string;
  message: string;
}

export function defaults<S extends ParamSchema>(schema: S): ParamValues<S> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(schema)) out[key] = spec.default;
  return out as ParamValues<S>;
}

function snap(spec: NumberParam, value: number): number {
  const clamped = Math.min(spec.max, Math.max(spec.min, value));
  return spec.integer ? Math.round(clamped) : clamped;
}

/** Reads one raw value (a string from a URL or CLI, or any JS value) into a valid value plus an optional notice. */
export function parseValue(key: string, spec: ParamSpec, raw: unknown): { value: unknown; notice?: ParamNotice } {
  const fallback = (why: string) => ({
    value: spec.default,
    notice: { key, message: `${spec.label}: ${why}; using the default ${formatValue(spec, spec.default)}.` },
  });
  if (spec.kind === 'number') {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
    if (!Number.isFinite(n)) return fallback(`"${String(raw).slice(0, 40)}" is not a number`);
    const v = snap(spec, n);
    if (v !== n && (n < spec.min || n > spec.max)) {
      return {
        value: v,
        notice: { key, message: `${spec.label}: ${n} is outside [${spec.min}, ${spec.max}]; clamped to ${formatValue(spec, v)}.` },
      };
    }
    return { value: v };
  }
  if (spec.kind === 'boolean') {
    if (raw === true || raw === 'true' || raw === '1' || raw === 'on') return { value: true };
    if (raw === false || raw === 'false' || raw === '0' || raw === 'off') return { value: false };
    return fallback(`"${String(raw).slice(0, 40)}" is not on/off`);
  }
  if (typeof raw === 'string' && spec.options.some((o) => o.value === raw)) return { value: raw };
  return fallback(`"${String(raw).slice(0, 40)}" is not one of ${spec.options.map((o) => o.value).join(', ')}`);
}

/**
 * Validates a partial set of raw values against the schema. Unknown keys produce a notice and are dropped;
 * missing keys take their defaults.
 */
export function parseParams<S extends ParamSchema>(
  schema: S,
  raw: Record<string, unknown>,
): { values: ParamValues<S>; notices: ParamNotice[] } {
  const values: Record<string, unknown> = defaults(schema);
  const notices: ParamNotice[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const spec = schema[key];
    if (!spec) {
      notices.push({ key, message: `Unknown parameter "${key.slice(0, 40)}" was ignored.` });
      continue;
    }
    const parsed = parseValue(key, spec, value);
    values[key] = parsed.value;
    if (parsed.notice) notices.push(parsed.notice);
  }
  return { values: values as ParamValues<S>, notices };
}

/** A strict zod schema for already-parsed values: what the worker checks before it runs anything. */
export function zodSchema(schema: ParamSchema): z.ZodType<Record<string, unknown>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, spec] of Object.entries(schema)) {
    if (spec.kind === 'number') {
      const base = z.number().finite().min(spec.min).max(spec.max);
      shape[key] = spec.integer ? base.int() : base;
    } else if (spec.kind === 'boolean') shape[key] = z.boolean();
    else shape[key] = z.enum(spec.options.map((o) => o.value) as [string, ...string[]]);
  }
  return z.object(shape).strict() as unknown as z.ZodType<Record<string, unknown>>;
}

export function formatValue(spec: ParamSpec, value: unknown): string {
  if (spec.kind === 'number') {
    const n = Number(value);
    const digits = spec.step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(spec.step)));
    return `${n.toFixed(digits)}${spec.unit ? ` ${spec.unit}` : ''}`;
  }
  if (spec.kind === 'boolean') return value ? 'on' : 'off';
  return String(value);
}

/**
 * The schema with some defaults replaced (a chapter's preset for one figure). Overrides are parsed like any input:
 * the result is always valid, and `notices` says what had to be fixed.
 */
export function withDefaults<S extends ParamSchema>(
  schema: S,
  overrides: Record<string, unknown>,
): { schema: S; notices: ParamNotice[] } {
  const { values, notices } = parseParams(schema, overrides);
  const out: Record<string, ParamSpec> = {};
  for (const [key, spec] of Object.entries(schema)) out[key] = { ...spec, default: values[key] } as ParamSpec;
  return { schema: out as S, notices };
}

/** Parses a preset written as a query string ("epsilon=0.05&horizon=80") into raw values. */
export function parsePreset(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split('&')) {
    if (!part.trim()) continue;
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim();
    out[key] = eq < 0 ? '' : part.slice(eq + 1).trim();
  }
  return out;
}
