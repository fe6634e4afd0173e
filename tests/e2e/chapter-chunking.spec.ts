/**
 * Chapter 5, "Action chunking and generative policies": the page renders its math, every live figure computes its
 * default result, each reruns when a slider moves by keyboard, and the page has no axe violations once the figures
 * have drawn. `fork-in-the-road` appears twice (the arena and the denoising view), so figures are found by their
 * anchor. The `watch` fixture fails a test on a console error or a request that leaves the site.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, RUN_TIMEOUT, runToDone, sliderReruns, test } from './fixtures';

const PATH = '/learn/chunking/';

const FIGURES = [
  { label: 'chunking', slider: 'Chunk length ℓ' },
  { label: 'fork-in-the-road', slider: 'Share of left demonstrations' },
  { label: 'denoising', slider: 'Denoising probe x' },
] as const;

const TWO_RUNS = 2 * RUN_TIMEOUT + 15_000;
const ALL_FIGURES = FIGURES.length * RUN_TIMEOUT + 15_000;

const figureFrame = (page: Page, label: string) => page.locator(`#fig-${label} [data-experiment]`);

test('the chapter renders its equations, figures in order, prompts and recap', async ({ page, watch }) => {
  const response = await page.goto(PATH);
  expect(response?.status()).toBe(200);
  await expect(page.locator('h1')).toContainText('Action chunking');
  expect(await page.locator('.katex').count()).toBeGreaterThan(20);
  await expect(page.locator('.katex-error')).toHaveCount(0);
  await expect(page.locator('.equation-number').first()).toHaveText('(5.1)');
  await expect(page.locator('figure.figure')).toHaveCount(FIGURES.length);
  for (const [i, { label }] of FIGURES.entries()) {
    await expect(page.locator(`#fig-${label} .figure-number`)).toHaveText(`Figure 5.${i + 1}.`);
  }
  expect(await page.locator('.predict').count()).toBeGreaterThanOrEqual(4);
  await expect(page.locator('.recap')).toHaveCount(1);
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

test('the denoising view scrubs by keyboard', async ({ page, watch }) => {
  test.setTimeout(TWO_RUNS);
  await page.goto(PATH);
  const frame = figureFrame(page, 'denoising');
  await runToDone(frame);
  const scrub = frame.getByRole('slider', { name: 'Reverse step', exact: true });
  await expect(scrub).toHaveValue('20');
  await scrub.focus();
  await page.keyboard.press('Home');
  await expect(scrub).toHaveValue('0');
  await expect(frame.getByTestId('fork-denoising')).toHaveAttribute('aria-label', /after 0 of 20 reverse steps/);
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
