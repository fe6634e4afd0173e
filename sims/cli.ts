/**
 * The command-line runner (DESIGN.md, "Command-line runner"): the same experiments, through the same registry, in
 * Node.
 *
 *   npm run sim -- list
 *   npm run sim -- run <id> [--seed N] [--set key=value ...] [--json] [--backend wasm|cpu]
 *
 * `list` prints every experiment with its parameters (default, range, unit). `run` validates everything first and
 * strictly — an unknown id or key, a value outside its range, a malformed value or seed exits with status 2 and a
 * one-line reason, never a silent clamp — then runs the experiment with a progress bar on stderr and prints the
 * result: a readable table, or with `--json` one JSON object on stdout (typed arrays as plain arrays, NaN as null).
 *
 * Validation reads only the tfjs-free catalog; the runnable registry (and tfjs) is loaded after it, so a typo costs
 * no start-up time.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatValue, type ParamSchema, type ParamSpec } from '../lib/params';
import { MAX_SEED } from '../lib/urlState';
import { catalog, getExperimentInfo } from './experiments/catalog';
import { PARAM_VOCABULARY } from './experiments/vocabulary';
import type { ExperimentInfo, Point, Progress, Result } from './experiments/types';

// ---------------------------------------------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------------------------------------------

export type Backend = 'wasm' | 'cpu';

export type Command =
  | { kind: 'help' }
  | { kind: 'list' }
  | {
      kind: 'run';
      info: ExperimentInfo;
      seed: number;
      params: Record<string, unknown>;
      json: boolean;
      backend: Backend;
    };

/** A problem with the command line: printed as one line, exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = [
  'usage: npm run sim -- list',
  '       npm run sim -- run <id> [--seed N] [--set key=value ...] [--json] [--backend wasm|cpu]',
].join('\n');

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/** The range of a parameter in words, for `list` and for error messages. */
export function describeRange(spec: ParamSpec): string {
  if (spec.kind === 'number')
    return `${spec.integer ? 'integer ' : ''}in [${spec.min}, ${spec.max}]${spec.unit ? ` ${spec.unit}` : ''}`;
  if (spec.kind === 'boolean') return 'on|off';
  return `one of ${spec.options.map((o) => o.value).join('|')}`;
}

/**
 * Reads `raw` as a value of `spec` without any correction: the CLI is for people who typed the value on purpose, so
 * a value outside the range is an error naming the range, not a clamp (the page clamps; see lib/params.ts).
 */
export function parseStrict(key: string, spec: ParamSpec, raw: string): number | boolean | string {
  const bad = (why: string) => new UsageError(`--set ${key}=${raw}: ${why} (${spec.label}: ${describeRange(spec)})`);
  if (spec.kind === 'number') {
    const text = raw.trim();
    if (!NUMBER.test(text)) throw bad('not a number');
    const n = Number(text);
    if (!Number.isFinite(n)) throw bad('not a finite number');
    if (spec.integer && !Number.isInteger(n)) throw bad('not a whole number');
    if (n < spec.min || n > spec.max) throw bad('out of range');
    return n;
  }
  if (spec.kind === 'boolean') {
    const v = raw.trim().toLowerCase();
    if (['true', 'on', '1', 'yes'].includes(v)) return true;
    if (['false', 'off', '0', 'no'].includes(v)) return false;
    throw bad('not on/off');
  }
  if (!spec.options.some((o) => o.value === raw)) throw bad('not an option');
  return raw;
}

function parseSeed(raw: string | undefined): number {
  if (raw === undefined) throw new UsageError('--seed needs a value');
  if (!/^\d+$/.test(raw.trim()) || Number(raw) > MAX_SEED)
    throw new UsageError(`--seed ${raw}: a seed is a whole number from 0 to ${MAX_SEED}`);
  return Number(raw);
}

/** Parses the arguments after `sim`; throws UsageError with a one-line reason. */
export function parseArgs(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { kind: 'help' };
  if (command === 'list') {
    if (rest.length > 0) throw new UsageError(`list takes no arguments (got "${rest[0]}")`);
    return { kind: 'list' };
  }
  if (command !== 'run') throw new UsageError(`unknown command "${command}"; use list or run`);
  const [id, ...options] = rest;
  if (id === undefined || id.startsWith('--'))
    throw new UsageError('run needs an experiment id; see: npm run sim -- list');
  const info = getExperimentInfo(id);
  if (!info) throw new UsageError(`unknown experiment "${id}"; known: ${catalog.map((e) => e.id).join(', ')}`);
  let seed = 0;
  let json = false;
  let backend: Backend = 'wasm';
  const params: Record<string, unknown> = {};
  for (let i = 0; i < options.length; i++) {
    const option = options[i];
    const [flag, inline] =
      option.startsWith('--') && option.includes('=')
        ? [option.slice(0, option.indexOf('=')), option.slice(option.indexOf('=') + 1)]
        : [option, undefined];
    const value = () => inline ?? options[++i];
    if (flag === '--json') json = true;
    else if (flag === '--seed') seed = parseSeed(value());
    else if (flag === '--backend') {
      const b = value();
      if (b !== 'wasm' && b !== 'cpu') throw new UsageError(`--backend ${b ?? ''}: use wasm or cpu`);
      backend = b;
    } else if (flag === '--set') {
      const assignment = value();
      if (assignment === undefined || !assignment.includes('='))
        throw new UsageError(`--set needs key=value (got "${assignment ?? ''}")`);
      const key = assignment.slice(0, assignment.indexOf('='));
      const spec = info.params[key];
      if (!spec)
        throw new UsageError(
          `unknown parameter "${key}" for ${info.id}; known: ${Object.keys(info.params).join(', ')}`,
        );
      params[key] = parseStrict(key, spec, assignment.slice(assignment.indexOf('=') + 1));
    } else throw new UsageError(`unknown option "${option}"`);
  }
  return { kind: 'run', info, seed, params, json, backend };
}

// ---------------------------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------------------------

/** Integers as they are, other numbers to 4 significant digits (exponent form when very large or small). */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return String(v);
  const a = Math.abs(v);
  if (a >= 1e6 || a < 1e-3) return v.toExponential(3);
  return v.toPrecision(4);
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/** The `list` output: one block per experiment. */
export function formatList(infos: readonly ExperimentInfo[]): string {
  const blocks = infos.map((info) => {
    const keys = Object.keys(info.params);
    const width = Math.max(4, ...keys.map((k) => k.length));
    const shown = keys.map((key) => formatValue(info.params[key], info.params[key].default));
    const shownWidth = Math.max(...shown.map((text) => text.length));
    const lines = keys.map((key, i) => {
      const spec = info.params[key];
      return `    ${pad(key, width)}  default ${pad(shown[i], shownWidth)}  ${describeRange(spec)}  — ${spec.label}`;
    });
    return [
      `${info.id} — ${info.title}`,
      `  ${info.description}`,
      ...(lines.length ? ['  parameters:', ...lines] : ['  (no parameters)']),
    ].join('\n');
  });
  return blocks.join('\n\n');
}

/** The shared parameter keys (sims/experiments/vocabulary.ts): the same key means the same thing everywhere. */
export function formatVocabulary(): string {
  const entries = Object.entries(PARAM_VOCABULARY);
  const width = Math.max(...entries.map(([key]) => key.length));
  return [
    'shared parameter keys (the same key means the same quantity in every experiment):',
    ...entries.map(([key, entry]) => `    ${pad(key, width)}  ${entry.meaning}`),
  ].join('\n');
}

/** Series that share their x values print as one table with a column each. */
function groupSeries(series: Record<string, Point[]>): { keys: string[]; xs: number[] }[] {
  const groups: { keys: string[]; xs: number[] }[] = [];
  for (const [key, points] of Object.entries(series)) {
    const xs = points.map((p) => p.x);
    const group = groups.find((g) => g.xs.length === xs.length && g.xs.every((x, i) => x === xs[i]));
    if (group) group.keys.push(key);
    else groups.push({ keys: [key], xs });
  }
  return groups;
}

/** At most `max` evenly spread row indices (always the first and the last). */
function sampleRows(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  return [...new Set(Array.from({ length: max }, (_, k) => Math.round((k * (n - 1)) / (max - 1))))];
}

function describeExtra(value: unknown): string {
  if (Array.isArray(value)) {
    const flat = value.flat(Infinity) as unknown[];
    if (
      value.every((v) => typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') &&
      value.length <= 16
    ) {
      return `[${value.map((v) => (typeof v === 'number' ? formatNumber(v) : String(v))).join(', ')}]`;
    }
    return Array.isArray(value[0])
      ? `array ${value.length} × ${(value[0] as unknown[]).length}`
      : `array of ${flat.length}`;
  }
  if (value !== null && typeof value === 'object') return `{ ${Object.keys(value).join(', ')} }`;
  return typeof value === 'number' ? formatNumber(value) : JSON.stringify(value);
}

/** The readable form of a result: metrics, each group of series as an x/y table, trajectories and extras in brief. */
export function formatResult(result: Result, maxRows = 20): string {
  const out: string[] = [];
  const metricKeys = Object.keys(result.metrics);
  if (metricKeys.length) {
    const width = Math.max(...metricKeys.map((k) => k.length));
    out.push('metrics', ...metricKeys.map((k) => `  ${pad(k, width)}  ${formatNumber(result.metrics[k])}`), '');
  }
  for (const { keys, xs } of groupSeries(result.series)) {
    const columns = ['x', ...keys];
    const rows = sampleRows(xs.length, maxRows).map((i) => [
      formatNumber(xs[i]),
      ...keys.map((k) => formatNumber(result.series[k][i].y)),
    ]);
    const widths = columns.map((c, j) => Math.max(c.length, ...rows.map((r) => r[j].length)));
    const note = xs.length > maxRows ? ` (${rows.length} of ${xs.length} points)` : '';
    out.push(`series ${keys.join(', ')}${note}`);
    out.push('  ' + columns.map((c, j) => pad(c, widths[j], true)).join('  '));
    for (const r of rows) out.push('  ' + r.map((v, j) => pad(v, widths[j], true)).join('  '));
    out.push('');
  }
  for (const [key, traj] of Object.entries(result.trajectories ?? {})) {
    const [steps, dims] = traj.dims;
    const preview = Array.from(traj.data.subarray(0, Math.min(traj.data.length, 40)), formatNumber).join(' ');
    out.push(
      `trajectory ${key}: ${steps} steps × ${dims}${traj.labels ? ` (${traj.labels.join(', ')})` : ''}: ${preview}${traj.data.length > 40 ? ' …' : ''}`,
    );
  }
  if (result.trajectories && Object.keys(result.trajectories).length) out.push('');
  const extras = Object.entries(result.extras ?? {});
  if (extras.length) out.push('extras', ...extras.map(([k, v]) => `  ${k}: ${describeExtra(v)}`), '');
  return out.join('\n').trimEnd();
}

/** JSON-ready copy: typed arrays become plain arrays (NaN and ±Infinity become null, as JSON has no such numbers). */
export function toPlainJson(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) =>
      ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as Float32Array) : v,
    ),
  );
}

/** A text progress bar: `[#########-----------]  45%  training: step 60/150`. */
export function progressBar(fraction: number, message = '', width = 24): string {
  const f = Math.min(1, Math.max(0, fraction));
  const filled = Math.round(f * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${pad(`${Math.round(f * 100)}%`, 4, true)}  ${message}`.slice(
    0,
    100,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------------------------------------------

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (then the progress bar redraws in place). */
  isTTY: boolean;
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stderr.isTTY === true,
};

/** Reports progress on stderr: in place on a terminal, otherwise one line per tenth of the run. */
function progressPrinter(io: Io): { update: (p: Progress) => void; done: () => void } {
  let lastTenth = -1;
  let lastDraw = 0;
  let drawn = false;
  return {
    update(p) {
      if (io.isTTY) {
        const now = Date.now();
        if (now - lastDraw < 50 && p.fraction < 1) return;
        lastDraw = now;
        drawn = true;
        io.stderr(`\r${progressBar(p.fraction, p.message).padEnd(100)}`);
        return;
      }
      const tenth = Math.floor(Math.min(1, p.fraction) * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        io.stderr(`${progressBar(p.fraction, p.message)}\n`);
      }
    },
    done() {
      if (drawn) io.stderr('\n');
    },
  };
}

/** Runs the CLI with `argv` (the arguments after the script) and returns the exit status. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let command: Command;
  try {
    command = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`sim: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (command.kind === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (command.kind === 'list') {
    io.stdout(`${formatList(catalog)}\n\n${formatVocabulary()}\n`);
    return 0;
  }

  const { info, seed, params, json, backend } = command;
  const [{ prepare, runById }, { initBackend }] = await Promise.all([
    import('./experiments/run'),
    import('./policies/backend'),
  ]);
  let values: Record<string, unknown>;
  try {
    values = prepare(info.id, params).values; // fills in defaults; the values were checked strictly above
  } catch (error) {
    io.stderr(`sim: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const backendName = await initBackend(backend);
  const progress = progressPrinter(io);
  const started = performance.now();
  let result: Result;
  try {
    result = (await runById(info.id, values, { seed, strict: true, onProgress: progress.update })).result;
  } catch (error) {
    progress.done();
    io.stderr(`sim: ${info.id} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  progress.done();
  const elapsedMs = performance.now() - started;
  io.stderr(`${info.id}: seed ${seed}, backend ${backendName}, ${elapsedMs.toFixed(0)} ms\n`);
  if (json) {
    io.stdout(`${JSON.stringify(toPlainJson({ id: info.id, seed, params: values, backend: backendName, result }))}\n`);
  } else {
    const settings = Object.entries(values)
      .map(([k, v]) => `${k}=${formatValue((info.params as ParamSchema)[k], v)}`)
      .join(', ');
    io.stdout(`${info.id} — ${info.title}\nseed ${seed} · ${settings}\n\n${formatResult(result)}\n`);
  }
  return 0;
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`sim: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
