/**
 * Chapter 2, "Behavior cloning": the page renders its math, both live figures compute their default result, each
 * reruns when a slider moves by keyboard, and the page has no axe violations once the figures have drawn. The
 * `watch` fixture (requested by every test) fails it on a console error or a request that leaves the site.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, frameOf, RUN_TIMEOUT, runToDone, sliderReruns, test } from './fixtures';

const PATH = '/learn/behavior-cloning/';

/** The chapter's figures, in page order, each with a slider the test moves (its label in the params file). */
const FIGURES = [
  { id: 'bc-lane', slider: 'Tremble ε' },
  { id: 'gatewalk-horizon', slider: 'Demonstrations n' },
] as const;

test('the chapter renders its equations, figures and prompts', async ({ page, watch }) => {
  const response = await page.goto(PATH);
  expect(response?.status()).toBe(200);
  await expect(page.locator('h1')).toHaveText('Behavior cloning: imitation as supervised learning');
  expect(await page.locator('.katex').count()).toBeGreaterThan(20);
  await expect(page.locator('.katex-error')).toHaveCount(0);
  await expect(page.locator('.equation-number').first()).toHaveText('(2.1)');
  await expect(page.locator('figure.figure')).toHaveCount(FIGURES.length);
  for (const [i, { id }] of FIGURES.entries()) {
    await expect(page.locator(`#fig-${id} .figure-number`)).toHaveText(`Figure 2.${i + 1}.`);
  }
  expect(await page.locator('.predict').count()).toBeGreaterThanOrEqual(2);
  await expect(page.locator('.recap')).toHaveCount(1);
  await expect(page.locator('.chapter-references li').first()).toBeVisible();
  expect(watch.errors).toEqual([]);
});

for (const { id, slider } of FIGURES) {
  test(`${id}: computes its default result, and a keyboard slider move reruns it`, async ({ page, watch }) => {
    await page.goto(PATH);
    await sliderReruns(frameOf(page, id), slider);
    expect(watch.errors).toEqual([]);
  });
}

test('the chapter has no axe violations once its figures have run', async ({ page, watch }) => {
  // Two figures one after the other, then axe over the whole page: more than the default 60 s on a loaded machine
  // (as the other chapters' specs allow).
  test.setTimeout(FIGURES.length * RUN_TIMEOUT + 15_000);
  await page.goto(PATH);
  for (const { id } of FIGURES) await runToDone(frameOf(page, id));
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.help}`)).toEqual([]);
  expect(watch.errors).toEqual([]);
});
