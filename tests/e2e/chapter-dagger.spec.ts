/**
 * Chapter 4, "DAgger and interactive data collection": the page renders its math, every live figure computes its
 * default result, each reruns when a slider moves by keyboard, and the page has no axe violations once the figures
 * have drawn. The `watch` fixture (requested by every test) fails a test on a console error or a request that
 * leaves the site.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, frameOf, RUN_TIMEOUT, runToDone, sliderReruns, test } from './fixtures';

const PATH = '/learn/dagger/';

/** The chapter's figures, in page order, each with a slider the test moves (its label in the params file). */
const FIGURES = [
  { id: 'dagger-lane', slider: 'Tremble ε' },
  { id: 'noise-injection', slider: 'Injected noise σ_u' },
  { id: 'dagger-car', slider: 'Tremble' },
  { id: 'human-dagger', slider: 'Tremble' },
  { id: 'gail-lane', slider: 'Tremble ε' },
] as const;

/** A test that waits for two runs, or for every figure one after another, needs more than the default 60 s. */
const TWO_RUNS = 2 * RUN_TIMEOUT + 15_000;
const ALL_FIGURES = FIGURES.length * RUN_TIMEOUT + 15_000;

test('the chapter renders its equations, figures in order, prompts and recap', async ({ page, watch }) => {
  const response = await page.goto(PATH);
  expect(response?.status()).toBe(200);
  await expect(page.locator('h1')).toHaveText('DAgger and interactive data collection');
  expect(await page.locator('.katex').count()).toBeGreaterThan(20);
  await expect(page.locator('.katex-error')).toHaveCount(0);
  await expect(page.locator('.equation-number').first()).toHaveText('(4.1)');
  // Rendered at build time: the math is in the HTML the server sent.
  const html = await (await page.request.get(PATH)).text();
  expect(html).toContain('class="katex"');
  await expect(page.locator('figure.figure')).toHaveCount(FIGURES.length);
  for (const [i, { id }] of FIGURES.entries()) {
    await expect(page.locator(`#fig-${id} .figure-number`)).toHaveText(`Figure 4.${i + 1}.`);
  }
  expect(await page.locator('.predict').count()).toBeGreaterThanOrEqual(2);
  await expect(page.locator('.recap')).toHaveCount(1);
  await expect(page.locator('.chapter-references li').first()).toBeVisible();
  expect(watch.errors).toEqual([]);
});

for (const { id, slider } of FIGURES) {
  test(`${id}: computes its default result, and a keyboard slider move reruns it`, async ({ page, watch }) => {
    test.setTimeout(TWO_RUNS);
    await page.goto(PATH);
    await sliderReruns(frameOf(page, id), slider);
    expect(watch.errors).toEqual([]);
  });
}

test('the chapter has no axe violations once its figures have run', async ({ page, watch }) => {
  test.setTimeout(ALL_FIGURES);
  await page.goto(PATH);
  for (const { id } of FIGURES) await runToDone(frameOf(page, id));
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.help}`)).toEqual([]);
  expect(watch.errors).toEqual([]);
});
