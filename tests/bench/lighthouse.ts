/**
 * The Lighthouse pass of `npm run bench`: Lighthouse 12 with its mobile defaults (Moto G Power emulation, simulated
 * slow 4G and 4× CPU slowdown) on every page of the static export in out/, served by scripts/serve.mjs (precompressed,
 * with the site's CSP header), in the system Chromium (headless, launched by chrome-launcher; Lighthouse downloads no
 * browser). It builds nothing: it needs `npm run build` first.
 *
 * Per page (/, every chapter, /lab/, /references/, /lecture/), over `runs` runs (medians when more than one):
 *   - the four category scores (performance, accessibility, best practices, SEO),
 *   - FCP, LCP, total blocking time, main-thread work (mainthread-work-breakdown), DOM size (dom-size),
 *   - the page's HTML: bytes in out/ and bytes transferred (compressed), and the page's total transfer,
 *   - the audits that keep accessibility, best practices or SEO below 100, with what they say.
 * Each page is marked against the issue's targets (TARGETS). Timing is reported, never asserted. Prints a table and
 * the failing audits; bench.ts writes bench-results/lighthouse.json.
 *
 * Simulated throttling scales the trace this machine records, so a busy machine (other jobs on the 2 cores) still
 * shows as a slower page: the load average is reported beside the table.
 */
import { existsSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Flags, type Result } from 'lighthouse';
import { toc } from '../../content/toc';
import playwrightConfig from '../../playwright.config';
import { startServer } from './browser';

// ---------------------------------------------------------------------------------------------------------------
// What is measured
// ---------------------------------------------------------------------------------------------------------------

/** Every page of the site: home, each chapter, the lab, the references and the lecture. */
export function lighthousePages(): string[] {
  return ['/', ...toc.map((c) => `/learn/${c.slug}/`), '/lab/', '/references/', '/lecture/'];
}

/** The issue's targets: performance ≥ 90 and TBT ≤ 200 ms on every page, the other three categories at 100. */
export const TARGETS = {
  performance: 90,
  totalBlockingTimeMs: 200,
  accessibility: 100,
  bestPractices: 100,
  seo: 100,
};

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
type CategoryId = (typeof CATEGORIES)[number];

export interface FailingAudit {
  category: CategoryId;
  id: string;
  title: string;
  /** Lighthouse's explanation or display value, and up to three of the offending nodes or URLs. */
  detail: string;
}

export interface LighthouseRun {
  /** Category scores, 0–100 (null when Lighthouse could not score the category). */
  scores: Record<CategoryId, number | null>;
  fcpMs: number | null;
  lcpMs: number | null;
  tbtMs: number | null;
  mainThreadMs: number | null;
  domNodes: number | null;
  /** The HTML document as transferred (compressed, headers included) and its decoded size. */
  htmlTransferBytes: number | null;
  htmlResourceBytes: number | null;
  /** Every request of the page load (total-byte-weight). */
  totalTransferBytes: number | null;
  failing: FailingAudit[];
  runtimeError: string | null;
  /** Where the main-thread time went (mainthread-work-breakdown's groups, ms) and the scripts that cost most
   *  (bootup-time, top five): JSON only, for finding what to cut. */
  mainThreadByGroup: Record<string, number>;
  topScripts: { url: string; totalMs: number; scriptingMs: number }[];
}

export interface LighthousePageReport {
  path: string;
  /** out/<path>/index.html on disk (uncompressed). */
  htmlBytes: number | null;
  runs: LighthouseRun[];
  /** Median of each number over the runs (the first run's values when there is one). */
  median: Omit<LighthouseRun, 'failing' | 'runtimeError' | 'mainThreadByGroup' | 'topScripts'>;
  /** Failing non-performance audits of any run, each once. */
  failing: FailingAudit[];
  targets: {
    performance: boolean | null;
    tbt: boolean | null;
    accessibility: boolean | null;
    bestPractices: boolean | null;
    seo: boolean | null;
  };
  /** Every target met. */
  met: boolean;
}

export interface LighthouseReport {
  when: string;
  environment: {
    lighthouse: string;
    chromium: string;
    /** Lighthouse's own CPU benchmark of this machine (BenchmarkIndex), median over the runs. */
    benchmarkIndex: number | null;
    cpu: string;
    cores: number;
    loadAverage: { before: number; after: number };
    formFactor: string;
    throttlingMethod: string;
    runs: number;
  };
  targets: typeof TARGETS;
  pages: LighthousePageReport[];
  elapsedS: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading a Lighthouse result
// ---------------------------------------------------------------------------------------------------------------

function numeric(lhr: Result, id: string): number | null {
  const v = lhr.audits[id]?.numericValue;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The document request of the page in network-requests: its transfer size and decoded size. */
function documentSizes(lhr: Result): { transfer: number | null; resource: number | null } {
  const details = lhr.audits['network-requests']?.details;
  const items = details && details.type === 'table' ? details.items : [];
  const doc =
    items.find((i) => i.resourceType === 'Document' && i.url === lhr.finalDisplayedUrl) ??
    items.find((i) => i.resourceType === 'Document');
  const n = (v: unknown) => (typeof v === 'number' ? v : null);
  return { transfer: n(doc?.transferSize), resource: n(doc?.resourceSize) };
}

/** What a failing audit says: its explanation or display value, then up to three nodes or URLs it points at. */
function describe(audit: Result['audits'][string]): string {
  const parts: string[] = [];
  if (audit.explanation) parts.push(audit.explanation);
  else if (audit.displayValue) parts.push(audit.displayValue);
  const details = audit.details;
  if (details && (details.type === 'table' || details.type === 'list' || details.type === 'opportunity')) {
    const items = 'items' in details ? (details.items as Record<string, unknown>[]) : [];
    const shown = items.slice(0, 3).map((item) => {
      const node = item.node as { selector?: string; snippet?: string } | undefined;
      if (node?.selector) return node.selector;
      if (typeof item.url === 'string') return item.url;
      if (typeof item.description === 'string') return item.description;
      const source = item.source as { url?: string } | undefined;
      return source?.url ?? JSON.stringify(item).slice(0, 120);
    });
    if (shown.length > 0) parts.push(`${shown.join('; ')}${items.length > 3 ? ` (+${items.length - 3} more)` : ''}`);
  }
  return parts.join(' — ');
}

function failingAudits(lhr: Result): FailingAudit[] {
  const failing: FailingAudit[] = [];
  for (const category of CATEGORIES) {
    if (category === 'performance') continue;
    for (const ref of lhr.categories[category]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (!audit || ref.weight === 0 || audit.score === null || audit.score >= 1) continue;
      failing.push({ category, id: ref.id, title: audit.title, detail: describe(audit) });
    }
  }
  return failing;
}

function tableItems(lhr: Result, id: string): Record<string, unknown>[] {
  const details = lhr.audits[id]?.details;
  return details && details.type === 'table' ? (details.items as Record<string, unknown>[]) : [];
}

function readRun(lhr: Result): LighthouseRun {
  const score = (id: CategoryId) => {
    const s = lhr.categories[id]?.score;
    return typeof s === 'number' ? Math.round(s * 100) : null;
  };
  const doc = documentSizes(lhr);
  return {
    scores: {
      performance: score('performance'),
      accessibility: score('accessibility'),
      'best-practices': score('best-practices'),
      seo: score('seo'),
    },
    fcpMs: numeric(lhr, 'first-contentful-paint'),
    lcpMs: numeric(lhr, 'largest-contentful-paint'),
    tbtMs: numeric(lhr, 'total-blocking-time'),
    mainThreadMs: numeric(lhr, 'mainthread-work-breakdown'),
    domNodes: numeric(lhr, 'dom-size'),
    htmlTransferBytes: doc.transfer,
    htmlResourceBytes: doc.resource,
    totalTransferBytes: numeric(lhr, 'total-byte-weight'),
    failing: failingAudits(lhr),
    runtimeError: lhr.runtimeError ? `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` : null,
    mainThreadByGroup: Object.fromEntries(
      tableItems(lhr, 'mainthread-work-breakdown').map((i) => [
        String(i.groupLabel ?? i.group),
        Math.round(Number(i.duration)),
      ]),
    ),
    topScripts: tableItems(lhr, 'bootup-time')
      .slice(0, 5)
      .map((i) => ({
        url: String(i.url),
        totalMs: Math.round(Number(i.total)),
        scriptingMs: Math.round(Number(i.scripting)),
      })),
  };
}

function median(values: (number | null)[]): number | null {
  const xs = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = Math.floor(xs.length / 2);
  return xs.length % 2 === 1 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

function summarizePage(path: string, siteDir: string, runs: LighthouseRun[]): LighthousePageReport {
  const m = <K extends keyof LighthouseRun>(key: K) => median(runs.map((r) => r[key] as number | null));
  const s = (id: CategoryId) => median(runs.map((r) => r.scores[id]));
  const med: LighthousePageReport['median'] = {
    scores: {
      performance: s('performance'),
      accessibility: s('accessibility'),
      'best-practices': s('best-practices'),
      seo: s('seo'),
    },
    fcpMs: m('fcpMs'),
    lcpMs: m('lcpMs'),
    tbtMs: m('tbtMs'),
    mainThreadMs: m('mainThreadMs'),
    domNodes: m('domNodes'),
    htmlTransferBytes: m('htmlTransferBytes'),
    htmlResourceBytes: m('htmlResourceBytes'),
    totalTransferBytes: m('totalTransferBytes'),
  };
  const failing: FailingAudit[] = [];
  for (const f of runs.flatMap((r) => r.failing)) {
    if (!failing.some((g) => g.category === f.category && g.id === f.id)) failing.push(f);
  }
  const atLeast = (v: number | null, t: number) => (v === null ? null : v >= t);
  const targets = {
    performance: atLeast(med.scores.performance, TARGETS.performance),
    tbt: med.tbtMs === null ? null : med.tbtMs <= TARGETS.totalBlockingTimeMs,
    accessibility: atLeast(med.scores.accessibility, TARGETS.accessibility),
    bestPractices: atLeast(med.scores['best-practices'], TARGETS.bestPractices),
    seo: atLeast(med.scores.seo, TARGETS.seo),
  };
  const file = join(siteDir, path, 'index.html');
  return {
    path,
    htmlBytes: existsSync(file) ? statSync(file).size : null,
    runs,
    median: med,
    failing,
    targets,
    met: Object.values(targets).every((t) => t === true),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The pass
// ---------------------------------------------------------------------------------------------------------------

/** Chromium from the Playwright config (CHROMIUM_PATH, else /usr/bin/chromium…), with its flags, headless. */
function chromiumLaunch(): { chromePath: string; chromeFlags: string[] } {
  const launch = playwrightConfig.use?.launchOptions ?? {};
  if (!launch.executablePath) throw new Error('no system Chromium found (set CHROMIUM_PATH): Lighthouse needs one');
  return { chromePath: launch.executablePath, chromeFlags: ['--headless=new', ...(launch.args ?? [])] };
}

export async function runLighthouseBench(
  opts: { siteDir?: string; runs?: number; only?: string[]; log?: (line: string) => void } = {},
): Promise<LighthouseReport> {
  const started = performance.now();
  const loadBefore = loadavg()[0];
  const log = opts.log ?? (() => {});
  const runs = Math.max(1, opts.runs ?? 1);
  const siteDir = resolve(opts.siteDir ?? 'out');
  if (!existsSync(join(siteDir, 'index.html')))
    throw new Error(`no built site in ${siteDir}: run \`npm run build\` first`);
  const paths = lighthousePages().filter(
    (p) => existsSync(join(siteDir, p, 'index.html')) && (!opts.only || opts.only.includes(p)),
  );

  const { child, baseURL } = await startServer(siteDir);
  const chrome = await chromeLauncher.launch({ ...chromiumLaunch(), logLevel: 'silent' });
  try {
    // Lighthouse's defaults are the mobile run; only the categories and the output are set here.
    const flags: Flags = { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] };
    const pages: LighthousePageReport[] = [];
    let lighthouseVersion = 'unknown';
    let chromium = 'unknown';
    let formFactor = 'unknown';
    let throttlingMethod = 'unknown';
    const benchmarkIndex: (number | null)[] = [];
    for (const path of paths) {
      const pageRuns: LighthouseRun[] = [];
      for (let i = 0; i < runs; i++) {
        log(`  lighthouse ${path}${runs > 1 ? ` (run ${i + 1}/${runs})` : ''} …`);
        const result = await lighthouse(`${baseURL}${path}`, flags);
        if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
        const lhr = result.lhr;
        lighthouseVersion = lhr.lighthouseVersion;
        chromium = lhr.environment.hostUserAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? chromium;
        formFactor = lhr.configSettings.formFactor;
        throttlingMethod = lhr.configSettings.throttlingMethod;
        benchmarkIndex.push(lhr.environment.benchmarkIndex ?? null);
        pageRuns.push(readRun(lhr));
      }
      pages.push(summarizePage(path, siteDir, pageRuns));
    }
    return {
      when: new Date().toISOString(),
      environment: {
        lighthouse: lighthouseVersion,
        chromium,
        benchmarkIndex: median(benchmarkIndex),
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: cpus().length,
        loadAverage: { before: loadBefore, after: loadavg()[0] },
        formFactor,
        throttlingMethod,
        runs,
      },
      targets: TARGETS,
      pages,
      elapsedS: (performance.now() - started) / 1000,
    };
  } finally {
    chrome.kill();
    child.kill();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Printing
// ---------------------------------------------------------------------------------------------------------------

const kb = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 1024).toFixed(1)}`);
const msCell = (x: number | null) => (x === null ? 'n/a' : `${Math.round(x)}`);
const scoreCell = (x: number | null, ok: boolean | null) => `${x ?? 'n/a'}${ok === false ? '✗' : ''}`;

export function formatLighthouseTable(report: LighthouseReport): string {
  const t = report.targets;
  const header = [
    'page',
    'perf',
    'a11y',
    'BP',
    'SEO',
    'FCP ms',
    'LCP ms',
    'TBT ms',
    'main ms',
    'DOM',
    'HTML kB',
    'HTML xfer kB',
    'total xfer kB',
    'targets',
  ];
  const rows = report.pages.map((p) => {
    const m = p.median;
    return [
      p.path,
      scoreCell(m.scores.performance, p.targets.performance),
      scoreCell(m.scores.accessibility, p.targets.accessibility),
      scoreCell(m.scores['best-practices'], p.targets.bestPractices),
      scoreCell(m.scores.seo, p.targets.seo),
      msCell(m.fcpMs),
      msCell(m.lcpMs),
      `${msCell(m.tbtMs)}${p.targets.tbt === false ? '✗' : ''}`,
      msCell(m.mainThreadMs),
      msCell(m.domNodes),
      kb(p.htmlBytes),
      kb(m.htmlTransferBytes),
      kb(m.totalTransferBytes),
      p.met ? 'met' : 'missed',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const env = report.environment;
  const out = [
    `Lighthouse ${env.lighthouse} (${env.formFactor}, ${env.throttlingMethod} throttling${env.runs > 1 ? `, median of ${env.runs} runs` : ', one run per page'}), Chromium ${env.chromium} headless`,
    `targets: perf ≥ ${t.performance}, TBT ≤ ${t.totalBlockingTimeMs} ms, a11y / BP / SEO = ${t.accessibility} (✗ marks a miss)`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ];
  const failing = report.pages.filter((p) => p.failing.length > 0);
  if (failing.length > 0) {
    out.push('', 'failing accessibility / best-practices / SEO audits:');
    for (const p of failing) {
      for (const f of p.failing)
        out.push(`  ${p.path}  [${f.category}] ${f.id}: ${f.title}${f.detail ? ` — ${f.detail}` : ''}`);
    }
  }
  const errors = report.pages.flatMap((p) =>
    p.runs.filter((r) => r.runtimeError).map((r) => `  ${p.path}: ${r.runtimeError}`),
  );
  if (errors.length > 0) out.push('', 'Lighthouse runtime errors:', ...errors);
  const met = report.pages.filter((p) => p.met).length;
  out.push(
    '',
    `${met} / ${report.pages.length} pages meet every target. ${env.cpu} (${env.cores} cores, BenchmarkIndex ${env.benchmarkIndex ?? 'n/a'}), load average ${env.loadAverage.before.toFixed(1)} → ${env.loadAverage.after.toFixed(1)}.`,
  );
  return out.join('\n');
}
