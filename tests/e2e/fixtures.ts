/**
 * Shared Playwright fixtures: every test page records console errors, page errors and any request that leaves
 * the site's own origin, and each test fails if any happened.
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';

export interface PageWatch {
  errors: string[];
  external: string[];
}

export const test = base.extend<{ watch: PageWatch }>({
  watch: async ({ page, baseURL }, use) => {
    const watch: PageWatch = { errors: [], external: [] };
    const origin = new URL(baseURL ?? 'http://127.0.0.1').origin;
    page.on('console', (msg) => {
      if (msg.type() === 'error') watch.errors.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (err) => watch.errors.push(`page: ${err.message}`));
    page.on('request', (req) => {
      const url = req.url();
      if (url.startsWith('data:') || url.startsWith('blob:')) return;
      if (new URL(url).origin !== origin) watch.external.push(url);
    });
    await use(watch);
    expect(watch.errors, 'console or page errors').toEqual([]);
    expect(watch.external, 'requests that left the site').toEqual([]);
  },
});

export { expect };

/** Whether the page scrolls sideways (it must not, at any width). */
export async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

/** Long enough for the slowest default run on a loaded 2-core CI machine. */
export const RUN_TIMEOUT = 45_000;

/** The root of a live figure (ExperimentFrame) for experiment `id`. */
export function frameOf(page: Page, id: string): Locator {
  return page.locator(`[data-experiment="${id}"]`);
}

/** Scrolls the figure on screen (figures compute only while visible) and waits for its final result's key. */
export async function runToDone(frame: Locator): Promise<string> {
  await frame.scrollIntoViewIfNeeded();
  await expect(frame).toHaveAttribute('data-status', 'done', { timeout: RUN_TIMEOUT });
  const key = await frame.getAttribute('data-result-key');
  expect(key).toMatch(/^[0-9a-f]{8}$/);
  return key!;
}

/**
 * A figure's slider rerun, as a reader does it: the figure shows its default result, the slider named `slider` is
 * focused and moved one step by keyboard, and the figure computes a different result. Returns both result keys.
 */
export async function sliderReruns(frame: Locator, slider: string): Promise<{ before: string; after: string }> {
  const before = await runToDone(frame);
  const control = frame.getByRole('slider', { name: slider, exact: true });
  await control.focus();
  await frame.page().keyboard.press('ArrowRight');
  await expect(frame).not.toHaveAttribute('data-result-key', before, { timeout: RUN_TIMEOUT });
  const after = await runToDone(frame);
  expect(after).not.toBe(before);
  return { before, after };
}

/**
 * Runs every live figure on the page to its final result, top to bottom (each is scrolled on screen, since figures
 * compute only while visible), then returns to the top. Layout checks (e.g. no sideways scrolling at 375 px) must
 * come after this: a figure's chart, heatmap and data tables only exist once it has a result.
 */
export async function runAllFigures(page: Page): Promise<number> {
  // A figure far from the viewport is a placeholder with the same data-experiment until it is scrolled near:
  // scrolling to each one loads it.
  const frames = page.locator('[data-experiment]');
  const n = await frames.count();
  for (let i = 0; i < n; i++) {
    const frame = frames.nth(i);
    await frame.scrollIntoViewIfNeeded();
    await expect(frame).toHaveAttribute('data-status', /^(done|diverged)$/, { timeout: RUN_TIMEOUT });
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  return n;
}
