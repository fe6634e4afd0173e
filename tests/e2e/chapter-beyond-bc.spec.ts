/**
 * Chapter 7, "Beyond behavior cloning": the page renders its math, every live figure computes its default result,
 * each reruns when a slider moves by keyboard, a malformed link parameter shows a notice and still a valid figure,
 * and the page has no axe violations once the figures have drawn. Two experiments appear twice (coverage and its
 * panel C; gate parity's exact learners and its gradient-descent panel), so figures are found by their anchor. The
 * `watch` fixture (requested by every test) fails a test on a console error or a request that leaves the site.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, RUN_TIMEOUT, runToDone, sliderReruns, test } from './fixtures';

const PATH = '/learn/beyond-bc/';

/** The chapter's figures, in page order: the figure label, and a slider the test moves (its label in the params file). */
const FIGURES = [
  { label: 'coverage', slider: 'Best-of-N budget N' },
  { label: 'missing-mass', slider: 'States S (panel C)' },
  { label: 'misspecification', slider: 'Rare route ε' },
  { label: 'cot-parity', slider: 'Data sets' },
  { label: 'cot-descent', slider: 'Demonstrations n' },
  { label: 'cliff-road', slider: 'Gust probability p' },
  { label: 'tasil', slider: 'Demonstrations' },
] as const;

const TWO_RUNS = 2 * RUN_TIMEOUT + 15_000;
const ALL_FIGURES = FIGURES.length * RUN_TIMEOUT + 15_000;

/** The live figure inside the chapter figure `label`. */
const figureFrame = (page: Page, label: string) => page.locator(`#fig-${label} [data-experiment]`);

test('the chapter renders its equations, figures in order, prompts and recap', async ({ page, watch }) => {
  const response = await page.goto(PATH);
  expect(response?.status()).toBe(200);
  await expect(page.locator('h1')).toContainText('Beyond behavior cloning');
  expect(await page.locator('.katex').count()).toBeGreaterThan(20);
  await expect(page.locator('.katex-error')).toHaveCount(0);
  await expect(page.locator('.equation-number').first()).toHaveText('(7.1)');
  const html = await (await page.request.get(PATH)).text();
  expect(html).toContain('class="katex"');
  await expect(page.locator('figure.figure')).toHaveCount(FIGURES.length);
  for (const [i, { label }] of FIGURES.entries()) {
    await expect(page.locator(`#fig-${label} .figure-number`)).toHaveText(`Figure 7.${i + 1}.`);
  }
  expect(await page.locator('.predict').count()).toBeGreaterThanOrEqual(4);
  await expect(page.locator('.recap')).toHaveCount(1);
  await expect(page.locator('.chapter-references li').first()).toBeVisible();
  expect(watch.errors).toEqual([]);
});

test('the home page lists the chapter', async ({ page, watch }) => {
  await page.goto('/');
  await expect(page.locator(`a[href$="${PATH}"]`).first()).toBeVisible();
  expect(watch.errors).toEqual([]);
});

for (const { label, slider } of FIGURES) {
  test(`${label}: computes its default result, and a keyboard slider move reruns it`, async ({ page, watch }) => {
    test.setTimeout(TWO_RUNS);
    await page.goto(PATH);
    await sliderReruns(figureFrame(page, label), slider);
    expect(watch.errors).toEqual([]);
  });
}

test('a malformed link parameter shows a notice and still a valid figure', async ({ page, watch }) => {
  test.setTimeout(TWO_RUNS);
  await page.goto(`${PATH}?misspecification.epsilon=banana&misspecification.horizon=999`);
  const frame = figureFrame(page, 'misspecification');
  await frame.scrollIntoViewIfNeeded();
  await expect(frame.getByRole('alert').first()).toContainText('fixed');
  await runToDone(frame);
  expect(page.url()).not.toContain('banana');
  expect(watch.errors).toEqual([]);
});

test('the chapter has no axe violations once its figures have run', async ({ page, watch }) => {
  test.setTimeout(ALL_FIGURES);
  await page.goto(PATH);
  for (const { label } of FIGURES) await runToDone(figureFrame(page, label));
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.help}`)).toEqual([]);
  expect(watch.errors).toEqual([]);
});
