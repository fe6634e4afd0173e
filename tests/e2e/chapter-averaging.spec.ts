/**
 * Chapter 6, "Iterate averaging": the page renders its math, both live figures compute their default result and
 * rerun when a slider moves by keyboard, the pendulum figure's checkpoint cursor moves by keyboard, and the page has
 * no axe violations once the figures have drawn. The `watch` fixture fails a test on a console error or a request
 * that leaves the site.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, RUN_TIMEOUT, runToDone, sliderReruns, test } from './fixtures';

const PATH = '/learn/averaging/';

/** The chapter's figures, in page order, and a slider the test moves (its label in the params file). */
const FIGURES = [
  { label: 'gva-pendulum', slider: 'Expert pole radius r' },
  { label: 'averaging-quadratic', slider: 'Start θ₀' },
] as const;

const TWO_RUNS = 2 * RUN_TIMEOUT + 15_000;

const figureFrame = (page: Page, label: string) => page.locator(`#fig-${label} [data-experiment]`);

test('the chapter renders its equations, figures, prompts and recap', async ({ page, watch }) => {
  const response = await page.goto(PATH);
  expect(response?.status()).toBe(200);
  await expect(page.locator('h1')).toContainText('Iterate averaging');
  expect(await page.locator('.katex').count()).toBeGreaterThan(20);
  await expect(page.locator('.katex-error')).toHaveCount(0);
  await expect(page.locator('.equation-number').first()).toHaveText('(6.1)');
  await expect(page.locator('figure.figure')).toHaveCount(FIGURES.length);
  for (const [i, { label }] of FIGURES.entries())
    await expect(page.locator(`#fig-${label} .figure-number`)).toHaveText(`Figure 6.${i + 1}.`);
  expect(await page.locator('.predict').count()).toBeGreaterThanOrEqual(3);
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

test('gva-pendulum: the checkpoint cursor moves by keyboard and the readout follows', async ({ page, watch }) => {
  await page.goto(PATH);
  const frame = figureFrame(page, 'gva-pendulum');
  await runToDone(frame);
  const cursor = frame.getByRole('slider', { name: /Checkpoint under the cursor/ });
  const before = await cursor.getAttribute('aria-valuetext');
  await cursor.focus();
  await page.keyboard.press('Home');
  await expect(cursor).toHaveAttribute('aria-valuetext', 'step 25');
  expect(before).not.toBe('step 25');
  await expect(frame.getByText('At step 25')).toBeVisible();
  expect(watch.errors).toEqual([]);
});

test('the chapter has no axe violations once its figures have run', async ({ page, watch }) => {
  test.setTimeout(2 * RUN_TIMEOUT + 15_000);
  await page.goto(PATH);
  for (const { label } of FIGURES) await runToDone(figureFrame(page, label));
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.help}`)).toEqual([]);
  expect(watch.errors).toEqual([]);
});
