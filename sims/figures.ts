/**
 * `npm run figures`: regenerates every figure's data for slides and papers (DESIGN.md, "Command-line runner"). Runs
 * each experiment of the registry with its default parameters and writes
 *   figures/<id>.csv   every series as rows `series,x,y,lo,hi` (lo/hi empty when a point has no band; lib/csv.ts)
 *   figures/<id>.json  { id, seed, params, backend, result } with typed arrays as plain arrays
 *
 * Flags: --seed N (default 0), --out <dir> (default figures), --backend wasm|cpu (default wasm, as in the browser),
 * and experiment ids to run only those.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seriesToCsv } from '../lib/csv';
import { MAX_SEED } from '../lib/urlState';
import { toPlainJson } from './cli';
import { experiments } from './experiments/index';
import { runById } from './experiments/run';
import { initBackend } from './policies/backend';

function parseFlags(argv: readonly string[]): { seed: number; out: string; backend: 'wasm' | 'cpu'; ids: string[] } {
  let seed = 0;
  let out = 'figures';
  let backend: 'wasm' | 'cpu' = 'wasm';
  const ids: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--seed') {
      const raw = argv[++i] ?? '';
      if (!/^\d+$/.test(raw) || Number(raw) > MAX_SEED)
        throw new Error(`--seed ${raw}: a seed is a whole number from 0 to ${MAX_SEED}`);
      seed = Number(raw);
    } else if (arg === '--out') out = argv[++i] ?? out;
    else if (arg === '--backend') {
      const b = argv[++i];
      if (b !== 'wasm' && b !== 'cpu') throw new Error(`--backend ${b ?? ''}: use wasm or cpu`);
      backend = b;
    } else if (arg.startsWith('--')) throw new Error(`unknown option "${arg}"`);
    else ids.push(arg);
  }
  const known = experiments.map((e) => e.id);
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length) throw new Error(`unknown experiment "${unknown[0]}"; known: ${known.join(', ')}`);
  return { seed, out, backend, ids };
}

async function main(argv: readonly string[]): Promise<number> {
  let flags: ReturnType<typeof parseFlags>;
  try {
    flags = parseFlags(argv);
  } catch (error) {
    process.stderr.write(`figures: ${(error as Error).message}\n`);
    return 2;
  }
  const backendName = await initBackend(flags.backend);
  mkdirSync(flags.out, { recursive: true });
  for (const experiment of experiments) {
    if (flags.ids.length && !flags.ids.includes(experiment.id)) continue;
    const started = performance.now();
    const { values: params, result } = await runById(experiment.id, {}, { seed: flags.seed, strict: true });
    const ms = performance.now() - started;
    const csvPath = join(flags.out, `${experiment.id}.csv`);
    const jsonPath = join(flags.out, `${experiment.id}.json`);
    writeFileSync(csvPath, seriesToCsv(result.series));
    writeFileSync(
      jsonPath,
      `${JSON.stringify(toPlainJson({ id: experiment.id, seed: flags.seed, params, backend: backendName, result }), null, 2)}\n`,
    );
    process.stderr.write(`${experiment.id}: ${ms.toFixed(0)} ms → ${csvPath}, ${jsonPath}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`figures: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
