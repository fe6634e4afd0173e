/**
 * tfjs lives only in the simulation worker (DESIGN.md, "Layers" and "Performance budgets"): no JS file the page's
 * main thread loads may contain tfjs, and the worker's own chunks, which do, are what actually runs the figures.
 *
 * The main thread's JS is read from the window's resource timeline (a worker's fetches are not in it; the Worker
 * constructor's own fetch is, as initiator 'other', and is left out). Bodies come from the served export.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import { toc } from '../../content/toc';
import { catalog } from '../../sims/experiments/catalog';
import { expect, test } from './fixtures';
import { TFJS_MARKERS, tfjsMarkersIn } from './tfjsMarkers';

const pages = ['/', ...toc.map((c) => `/learn/${c.slug}/`), '/references/', '/lab/'];

/** Long enough for the first figure's default run on a loaded 2-core machine. */
const RUN_TIMEOUT = 45_000;

/** The JS files the window loaded (scripts, preloads, next/link prefetches), without the worker's bootstrap. */
async function mainThreadScripts(page: Page): Promise<string[]> {
  const urls = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => (e as PerformanceResourceTiming).initiatorType !== 'other' && new URL(e.name).pathname.endsWith('.js'))
      .map((e) => e.name.split('#')[0]),
  );
  return [...new Set(urls)];
}

async function bodies(request: APIRequestContext, urls: string[]): Promise<Map<string, string>> {
  const texts = await Promise.all(
    urls.map(async (url) => {
      const response = await request.get(url);
      expect(response.status(), url).toBe(200);
      return [url, await response.text()] as const;
    }),
  );
  return new Map(texts);
}

for (const path of pages) {
  test(`${path}: no JS the page loads contains tfjs`, async ({ page, watch }) => {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    const scripts = await mainThreadScripts(page);
    expect(scripts.length, 'the page loaded some JS').toBeGreaterThan(0);
    const found: string[] = [];
    for (const [url, text] of await bodies(page.request, scripts)) {
      for (const marker of tfjsMarkersIn(text)) found.push(`${new URL(url).pathname}: "${marker}"`);
    }
    expect(found, 'tfjs in the page bundle').toEqual([]);
    expect(watch.errors).toEqual([]);
  });
}

test('/lab/: the worker loads the tfjs chunks and a figure runs on them (wasm or cpu)', async ({ page, watch }) => {
  // Every JS request, from either thread: the worker's show up here but not in the window's timeline.
  const requested: string[] = [];
  page.on('request', (req) => {
    const url = req.url().split('#')[0];
    if (new URL(url).pathname.endsWith('.js')) requested.push(url);
  });
  // Seed 2: the seed-1 default of every figure is shipped with the page and starts no worker.
  const first = catalog[0].id;
  await page.goto(`/lab/?${first}.seed=2#lab-${first}`);
  const frame = page.locator(`[data-experiment="${first}"]`);
  await frame.scrollIntoViewIfNeeded();
  await expect(frame).toHaveAttribute('data-status', 'done', { timeout: RUN_TIMEOUT });

  const stats = await page.evaluate(async () => {
    const client = (globalThis as unknown as { __simClient?: { stats(): Promise<{ backend: string | null; runsCompleted: number }[]> } })
      .__simClient;
    return client ? client.stats() : [];
  });
  expect(stats.length, 'a worker is running').toBeGreaterThan(0);
  expect(stats[0].backend).toMatch(/^(wasm|cpu)$/);
  expect(stats[0].runsCompleted).toBeGreaterThan(0);

  // The worker's files: requests beyond the main thread's own (a chunk both threads use is requested twice).
  const main = await mainThreadScripts(page);
  const workerFiles = [...new Set(requested)].filter(
    (url) => requested.filter((u) => u === url).length > (main.includes(url) ? 1 : 0),
  );
  expect(workerFiles.length, 'the worker loaded JS of its own').toBeGreaterThan(0);
  const texts = [...(await bodies(page.request, workerFiles)).values()];
  for (const marker of TFJS_MARKERS) {
    expect(texts.some((t) => t.includes(marker)), `a worker chunk contains "${marker}"`).toBe(true);
  }
  expect(watch.errors).toEqual([]);
});
