/**
 * The browser part of `npm run bench` (DESIGN.md, "Performance budgets"): the page budgets measured in the system
 * Chromium against the static export in out/. It builds nothing: it needs `npm run build` first.
 *
 * Per experiment on /lab/ (one fresh page each, opened at the experiment's anchor so only its figure is on screen):
 *   - default run → final result: fresh load to data-status="done" (median over several cold loads), and the
 *     worker's own `lastRunMs` (`__simClient.stats()`);
 *   - slider keyboard move → redraw: ArrowRight/ArrowLeft alternately on the widget's first slider, waiting for
 *     "done" between moves. A MutationObserver installed in the page timestamps (performance.now()) every mutation of
 *     the figure; from the keydown's own timestamp we take the first visible change (plot area or status line) and
 *     the final result drawn (the commit that sets "done", or a plot mutation that follows it within the settle
 *     window, e.g. a throttled chart). The trajectory player's own animation is not counted as a redraw;
 *   - main-thread long tasks (> 50 ms, PerformanceObserver 'longtask', buffered) during the slider phase;
 *   - tensors: `memory.numTensors` after the widget's 1st completed run and after its 50th (slider moves rerun it);
 *     experiments whose default configuration does not train get a small training configuration too (TFJS_VARIANTS).
 * Per page (/, every chapter, /references/, /lab/): the JS the main thread loaded (the window's resource timeline;
 * worker fetches are not in it), each file gzipped at level 9 from out/; the JS the worker loaded (requests Playwright
 * saw that are not in the window's timeline), and which of those files carry tfjs (TFJS_MARKERS).
 *
 * Timing is reported, never asserted. Prints a table with each budget and writes bench-results/browser.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { toc } from '../../content/toc';
import { catalog } from '../../sims/experiments/catalog';
import playwrightConfig from '../../playwright.config';
import { TFJS_MARKERS, tfjsMarkersIn } from '../e2e/tfjsMarkers';

export { TFJS_MARKERS };

// ---------------------------------------------------------------------------------------------------------------
// What is measured
// ---------------------------------------------------------------------------------------------------------------

/** Pages whose first-load JS is reported: home, every chapter, references, lab. */
export function benchPages(): string[] {
  return ['/', ...toc.map((c) => `/learn/${c.slug}/`), '/references/', '/lab/'];
}

/**
 * Configurations that train with tfjs for experiments whose default does not (lane-horizon's default evaluates the
 * converged policies exactly). Kept small so 50 reruns fit the time budget; unknown keys would only show a notice.
 */
export const TFJS_VARIANTS: { id: string; name: string; params: Record<string, string | number> }[] = [
  {
    id: 'lane-horizon',
    name: 'trained, 2 horizons, 1 round',
    params: { policies: 'trained', nHorizons: 2, hMin: 5, hMax: 10, rounds: 1, rolloutsPerRound: 5, nDemos: 5 },
  },
];

export const BUDGETS = {
  firstRedrawMedianMs: 100,
  firstRedrawP95Ms: 250,
  defaultRunMs: 1500,
  scrollToResultMs: 100,
  longTasks: 0,
  firstLoadJsKb: 180,
};

interface Settings {
  /** Fresh loads per experiment (the slider phase's page is one of them). */
  loads: number;
  /** Timed slider moves per experiment, and the fewest even when its time share is spent. */
  moves: number;
  minMoves: number;
  /** Completed runs for the tensor count (the load's run and the moves count), and the fewest. */
  reruns: number;
  minReruns: number;
  variantReruns: number;
  /** Time for each training variant (its load and at least two runs come first). */
  variantReserveS: number;
  /** The part of the budget for the first pass (every experiment's minimum); the rest tops up the ones cut short. */
  pass1Share: number;
  /** After "done", how long later plot mutations still count as drawing the final result. */
  settleMs: number;
  /** Wall-clock budget of the browser part (the brief: ≤ 5 minutes on the 2-core machine)… */
  budgetS: number;
  /** …and how far past it the minimums may run before they give way too. */
  graceS: number;
}

const FULL: Settings = {
  loads: 3,
  moves: 20,
  minMoves: 5,
  reruns: 50,
  minReruns: 1,
  variantReruns: 50,
  variantReserveS: 12,
  pass1Share: 0.55,
  settleMs: 150,
  budgetS: 262,
  graceS: 18,
};
const QUICK: Settings = {
  loads: 1,
  moves: 6,
  minMoves: 3,
  reruns: 10,
  minReruns: 1,
  variantReruns: 5,
  variantReserveS: 6,
  pass1Share: 0.6,
  settleMs: 150,
  budgetS: 80,
  graceS: 15,
};

/** Generous: the slowest default run on a loaded 2-core machine is a few seconds. */
const RUN_TIMEOUT_MS = 60_000;

export interface Summary {
  n: number;
  median: number | null;
  p95: number | null;
}

export interface MoveSample {
  key: string;
  /** keydown → first mutation of the plot area or the status line. */
  firstVisibleMs: number | null;
  /** keydown → the final result drawn. */
  finalMs: number | null;
  /** Whether the status went through 'running' (a run actually started). */
  ran: boolean;
}

export interface ExperimentReport {
  id: string;
  slider: { label: string; key: string } | null;
  loads: { loadToDoneMs: number; workerRunMs: number | null; backend: string | null; longTasks: { count: number; totalMs: number } }[];
  loadToDone: Summary;
  workerRun: Summary;
  moves: MoveSample[];
  firstVisible: Summary;
  finalDrawn: Summary;
  /** Long tasks during the slider phase; `duringRuns` counts those that overlap a run of this figure. */
  longTasks: { count: number; totalMs: number; maxMs: number; windowMs: number; duringRuns: number; supported: boolean };
  /** Long tasks from navigation to the first result, per fresh load (hydration included). */
  loadLongTasks: { count: number; totalMs: number }[];
  tensors: TensorCheck | null;
  /** Whether the time budget cut the loads, the slider phase or the reruns short. */
  cut: { moves: boolean; runs: boolean; loads?: boolean };
  /** Figures other than this one that ran in the worker on its page (they would disturb the timings; drawing a shipped result does not count). */
  othersRan: string[];
  errors: string[];
}

export interface TensorCheck {
  experiment: string;
  config: string;
  runs: number;
  after1: { numTensors: number; numBytes: number } | null;
  afterN: { numTensors: number; numBytes: number } | null;
  backend: string | null;
}

export interface JsFile {
  url: string;
  bytes: number;
  gzipBytes: number;
  tfjs: boolean;
}

export interface PageReport {
  path: string;
  /** JS the main thread started fetching before the load event: the page's first-load JS. */
  mainThread: JsFile[];
  mainGzipKb: number;
  /** JS the main thread fetched after the load event (next/link prefetches of linked routes, lazy chunks). */
  mainLater: JsFile[];
  mainLaterGzipKb: number;
  /** Whether any main-thread JS (first-load or later) carries a tfjs marker. */
  mainHasTfjs: boolean;
  worker: JsFile[];
  workerGzipKb: number;
  workerTfjsGzipKb: number;
}

/** One figure scrolled into view on its chapter page: how long until its default result was drawn. */
export interface ScrollSample {
  path: string;
  id: string;
  /** From the scroll to the commit that shows data-status="done" (0 when it was already drawn). */
  ms: number | null;
  /** What the status line said: a build-time result, or a worker run. */
  source: 'build' | 'worker' | 'none';
}

export interface ScrollReport {
  samples: ScrollSample[];
  /** Over every figure of every page. */
  summary: Summary;
  /** Worker runs started while the reader only scrolled (should be 0: the default view is the shipped result). */
  workerRuns: number;
}

export interface BrowserBenchReport {
  when: string;
  environment: {
    chromium: string;
    cpu: string;
    cores: number;
    /** 1-minute load average before and after: other work on the machine inflates every time here. */
    loadAverage: { before: number; after: number };
    baseURL: string;
    quick: boolean;
  };
  settings: Settings;
  budgets: typeof BUDGETS;
  notes: string[];
  pages: PageReport[];
  scroll: ScrollReport;
  experiments: ExperimentReport[];
  /** Measurements that failed (a figure that never finished, a page error): the rest of the bench went on. */
  failed: { id: string; error: string }[];
  variants: TensorCheck[];
  elapsedS: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------

export function summarize(values: (number | null)[]): Summary {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return { n: 0, median: null, p95: null };
  const mid = v.length >> 1;
  const median = v.length % 2 === 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  const p95 = v[Math.min(v.length - 1, Math.ceil(0.95 * v.length) - 1)]; // nearest rank
  return { n: v.length, median, p95 };
}

/** The experiments the built lab page shows, in order (the build may lag behind or run ahead of the source). */
export function builtExperiments(siteDir: string): string[] {
  const file = join(siteDir, 'lab', 'index.html');
  if (!existsSync(file)) return [];
  // Widgets render in the browser only (their own chunks), so read the lab's headings: <h2 id="lab-<id>">.
  const ids = [...readFileSync(file, 'utf8').matchAll(/<h2 id="lab-([a-z0-9-]+)"/g)].map((m) => m[1]);
  return ids.filter((id, i) => ids.indexOf(id) === i);
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Starts scripts/serve.mjs on a free loopback port; resolves once it answers. */
export async function startServer(siteDir: string): Promise<{ child: ChildProcess; baseURL: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['scripts/serve.mjs'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SITE_DIR: siteDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout?.resume();
  const baseURL = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`scripts/serve.mjs exited: ${stderr.trim()}`);
    try {
      const res = await fetch(`${baseURL}/`);
      if (res.ok) return { child, baseURL };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`scripts/serve.mjs did not answer on ${baseURL} within 15 s`);
}

/**
 * Installed before any page script runs (a string, not a function: tsx's transform would add helpers the page does
 * not have). It records figure status changes, long tasks and keydowns, and offers `watch(id)`, which timestamps
 * every mutation of one figure by region.
 */
const PAGE_SCRIPT = String.raw`(() => {
  if (window.__bench) return;
  const B = { status: [], longtasks: [], longtaskSupported: false, keys: [], muts: [], errors: [] };
  window.__bench = B;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    B.longtaskSupported = (PerformanceObserver.supportedEntryTypes || []).includes('longtask');
  } catch (e) {
    B.errors.push('longtask observer: ' + e);
  }
  const statusObserver = new MutationObserver((records) => {
    const t = performance.now();
    for (const r of records) {
      const el = r.target;
      B.status.push({ id: el.getAttribute('data-experiment'), status: el.getAttribute('data-status'), t });
    }
  });
  const start = () =>
    statusObserver.observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ['data-status'] });
  if (document.documentElement) start();
  else document.addEventListener('readystatechange', start, { once: true });
  window.addEventListener('keydown', (e) => B.keys.push({ key: e.key, t: e.timeStamp }), true);

  /** Timestamps every mutation of figure 'id': its status attribute, its status line, its plot area, the player. */
  B.watch = (id) => {
    const root = document.querySelector('[data-experiment="' + id + '"]');
    if (!root) return false;
    const status = root.querySelector('[data-testid="figure-status"]');
    // ExperimentFrame renders the plot area right before the status line.
    const plot = status ? status.previousElementSibling : null;
    const region = (node) => {
      const el = node.nodeType === 1 ? node : node.parentElement;
      if (!el) return 'other';
      if (status && status.contains(el)) return 'status';
      if (plot && plot.contains(el)) {
        const group = el.closest('[role="group"]');
        return group && plot.contains(group) && group.querySelector('canvas') ? 'player' : 'plot';
      }
      return 'other';
    };
    new MutationObserver((records) => {
      const t = performance.now();
      const seen = new Set();
      for (const r of records) {
        if (r.target === root && r.type === 'attributes') {
          if (r.attributeName === 'data-status') B.muts.push({ t, region: 'status-attr', value: root.getAttribute('data-status') });
          continue;
        }
        seen.add(region(r.target));
      }
      for (const g of seen) B.muts.push({ t, region: g });
    }).observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    return true;
  };
  /** Whether figure 'id' reached 'done' after time t (from watch's records). */
  B.doneAfter = (t) => B.muts.some((m) => m.region === 'status-attr' && m.value === 'done' && m.t > t);
  B.doneCount = (id) => B.status.filter((s) => s.id === id && s.status === 'done').length;
  /** Up to n runs straight through the page's client (no figure, no progress), until the wall clock passes 'until'. */
  B.rerun = async (id, params, seed, n, until) => {
    let done = 0;
    while (done < n && Date.now() < until) {
      await globalThis.__simClient.run(id, params, seed);
      done += 1;
    }
    return done;
  };
})();`;

interface PageState {
  status: { id: string; status: string; t: number }[];
  longtasks: { start: number; duration: number }[];
  longtaskSupported: boolean;
  keys: { key: string; t: number }[];
  muts: { t: number; region: string; value?: string }[];
}

interface WorkerStatsLike {
  backend: string | null;
  memory: { numTensors: number; numBytes: number } | null;
  runsCompleted: number;
  activeRuns: number[];
  lastRunMs: number | null;
}

async function workerStats(page: Page): Promise<WorkerStatsLike[]> {
  return (await page.evaluate('globalThis.__simClient ? globalThis.__simClient.stats() : []')) as WorkerStatsLike[];
}

/**
 * Keeps every figure but `only` from noticing it is on screen: IntersectionObserver entries for elements inside
 * another figure are dropped, so those figures never start and the measured one has the worker to itself (on /lab/
 * the figure above is within useOnScreen's 200 px margin whenever the measured one is at the top).
 */
function isolationScript(only: string): string {
  return String.raw`(() => {
    const only = ${JSON.stringify(only)};
    const Native = window.IntersectionObserver;
    if (!Native) return;
    window.IntersectionObserver = class extends Native {
      constructor(callback, options) {
        super((entries, observer) => {
          const kept = entries.filter((e) => {
            const frame = e.target.closest('[data-experiment]');
            return !frame || frame.getAttribute('data-experiment') === only;
          });
          if (kept.length > 0) callback(kept, observer);
        }, options);
      }
    };
  })();`;
}

async function newPage(browser: Browser, errors: string[], only?: string): Promise<{ context: BrowserContext; page: Page }> {
  // A fresh context per measurement: cold HTTP cache, nothing left over from the previous page.
  // The site's CSP forbids eval; Playwright's string predicates (waitForFunction) need it. The measured pages are
  // otherwise the same.
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, bypassCSP: true });
  await context.addInitScript({ content: PAGE_SCRIPT });
  if (only !== undefined) await context.addInitScript({ content: isolationScript(only) });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`http ${r.status()}: ${new URL(r.url()).pathname}`);
  });
  return { context, page };
}

/**
 * Loads are measured at seed 2: the figure's seed-1 default is shipped with the page (build-time results, drawn
 * without a run), so seed 2 times the worker path a reader takes as soon as they change anything.
 */
const WORKER_PATH = { seed: 2 };

function labUrl(baseURL: string, id: string, params: Record<string, string | number> = {}): string {
  const query = Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(`${id}.${k}`)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return `${baseURL}/lab/${query ? `?${query}` : ''}#lab-${id}`;
}

/** Waits until figure `id` shows `status`; throws at once if it ends in error or diverged instead. */
async function waitStatus(page: Page, id: string, status: string): Promise<void> {
  const frame = `[data-experiment="${id}"]`;
  const sel = [status, 'error', 'diverged'].map((s) => `${frame}[data-status="${s}"]`).join(', ');
  try {
    await page.locator(sel).first().waitFor({ state: 'attached', timeout: RUN_TIMEOUT_MS });
  } catch {
    const now = await page.locator(frame).getAttribute('data-status').catch(() => null);
    const text = await page.locator(`${frame} [data-testid="figure-status"]`).textContent().catch(() => null);
    throw new Error(`${id}: still ${now ?? 'missing'} after ${RUN_TIMEOUT_MS / 1000} s waiting for ${status} (“${text ?? ''}”)`);
  }
  const now = await page.locator(frame).getAttribute('data-status');
  if (now !== status) {
    const text = await page.locator(`${frame} [data-testid="figure-status"]`).textContent();
    throw new Error(`${id}: status ${now} while waiting for ${status}: ${text}`);
  }
}

/**
 * Opens /lab/ at figure `id`'s heading, so that only this figure comes on screen and starts (the figures share one
 * worker). The site scrolls smoothly to an anchor unless the reader prefers reduced motion, and a smooth scroll
 * passes over, and starts, every figure above; so the page loads with reduced motion and gets the reader's default
 * back once the figure has its result (the trajectory player then autoplays as usual).
 */
async function openLab(page: Page, baseURL: string, id: string, params: Record<string, string | number> = {}): Promise<void> {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(labUrl(baseURL, id, params));
  // A figure's code loads as it nears the viewport (until then it is a placeholder with the same data-experiment),
  // and the layout shifts as it mounts: bring the placeholder on screen, then, once the figure itself has mounted (it
  // carries data-status), bring that (instantly, reduced motion) on screen again.
  await page.locator(`[data-experiment="${id}"]`).first().waitFor({ state: 'attached', timeout: RUN_TIMEOUT_MS });
  await page.locator(`[data-experiment="${id}"]`).first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
  const frame = page.locator(`[data-experiment="${id}"][data-status]`);
  await frame.waitFor({ state: 'attached', timeout: RUN_TIMEOUT_MS });
  await frame.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await waitStatus(page, id, 'done');
  await page.emulateMedia({ reducedMotion: 'no-preference' });
}

/** Focuses `locator` without scrolling (scrolling could bring the next figure on screen, and start it). */
async function focusQuietly(locator: Locator): Promise<void> {
  await locator.evaluate((el) => (el as HTMLElement).focus({ preventScroll: true }));
  const focused = await locator.evaluate((el) => el === document.activeElement);
  if (!focused) throw new Error('could not focus the slider');
}

function fileOf(siteDir: string, url: string): string | null {
  const path = decodeURIComponent(new URL(url).pathname);
  const file = resolve(join(siteDir, path));
  return file.startsWith(siteDir) && existsSync(file) ? file : null;
}

function jsFile(siteDir: string, url: string): JsFile | null {
  const file = fileOf(siteDir, url);
  if (!file) return null;
  const body = readFileSync(file);
  const text = body.toString('utf8');
  return {
    url: new URL(url).pathname,
    bytes: body.length,
    gzipBytes: gzipSync(body, { level: 9 }).length,
    tfjs: tfjsMarkersIn(text).length > 0,
  };
}

const kb = (files: JsFile[]) => files.reduce((s, f) => s + f.gzipBytes, 0) / 1024;

// ---------------------------------------------------------------------------------------------------------------
// Page weight
// ---------------------------------------------------------------------------------------------------------------

async function measurePage(browser: Browser, baseURL: string, siteDir: string, path: string, errors: string[]): Promise<PageReport> {
  const { context, page } = await newPage(browser, errors);
  // How often each JS URL was requested, by either thread (a chunk both threads use is fetched twice).
  const requested = new Map<string, number>();
  page.on('request', (req) => {
    const url = req.url().split('#')[0];
    if (new URL(url).pathname.endsWith('.js')) requested.set(url, (requested.get(url) ?? 0) + 1);
  });
  try {
    await page.goto(`${baseURL}${path}`, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
    // On the lab the first figure starts the worker: wait for its result so the worker's files are all fetched.
    const firstFigure = builtExperiments(siteDir)[0];
    if (path === '/lab/' && firstFigure) {
      await waitStatus(page, firstFigure, 'done');
      await page.waitForLoadState('networkidle');
    }
    // Script and preload fetches of the window; the Worker constructor's fetch shows as 'other' and is the worker's.
    const timeline = (await page.evaluate(
      `({ load: performance.getEntriesByType('navigation')[0].loadEventStart,
          entries: performance.getEntriesByType('resource').map((e) => ({ name: e.name, initiator: e.initiatorType, start: e.startTime })) })`,
    )) as { load: number; entries: { name: string; initiator: string; start: number }[] };
    const scripts = timeline.entries.filter((e) => new URL(e.name).pathname.endsWith('.js') && e.initiator !== 'other');
    const main = new Set(scripts.map((e) => e.name.split('#')[0]));
    const firstLoad = new Set(scripts.filter((e) => e.start < timeline.load).map((e) => e.name.split('#')[0]));
    const files = (urls: Iterable<string>) => [...urls].map((u) => jsFile(siteDir, u)).filter((f): f is JsFile => f !== null);
    const mainThread = files(firstLoad);
    const mainLater = files([...main].filter((u) => !firstLoad.has(u)));
    // The worker's files: every request beyond the main thread's own (the worker bootstrap, its chunks, shared ones).
    const worker = [...requested]
      .filter(([u, count]) => count > (main.has(u) ? 1 : 0))
      .map(([u]) => jsFile(siteDir, u))
      .filter((f): f is JsFile => f !== null);
    return {
      path,
      mainThread,
      mainGzipKb: kb(mainThread),
      mainLater,
      mainLaterGzipKb: kb(mainLater),
      mainHasTfjs: [...mainThread, ...mainLater].some((f) => f.tfjs),
      worker,
      workerGzipKb: kb(worker),
      workerTfjsGzipKb: kb(worker.filter((f) => f.tfjs)),
    };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Widgets
// ---------------------------------------------------------------------------------------------------------------

/**
 * A reader scrolling through each chapter (and the lab): one fresh load per page, every figure mounted first (the
 * reader is still reading at the top), then the page scrolled down briskly to each figure in order, timing from the
 * moment the figure's top enters the viewport until it commits data-status="done". The default view of every figure is its build-time result, so this should take
 * no worker run at all; the worker's run count at the end says whether any started.
 */
async function measureScroll(browser: Browser, baseURL: string, errors: string[]): Promise<ScrollReport> {
  const samples: ScrollSample[] = [];
  let workerRuns = 0;
  for (const path of [...toc.map((c) => `/learn/${c.slug}/`), '/lab/']) {
    const { context, page } = await newPage(browser, errors);
    try {
      await page.goto(`${baseURL}${path}`, { waitUntil: 'load' });
      await page.waitForLoadState('networkidle');
      await page
        .waitForFunction(() => document.querySelectorAll('[data-experiment]').length >= document.querySelectorAll('.figure-body, .lab-entry').length, null, {
          timeout: 30_000,
        })
        .catch(() => undefined);
      const ids = await page.locator('[data-experiment]').evaluateAll((els) => els.map((e) => e.getAttribute('data-experiment') ?? ''));
      for (const [index, id] of ids.entries()) {
        // The k-th figure of this experiment on the page (a chapter may show one twice). Until its code loads it is a
        // placeholder with the same data-experiment; the figure that replaces it carries data-status. So the element
        // is looked up afresh at every poll.
        const k = ids.slice(0, index).filter((other) => other === id).length;
        // Scrolled to like a reader who skims: 600 px every 50 ms (12,000 px/s) until the figure's top is on
        // screen, then timed from that moment to the frame that shows its result.
        const ms = (await page.evaluate(
          `new Promise((resolve) => {
            const el = () => document.querySelectorAll('[data-experiment="${id}"]')[${k}];
            const visible = () => { const e = el(); return !!e && e.getBoundingClientRect().top < window.innerHeight; };
            const done = () => el()?.getAttribute('data-status') === 'done';
            const timeFrom = (t0) => {
              const poll = () => {
                if (done()) { resolve(performance.now() - t0); return; }
                if (performance.now() - t0 > 20000) { resolve(null); return; }
                setTimeout(poll, 16);
              };
              poll();
            };
            const step = () => {
              if (visible()) { timeFrom(performance.now()); return; }
              window.scrollBy(0, 600);
              setTimeout(step, 50);
            };
            step();
          })`,
        )) as number | null;
        const status =
          (await page.locator(`[data-experiment="${id}"]`).nth(k).getByTestId('figure-status').innerText().catch(() => '')) ?? '';
        samples.push({ path, id, ms, source: ms === null ? 'none' : /build time/.test(status) ? 'build' : 'worker' });
        await page.waitForTimeout(200);
      }
      const stats = await workerStats(page);
      workerRuns += stats.reduce((n, s) => n + s.runsCompleted + s.activeRuns.length, 0);
    } finally {
      await context.close();
    }
  }
  return { samples, summary: summarize(samples.map((s) => s.ms)), workerRuns };
}

type LoadSample = ExperimentReport['loads'][number];

/** What a fresh load of figure `id` took: to its first result, in the worker, and the long tasks on the way. */
async function loadSample(page: Page, id: string): Promise<LoadSample> {
  const state = (await page.evaluate('window.__bench')) as PageState;
  const done = state.status.find((s) => s.id === id && s.status === 'done');
  const stats = await workerStats(page);
  const tasks = state.longtasks.filter((t) => t.start <= (done?.t ?? Infinity));
  return {
    loadToDoneMs: done?.t ?? NaN,
    workerRunMs: stats[0]?.lastRunMs ?? null,
    backend: stats[0]?.backend ?? null,
    longTasks: { count: tasks.length, totalMs: tasks.reduce((a, t) => a + t.duration, 0) },
  };
}

async function measureLoads(browser: Browser, baseURL: string, id: string, loads: number, errors: string[]): Promise<LoadSample[]> {
  const out: LoadSample[] = [];
  for (let i = 0; i < loads; i++) {
    const { context, page } = await newPage(browser, errors, id);
    try {
      await openLab(page, baseURL, id, WORKER_PATH);
      out.push(await loadSample(page, id));
    } finally {
      await context.close();
    }
  }
  return out;
}

/** Wall-clock limits (Date.now()) past which the slider phase and the reruns stop, once their minimum is met. */
interface Until {
  moves: number;
  runs: number;
  /** Past this, even the minimums give way (down to 3 moves), so the whole part ends near its budget. */
  hard: number;
}

/** The experiment's default parameter values (what a reader who touches nothing runs). */
function defaultsOf(id: string): Record<string, unknown> {
  const info = catalog.find((e) => e.id === id);
  return info ? Object.fromEntries(Object.entries(info.params).map(([k, spec]) => [k, spec.default])) : {};
}

/**
 * One fresh page: its load (one of the load samples), then `settings.moves` timed slider moves, then more runs of the
 * default configuration straight through the page's client until the worker has done `settings.reruns`, for the
 * tensor count. Both phases stop early (after their minimum) once `until` has passed, so the whole bench fits its time
 * budget when some experiments are slow.
 */
async function measureInteractive(
  browser: Browser,
  baseURL: string,
  id: string,
  settings: Settings,
  until: Until,
  errors: string[],
): Promise<{ load: LoadSample } & Pick<ExperimentReport, 'slider' | 'moves' | 'longTasks' | 'tensors' | 'othersRan' | 'cut'>> {
  const info = catalog.find((e) => e.id === id);
  const { context, page } = await newPage(browser, errors, id);
  try {
    await openLab(page, baseURL, id, WORKER_PATH);
    const load = await loadSample(page, id);
    const frame = page.locator(`[data-experiment="${id}"]`);
    // The first numeric parameter whose slider the figure shows (others may be behind "More settings").
    let first: [string, { label: string }] | undefined;
    for (const [key, spec] of Object.entries(info?.params ?? {})) {
      if (spec.kind !== 'number') continue;
      if (await frame.getByRole('slider', { name: spec.label, exact: true }).isVisible()) {
        first = [key, spec];
        break;
      }
    }
    const after1 = (await workerStats(page))[0]?.memory ?? null;
    if (!first) {
      return {
        load,
        slider: null,
        moves: [],
        longTasks: { count: 0, totalMs: 0, maxMs: 0, windowMs: 0, duringRuns: 0, supported: false },
        tensors: null,
        othersRan: [],
        cut: { moves: false, runs: false },
      };
    }
    const slider = frame.getByRole('slider', { name: first[1].label, exact: true });
    await focusQuietly(slider);
    await page.waitForTimeout(settings.settleMs);
    await page.evaluate(`window.__bench.watch(${JSON.stringify(id)})`);

    let pressed = 0;
    const press = async (): Promise<number> => {
      const k0 = (await page.evaluate('window.__bench.keys.length')) as number;
      await page.keyboard.press(pressed++ % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
      await page.waitForFunction(`window.__bench.keys.length > ${k0} && window.__bench.doneAfter(window.__bench.keys[${k0}].t)`, undefined, {
        timeout: RUN_TIMEOUT_MS,
      });
      await page.waitForTimeout(settings.settleMs);
      return k0;
    };
    const doneCount = async () => (await page.evaluate(`window.__bench.doneCount(${JSON.stringify(id)})`)) as number;

    // Phase 1: timed slider moves.
    const keyIndices: number[] = [];
    const moreMoves = (n: number) =>
      n < settings.moves &&
      (n < settings.minMoves ? n < Math.min(3, settings.minMoves) || Date.now() < until.hard : Date.now() < until.moves);
    while (moreMoves(keyIndices.length)) {
      keyIndices.push(await press());
    }
    const state = (await page.evaluate(
      '({ keys: window.__bench.keys, muts: window.__bench.muts, longtasks: window.__bench.longtasks, longtaskSupported: window.__bench.longtaskSupported })',
    )) as PageState;
    const moves: MoveSample[] = keyIndices.map((k) => {
      const t0 = state.keys[k].t;
      const after = state.muts.filter((m) => m.t >= t0);
      const done = after.find((m) => m.region === 'status-attr' && m.value === 'done');
      const visible = after.find((m) => m.region === 'plot' || m.region === 'status');
      let final = done?.t ?? null;
      if (done) {
        for (const m of after) if (m.region === 'plot' && m.t > done.t && m.t <= done.t + settings.settleMs) final = Math.max(final!, m.t);
      }
      return {
        key: state.keys[k].key,
        firstVisibleMs: visible && (!done || visible.t <= done.t) ? visible.t - t0 : null,
        finalMs: final === null ? null : final - t0,
        ran: after.some((m) => m.region === 'status-attr' && m.value === 'running' && (!done || m.t <= done.t)),
      };
    });
    const windowStart = state.keys[keyIndices[0]].t;
    const windowEnd = (await page.evaluate('performance.now()')) as number;
    const tasks = state.longtasks.filter((t) => t.start >= windowStart && t.start <= windowEnd);
    // This figure's runs: from each 'running' to the next 'done'.
    const runIntervals: [number, number][] = [];
    let runStart: number | null = null;
    for (const m of state.muts) {
      if (m.region !== 'status-attr') continue;
      if (m.value === 'running' && runStart === null) runStart = m.t;
      else if (m.value !== 'running' && runStart !== null) {
        runIntervals.push([runStart, m.t]);
        runStart = null;
      }
    }
    const duringRuns = tasks.filter((t) => runIntervals.some(([a, b]) => t.start < b && t.start + t.duration > a)).length;

    // Phase 2: more runs of the defaults until the worker has done `reruns` (the load's run and the moves count).
    // Straight through the client: the same worker code path without redrawing, so more of them fit the budget.
    const widgetRuns = await doneCount();
    const direct = (await page.evaluate(
      `window.__bench.rerun(${JSON.stringify(id)}, ${JSON.stringify(defaultsOf(id))}, 1, ${Math.max(0, settings.reruns - widgetRuns)}, ${
        widgetRuns < settings.minReruns ? until.hard : until.runs
      })`,
    )) as number;
    const runs = widgetRuns + direct;
    const statsN = await workerStats(page);
    const othersRan = ((await page.evaluate(
      `window.__bench.status.filter((s) => s.id !== ${JSON.stringify(id)} && s.status === 'running').map((s) => s.id)`,
    )) as string[]).filter((v, j, a) => a.indexOf(v) === j);
    return {
      load,
      slider: { label: first[1].label, key: first[0] },
      moves,
      longTasks: {
        count: tasks.length,
        totalMs: tasks.reduce((s, t) => s + t.duration, 0),
        maxMs: tasks.reduce((s, t) => Math.max(s, t.duration), 0),
        windowMs: windowEnd - windowStart,
        duringRuns,
        supported: state.longtaskSupported,
      },
      tensors: { experiment: id, config: 'default', runs, after1, afterN: statsN[0]?.memory ?? null, backend: statsN[0]?.backend ?? null },
      othersRan,
      cut: { moves: moves.length < settings.moves, runs: runs < settings.reruns },
    };
  } finally {
    await context.close();
  }
}

/** Runs of a training configuration (through the page's client) until `reruns`; tensors after the 1st and the last. */
async function measureVariant(
  browser: Browser,
  baseURL: string,
  variant: (typeof TFJS_VARIANTS)[number],
  reruns: number,
  time: { reserveMs: number; hard: number },
  errors: string[],
): Promise<TensorCheck> {
  const until = Math.min(time.hard, Date.now() + time.reserveMs);
  const { context, page } = await newPage(browser, errors, variant.id);
  try {
    // The figure's own first run (URL parameters, as a reader would share them) is run 1.
    await openLab(page, baseURL, variant.id, variant.params);
    const after1 = (await workerStats(page))[0]?.memory ?? null;
    const params = { ...defaultsOf(variant.id), ...variant.params };
    // At least two more runs (a leak shows after one), as long as the hard deadline allows.
    const atLeast = (await page.evaluate(
      `window.__bench.rerun(${JSON.stringify(variant.id)}, ${JSON.stringify(params)}, 1, 2, ${time.hard})`,
    )) as number;
    const direct =
      atLeast +
      ((await page.evaluate(
        `window.__bench.rerun(${JSON.stringify(variant.id)}, ${JSON.stringify(params)}, 1, ${Math.max(0, reruns - 1 - atLeast)}, ${until})`,
      )) as number);
    const stats = await workerStats(page);
    return { experiment: variant.id, config: variant.name, runs: 1 + direct, after1, afterN: stats[0]?.memory ?? null, backend: stats[0]?.backend ?? null };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The browser part
// ---------------------------------------------------------------------------------------------------------------

export async function runBrowserBench(
  opts: { quick?: boolean; siteDir?: string; only?: string[]; log?: (line: string) => void } = {},
): Promise<BrowserBenchReport> {
  const started = performance.now();
  const started0 = Date.now();
  const deadline = Date.now() + (opts.quick ? QUICK : FULL).budgetS * 1000;
  const hardDeadline = deadline + (opts.quick ? QUICK : FULL).graceS * 1000;
  const loadBefore = loadavg()[0];
  const settings = opts.quick ? QUICK : FULL;
  const log = opts.log ?? (() => {});
  const siteDir = resolve(opts.siteDir ?? 'out');
  if (!existsSync(join(siteDir, 'index.html'))) throw new Error(`no built site in ${siteDir}: run \`npm run build\` first`);

  const { child, baseURL } = await startServer(siteDir);
  const launchOptions = playwrightConfig.use?.launchOptions ?? {};
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ ...launchOptions, headless: true });
    const pages: PageReport[] = [];
    for (const path of benchPages()) {
      log(`  page weight ${path} …`);
      pages.push(await measurePage(browser, baseURL, siteDir, path, []));
    }
    log('  scrolling through every chapter: figure on screen → default result drawn …');
    const scroll = await measureScroll(browser, baseURL, []);
    const experiments: ExperimentReport[] = [];
    const built = builtExperiments(siteDir);
    const ids = opts.only ? built.filter((id) => opts.only!.includes(id)) : built;
    const missing = catalog.filter((e) => !built.includes(e.id)).map((e) => e.id);
    if (missing.length > 0) log(`  (not in the build, skipped: ${missing.join(', ')}; run \`npm run build\` to include them)`);
    const variants = TFJS_VARIANTS.filter((v) => ids.includes(v.id) && catalog.some((e) => e.id === v.id));
    const report = (id: string, loads: LoadSample[], interactive: Omit<Awaited<ReturnType<typeof measureInteractive>>, 'load'>, errors: string[]) => {
      const e: ExperimentReport = {
        id,
        loads,
        loadToDone: summarize(loads.map((l) => l.loadToDoneMs)),
        workerRun: summarize(loads.map((l) => l.workerRunMs)),
        loadLongTasks: loads.map((l) => l.longTasks),
        firstVisible: summarize(interactive.moves.map((m) => m.firstVisibleMs)),
        finalDrawn: summarize(interactive.moves.map((m) => m.finalMs)),
        ...interactive,
        errors,
      };
      return e;
    };
    const addLoads = (e: ExperimentReport, loads: LoadSample[]) => {
      e.loads.push(...loads);
      e.loadToDone = summarize(e.loads.map((l) => l.loadToDoneMs));
      e.workerRun = summarize(e.loads.map((l) => l.workerRunMs));
      e.loadLongTasks = e.loads.map((l) => l.longTasks);
    };

    const failed: { id: string; error: string }[] = [];
    const attempt = async <T>(id: string, what: string, fn: () => Promise<T>): Promise<T | null> => {
      try {
        return await fn();
      } catch (error) {
        const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
        log(`  ${id}: ${what} FAILED: ${message}`);
        failed.push({ id, error: `${what}: ${message}` });
        return null;
      }
    };

    // Pass 1, every experiment, one fresh page: its first load, at least `minMoves` slider moves (3 once past the hard
    // deadline) and reruns, in an equal share of the first part of the budget (what a fast one leaves flows on).
    const pass1Deadline = started0 + settings.pass1Share * (deadline - started0);
    for (const [index, id] of ids.entries()) {
      const expStart = Date.now();
      const share = Math.max(0, pass1Deadline - expStart) / (ids.length - index);
      const until: Until = { moves: expStart + share * 0.8, runs: expStart + share, hard: hardDeadline };
      const errors: string[] = [];
      log(`  ${id}: load, slider moves, reruns (≈ ${(share / 1000).toFixed(0)} s) …`);
      try {
        const { load, ...interactive } = await measureInteractive(browser, baseURL, id, settings, until, errors);
        experiments.push(report(id, [load], interactive, errors));
      } catch (error) {
        // One experiment that never finishes must not cost the others their numbers.
        log(`  ${id}: FAILED: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
        failed.push({ id, error: error instanceof Error ? error.message.split('\n')[0] : String(error) });
      }
    }

    // The training variants (a page load and at least two more runs each).
    const variantChecks: TensorCheck[] = [];
    for (const variant of variants) {
      if (Date.now() > hardDeadline) break;
      log(`  ${variant.id} (${variant.name}): up to ${settings.variantReruns} runs …`);
      const check = await attempt(variant.id, variant.name, () =>
        measureVariant(browser!, baseURL, variant, settings.variantReruns, { reserveMs: settings.variantReserveS * 1000, hard: hardDeadline }, []),
      );
      if (check) variantChecks.push(check);
    }

    // Pass 2: more fresh loads, round robin (every experiment gets its 2nd before any gets its 3rd), within the budget.
    for (let round = 1; round < settings.loads; round++) {
      for (const e of experiments) {
        if (Date.now() > deadline) break;
        log(`  ${e.id}: fresh load ${round + 1} …`);
        const more = await attempt(e.id, `load ${round + 1}`, () => measureLoads(browser!, baseURL, e.id, 1, e.errors));
        if (more) addLoads(e, more);
      }
    }

    // Pass 3: top up the experiments cut short (more moves, then reruns to the target), cheapest first, on a fresh page
    // each, until the budget is spent.
    const cut = experiments
      .filter((e) => e.slider && (e.cut.moves || e.cut.runs))
      .sort((a, b) => (a.workerRun.median ?? Infinity) - (b.workerRun.median ?? Infinity));
    for (const [index, e] of cut.entries()) {
      const start = Date.now();
      if (deadline - start < 3000) break;
      // An equal share of what is left, but enough for a few moves: the cheapest ones come first and finish early.
      const share = Math.max((deadline - start) / (cut.length - index), Math.min(deadline - start, 10_000));
      const more = { ...settings, moves: settings.moves - e.moves.length, minMoves: 0, minReruns: 0 };
      log(`  ${e.id}: top-up, up to ${more.moves} more moves and ${settings.reruns} runs (≈ ${(share / 1000).toFixed(0)} s) …`);
      const until: Until = { moves: start + share * (e.cut.moves ? 0.8 : 0), runs: start + share, hard: hardDeadline };
      const result = await attempt(e.id, 'top-up', () => measureInteractive(browser!, baseURL, e.id, more, until, e.errors));
      if (!result) continue;
      const { load, ...extra } = result;
      addLoads(e, [load]);
      if (extra.moves.length > 0) {
        e.moves.push(...extra.moves);
        e.firstVisible = summarize(e.moves.map((m) => m.firstVisibleMs));
        e.finalDrawn = summarize(e.moves.map((m) => m.finalMs));
        const x = e.longTasks;
        const y = extra.longTasks;
        e.longTasks = {
          count: x.count + y.count,
          totalMs: x.totalMs + y.totalMs,
          maxMs: Math.max(x.maxMs, y.maxMs),
          windowMs: x.windowMs + y.windowMs,
          duringRuns: x.duringRuns + y.duringRuns,
          supported: x.supported,
        };
      }
      if (extra.tensors && (!e.tensors || extra.tensors.runs > e.tensors.runs)) e.tensors = extra.tensors;
      e.othersRan = [...new Set([...e.othersRan, ...extra.othersRan])];
      e.cut = { moves: e.moves.length < settings.moves, runs: (e.tensors?.runs ?? 0) < settings.reruns };
    }
    for (const e of experiments) e.cut.loads = e.loads.length < settings.loads;

    return {
      when: new Date().toISOString(),
      environment: {
        chromium: browser.version(),
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: cpus().length,
        loadAverage: { before: loadBefore, after: loadavg()[0] },
        baseURL,
        quick: Boolean(opts.quick),
      },
      settings,
      budgets: BUDGETS,
      notes: [
        'Times are performance.now() in the page: from the keydown event’s timeStamp to the MutationObserver callback of the mutation (a React commit), not to the paint.',
        'first visible change: the first mutation of the plot area or the status line (usually “Computing…”); final result drawn: the commit that sets data-status="done", or a plot mutation up to the settle window later (throttled charts).',
        'The trajectory player’s own animation is excluded from both. The slider’s value readout is outside the figure and not counted.',
        'Each experiment is measured on /lab/ opened at its heading, with the other figures kept from starting (their IntersectionObserver entries are dropped), so it has the worker to itself.',
        'load → result: navigation start to the commit that sets "done", cold HTTP cache, at seed 2 (the seed-1 default is shipped with the page, so this is the worker path); worker run: the worker’s lastRunMs for that run (includes waiting for the tfjs backend on the first run).',
        `Time budget ${settings.budgetS} s: a first pass gives every experiment an equal share of ${Math.round(settings.pass1Share * 100)}% of it (a load, at least ${settings.minMoves} moves, reruns); then the training variants, more fresh loads round robin, and top-ups of the ones cut short, cheapest first, on a fresh page. Runs beyond the slider moves go straight through the page's client (__simClient.run, default parameters, seed 1); the tensor count compares the 1st and the last run on one page.`,
        'JS sizes: the files gzipped at level 9 from out/; first-load = main-thread JS fetched before the load event; worker = the requests Playwright saw beyond the window’s own (a chunk both threads load counts in both).',
      ],
      pages,
      scroll,
      experiments,
      failed,
      variants: variantChecks,
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

const ms = (x: number | null) => (x === null || !Number.isFinite(x) ? 'n/a' : `${Math.round(x)} ms`);
const mark = (ok: boolean | null) => (ok === null ? '?' : ok ? '✓' : '✗');

export function formatBrowserTable(report: BrowserBenchReport): string {
  type Row = [string, string, string, string];
  const b = report.budgets;
  const sections: { title: string; rows: Row[] }[] = [];
  const tensorRow = (t: TensorCheck, label: string): Row => [
    `${label}tensors after 1 / ${t.runs} runs`,
    `${t.after1?.numTensors ?? 'n/a'} / ${t.afterN?.numTensors ?? 'n/a'} (${t.after1?.numBytes ?? '?'} / ${t.afterN?.numBytes ?? '?'} bytes)`,
    'equal',
    mark(t.after1 && t.afterN ? t.after1.numTensors === t.afterN.numTensors : null),
  ];

  for (const e of report.experiments) {
    const rows: Row[] = [];
    const fv = e.firstVisible;
    const fd = e.finalDrawn;
    rows.push([
      'slider → first visible change',
      `median ${ms(fv.median)}, p95 ${ms(fv.p95)}`,
      `≤ ${b.firstRedrawMedianMs} ms median, ≤ ${b.firstRedrawP95Ms} ms p95`,
      mark(fv.median === null ? null : fv.median <= b.firstRedrawMedianMs && fv.p95! <= b.firstRedrawP95Ms),
    ]);
    rows.push([
      'slider → final result drawn',
      `median ${ms(fd.median)}, p95 ${ms(fd.p95)}`,
      `(a run: ≤ ${b.defaultRunMs} ms)`,
      mark(fd.median === null ? null : fd.median <= b.defaultRunMs),
    ]);
    rows.push([
      `fresh load → result (${e.loadToDone.n} loads)`,
      `median ${ms(e.loadToDone.median)}`,
      `≤ ${b.defaultRunMs} ms`,
      mark(e.loadToDone.median === null ? null : e.loadToDone.median <= b.defaultRunMs),
    ]);
    const backends = [...new Set(e.loads.map((l) => l.backend))].join('/');
    rows.push([
      'default run in the worker',
      `median ${ms(e.workerRun.median)} (${backends})`,
      `≤ ${b.defaultRunMs} ms`,
      mark(e.workerRun.median === null ? null : e.workerRun.median <= b.defaultRunMs),
    ]);
    const lt = e.longTasks;
    rows.push([
      'long tasks, slider phase',
      lt.supported
        ? `${lt.count} (${lt.duringRuns} during runs), total ${ms(lt.totalMs)}, max ${ms(lt.maxMs)} in ${(lt.windowMs / 1000).toFixed(1)} s`
        : 'not supported',
      `${b.longTasks}`,
      mark(lt.supported ? lt.count <= b.longTasks : null),
    ]);
    rows.push([
      'long tasks, load → result',
      e.loadLongTasks.map((l) => `${l.count} (${ms(l.totalMs)})`).join(', '),
      '(info: includes hydration)',
      '',
    ]);
    if (e.tensors) rows.push(tensorRow(e.tensors, ''));
    const slider = e.slider ? `slider “${e.slider.label}”, ${e.moves.length} moves` : 'no slider';
    sections.push({ title: `${e.id} (${slider})`, rows });
  }
  if (report.variants.length > 0) {
    sections.push({ title: 'training variants of experiments whose default does not train', rows: report.variants.map((v) => tensorRow(v, `${v.experiment}, ${v.config}: `)) });
  }

  const pageRows: Row[] = report.pages.map((p) => [
    `${p.path} (${p.mainThread.length} files)`,
    `${p.mainGzipKb.toFixed(1)} kB${p.mainHasTfjs ? ', HAS tfjs' : ''}${
      p.mainLater.length ? `; +${p.mainLaterGzipKb.toFixed(1)} kB after load (${p.mainLater.length} prefetched/lazy)` : ''
    }`,
    `≤ ${b.firstLoadJsKb} kB, no tfjs`,
    mark(p.mainGzipKb <= b.firstLoadJsKb && !p.mainHasTfjs),
  ]);
  const lab = report.pages.find((p) => p.worker.length > 0);
  if (lab) {
    const tf = lab.worker.filter((f) => f.tfjs);
    pageRows.push([
      `worker (${lab.worker.length} files, on ${lab.path})`,
      `${lab.workerGzipKb.toFixed(1)} kB, of which tfjs ${lab.workerTfjsGzipKb.toFixed(1)} kB (${tf.map((f) => f.url.split('/').pop()).join(', ')})`,
      'tfjs only here',
      mark(tf.length > 0 && report.pages.every((p) => !p.mainHasTfjs)),
    ]);
  }
  sections.push({ title: 'first-load JS, gzip -9 (main thread, before the load event)', rows: pageRows });

  const sc = report.scroll;
  const scrollRows: Row[] = sc.samples.map((x) => [`${x.path} ${x.id}`, `${ms(x.ms)} (${x.source === 'build' ? 'build-time result' : x.source})`, `≤ ${b.scrollToResultMs} ms`, mark(x.ms === null ? false : x.ms <= b.scrollToResultMs)]);
  scrollRows.push([
    `all ${sc.samples.length} figures`,
    `median ${ms(sc.summary.median)}, p95 ${ms(sc.summary.p95)}; worker runs while scrolling: ${sc.workerRuns}`,
    `≤ ${b.scrollToResultMs} ms median, 0 runs`,
    mark(sc.summary.median !== null && sc.summary.median <= b.scrollToResultMs && sc.workerRuns === 0),
  ]);
  sections.push({ title: 'figure scrolled into view → its default result drawn (one load per page)', rows: scrollRows });

  const w = [0, 0, 0];
  for (const sec of sections) for (const r of sec.rows) for (let i = 0; i < 3; i++) w[i] = Math.max(w[i], r[i].length);
  const line = (r: Row) => `  ${r[0].padEnd(w[0])}  ${r[1].padEnd(w[1])}  ${r[2].padEnd(w[2])}  ${r[3]}`.trimEnd();
  const env = report.environment;
  const extra: string[] = [];
  for (const e of report.experiments) {
    const short = [
      e.cut.loads ? `${e.loads.length}/${report.settings.loads} loads` : '',
      e.cut.moves ? `${e.moves.length}/${report.settings.moves} slider moves` : '',
      e.cut.runs ? `${e.tensors?.runs ?? 0}/${report.settings.reruns} runs` : '',
    ].filter(Boolean);
    if (short.length > 0) extra.push(`! ${e.id}: the time budget allowed ${short.join(', ')}.`);
    if (e.othersRan.length > 0) extra.push(`! ${e.id}: other figures also ran on its page (${e.othersRan.join(', ')}), sharing the worker.`);
    const idle = e.moves.filter((m) => !m.ran).length;
    if (idle > 0) extra.push(`! ${e.id}: ${idle} slider move(s) did not start a run.`);
    if (e.errors.length > 0) extra.push(`! ${e.id}: ${e.errors.length} console/page error(s): ${e.errors.slice(0, 3).join(' | ')}`);
  }
  for (const f of report.failed) extra.push(`! ${f.id}: FAILED, ${f.error}`);
  for (const v of report.variants) {
    if (v.runs < report.settings.variantReruns) {
      extra.push(`! ${v.experiment} (${v.config}): the time budget allowed ${v.runs}/${report.settings.variantReruns} runs.`);
    }
  }
  const out = [
    `Chromium ${env.chromium} (headless), ${env.cpu} (${env.cores} cores), load average ${env.loadAverage.before.toFixed(1)} → ${env.loadAverage.after.toFixed(1)}, ${
      env.quick ? 'quick, ' : ''
    }${report.elapsedS.toFixed(0)} s`,
  ];
  for (const sec of sections) out.push('', sec.title, ...sec.rows.map(line));
  if (extra.length) out.push('', ...extra);
  out.push('', ...report.notes.map((n) => `- ${n}`));
  return out.join('\n');
}
