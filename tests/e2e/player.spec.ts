/**
 * The trajectory player (components/viz/TrajectoryPlayer.tsx) in the bc-lane widget on /lab/: play advances the
 * "Time step" scrubber, pause holds it, the step buttons move it by exactly one, reset goes to 0, "Skip drawing"
 * jumps to the end, and a reader who prefers reduced motion gets no autoplay.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Long enough for the default bc-lane run on a loaded 2-core machine. */
const RUN_TIMEOUT = 45_000;
const PLAYER_NAME = /^LaneKeep rollouts/;

async function openPlayer(page: Page): Promise<{ player: Locator; scrubber: Locator }> {
  await page.goto('/lab/');
  const frame = page.locator('[data-experiment="bc-lane"]');
  await frame.scrollIntoViewIfNeeded();
  await expect(frame).toHaveAttribute('data-status', 'done', { timeout: RUN_TIMEOUT });
  const player = frame.getByRole('group', { name: PLAYER_NAME });
  await player.scrollIntoViewIfNeeded(); // the animation loop runs only while the player is on screen
  await expect(player.locator('canvas')).toBeVisible();
  const scrubber = player.getByRole('slider', { name: 'Time step' });
  await expect(scrubber).toBeEnabled();
  return { player, scrubber };
}

async function stepOf(scrubber: Locator): Promise<number> {
  return Number(await scrubber.inputValue());
}

async function lastStepOf(scrubber: Locator): Promise<number> {
  return Number(await scrubber.getAttribute('max'));
}

test('plays, pauses, steps by one, resets and skips to the end', async ({ page, watch }) => {
  const { player, scrubber } = await openPlayer(page);
  const last = await lastStepOf(scrubber);
  expect(last).toBeGreaterThan(10);

  // New tracks autoplay (the reader has no reduced-motion preference here).
  await expect(player.getByRole('button', { name: 'Pause' })).toBeVisible();

  // Reset: back to 0, paused.
  await player.getByRole('button', { name: 'Reset to step 0' }).click();
  await expect(player.getByRole('button', { name: 'Play' })).toBeVisible();
  expect(await stepOf(scrubber)).toBe(0);
  await expect(player.getByRole('button', { name: 'Step back' })).toBeDisabled();

  // Play: the scrubber advances.
  await player.getByRole('button', { name: 'Play' }).click();
  await expect(player.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(() => stepOf(scrubber), { timeout: 10_000 }).toBeGreaterThanOrEqual(3);

  // Pause: it stays where it stopped.
  await player.getByRole('button', { name: 'Pause' }).click();
  await expect(player.getByRole('button', { name: 'Play' })).toBeVisible();
  const paused = await stepOf(scrubber);
  expect(paused).toBeGreaterThan(0);
  expect(paused).toBeLessThan(last);
  await page.waitForTimeout(600); // ≥ 7 steps at the widget's 12 steps per second, were it still playing
  expect(await stepOf(scrubber)).toBe(paused);
  await expect(player.locator('canvas')).toHaveAttribute('aria-label', new RegExp(`: step ${paused} of ${last}$`));

  // Step forward and back: exactly one step each, still paused.
  await player.getByRole('button', { name: 'Step forward' }).click();
  expect(await stepOf(scrubber)).toBe(paused + 1);
  await player.getByRole('button', { name: 'Step forward' }).click();
  expect(await stepOf(scrubber)).toBe(paused + 2);
  await player.getByRole('button', { name: 'Step back' }).click();
  expect(await stepOf(scrubber)).toBe(paused + 1);
  await expect(player.getByRole('button', { name: 'Play' })).toBeVisible();

  // Reset again.
  await player.getByRole('button', { name: 'Reset to step 0' }).click();
  expect(await stepOf(scrubber)).toBe(0);

  // Speed "Skip drawing": straight to the last step, where stepping forward is no longer possible.
  await player.getByLabel('Speed').selectOption('skip');
  await expect.poll(() => stepOf(scrubber)).toBe(last);
  await expect(player.getByRole('button', { name: 'Step forward' })).toBeDisabled();
  expect(watch.errors).toEqual([]);
});

test('a rerun in flight leaves the shown rollout where the reader paused it', async ({ page, watch }) => {
  const { player, scrubber } = await openPlayer(page);
  const frame = page.locator('[data-experiment="bc-lane"]');
  await player.getByRole('button', { name: 'Reset to step 0' }).click();
  for (let i = 0; i < 5; i++) await player.getByRole('button', { name: 'Step forward' }).click();
  expect(await stepOf(scrubber)).toBe(5);
  const before = await frame.getAttribute('data-result-key');

  // Every animation frame until the new result arrives: the scrubber's step while the old rollout is still shown.
  await page.evaluate(() => {
    const w = window as unknown as { seen: number[] };
    w.seen = [];
    const fig = document.querySelector('[data-experiment="bc-lane"]')!;
    const input = fig.querySelector<HTMLInputElement>('input[type="range"][aria-valuetext^="step"]')!;
    const key = fig.getAttribute('data-result-key');
    const sample = () => {
      const now = fig.getAttribute('data-result-key');
      if (now !== key && now !== '') return; // '' while it computes
      w.seen.push(Number(input.value));
      requestAnimationFrame(sample);
    };
    sample();
  });
  // A slider change re-renders the figure at once and streams progress while it retrains.
  const slider = frame.getByRole('slider', { name: 'Demonstrations' });
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect
    .poll(async () => {
      const now = await frame.getAttribute('data-result-key');
      return now !== before && now !== '';
    }, { timeout: RUN_TIMEOUT })
    .toBe(true);
  const seen = await page.evaluate(() => (window as unknown as { seen: number[] }).seen);
  expect(seen.length).toBeGreaterThan(3);
  expect(new Set(seen)).toEqual(new Set([5]));
  expect(watch.errors).toEqual([]);
});

test('a faster speed advances further in the same time', async ({ page, watch }) => {
  const { player, scrubber } = await openPlayer(page);
  const last = await lastStepOf(scrubber);
  const advanceIn = async (speed: string, ms: number) => {
    await player.getByLabel('Speed').selectOption(speed);
    await player.getByRole('button', { name: 'Reset to step 0' }).click();
    await player.getByRole('button', { name: 'Play' }).click();
    await page.waitForTimeout(ms);
    const step = await stepOf(scrubber);
    await player.getByRole('button', { name: 'Reset to step 0' }).click(); // pauses, even if it reached the end
    return step;
  };
  const slow = await advanceIn('0.25', 1000); // 3 steps per second
  const fast = await advanceIn('4', 500); // 48 steps per second (stops at the end)
  expect(slow).toBeLessThan(Math.min(last, 8));
  expect(fast).toBeGreaterThan(slow);
  expect(watch.errors).toEqual([]);
});

test('does not autoplay when the reader prefers reduced motion', async ({ page, watch }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const { player, scrubber } = await openPlayer(page);
  const last = await lastStepOf(scrubber);
  // At rest on the last frame (the whole story), not playing, and it stays there.
  await expect(player.getByRole('button', { name: 'Play' })).toBeVisible();
  await expect(player.getByRole('button', { name: 'Pause' })).toHaveCount(0);
  expect(await stepOf(scrubber)).toBe(last);
  await page.waitForTimeout(1000);
  expect(await stepOf(scrubber)).toBe(last);
  await expect(player.getByRole('button', { name: 'Play' })).toBeVisible();

  // The reader can still ask for it: Play starts over from 0 and advances.
  await player.getByRole('button', { name: 'Play' }).click();
  await expect
    .poll(async () => {
      const step = await stepOf(scrubber);
      return step > 0 && step < last;
    }, { timeout: 10_000 })
    .toBe(true);
  expect(watch.errors).toEqual([]);
});
