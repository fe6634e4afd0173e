/**
 * Build-time results (DESIGN.md): the build computes each figure's starting configuration in Node and ships it; the
 * page draws it without starting a worker, and the browser worker, asked for the same configuration, computes the
 * same numbers. The equality test runs every experiment's default configuration (the lab's) in the page's worker
 * and compares it with the shipped file: equal to 1e-9 relative everywhere (typed arrays element by element).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, frameOf, test } from './fixtures';

interface ManifestEntry {
  experiment: string;
  params: Record<string, unknown>;
  seed: number;
}
const manifest = JSON.parse(readFileSync(path.join('out', 'results', 'manifest.json'), 'utf8')) as {
  files: Record<string, ManifestEntry>;
};
const byExperiment = new Map<string, { file: string; entry: ManifestEntry }>();
for (const [file, entry] of Object.entries(manifest.files)) {
  // The lab's configuration of each experiment: its defaults (the first file written for it may be a chapter preset;
  // any one configuration per experiment is enough to compare the two runtimes).
  if (!byExperiment.has(entry.experiment)) byExperiment.set(entry.experiment, { file, entry });
}

test.describe('results computed at build time', () => {
  test('a chapter figure draws its shipped result with the worker idle', async ({ page, watch }) => {
    void watch;
    await page.goto('/learn/compounding-error/');
    const frame = frameOf(page, 'lane-horizon');
    await frame.scrollIntoViewIfNeeded();
    await expect(frame).toHaveAttribute('data-status', 'done');
    await expect(frame.getByTestId('figure-status')).toContainText('Computed at build time');
    const stats = await page.evaluate(async () => {
      const client = (globalThis as { __simClient?: { stats(): Promise<{ runsCompleted: number }[]> } }).__simClient;
      return client ? client.stats() : [];
    });
    expect(stats.reduce((n, s) => n + s.runsCompleted, 0)).toBe(0);
  });

  for (const [id, { file, entry }] of byExperiment) {
    test(`${id}: the browser worker computes what the build shipped`, async ({ page, watch }) => {
      void watch;
      test.setTimeout(180_000);
      await page.goto('/lab/');
      // The figure's code (and with it the page's worker client) loads as the figure nears the viewport.
      const frame = frameOf(page, id);
      await frame.scrollIntoViewIfNeeded();
      await expect(frame).toHaveAttribute('data-status', /^(done|diverged)$/, { timeout: 45_000 });
      const report = await page.evaluate(
        async ({ file, entry }) => {
          const revive = (_k: string, v: unknown): unknown => {
            if (v && typeof v === 'object' && !Array.isArray(v)) {
              const r = v as Record<string, unknown>;
              const keys = Object.keys(r);
              if (keys.length === 1 && keys[0] === '$number') return Number(r.$number);
              if (keys.length === 1 && keys[0] === '$float32') return Float32Array.from(r.$float32 as number[]);
            }
            return v;
          };
          const shipped = JSON.parse(await (await fetch(`/results/${file}`)).text(), revive).result as unknown;
          const client = (globalThis as { __simClient?: { run(id: string, p: unknown, s: number): Promise<{ result: unknown; backend: string }> } }).__simClient!;
          const { result, backend } = await client.run(entry.experiment, entry.params, entry.seed);
          let worst = 0;
          let where = '';
          const problems: string[] = [];
          const compare = (a: unknown, b: unknown, at: string) => {
            if (typeof a === 'number' && typeof b === 'number') {
              if (Number.isNaN(a) && Number.isNaN(b)) return;
              const d = a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);
              if (d > worst) [worst, where] = [d, at];
              return;
            }
            if (a instanceof Float32Array && b instanceof Float32Array) {
              if (a.length !== b.length) problems.push(`${at}: length ${a.length} ≠ ${b.length}`);
              else for (let i = 0; i < a.length; i++) compare(a[i], b[i], `${at}[${i}]`);
              return;
            }
            if (Array.isArray(a) && Array.isArray(b)) {
              if (a.length !== b.length) problems.push(`${at}: length ${a.length} ≠ ${b.length}`);
              else a.forEach((x, i) => compare(x, b[i], `${at}[${i}]`));
              return;
            }
            if (a && b && typeof a === 'object' && typeof b === 'object') {
              const ka = Object.keys(a).sort();
              const kb = Object.keys(b).sort();
              if (ka.join() !== kb.join()) problems.push(`${at}: keys ${ka.join()} ≠ ${kb.join()}`);
              else for (const k of ka) compare((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
              return;
            }
            if (a !== b) problems.push(`${at}: ${String(a)} ≠ ${String(b)}`);
          };
          compare(shipped, result, 'result');
          return { worst, where, problems: problems.slice(0, 5), backend };
        },
        { file, entry },
      );
      test.info().annotations.push({ type: 'largest relative difference', description: `${report.worst} at ${report.where || '—'} (${report.backend})` });
      console.log(`${id}: largest relative difference ${report.worst}${report.where ? ` at ${report.where}` : ''} (worker backend ${report.backend})`);
      expect(report.problems).toEqual([]);
      expect(report.backend).toBe('wasm');
      expect(report.worst).toBeLessThanOrEqual(1e-9);
    });
  }
});
