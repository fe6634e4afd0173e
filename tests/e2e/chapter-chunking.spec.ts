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

test('while the fork figure retrains, its arena and histogram redraw with previews of the network so far', async ({ page, watch }) => {
  test.setTimeout(TWO_RUNS);
  await page.goto(PATH);
  const frame = figureFrame(page, 'fork-in-the-road');
  await runToDone(frame);
  await frame.getByRole('slider', { name: 'Share of left demonstrations', exact: true }).focus();
  await page.keyboard.press('ArrowRight');
  // A preview: the summary names the training step, and the arena draws the preview's rollouts.
  await expect(frame.getByText(/^Training, step \d+ of 1500/)).toBeVisible({ timeout: RUN_TIMEOUT });
  await expect(frame.getByTestId('fork-arena')).toHaveAttribute('aria-label', /20 rollouts drawn bold/);
  // The preview stays on screen between previews (the reports in between carry it), until the result replaces it.
  for (let i = 0; i < 6; i++) {
    await page.waitForTimeout(150);
    const [status, label] = await Promise.all([
      frame.getAttribute('data-status'),
      frame.getByTestId('fork-arena').getAttribute('aria-label'),
    ]);
    if (status === 'done') break;
    expect(label).toMatch(/20 rollouts drawn bold/);
  }
  await runToDone(frame);
  await expect(frame.getByTestId('fork-arena')).toHaveAttribute('aria-label', /50 rollouts drawn bold/);
  expect(watch.errors).toEqual([]);
});

test('the denoising probe moves by dragging on the arena, and the samples are drawn at the new probe', async ({ page, watch }) => {
  test.setTimeout(TWO_RUNS);
  await page.goto(PATH);
  const frame = figureFrame(page, 'denoising');
  const before = await runToDone(frame);
  const map = frame.getByTestId('fork-probe-map');
  await map.scrollIntoViewIfNeeded();
  const box = (await map.boundingBox())!;
  // The map's viewBox spans x ∈ [−0.1, 2.3], y ∈ [−0.7, 0.7] (y up): press at (0.3, 0.1), drag to (1.0, 0.4), release.
  const at = (x: number, y: number) => [box.x + ((x + 0.1) / 2.4) * box.width, box.y + ((0.7 - y) / 1.4) * box.height] as const;
  await page.mouse.move(...at(0.3, 0.1));
  await page.mouse.down();
  await page.mouse.move(...at(0.7, 0.3), { steps: 4 });
  await page.mouse.move(...at(1.0, 0.4), { steps: 4 });
  await page.mouse.up();
  await expect(page).toHaveURL(/probeX=1(&|$)/);
  await expect(page).toHaveURL(/probeY=0\.4(&|$)/);
  await expect(frame).not.toHaveAttribute('data-result-key', before, { timeout: RUN_TIMEOUT });
  await runToDone(frame);
  await expect(frame.getByTestId('fork-denoising')).toHaveAttribute('aria-label', /probe \(1\.00, 0\.40\)/);
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
