/**
 * `npm run bench -- --soak 10m`: the lab under a long random session, to see that nothing accumulates. Not part of
 * `npm test` and not of the default bench: it runs only when asked, against the static export in out/ (system
 * Chromium, scripts/serve.mjs), and needs `npm run build` first.
 *
 * On one /lab/ page, after a warm-up (every figure scrolled into view once, one run in the worker), for the given
 * duration a seeded PRNG (lib/rng.ts, `--seed`, default 1) picks a figure, scrolls to it and does one of: move one of
 * its shown sliders by keyboard (1–3 presses of ArrowRight / ArrowLeft / PageUp / PageDown), type a seed, press
 * "New seed", switch between one seed and the mean of five; then waits a random short time, and now and then until
 * the figure is done. Every `sampleEvery` it waits for the workers to be idle, collects
 * garbage (CDP HeapProfiler.collectGarbage) and samples:
 *   - the worker's tfjs tensors and bytes (`__simClient.stats()`),
 *   - the page's JS heap, DOM nodes and event listeners (CDP Performance.getMetrics),
 *   - worker restarts (`__simClient.restarts`), figures in the error state, page errors and console errors.
 * Prints start / end / max and whether anything grew (tensors end > start; heap end > 1.5 × start), and bench.ts
 * writes bench-results/soak.json. Nothing is asserted.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type CDPSession, type Locator, type Page } from '@playwright/test';
import { makeRng, type Rng } from '../../lib/rng';
import playwrightConfig from '../../playwright.config';
import { builtExperiments, startServer } from './browser';

// ---------------------------------------------------------------------------------------------------------------
// What is measured
// ---------------------------------------------------------------------------------------------------------------

/** "10m", "90s", "1h", "1500ms" or a bare number of seconds → milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) throw new Error(`not a duration: "${text}" (e.g. 10m, 90s)`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Number(m[1]) * unit;
}

export type SoakAction = 'slider' | 'seed' | 'new-seed' | 'seeds';

/** How often each action is picked. */
const ACTION_WEIGHTS: Record<SoakAction, number> = { slider: 6, seed: 2, 'new-seed': 2, seeds: 1 };
const SLIDER_KEYS = ['ArrowRight', 'ArrowLeft', 'PageUp', 'PageDown'];
/** Pause after an action, ms (uniform). */
const PAUSE_MS: [number, number] = [100, 2000];
/** Chance that the soak waits for the figure to finish after an action (otherwise the next action may supersede it). */
const WAIT_DONE_P = 0.35;
const RUN_TIMEOUT_MS = 45_000;
/** How long a sample waits for the workers to be idle (the last sample waits for a whole run). */
const IDLE_TIMEOUT_MS = 15_000;

export interface SoakSample {
  /** Seconds since the page loaded. */
  t: number;
  actions: number;
  /** tf.memory() summed over the live workers; null before a worker has started tfjs. */
  tensors: number | null;
  tensorBytes: number | null;
  jsHeapUsedBytes: number;
  jsHeapTotalBytes: number;
  domNodes: number;
  listeners: number;
  workers: number;
  workerRestarts: number;
  runsCompleted: number;
  runsCancelled: number;
  /** Figures showing data-status="error" right now. */
  figuresInError: number;
  /** Whether the workers were idle when sampled (false: gave up waiting; the tensor count includes a run's). */
  idle: boolean;
}

export interface SoakReport {
  when: string;
  durationS: number;
  seed: number;
  figures: string[];
  actions: Record<SoakAction, number>;
  samples: SoakSample[];
  /** The first sample with a worker running tfjs (start) and the last (end). */
  start: SoakSample | null;
  end: SoakSample | null;
  max: { tensors: number | null; jsHeapUsedBytes: number; domNodes: number; listeners: number };
  grew: { tensors: boolean | null; heap: boolean | null; domNodes: boolean | null };
  pageErrors: string[];
  consoleErrors: string[];
  elapsedS: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Sampling
// ---------------------------------------------------------------------------------------------------------------

interface StatsLike {
  memory: { numTensors: number; numBytes: number } | null;
  runsCompleted: number;
  runsCancelled: number;
  activeRuns: number[];
}

async function clientState(page: Page): Promise<{ stats: StatsLike[]; restarts: number }> {
  return (await page.evaluate(
    'globalThis.__simClient ? globalThis.__simClient.stats().then((stats) => ({ stats, restarts: globalThis.__simClient.restarts })) : { stats: [], restarts: 0 }',
  )) as { stats: StatsLike[]; restarts: number };
}

/** Waits (up to `timeoutMs`) until no worker has a run in flight; whether it got there. */
async function waitIdle(page: Page, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const { stats } = await clientState(page);
    if (stats.every((s) => s.activeRuns.length === 0)) return true;
    await page.waitForTimeout(250);
  }
  return false;
}

async function sample(page: Page, cdp: CDPSession, t0: number, actions: number): Promise<SoakSample> {
  const idle = await waitIdle(page, IDLE_TIMEOUT_MS);
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  const { stats, restarts } = await clientState(page);
  const withMemory = stats.filter((s) => s.memory !== null);
  return {
    t: (Date.now() - t0) / 1000,
    actions,
    tensors: withMemory.length > 0 ? withMemory.reduce((n, s) => n + s.memory!.numTensors, 0) : null,
    tensorBytes: withMemory.length > 0 ? withMemory.reduce((n, s) => n + s.memory!.numBytes, 0) : null,
    jsHeapUsedBytes: metric('JSHeapUsedSize'),
    jsHeapTotalBytes: metric('JSHeapTotalSize'),
    domNodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
    workers: stats.length,
    workerRestarts: restarts,
    runsCompleted: stats.reduce((n, s) => n + s.runsCompleted, 0),
    runsCancelled: stats.reduce((n, s) => n + s.runsCancelled, 0),
    figuresInError: await page.locator('[data-experiment][data-status="error"]').count(),
    idle,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------------------------------

function pickAction(rng: Rng): SoakAction {
  const names = Object.keys(ACTION_WEIGHTS) as SoakAction[];
  return names[rng.categorical(names.map((n) => ACTION_WEIGHTS[n]))];
}

async function visible(locator: Locator): Promise<Locator[]> {
  const all = await locator.all();
  const shown: Locator[] = [];
  for (const l of all) if (await l.isVisible()) shown.push(l);
  return shown;
}

/** Does `action` on `frame`; false when the figure has no control for it (the caller picks again). */
async function act(page: Page, frame: Locator, action: SoakAction, rng: Rng): Promise<boolean> {
  switch (action) {
    case 'slider': {
      const sliders = await visible(frame.getByRole('slider'));
      if (sliders.length === 0) return false;
      const slider = sliders[rng.int(sliders.length)];
      await slider.focus();
      const presses = 1 + rng.int(3);
      for (let i = 0; i < presses; i++) await page.keyboard.press(SLIDER_KEYS[rng.int(SLIDER_KEYS.length)]);
      return true;
    }
    case 'seed': {
      const input = frame.getByRole('spinbutton', { name: 'Seed', exact: true });
      if (!(await input.isVisible())) return false;
      await input.fill(String(rng.int(100_000)));
      return true;
    }
    case 'new-seed': {
      const button = frame.getByRole('button', { name: 'New seed', exact: true });
      if (!(await button.isVisible())) return false;
      await button.click();
      return true;
    }
    case 'seeds': {
      const select = frame.getByRole('combobox', { name: 'Runs', exact: true });
      if (!(await select.isVisible())) return false;
      const current = await select.inputValue();
      await select.selectOption(current === '5' ? '1' : '5');
      return true;
    }
  }
}

async function waitSettled(frame: Locator, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const status = await frame.getAttribute('data-status');
    if (status === 'done' || status === 'error' || status === 'diverged') return;
    if (status === 'idle') await frame.scrollIntoViewIfNeeded();
    await new Promise((r) => setTimeout(r, 200));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The soak
// ---------------------------------------------------------------------------------------------------------------

export async function runSoak(opts: {
  durationMs: number;
  seed?: number;
  siteDir?: string;
  sampleEveryMs?: number;
  log?: (line: string) => void;
}): Promise<SoakReport> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const seed = opts.seed ?? 1;
  const rng = makeRng(seed);
  const siteDir = resolve(opts.siteDir ?? 'out');
  if (!existsSync(join(siteDir, 'lab', 'index.html')))
    throw new Error(`no built lab in ${siteDir}: run \`npm run build\` first`);
  const figures = builtExperiments(siteDir);
  // About twenty samples over the run, never more often than every 10 s.
  const sampleEveryMs = opts.sampleEveryMs ?? Math.max(10_000, opts.durationMs / 20);

  const { child, baseURL } = await startServer(siteDir);
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ ...(playwrightConfig.use?.launchOptions ?? {}), headless: true });
    const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    const consoleErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');

    await page.goto(`${baseURL}/lab/`);
    const t0 = Date.now();
    // Warm-up, so the start sample is not an empty page: every figure scrolled into view once (each draws its
    // build-time result) and one run in the worker (tfjs started), then the first sample.
    log(`  warm-up: every figure once, one run in the worker …`);
    for (const id of figures) {
      const frame = page.locator(`[data-experiment="${id}"]`);
      await frame.scrollIntoViewIfNeeded();
      await waitSettled(frame, RUN_TIMEOUT_MS);
    }
    for (const id of figures) {
      const frame = page.locator(`[data-experiment="${id}"]`);
      await frame.scrollIntoViewIfNeeded();
      if (await act(page, frame, 'new-seed', rng)) {
        await waitSettled(frame, RUN_TIMEOUT_MS);
        break;
      }
    }
    const actions: Record<SoakAction, number> = { slider: 0, seed: 0, 'new-seed': 0, seeds: 0 };
    let total = 0;
    const samples: SoakSample[] = [await sample(page, cdp, t0, 0)];
    log(`  soak ${Math.round(opts.durationMs / 1000)} s on /lab/ (${figures.length} figures, seed ${seed}) …`);
    let nextSample = Date.now() + sampleEveryMs;
    const deadline = Date.now() + opts.durationMs;
    while (Date.now() < deadline) {
      const id = figures[rng.int(figures.length)];
      const frame = page.locator(`[data-experiment="${id}"]`);
      await frame.scrollIntoViewIfNeeded();
      const action = pickAction(rng);
      if (await act(page, frame, action, rng)) {
        actions[action] += 1;
        total += 1;
        if (rng.bernoulli(WAIT_DONE_P)) await waitSettled(frame, RUN_TIMEOUT_MS);
      }
      await page.waitForTimeout(rng.range(PAUSE_MS[0], PAUSE_MS[1]));
      if (Date.now() >= nextSample) {
        const s = await sample(page, cdp, t0, total);
        samples.push(s);
        log(
          `  ${s.t.toFixed(0)} s: ${total} actions, tensors ${s.tensors ?? 'n/a'}, heap ${(s.jsHeapUsedBytes / 2 ** 20).toFixed(1)} MB, ` +
            `nodes ${s.domNodes}, restarts ${s.workerRestarts}, errors ${pageErrors.length + consoleErrors.length}`,
        );
        nextSample = Date.now() + sampleEveryMs;
      }
    }
    await waitIdle(page, RUN_TIMEOUT_MS);
    samples.push(await sample(page, cdp, t0, total));

    const withTensors = samples.filter((s) => s.tensors !== null);
    const start = withTensors[0] ?? samples[0] ?? null;
    const end = samples[samples.length - 1] ?? null;
    const tensorValues = withTensors.map((s) => s.tensors!);
    return {
      when: new Date().toISOString(),
      durationS: opts.durationMs / 1000,
      seed,
      figures,
      actions,
      samples,
      start,
      end,
      max: {
        tensors: tensorValues.length > 0 ? Math.max(...tensorValues) : null,
        jsHeapUsedBytes: Math.max(...samples.map((s) => s.jsHeapUsedBytes)),
        domNodes: Math.max(...samples.map((s) => s.domNodes)),
        listeners: Math.max(...samples.map((s) => s.listeners)),
      },
      grew: {
        tensors: start?.tensors != null && end?.tensors != null ? end.tensors > start.tensors : null,
        heap: start && end ? end.jsHeapUsedBytes > 1.5 * start.jsHeapUsedBytes : null,
        domNodes: start && end ? end.domNodes > 1.5 * start.domNodes : null,
      },
      pageErrors,
      consoleErrors,
      elapsedS: (performance.now() - started) / 1000,
    };
  } finally {
    await browser?.close();
    child.kill();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Printing
// ---------------------------------------------------------------------------------------------------------------

export function formatSoak(report: SoakReport): string {
  const mb = (b: number | undefined) =>
    b === undefined || !Number.isFinite(b) ? 'n/a' : `${(b / 2 ** 20).toFixed(1)} MB`;
  const s = report.start;
  const e = report.end;
  const yes = (grew: boolean | null) => (grew === null ? '?' : grew ? 'GREW' : 'no');
  const rows: [string, string, string, string, string][] = [
    ['', 'start', 'end', 'max', 'grew'],
    [
      'tfjs tensors (worker)',
      `${s?.tensors ?? 'n/a'}`,
      `${e?.tensors ?? 'n/a'}`,
      `${report.max.tensors ?? 'n/a'}`,
      yes(report.grew.tensors),
    ],
    ['tensor bytes', `${s?.tensorBytes ?? 'n/a'}`, `${e?.tensorBytes ?? 'n/a'}`, '', ''],
    [
      'JS heap used (page, after GC)',
      mb(s?.jsHeapUsedBytes),
      mb(e?.jsHeapUsedBytes),
      mb(report.max.jsHeapUsedBytes),
      `${yes(report.grew.heap)} (> 1.5×)`,
    ],
    [
      'DOM nodes',
      `${s?.domNodes ?? 'n/a'}`,
      `${e?.domNodes ?? 'n/a'}`,
      `${report.max.domNodes}`,
      `${yes(report.grew.domNodes)} (> 1.5×)`,
    ],
    ['event listeners', `${s?.listeners ?? 'n/a'}`, `${e?.listeners ?? 'n/a'}`, `${report.max.listeners}`, ''],
    ['worker restarts', `${s?.workerRestarts ?? 'n/a'}`, `${e?.workerRestarts ?? 'n/a'}`, '', ''],
    [
      'runs completed / cancelled',
      `${s?.runsCompleted ?? 0} / ${s?.runsCancelled ?? 0}`,
      `${e?.runsCompleted ?? 0} / ${e?.runsCancelled ?? 0}`,
      '',
      '',
    ],
    [
      'figures in error',
      `${s?.figuresInError ?? 'n/a'}`,
      `${e?.figuresInError ?? 'n/a'}`,
      `${Math.max(...report.samples.map((x) => x.figuresInError))}`,
      '',
    ],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const a = report.actions;
  const errors = report.pageErrors.length + report.consoleErrors.length;
  const out = [
    `soak: ${report.durationS} s on /lab/, seed ${report.seed}, ${report.figures.length} figures; actions: ${a.slider} slider, ${a.seed} seed typed, ${a['new-seed']} new seed, ${a.seeds} 1↔5 seeds; ${report.samples.length} samples` +
      (s && s !== report.samples[0] ? ` (start = the first sample with tfjs running, at ${s.t.toFixed(0)} s)` : ''),
    '',
    line(rows[0]),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.slice(1).map(line),
    '',
    `errors: ${report.pageErrors.length} page, ${report.consoleErrors.length} console${errors > 0 ? ':' : ''}`,
    ...[...new Set([...report.pageErrors, ...report.consoleErrors])].slice(0, 10).map((m) => `  ${m.slice(0, 200)}`),
  ];
  const notIdle = report.samples.filter((x) => !x.idle).length;
  if (notIdle > 0) out.push(`(${notIdle} samples taken with a run still in flight: their tensor counts include it)`);
  return out.join('\n');
}
