/**
 * Lecture mode (issue 14): the deck page, scenes driven by keys and a clicker, presets, blanking, the projector
 * layout at 1024×768 and 1920×1080 (no scrolling, nothing clipped, tick labels measured), axe in the projector
 * theme, a malformed deck, the presenter view synced over BroadcastChannel, and "Present this figure".
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { lecture } from '@/content/lecture';
import { RUN_TIMEOUT, expect, test } from './fixtures';

/** A deck of every scene of the lecture, in order: scene n of it is `lecture[n - 1]`. */
const EVERY = lecture.map((s) => s.experiment).join(',');

/** The scene numbers (in EVERY) of each chapter, in order: the layout test runs one chapter at a time. */
const byChapter = new Map<string, number[]>();
lecture.forEach((s, i) => byChapter.set(s.chapter, [...(byChapter.get(s.chapter) ?? []), i + 1]));

function counter(page: Page) {
  return page.getByTestId('scene-counter');
}

/** The scene's figure, once it shows its final result. */
async function sceneDone(page: Page): Promise<string> {
  const frame = page.locator('[data-scene-stage] [data-experiment]');
  await expect(frame).toHaveAttribute('data-status', 'done', { timeout: RUN_TIMEOUT });
  return (await frame.getAttribute('data-result-key'))!;
}

test.describe('the deck page', () => {
  test('builds a deck into a shareable URL and starts presenting it', async ({ page, watch }) => {
    await page.goto('/lecture/');
    // One card per scene of the lecture content (every chapter figure's experiment).
    await expect(page.locator('[data-scene-card]')).toHaveCount(lecture.length);
    // Every card has a thumbnail drawn from its build-time result (static paths, no worker).
    await expect(page.locator('[data-scene-card] svg[data-thumbnail] path').first()).toBeVisible();
    for (const id of ['bc-lane', 'lane-horizon', 'dagger-car']) {
      await page.locator(`[data-scene-card="${id}"]`).getByRole('button', { name: /^Add to deck/ }).click();
    }
    await page.locator('[data-scene-card="lane-horizon"]').getByLabel('Preset').selectOption('eps-001');
    await page.locator('[data-scene-card="lane-horizon"]').getByRole('button', { name: /Add/ }).click();
    await expect(page).toHaveURL(/deck=bc-lane,lane-horizon,dagger-car,lane-horizon@eps-001$/);
    await expect(page.getByTestId('deck-list').locator('li')).toHaveCount(4);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.getByRole('button', { name: 'Start presenting' }).click();
    await expect(counter(page)).toHaveText('scene 1/4');
    expect(watch.errors).toEqual([]);
  });

  test('a malformed deck shows a notice and the valid scenes', async ({ page }) => {
    await page.goto('/lecture/?deck=bc-lane,nonsense,lane-horizon@no-such-preset,,dagger-car');
    const notice = page.getByTestId('deck-notice');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('“nonsense” is not a figure');
    await expect(notice).toContainText('lane-horizon has no preset “no-such-preset”');
    await expect(page.getByTestId('deck-list').locator('li')).toHaveCount(3);
    // Presenting a malformed deck: the valid scenes, with the notice on the first.
    await page.goto('/lecture/?deck=nonsense,lane-horizon,dagger-car&scene=1');
    await expect(page.getByTestId('deck-notice')).toContainText('“nonsense” is not a figure');
    await expect(counter(page)).toHaveText('scene 1/2');
    // A scene number out of range falls back to the deck, with a notice.
    await page.goto('/lecture/?deck=bc-lane&scene=7');
    await expect(page.getByTestId('deck-notice')).toContainText('not a number from 1 to 1');
  });
});

test.describe('a scene', () => {
  test('PageDown / PageUp and the arrows move between scenes, also with a slider focused; Esc leaves', async ({ page }) => {
    await page.goto('/lecture/?deck=lane-horizon,gail-lane,two-worlds&scene=1');
    await expect(counter(page)).toHaveText('scene 1/3');
    await page.keyboard.press('PageDown');
    await expect(counter(page)).toHaveText('scene 2/3');
    await page.keyboard.press('ArrowRight');
    await expect(counter(page)).toHaveText('scene 3/3');
    await page.keyboard.press('PageUp');
    await expect(counter(page)).toHaveText('scene 2/3');
    await page.keyboard.press('ArrowLeft');
    await expect(counter(page)).toHaveText('scene 1/3');

    // A focused slider: the arrows adjust it (focused on purpose), PageDown (a clicker) still advances.
    await sceneDone(page);
    const slider = page.getByRole('slider', { name: /Tremble ε/ });
    await slider.focus();
    const before = await slider.inputValue();
    await page.keyboard.press('ArrowRight');
    await expect(slider).not.toHaveValue(before);
    await expect(counter(page)).toHaveText('scene 1/3');
    await page.keyboard.press('PageDown');
    await expect(counter(page)).toHaveText('scene 2/3');

    await page.keyboard.press('Escape');
    await expect(page.getByRole('heading', { name: 'Lecture mode' })).toBeVisible();
    await expect(page.getByTestId('deck-list').locator('li')).toHaveCount(3);
  });

  test('1–9 apply presets (the figure changes to the preset’s build-time result), r resets, s reseeds, b blanks', async ({ page }) => {
    await page.goto('/lecture/?deck=lane-horizon&scene=1');
    const first = await sceneDone(page);
    await expect(page.getByTestId('figure-status')).toContainText('Computed at build time');
    await page.keyboard.press('2');
    await expect(page.locator('[data-scene]')).toHaveAttribute('data-preset', 'eps-001');
    await expect(page).toHaveURL(/deck=lane-horizon@eps-001/);
    const second = await sceneDone(page);
    expect(second).not.toBe(first);
    await expect(page.getByTestId('figure-status')).toContainText('Computed at build time');
    await expect(page.getByRole('slider', { name: /Tremble ε/ })).toHaveValue('0.01');
    await expect(page.getByRole('button', { name: /ε = 0.01/ })).toHaveAttribute('aria-pressed', 'true');

    // Move a slider (a worker run), then r: back to the preset's own result.
    const slider = page.getByRole('slider', { name: /Tremble ε/ });
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await expect(page).toHaveURL(/s1\.epsilon=0\.015/);
    const moved = await sceneDone(page);
    expect(moved).not.toBe(second);
    await page.locator('[data-scene]').focus();
    await page.keyboard.press('r');
    await expect(page).not.toHaveURL(/s1\.epsilon/);
    expect(await sceneDone(page)).toBe(second);

    await page.keyboard.press('s');
    await expect(page).toHaveURL(/s1\.seed=2/);

    await page.keyboard.press('b');
    await expect(page.getByTestId('blank')).toBeVisible();
    await page.keyboard.press('.');
    await expect(page.getByTestId('blank')).toHaveCount(0);
  });

  test('Space plays and pauses an animated scene; ? opens the keys', async ({ page }) => {
    await page.goto('/lecture/?deck=bc-lane,lane-horizon&scene=1');
    await sceneDone(page);
    const toggle = page.locator('[data-scene-stage] [data-player-toggle]');
    await expect(toggle).toBeEnabled();
    // A known state that a slow machine cannot race: paused at step 0, at a quarter speed (21 s for the whole run;
    // the new result autoplays, and could otherwise end between two key presses).
    const player = page.locator('[data-scene-stage]').getByRole('group', { name: /^LaneKeep rollouts/ });
    await player.getByLabel('Speed').selectOption('0.25');
    await player.getByRole('button', { name: 'Reset to step 0' }).click();
    await expect(toggle).toHaveAttribute('aria-label', 'Play');
    await page.locator('[data-scene]').focus();
    await page.keyboard.press('Space');
    await expect(toggle).toHaveAttribute('aria-label', 'Pause');
    await page.keyboard.press('Space');
    await expect(toggle).toHaveAttribute('aria-label', 'Play');
    await expect(counter(page)).toHaveText('scene 1/2');
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keys' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(counter(page)).toHaveText('scene 1/2');
  });

  test('f asks for full screen, and nothing else changes', async ({ page, watch }) => {
    await page.goto('/lecture/?deck=bc-lane,lane-horizon&scene=1');
    await expect(counter(page)).toHaveText('scene 1/2');
    const url = page.url();
    // Headless Chromium may refuse full screen: record what the page asks for, and whether the key was taken.
    await page.evaluate(() => {
      const w = window as unknown as { asked: string[] };
      w.asked = [];
      document.documentElement.requestFullscreen = () => (w.asked.push('enter'), Promise.resolve());
      window.addEventListener('keydown', (e) => e.key === 'f' && w.asked.push(e.defaultPrevented ? 'taken' : 'ignored'), {
        capture: true,
      });
    });
    await page.keyboard.press('f');
    expect(await page.evaluate(() => (window as unknown as { asked: string[] }).asked)).toEqual(['enter', 'taken']);
    expect(page.url()).toBe(url);
    await expect(counter(page)).toHaveText('scene 1/2');
    await expect(page.getByRole('heading', { name: 'Lecture mode' })).toHaveCount(0);
    // The keys still work after it.
    await page.keyboard.press('PageDown');
    await expect(counter(page)).toHaveText('scene 2/2');
    expect(watch.errors).toEqual([]);
  });

  test('a swipe left or right changes the scene (not one that starts on a control)', async ({ page }) => {
    await page.goto('/lecture/?deck=bc-lane,lane-horizon,two-worlds&scene=2');
    await expect(counter(page)).toHaveText('scene 2/3');
    const swipe = (selector: string, dx: number) =>
      page.evaluate(
        ({ selector, dx }) => {
          const target = document.querySelector(selector)!;
          const r = target.getBoundingClientRect();
          const at = (x: number) => new Touch({ identifier: 1, target, clientX: x, clientY: r.top + r.height / 2 });
          const x0 = r.left + r.width / 2;
          target.dispatchEvent(new TouchEvent('touchstart', { bubbles: true, touches: [at(x0)], changedTouches: [at(x0)] }));
          target.dispatchEvent(new TouchEvent('touchend', { bubbles: true, touches: [], changedTouches: [at(x0 + dx)] }));
        },
        { selector, dx },
      );
    await swipe('[data-scene] h1', -200);
    await expect(counter(page)).toHaveText('scene 3/3');
    await swipe('[data-scene] h1', 200);
    await expect(counter(page)).toHaveText('scene 2/3');
    await swipe('[data-scene] h1', 200);
    await expect(counter(page)).toHaveText('scene 1/3');
    // A drag that starts on a button is the button's: one swipe on it and one on the title go one scene, not two.
    await swipe('[data-scene] nav[aria-label="Presets"] button', -200);
    await swipe('[data-scene] h1', -200);
    await expect(counter(page)).toHaveText('scene 2/3');
  });

  test('p opens the presenter view in a second window, on the same scene', async ({ page }) => {
    await page.goto('/lecture/?deck=lane-horizon,gail-lane&scene=2');
    await expect(counter(page)).toHaveText('scene 2/2');
    const opened = page.context().waitForEvent('page');
    await page.keyboard.press('p');
    const presenter = await opened;
    await expect(presenter).toHaveURL(/[?&]presenter=1/);
    await expect(presenter).toHaveURL(/deck=lane-horizon,gail-lane/);
    await expect(presenter.getByTestId('presenter-scene')).toContainText('Scene 2 of 2');
    await expect(presenter.getByRole('status')).toContainText('connected');
    // The audience window stays where it was.
    await expect(counter(page)).toHaveText('scene 2/2');
    await presenter.close();
  });

  for (const [width, height, minTick] of [
    [1024, 768, 18],
    [1920, 1080, 24],
  ] as const) {
    for (const [chapter, scenes] of byChapter) {
      test(`every scene of ${chapter} fits ${width}×${height} with no scrolling, ticks ≥ ${minTick} px, lines ≥ 3 px`, async ({ page }) => {
        test.setTimeout(180_000);
        await page.setViewportSize({ width, height });
        for (const n of scenes) {
          await page.goto(`/lecture/?deck=${EVERY}&scene=${n}`);
          await sceneDone(page);
          // The fit settles (charts shrink to the stage once the result is drawn, and again if an animation or a
          // scrollbar changes the figure's size; the stage says when it is done): measured until it is done and fits.
          const measure = () => page.evaluate(() => {
            const de = document.documentElement;
            const stage = document.querySelector('[data-scene-stage]')!;
            const ticks = [...document.querySelectorAll('[data-scene-stage] .recharts-cartesian-axis-tick-value')];
            const lines = [...document.querySelectorAll('[data-scene-stage] .recharts-line-curve')].filter(
              (l) => getComputedStyle(l).stroke !== 'none',
            );
            const below = [...document.querySelectorAll('[data-scene-stage] svg, [data-scene-stage] canvas, [data-scene-stage] p')].filter(
              (e) => e.getBoundingClientRect().height > 0 && e.getBoundingClientRect().bottom > stage.getBoundingClientRect().bottom + 1,
            );
            return {
              scrollX: de.scrollWidth - de.clientWidth,
              scrollY: de.scrollHeight - de.clientHeight,
              stageOverflow: stage.scrollHeight - stage.clientHeight,
              clipped: below.length,
              ticks: ticks.map((t) => parseFloat(getComputedStyle(t).fontSize)),
              lines: lines.map((l) => parseFloat(l.getAttribute('stroke-width') ?? '0')),
              done: stage.getAttribute('data-fit') === 'done',
            };
          });
          const where = `scene ${n} (${lecture[n - 1].experiment}) at ${width}×${height}`;
          const fits = (m: Awaited<ReturnType<typeof measure>>) =>
            m.done && m.scrollX <= 0 && m.scrollY <= 0 && m.stageOverflow <= 1 && m.clipped === 0;
          let m = await measure();
          await expect
            .poll(async () => fits((m = await measure())), { timeout: 15_000, intervals: [250] })
            .toBe(true)
            .catch(() => undefined);
          expect(m.done, `${where}: the fit settles`).toBe(true);
          expect(m.scrollX, where).toBeLessThanOrEqual(0);
          expect(m.scrollY, where).toBeLessThanOrEqual(0);
          expect(m.stageOverflow, `${where}: the figure is taller than the stage`).toBeLessThanOrEqual(1);
          expect(m.clipped, `${where}: drawings or text below the stage`).toBe(0);
          if (m.ticks.length > 0) expect(Math.min(...m.ticks), where).toBeGreaterThanOrEqual(minTick);
          if (m.lines.length > 0) expect(Math.min(...m.lines), where).toBeGreaterThanOrEqual(3);
        }
      });
    }
  }

  test('a focused driving area keeps the arrow keys (a student steers); a clicker still advances', async ({ page }) => {
    await page.goto('/lecture/?deck=human-dagger,bc-lane,lane-horizon&scene=1');
    await expect(counter(page)).toHaveText('scene 1/3');
    const area = page.getByRole('group', { name: /^Driving area/ });
    await area.focus();
    // Two right arrows would reach scene 3 if lecture mode took them; the clicker's one PageDown must land on 2.
    for (let i = 0; i < 2; i++) {
      await page.keyboard.down('ArrowRight');
      await page.keyboard.up('ArrowRight');
    }
    await page.keyboard.press('PageDown');
    await expect(counter(page)).toHaveText('scene 2/3');
  });

  test('is axe clean in the projector theme (white, dark theme one key away)', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('/lecture/?deck=lane-horizon,dagger-lane&scene=1');
    await sceneDone(page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'projector');
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('[data-scene]')!).backgroundColor)).toBe('rgb(255, 255, 255)');
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    await page.keyboard.press('d');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.keyboard.press('d');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'projector');
  });
});

test('the presenter view drives the audience window and follows it (BroadcastChannel)', async ({ page, context }) => {
  const deck = 'lane-horizon,gail-lane,two-worlds';
  await page.goto(`/lecture/?deck=${deck}&scene=1`);
  await expect(counter(page)).toHaveText('scene 1/3');
  const presenter = await context.newPage();
  await presenter.goto(`/lecture/?deck=${deck}&scene=1&presenter=1`);
  await expect(presenter.getByRole('status')).toContainText('connected');
  await expect(presenter.getByTestId('presenter-scene')).toContainText('Scene 1 of 3');
  await expect(presenter.getByText('Ask the room')).toBeVisible();
  await presenter.keyboard.press('ArrowRight');
  await expect(counter(page)).toHaveText('scene 2/3');
  await expect(presenter.getByTestId('presenter-scene')).toContainText('Scene 2 of 3');
  // And back: the audience window moves, the presenter view follows.
  await page.bringToFront();
  await page.keyboard.press('PageDown');
  await expect(presenter.getByTestId('presenter-scene')).toContainText('Scene 3 of 3');
  // A preset from the presenter view.
  await presenter.getByRole('button', { name: /a = 1.05: open loop unstable/ }).click();
  await expect(page.locator('[data-scene]')).toHaveAttribute('data-preset', 'unstable');
  await presenter.close();
});

test('"Present this figure" opens the figure as a scene with the reader’s parameters', async ({ page }) => {
  await page.goto('/learn/compounding-error/?lane-horizon.epsilon=0.05');
  const frame = page.locator('[data-experiment="lane-horizon"]');
  await frame.scrollIntoViewIfNeeded();
  await expect(frame.getByRole('slider', { name: /Tremble ε/ })).toHaveValue('0.05');
  const link = frame.getByRole('link', { name: 'Present this figure' });
  await expect(link).toHaveAttribute('href', /\/lecture\/\?deck=lane-horizon&scene=1&s1\.epsilon=0\.05/);
  await link.click();
  await expect(counter(page)).toHaveText('scene 1/1');
  await expect(page.getByRole('slider', { name: /Tremble ε/ })).toHaveValue('0.05');
  await sceneDone(page);
});

test.describe('offline', () => {
  test.use({ serviceWorkers: 'allow' });

  test('after one visit /lecture/ says it is ready, and three scenes load and rerun with the network off', async ({ page, context }) => {
    test.setTimeout(180_000);
    await page.goto('/lecture/');
    await expect(page.getByTestId('offline-status')).toContainText('Ready offline', { timeout: 90_000 });
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByTestId('offline-status')).toContainText('Ready offline');
    const deck = 'lane-horizon,gail-lane,two-worlds';
    await page.goto(`/lecture/?deck=${deck}&scene=1`);
    for (const [n, slider] of [
      [1, /Tremble ε/],
      [2, /Tremble ε/],
      [3, /Open-loop rate a/],
    ] as const) {
      await expect(counter(page)).toHaveText(`scene ${n}/3`);
      const shipped = await sceneDone(page);
      const input = page.getByRole('slider', { name: slider });
      await input.focus();
      await page.keyboard.press('ArrowRight');
      // A worker run (worker script and wasm from the cache) gives a new result.
      await expect(page.locator('[data-scene-stage] [data-experiment]')).not.toHaveAttribute('data-result-key', shipped, { timeout: RUN_TIMEOUT });
      expect(await sceneDone(page)).not.toBe(shipped);
      await page.keyboard.press('PageDown');
    }
    await context.setOffline(false);
  });
});
