// The dagger-lane figure's round stepper: stepping (by keyboard on the slider and with the buttons) changes the round
// shown, the label-budget counter, the states DAgger newly labelled in that round, and the chart's round marker.
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

/** Long enough for the default run on a loaded 2-core machine. */
const RUN_TIMEOUT = 45_000;

/** The text of one row of the label heatmap's data table (screen-reader table: the numbers per lane). */
async function heatmapRow(frame: Locator, label: string): Promise<string> {
  const row = frame.getByTestId('round-labels').locator('tr', { has: frame.page().locator('th', { hasText: label }) });
  return (await row.textContent()) ?? '';
}

test('the round stepper changes the highlighted states and the label budget', async ({ page, watch }) => {
  await page.goto('/lab/');
  const frame = page.locator('[data-experiment="dagger-lane"]');
  await frame.scrollIntoViewIfNeeded();
  await expect(frame).toHaveAttribute('data-status', 'done', { timeout: RUN_TIMEOUT });

  const stepper = frame.getByTestId('round-stepper');
  const counter = frame.getByTestId('label-budget');
  const labels = frame.getByTestId('round-labels');
  // Default: round 1 of 5, where DAgger's learner drove for the first time; 20 + 20 episodes of 40 labels each.
  await expect(stepper).toContainText('Round 1 of 5');
  await expect(counter).toHaveText('Expert labels so far: DAgger 1,600 · BC 1,600 · DART 1,600');
  await expect(labels).toHaveAttribute('data-round', '1');
  const newInRound1 = await heatmapRow(frame, 'DAgger new');
  const allAfterRound1 = await heatmapRow(frame, 'DAgger all');
  await expect(frame.locator('svg text', { hasText: 'round 1' })).toBeVisible();

  // Keyboard: End on the slider jumps to the last round.
  const slider = frame.getByRole('slider', { name: 'Show round' });
  await slider.focus();
  await page.keyboard.press('End');
  await expect(stepper).toContainText('Round 5 of 5');
  await expect(counter).toHaveText('Expert labels so far: DAgger 4,800 · BC 4,800 · DART 4,800');
  await expect(labels).toHaveAttribute('data-round', '5');
  expect(await heatmapRow(frame, 'DAgger new')).not.toBe(newInRound1);
  expect(await heatmapRow(frame, 'DAgger all')).not.toBe(allAfterRound1);
  await expect(frame.locator('svg text', { hasText: 'round 5' })).toBeVisible();
  await expect(frame.getByRole('button', { name: 'Next ›' })).toBeDisabled();

  // Buttons: one round back.
  await frame.getByRole('button', { name: '‹ Previous' }).click();
  await expect(stepper).toContainText('Round 4 of 5');
  await expect(counter).toHaveText('Expert labels so far: DAgger 4,000 · BC 4,000 · DART 4,000');

  // Home: round 0, the demonstrations every method starts from; nothing of DAgger's is "new" off the centre lane.
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(stepper).toContainText('Round 0 of 5');
  await expect(counter).toHaveText('Expert labels so far: DAgger 800 · BC 800 · DART 800');
  await expect(frame.getByTestId('round-caption')).toContainText('Round 0: every method starts from 20 expert');
  await expect(frame.getByRole('button', { name: '‹ Previous' })).toBeDisabled();
  expect(watch.errors).toEqual([]);
});
