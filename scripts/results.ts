/**
 * Build-time results (DESIGN.md, "Build-time results"): runs every figure's starting configuration — each chapter
 * figure with its preset, each configuration a `<Value>` quotes, every experiment of the lab at its defaults, and
 * every preset of lecture mode (content/lecture.ts, so a scene draws at once) —
 * in Node through the experiment entry point (sims/experiments/run.ts) with the figures' seed, and stores the results
 * in public/results/, where the pages find them (content/results.ts). Run by `npm run build` before `next build`.
 *
 * A result is recomputed only when its file is missing or the code that computes results changed (a hash of sims/
 * and lib/ is kept in public/results/manifest.json), so rebuilding after a prose edit costs nothing.
 *
 *   tsx scripts/results.ts [--force]
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chapterSlugs, compileChapter } from '../content/compile';
import { lecture } from '../content/lecture';
import { checkLecture } from '../content/lectureCheck';
import { RESULTS_DIR, presetValues } from '../content/results';
import { encodeResultJson, resultFileName } from '../lib/resultJson';
import { FIGURE_SEED } from '../lib/urlState';
import { catalog } from '../sims/experiments/catalog';
import { runById } from '../sims/experiments/run';
import { initBackend } from '../sims/policies/backend';

interface Manifest {
  /** Hash of every source file under sims/ and lib/ when these results were computed. */
  codeHash: string;
  /** File name → what it holds. */
  files: Record<string, { experiment: string; params: Record<string, unknown>; seed: number; ms: number }>;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? sourceFiles(full) : /\.(ts|tsx|mjs|json)$/.test(name) ? [full] : [];
    })
    .sort();
}

function codeHash(): string {
  const hash = createHash('sha256');
  for (const file of [...sourceFiles('sims'), ...sourceFiles('lib'), 'package-lock.json']) {
    hash.update(file);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Every (experiment, preset) the site shows: chapter figures and quoted values, then the lab's defaults. */
async function configurations(): Promise<{ experiment: string; preset: string; where: string }[]> {
  const out: { experiment: string; preset: string; where: string }[] = [];
  const figures = new Map<string, string>();
  for (const slug of chapterSlugs()) {
    const chapter = await compileChapter(slug);
    for (const c of chapter.configs) out.push({ experiment: c.experiment, preset: c.params, where: slug });
    for (const id of chapter.figures) figures.set(id, slug);
  }
  for (const info of catalog) out.push({ experiment: info.id, preset: '', where: 'lab' });
  // Lecture presets (checked first: a bad preset fails the build before anything is computed).
  checkLecture(lecture, figures);
  for (const scene of lecture) {
    for (const p of scene.presets) out.push({ experiment: scene.experiment, preset: p.params, where: `lecture ${scene.experiment}@${p.id}` });
  }
  return out;
}

async function main(): Promise<void> {
  const force = process.argv.includes('--force');
  mkdirSync(RESULTS_DIR, { recursive: true });
  const manifestPath = path.join(RESULTS_DIR, 'manifest.json');
  const hash = codeHash();
  const old: Manifest | null = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest) : null;
  const reuse = !force && old?.codeHash === hash;
  const manifest: Manifest = { codeHash: hash, files: {} };

  let backend: string | null = null;
  const started = performance.now();
  let computed = 0;
  for (const { experiment, preset, where } of await configurations()) {
    const params = presetValues(experiment, preset);
    const file = resultFileName(experiment, params, FIGURE_SEED);
    if (manifest.files[file]) continue;
    if (reuse && old?.files[file] && existsSync(path.join(RESULTS_DIR, file))) {
      manifest.files[file] = old.files[file];
      continue;
    }
    backend ??= await initBackend('wasm');
    const t0 = performance.now();
    // Strict: a preset that needs any correction is a content error (compile.ts reports it with its line first).
    const { values, result } = await runById(experiment, params, { seed: FIGURE_SEED, strict: true });
    const ms = performance.now() - t0;
    writeFileSync(path.join(RESULTS_DIR, file), encodeResultJson({ experiment, params: values, seed: FIGURE_SEED, result }));
    manifest.files[file] = { experiment, params: values, seed: FIGURE_SEED, ms: Math.round(ms) };
    computed += 1;
    process.stdout.write(`results: ${experiment}${preset ? ` (${preset})` : ''} for ${where}: ${ms.toFixed(0)} ms\n`);
  }
  // Files of configurations no page shows any more.
  for (const name of readdirSync(RESULTS_DIR)) {
    if (name !== 'manifest.json' && !manifest.files[name]) rmSync(path.join(RESULTS_DIR, name));
  }
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 1)}\n`);
  const total = Object.keys(manifest.files).length;
  process.stdout.write(
    `results: ${computed} computed${backend ? ` (${backend})` : ''}, ${total - computed} reused, in ${((performance.now() - started) / 1000).toFixed(1)} s → public/results/\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`results: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
