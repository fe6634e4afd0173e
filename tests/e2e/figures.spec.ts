/**
 * Using a figure: its chart and main controls on one screen (beside each other on wide screens, docked on phones),
 * a rerun that never moves the page, shared links that land on their figure, and printed figures.
 */
import type { Locator, Page } from '@playwright/test';
import { RUN_TIMEOUT, expect, frameOf, runToDone, test } from './fixtures';

const CHAPTERS = [
  '/learn/behavior-cloning/',
  '/learn/compounding-error/',
  '/learn/dagger/',
  '/learn/chunking/',
  '/learn/averaging/',
  '/learn/beyond-bc/',
];

/** The viewport-relative top and bottom of an element. */
async function box(locator: Locator): Promise<{ top: number; bottom: number; height: number }> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, height: r.height };
  });
}

/**
 * Every figure of the page mounted without scrolling to it: a page loads only the figures near the viewport; from the
 * reader's first key, scroll or touch on, the others load and mount in idle time (so that printing can draw them).
 */
async function figuresMounted(page: Page): Promise<Locator> {
  // A key pressed before the page has hydrated arms nothing: press until the prefetch has run.
  await expect(async () => {
    await page.keyboard.press('Shift');
    await expect(page.locator('html')).toHaveAttribute('data-figures-prefetched', 'true', { timeout: 5000 });
  }).toPass({ timeout: RUN_TIMEOUT });
  await expect(page.locator('.widget-loading')).toHaveCount(0, { timeout: RUN_TIMEOUT });
  return page.locator('[data-experiment]');
}

for (const path of CHAPTERS) {
  test(`${path}: at 1280×800 every figure's chart and its main controls share the screen, all the way down`, async ({ page, watch }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(path);
    const frames = await figuresMounted(page);
    const n = await frames.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      const frame = frames.nth(i);
      const plot = frame.locator('[data-figure-plot]');
      const control = frame.locator('[data-figure-controls] input, [data-figure-controls] select').first();
      // At the figure's top, and (for a figure taller than the screen) 500 px further down it: the panel stays
      // beside the chart.
      const height = (await box(frame)).height;
      for (const offset of [0, Math.max(0, Math.min(500, height - 800))]) {
        await frame.evaluate((el, dy) => {
          el.scrollIntoView({ block: 'start', behavior: 'instant' });
          window.scrollBy({ top: dy, behavior: 'instant' });
        }, offset);
        const c = await box(control);
        expect(c.top, `${path} figure ${i}: first control on screen (offset ${offset})`).toBeGreaterThanOrEqual(0);
        expect(c.bottom).toBeLessThanOrEqual(800);
        const p = await box(plot);
        expect(p.top, `${path} figure ${i}: chart on screen`).toBeLessThan(800);
        expect(p.bottom).toBeGreaterThan(60);
      }
    }
    expect(watch.errors).toEqual([]);
  });
}

test('on a phone the controls dock under the chart: one line until opened, then a slider in reach beside the chart', async ({ page, watch }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto('/learn/compounding-error/');
  await figuresMounted(page);
  const frame = frameOf(page, 'exposure-bias');
  await frame.evaluate((el) => {
    el.scrollIntoView({ block: 'start', behavior: 'instant' });
    window.scrollBy({ top: 300, behavior: 'instant' });
  });
  const toggle = frame.getByRole('button', { name: 'Settings' });
  await expect(toggle).toBeVisible();
  const slider = frame.getByRole('slider', { name: 'Temperature τ' });
  await expect(slider).toBeHidden();
  // Folded, the dock is one line at the bottom of the screen.
  const folded = await box(frame.locator('[data-figure-dock]'));
  expect(folded.bottom).toBeLessThanOrEqual(812 + 1);
  expect(folded.height).toBeLessThan(90);
  await toggle.click();
  await expect(slider).toBeVisible();
  const s = await box(slider);
  expect(s.top).toBeGreaterThan(0);
  expect(s.bottom).toBeLessThanOrEqual(812);
  // …and the chart is still on screen above it.
  const p = await box(frame.locator('[data-figure-plot]'));
  expect(p.top).toBeLessThan(s.top - 150);
  // Keyboard: the slider moves and the figure reruns.
  const before = await frame.getAttribute('data-result-key');
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(frame).not.toHaveAttribute('data-result-key', before ?? '', { timeout: RUN_TIMEOUT });
  expect(watch.errors).toEqual([]);
});

test('a rerun keeps the figure: the previous result stays (dimmed), the height never drops, the slider does not move', async ({ page, watch }) => {
  test.setTimeout(3 * RUN_TIMEOUT);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/learn/dagger/');
  const frame = frameOf(page, 'dagger-lane');
  await runToDone(frame);
  const plot = frame.locator('[data-figure-plot]');
  const slider = frame.getByRole('slider', { name: 'Tremble ε', exact: true });
  await slider.evaluate((el) => el.scrollIntoView({ block: 'center', behavior: 'instant' }));
  const sliderBefore = await box(slider);
  const plotBefore = await box(plot);
  const scrollBefore = await page.evaluate(() => window.scrollY);
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  // While it runs: the old chart is still drawn, dimmed, and nothing moved.
  await expect(frame).toHaveAttribute('data-status', 'running', { timeout: RUN_TIMEOUT });
  await expect(plot).toHaveAttribute('data-rerunning', 'true');
  expect(await plot.locator('svg.recharts-surface').count()).toBeGreaterThan(0);
  const samples: { slider: number; plot: number; scroll: number }[] = [];
  while ((await frame.getAttribute('data-status')) === 'running') {
    samples.push({
      slider: (await box(slider)).top,
      plot: (await box(plot)).height,
      scroll: await page.evaluate(() => window.scrollY),
    });
    await page.waitForTimeout(100);
  }
  await expect(frame).toHaveAttribute('data-status', 'done', { timeout: RUN_TIMEOUT });
  samples.push({ slider: (await box(slider)).top, plot: (await box(plot)).height, scroll: await page.evaluate(() => window.scrollY) });
  expect(samples.length).toBeGreaterThan(1);
  for (const s of samples) {
    expect(Math.abs(s.slider - sliderBefore.top)).toBeLessThanOrEqual(1);
    expect(s.plot).toBeGreaterThanOrEqual(plotBefore.height - 1);
    expect(s.scroll).toBe(scrollBefore);
  }
  expect(watch.errors).toEqual([]);
});

test('a shared link to a figure lands on it, although the figures above it draw after the page loads', async ({ page, watch }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/learn/compounding-error/#fig-bc-car');
  const frame = frameOf(page, 'bc-car');
  await expect(frame).toHaveAttribute('data-status', 'done', { timeout: RUN_TIMEOUT });
  // Give the figures above it (those within a screen and a half load at once) time to draw and grow.
  await page.waitForTimeout(1500);
  const top = (await box(page.locator('#fig-bc-car'))).top;
  expect(top).toBeGreaterThanOrEqual(0);
  expect(top).toBeLessThan(160);
  expect(watch.errors).toEqual([]);
});

for (const path of CHAPTERS) {
  test(`${path} prints every figure as drawn, without its controls`, async ({ page, watch }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(path);
    const frames = await figuresMounted(page);
    const n = await frames.count();
    await page.waitForLoadState('networkidle');
    // The browser lays the page out for paper right after `beforeprint` and waits for nothing: every figure must
    // have drawn by the time the event returns, including those the reader never scrolled to.
    const drawn = await page.evaluate(() => {
      window.dispatchEvent(new Event('beforeprint'));
      return [...document.querySelectorAll('[data-experiment]')].map((frame) => {
        const plot = frame.querySelector('[data-figure-plot]')!;
        const svgMarks = plot.querySelectorAll('svg.recharts-surface path, svg[data-export] rect, svg[data-export] path').length;
        // A canvas counts when it has been drawn on: more than one colour along its diagonal.
        const canvases = [...plot.querySelectorAll('canvas')].filter((c) => {
          const ctx = c.getContext('2d');
          if (!ctx || c.width === 0 || c.height === 0) return false;
          const colours = new Set<string>();
          for (let i = 1; i < 64; i++) {
            const [r, g, b, a] = ctx.getImageData(Math.floor((c.width * i) / 64), Math.floor((c.height * i) / 64), 1, 1).data;
            colours.add(`${r},${g},${b},${a}`);
          }
          return colours.size > 1;
        }).length;
        return { id: frame.getAttribute('data-experiment'), marks: svgMarks + canvases };
      });
    });
    expect(drawn).toHaveLength(n);
    for (const d of drawn) expect(d.marks, `${d.id} drawn for print`).toBeGreaterThan(0);
    await page.emulateMedia({ media: 'print' });
    for (let i = 0; i < n; i++) {
      const frame = frames.nth(i);
      await expect(frame.locator('[data-figure-controls]')).toBeHidden();
      await expect(frame.locator('button:visible, input:visible, select:visible')).toHaveCount(0);
      await expect(frame.locator('[data-figure-plot]')).toBeVisible();
    }
    await expect(page.locator('figure.figure figcaption').first()).toBeVisible();
    expect(watch.errors).toEqual([]);
  });
}

test('a chapter loads the code of the figures near the viewport only; scrolling to a far one loads and draws it', async ({ page, watch }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await page.goto('/learn/beyond-bc/');
  await page.waitForLoadState('networkidle');
  const frames = page.locator('[data-experiment]');
  const n = await frames.count();
  expect(n).toBeGreaterThan(3);
  // Far below the opening screens: still placeholders, their code not fetched.
  const waiting = await page.locator('.widget-loading').count();
  expect(waiting).toBeGreaterThanOrEqual(n - 2);
  const before = scripts.length;
  const last = frames.last();
  await last.scrollIntoViewIfNeeded();
  await expect(last).toHaveAttribute('data-status', /^(done|diverged)$/, { timeout: RUN_TIMEOUT });
  expect(scripts.length).toBeGreaterThan(before);
  expect(watch.errors).toEqual([]);
});
