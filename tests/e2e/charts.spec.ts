/**
 * Curves a reader is meant to compare stay visible (issue 17, point 6): coincident curves are marked and named,
 * a curve on y = 0 sits above the axis line, separate sweep points are not joined into a trend, and no chart
 * mixes two units on one y-axis.
 */
import { expect, frameOf, RUN_TIMEOUT, runToDone, test } from './fixtures';

test.setTimeout(2 * RUN_TIMEOUT + 15_000);

test('lane-horizon: the expert under DAgger is ringed and named, and lines are labelled at their ends', async ({ page, watch }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/learn/compounding-error/');
  const frame = frameOf(page, 'lane-horizon');
  await runToDone(frame);
  await expect(frame.getByTestId('overlap-note')).toContainText(/Expert \(same tremble\) and DAgger lie on top of each other/);
  expect(await frame.locator('circle[data-ring]').count()).toBeGreaterThan(0);
  const ends = await frame.locator('text[data-end-label]').allTextContents();
  expect(ends.join(' | ')).toMatch(/BC/);
  expect(ends.join(' | ')).toMatch(/DAgger/);
  expect(watch.errors).toEqual([]);
});

test('dagger-car: curves on y = 0 are drawn above the x-axis line, not on it', async ({ page, watch }) => {
  await page.goto('/learn/dagger/');
  const frame = frameOf(page, 'dagger-car');
  await runToDone(frame);
  const chart = frame.locator('.recharts-wrapper').first();
  const axisY = await chart.locator('.recharts-xAxis .recharts-cartesian-axis-line').evaluate((l) => l.getBoundingClientRect().top);
  const bottoms = await chart
    .locator('.recharts-line-curve')
    .evaluateAll((paths) => paths.map((p) => p.getBoundingClientRect().bottom));
  expect(bottoms.length).toBeGreaterThan(1);
  for (const b of bottoms) expect(b).toBeLessThan(axisY - 2);
  expect(watch.errors).toEqual([]);
});

test('noise-injection: the two sweep points are markers, not a line', async ({ page, watch }) => {
  await page.goto('/learn/dagger/');
  const frame = frameOf(page, 'noise-injection');
  await runToDone(frame);
  const chart = frame.locator('.recharts-wrapper').first();
  const strokes = await chart.locator('.recharts-line-curve').evaluateAll((ps) => ps.map((p) => p.getAttribute('stroke')));
  expect(strokes.length).toBe(2);
  for (const s of strokes) expect(s).toBe('none');
  expect(await chart.locator('.recharts-line-dots circle').count()).toBeGreaterThanOrEqual(3);
  expect(watch.errors).toEqual([]);
});

test('gatewalk-horizon: a probability and a number of steps get a chart each', async ({ page, watch }) => {
  await page.goto('/learn/behavior-cloning/');
  const frame = frameOf(page, 'gatewalk-horizon');
  await runToDone(frame);
  const charts = frame.locator('[role="img"][aria-label*="Gate-walk"]');
  await expect(charts).toHaveCount(2);
  await expect(charts.nth(0)).toHaveAttribute('aria-label', /P\(fall\)/);
  await expect(charts.nth(1)).toHaveAttribute('aria-label', /lost steps/);
  expect(watch.errors).toEqual([]);
});
