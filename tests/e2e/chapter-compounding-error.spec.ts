/**
 * Chapter 3, "Compounding error": the page renders its math, all four live figures compute their default result,
 * each reruns when a slider moves by keyboard, the car race animates and pauses, and the page has no axe
 * violations once the figures have drawn. The `watch` fixture (requested by every test) fails a test on a console
 * error or a request that leaves the site.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, frameOf, RUN_TIMEOUT, runToDone, sliderReruns, test } from './fixtures';

const PATH = '/learn/compounding-error/';

/** A test that waits for two runs, or for all four figures one after another, needs more than the default 60 s. */
const TWO_RUNS = 2 * RUN_TIMEOUT + 15_000;
const ALL_FIGURES = 4 * RUN_TIMEOUT + 15_000;

/** The chapter's figures, in page order, each with a slider the test moves (its label in the params file). */
const FIGURES = [
  { id: 'lane-horizon', slider: 'Tremble ε' },
  { id: 'exposure-bias', slider: 'Temperature τ' },
  { id: 'two-worlds', slider: 'Open-loop rate a' },
  { id: 'bc-car', slider: 'Tremble' },
] as const;

test('the chapter renders its equations, figures in story order, prompts and recap', async ({ page, watch }) => {
  const response = await page.goto(PATH);
  expect(response?.status()).toBe(200);
  await expect(page.locator('h1')).toHaveText(
    'Compounding error: exposure bias in language, exponential drift in control',
  );
  expect(await page.locator('.katex').count()).toBeGreaterThan(20);
  await expect(page.locator('.katex-error')).toHaveCount(0);
  await expect(page.locator('.equation-number').first()).toHaveText('(3.1)');
  // Rendered at build time: the math is in the HTML the server sent.
  const html = await (await page.request.get(PATH)).text();
  expect(html).toContain('class="katex"');
  await expect(page.locator('figure.figure')).toHaveCount(FIGURES.length);
  for (const [i, { id }] of FIGURES.entries()) {
    await expect(page.locator(`#fig-${id} .figure-number`)).toHaveText(`Figure 3.${i + 1}.`);
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

test('bc-car: the race animation advances while playing and holds still when paused', async ({ page, watch }) => {
  test.setTimeout(TWO_RUNS);
  await page.goto(PATH);
  const frame = frameOf(page, 'bc-car');
  await runToDone(frame);
  // The headline's off-track time is the mean over the races; the race view plays race 1 only: both say so.
  await expect(frame.locator('p', { hasText: 'Trained on' })).toContainText(/the mean over the \d+ races \(the race view below plays race 1 alone\)/);
  const player = frame.getByRole('group', { name: /^Race 1 of this seed/ });
  await player.scrollIntoViewIfNeeded(); // the animation loop runs only while the player is on screen
  await expect(player.locator('canvas')).toBeVisible();
  const scrubber = player.getByRole('slider', { name: 'Time step' });
  const stepOf = async () => Number(await scrubber.inputValue());
  const last = Number(await scrubber.getAttribute('max'));
  expect(last).toBeGreaterThan(10);

  // Start from the beginning, paused, then play: the time step advances.
  await player.getByRole('button', { name: 'Reset to step 0' }).click();
  await expect(player.getByRole('button', { name: 'Play' })).toBeVisible();
  expect(await stepOf()).toBe(0);
  await player.getByRole('button', { name: 'Play' }).click();
  await expect(player.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(stepOf, { timeout: 10_000 }).toBeGreaterThanOrEqual(5);

  // Pause: it stays where it stopped.
  await player.getByRole('button', { name: 'Pause' }).click();
  await expect(player.getByRole('button', { name: 'Play' })).toBeVisible();
  const paused = await stepOf();
  expect(paused).toBeGreaterThan(0);
  expect(paused).toBeLessThan(last);
  await page.waitForTimeout(600); // ≥ 10 steps at the widget's 20 steps per second, were it still playing
  expect(await stepOf()).toBe(paused);
  expect(watch.errors).toEqual([]);
});

test('the chapter has no axe violations once its figures have run', async ({ page, watch }) => {
  test.setTimeout(ALL_FIGURES);
  await page.goto(PATH);
  for (const { id } of FIGURES) await runToDone(frameOf(page, id));
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.help}`)).toEqual([]);
  expect(watch.errors).toEqual([]);
});
