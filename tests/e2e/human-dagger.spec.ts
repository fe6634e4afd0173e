/**
 * The "you are the expert" figure (human-dagger, chapter 4): a scripted "human" drives a lap with key presses (the
 * page's clock is driven by the test, so 30 s of driving take a few seconds), the worker clones the drive, the human
 * answers every question with arrow keys, and the off-track table and chart gain a round each time. Axe finds no
 * violations while a question is on screen and at the end; a malformed import is rejected with its reason.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, RUN_TIMEOUT, test } from './fixtures';

const PATH = '/learn/dagger/';
const ROUNDS = 4;
const QUERIES = 8;

function session(page: Page): Locator {
  return page.locator('section[data-phase]');
}

/** Scrolls to the figure (its code loads as it nears the viewport) and returns its session panel, on screen. */
async function openSession(page: Page): Promise<Locator> {
  await page.locator('#fig-human-dagger').scrollIntoViewIfNeeded();
  const fig = session(page);
  await fig.scrollIntoViewIfNeeded();
  return fig;
}

interface CarNow {
  t: number;
  e: number;
  psi: number;
  kappa: number;
  driving: boolean;
  done: boolean;
}

/** The scripted driver: hold ← or → when the wanted yaw rate (bend ahead, offset, heading) is beyond a dead band. */
function wanted(s: { e: number; psi: number; kappa: number }): -1 | 0 | 1 {
  const w = 3.3 * s.kappa - 1.2 * s.e - 3 * s.psi;
  return w > 0.25 ? 1 : w < -0.25 ? -1 : 0;
}

async function driveLap(page: Page): Promise<void> {
  const fig = session(page);
  const stage = fig.getByRole('group', { name: /Driving area/ });
  await fig.getByRole('button', { name: 'Start driving' }).click();
  await expect(stage).toBeFocused();
  let held: -1 | 0 | 1 = 0;
  const keyOf = (d: -1 | 1) => (d === 1 ? 'ArrowLeft' : 'ArrowRight');
  for (let i = 0; i < 400; i++) {
    const now = JSON.parse((await stage.getAttribute('data-state')) ?? '{}') as CarNow;
    if (now.done) break;
    const want = wanted(now);
    if (want !== held) {
      if (held !== 0) await page.keyboard.up(keyOf(held));
      if (want !== 0) await page.keyboard.down(keyOf(want));
      held = want;
    }
    await page.clock.runFor(100);
  }
  if (held !== 0) await page.keyboard.up(keyOf(held));
  await expect(fig.getByTestId('drive-status')).toContainText('30.0 s of 30 s');
}

test('drive a lap by keys, clone it, answer every question by keys; the chart gains a round each time', async ({ page, watch }) => {
  test.setTimeout(6 * RUN_TIMEOUT);
  await page.clock.install();
  await page.goto(PATH);
  const fig = await openSession(page);
  await page.clock.pauseAt(Date.now() + 60_000);
  const started = Date.now();
  await driveLap(page);
  const status = await fig.getByTestId('drive-status').textContent();
  await page.clock.resume();

  const timings: string[] = [];
  let mark = Date.now();
  const lap = (what: string) => {
    timings.push(`${what} ${((Date.now() - mark) / 1000).toFixed(1)} s`);
    mark = Date.now();
  };
  await fig.getByRole('button', { name: 'Clone my drive' }).click();
  const table = fig.getByTestId('rounds-table').locator('tbody tr');
  await expect(table).toHaveCount(1, { timeout: RUN_TIMEOUT });
  lap('clone trained and raced');
  const question = fig.getByTestId('question');
  for (let round = 1; round <= ROUNDS; round++) {
    await expect(question).toBeVisible({ timeout: RUN_TIMEOUT });
    lap(`round ${round} lap driven and questions chosen`);
    await expect(question).toBeFocused();
    if (round === 1) {
      const axe = await new AxeBuilder({ page }).include('section[data-phase]').analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    }
    for (let k = 0; k < QUERIES; k++) {
      await expect(question).toContainText(`Round ${round}, question ${k + 1} of ${QUERIES}`);
      const s = JSON.parse((await question.getAttribute('data-state')) ?? '{}') as { e: number; psi: number };
      const w = -1.2 * s.e - 3 * s.psi;
      await page.keyboard.press(w > 0.25 ? 'ArrowLeft' : w < -0.25 ? 'ArrowRight' : 'ArrowUp');
    }
    lap(`round ${round} answered (by script)`);
    await expect(table).toHaveCount(round + 1, { timeout: RUN_TIMEOUT });
    lap(`round ${round} retrained and raced`);
    await expect(fig.getByTestId('label-counter')).toContainText(`Labels you have given: ${round * QUERIES}`);
  }
  await expect(fig).toHaveAttribute('data-phase', 'done', { timeout: RUN_TIMEOUT });
  const rows = await table.allTextContents();
  console.log(`scripted human: ${status}; rounds: ${rows.join(' | ')}; ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`timings: ${timings.join('; ')}`);

  // Step 4: the same number of labels as an extra lap of the human's own driving, for BC.
  await fig.getByRole('button', { name: 'Drive an extra lap for BC' }).click();
  await expect(fig).toHaveAttribute('data-phase', 'extra');
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
  await driveLap(page);
  await page.clock.resume();
  mark = Date.now();
  await fig.getByRole('button', { name: 'Train BC on this lap' }).click();
  const bcSummary = fig.getByTestId('bc-summary');
  await expect(bcSummary).toContainText(`BC given the same ${ROUNDS * QUERIES} extra labels from your extra lap`, { timeout: RUN_TIMEOUT });
  lap('BC trained on the extra lap and raced');
  await expect(fig.locator('svg text', { hasText: 'BC on your extra lap' }).first()).toBeVisible();
  console.log(`extra lap: ${await bcSummary.textContent()}`);
  console.log(`timings: ${timings.join('; ')}`);

  const axe = await new AxeBuilder({ page }).include('section[data-phase]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  expect(watch.errors).toEqual([]);
});

test('a malformed drive file is rejected with the reason; the automatic expert can drive instead', async ({ page, watch }) => {
  test.setTimeout(3 * RUN_TIMEOUT);
  await page.goto(PATH);
  const fig = await openSession(page);
  await fig.getByLabel('Import a drive').setInputFiles({ name: 'drive.json', mimeType: 'application/json', buffer: Buffer.from('{"format": ') });
  await expect(fig.getByRole('alert')).toContainText('not valid JSON');
  await fig.getByRole('button', { name: 'Let the automatic expert drive' }).click();
  await fig.getByRole('button', { name: 'Clone the expert’s drive' }).click();
  const question = fig.getByTestId('question');
  await expect(question).toBeVisible({ timeout: RUN_TIMEOUT });
  // The clone's lap replays up to the state asked about, and stops there.
  await expect(question).toHaveAttribute('data-replay-done', 'true');
  // A continuous answer: the slider by keyboard, then its button.
  const value = question.getByRole('slider', { name: /steering value/ });
  await value.focus();
  await page.keyboard.press('End');
  await expect(value).toHaveAttribute('aria-valuetext', '1.2 rad/s left');
  await question.getByRole('button', { name: 'Answer 1.2' }).click();
  await expect(question).toContainText('question 2 of');
  await expect(value).toHaveValue('0');
  await fig.getByRole('button', { name: 'Let the automatic expert answer this round' }).click();
  await expect(fig.getByTestId('rounds-table').locator('tbody tr')).toHaveCount(2, { timeout: RUN_TIMEOUT });
  expect(watch.errors).toEqual([]);
});

test.describe('on a 375 px touch screen', () => {
  test.use({ hasTouch: true, isMobile: true, viewport: { width: 375, height: 812 } });

  test('the on-screen buttons steer the car while held', async ({ page, watch }) => {
    await page.clock.install();
    await page.goto(PATH);
    const fig = await openSession(page);
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 60_000);
    await fig.getByRole('button', { name: 'Start driving' }).tap();
    const stage = fig.getByRole('group', { name: /Driving area/ });
    const now = async () => JSON.parse((await stage.getAttribute('data-state')) ?? '{}') as CarNow;
    // A finger held on "Left" for a second, then lifted (pointer events, as a touch screen sends them).
    const left = fig.getByRole('button', { name: 'Steer left (hold)' });
    await left.dispatchEvent('pointerdown', { pointerType: 'touch', pointerId: 7, isPrimary: true });
    await page.clock.runFor(1000);
    const held = await now();
    await left.dispatchEvent('pointerup', { pointerType: 'touch', pointerId: 7, isPrimary: true });
    await page.clock.runFor(1000);
    const after = await now();
    expect(held.t).toBeGreaterThanOrEqual(9);
    // Steering left turned the car to the left of the road's direction (untouched, the bend ahead leaves it pointing
    // 0.65 rad to the right of the road by then); after release it is still driving.
    expect(held.psi).toBeGreaterThan(0.1);
    expect(after.t).toBeGreaterThan(held.t);
    expect(after.driving).toBe(true);
    expect(watch.errors).toEqual([]);
  });
});
