import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { defaults } from '../../lib/params';
import { catalog } from '../../sims/experiments/catalog';
import { expect, test } from './fixtures';

/** Long enough for the slowest default run on a loaded 2-core CI machine. */
const RUN_TIMEOUT = 45_000;

function frameOf(page: Page, id: string): Locator {
  return page.locator(`[data-experiment="${id}"]`);
}

async function waitDone(frame: Locator): Promise<string> {
  // What the figure last said, for the failure message (a timeout alone does not tell idle from running or error).
  let seen = '';
  try {
    await expect
      .poll(
        async () => {
          const status = await frame.getAttribute('data-status');
          // A figure starts when it is on screen: if the page's layout moved it away after the test scrolled to it
          // (figures above it drawing their results), scroll to it again, as a reader would.
          if (status === 'idle') await frame.scrollIntoViewIfNeeded();
          const line = await frame.locator('[role="status"]').first().textContent().catch(() => null);
          seen = `status ${status}; status line "${line?.trim() ?? ''}"`;
          return status;
        },
        { timeout: RUN_TIMEOUT, intervals: [250, 500, 1000] },
      )
      .toBe('done');
  } catch (error) {
    throw new Error(`The figure did not finish within ${RUN_TIMEOUT / 1000} s (${seen})`, { cause: error });
  }
  const key = await frame.getAttribute('data-result-key');
  expect(key).toMatch(/^[0-9a-f]{8}$/);
  return key!;
}

/** Runs of experiment `id` still active in the page's workers (other figures on the page may be computing too). */
async function activeRuns(page: Page, id: string): Promise<number> {
  return page.evaluate(async (experimentId) => {
    const client = (globalThis as unknown as { __simClient?: { stats(): Promise<{ activeExperiments: string[] }[]> } })
      .__simClient;
    if (!client) return -1;
    const stats = await client.stats();
    return stats.reduce((n, s) => n + s.activeExperiments.filter((e) => e === experimentId).length, 0);
  }, id);
}

test('the lab lists every experiment and is reachable from the home page', async ({ page, watch }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Lab', exact: true }).first().click();
  await expect(page).toHaveURL(/\/lab\/$/);
  await expect(page.locator('.lab-entry')).toHaveCount(catalog.length);
  expect(watch.errors).toEqual([]);
});

test('the lab has no axe violations once its figures have run', async ({ page, watch }) => {
  // Every figure on the page runs in turn in one worker: allow for all of them on a loaded machine.
  test.setTimeout(catalog.length * RUN_TIMEOUT);
  await page.goto('/lab/');
  for (const info of catalog) {
    const frame = frameOf(page, info.id);
    await frame.scrollIntoViewIfNeeded();
    await waitDone(frame);
  }
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.help}`)).toEqual([]);
  expect(watch.errors).toEqual([]);
});

/**
 * The first numeric parameter whose slider the figure shows without opening "More settings" (a reader's first move),
 * or null when it has none.
 */
async function firstShownSlider(frame: Locator, info: (typeof catalog)[number]): Promise<[string, Locator] | null> {
  for (const [key, spec] of Object.entries(info.params)) {
    if (spec.kind !== 'number') continue;
    const slider = frame.getByRole('slider', { name: spec.label });
    if (await slider.isVisible()) return [key, slider];
  }
  return null;
}

for (const info of catalog) {
  const firstSlider = Object.entries(info.params).find(([, s]) => s.kind === 'number');

  test.describe(`lab: ${info.id}`, () => {
    test('shows its build-time default at once, and computes another seed in the worker on wasm or cpu', async ({ page, watch }) => {
      test.setTimeout(2 * RUN_TIMEOUT);
      await page.goto('/lab/');
      const frame = frameOf(page, info.id);
      await frame.scrollIntoViewIfNeeded();
      await waitDone(frame);
      await expect(frame.locator('svg, canvas').first()).toBeVisible();
      await frame.getByText('Info', { exact: true }).click();
      await expect(frame.getByTestId('figure-backend')).toHaveText('build');
      await page.goto(`/lab/?${info.id}.seed=2`);
      const other = frameOf(page, info.id);
      await other.scrollIntoViewIfNeeded();
      await waitDone(other);
      await expect(other.locator('svg, canvas').first()).toBeVisible();
      await other.getByText('Info', { exact: true }).click();
      await expect(other.getByTestId('figure-backend')).toHaveText(/^(wasm|cpu)$/);
      expect(watch.errors).toEqual([]);
    });

    test('moving a slider by keyboard reruns it and changes the figure', async ({ page, watch }) => {
      test.skip(!firstSlider, 'no numeric parameter');
      await page.goto('/lab/');
      const frame = frameOf(page, info.id);
      await frame.scrollIntoViewIfNeeded();
      const before = await waitDone(frame);
      const shown = await firstShownSlider(frame, info);
      expect(shown, 'a numeric parameter among the controls shown').not.toBeNull();
      const [key, slider] = shown!;
      await slider.focus();
      await page.keyboard.press('End');
      await expect(page).toHaveURL(new RegExp(`${info.id}\\.${key}=`));
      await expect(frame).not.toHaveAttribute('data-result-key', before, { timeout: RUN_TIMEOUT });
      await waitDone(frame);
      expect(watch.errors).toEqual([]);
    });

    test('after 20 quick slider moves exactly one run is left and the figure shows the last value', async ({ page, watch }) => {
      test.skip(!firstSlider, 'no numeric parameter');
      // Two full runs (the last value, then the same link fresh) on a loaded machine: the heaviest take ~10 s each.
      test.setTimeout(3 * RUN_TIMEOUT);
      await page.goto('/lab/');
      const frame = frameOf(page, info.id);
      await frame.scrollIntoViewIfNeeded();
      await waitDone(frame);
      const shown = await firstShownSlider(frame, info);
      expect(shown, 'a numeric parameter among the controls shown').not.toBeNull();
      const [, slider] = shown!;
      await slider.focus();
      for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
      for (let i = 0; i < 10; i++) await page.keyboard.press(i % 2 === 0 ? 'PageUp' : 'ArrowLeft');
      // Superseded runs are cancelled; once the worker has reached them, at most the newest is left.
      await expect.poll(() => activeRuns(page, info.id), { timeout: RUN_TIMEOUT }).toBeLessThanOrEqual(1);
      const key = await waitDone(frame);
      expect(await activeRuns(page, info.id)).toBe(0);
      // A fresh load of the same link computes the same figure: what is shown belongs to the last value.
      const link = page.url();
      const fresh = await page.context().newPage();
      await fresh.goto(link);
      const freshFrame = frameOf(fresh, info.id);
      await freshFrame.scrollIntoViewIfNeeded();
      expect(await waitDone(freshFrame)).toBe(key);
      await fresh.close();
      expect(watch.errors).toEqual([]);
    });

    test('exports a non-empty PNG and CSV', async ({ page }) => {
      await page.goto('/lab/');
      const frame = frameOf(page, info.id);
      await frame.scrollIntoViewIfNeeded();
      await waitDone(frame);
      for (const [button, pattern] of [
        ['PNG image', /\.png$/],
        ['CSV data', /\.csv$/],
      ] as const) {
        await frame.getByText('Export', { exact: true }).click();
        const [download] = await Promise.all([page.waitForEvent('download'), frame.getByRole('button', { name: button }).click()]);
        expect(download.suggestedFilename()).toMatch(pattern);
        const path = await download.path();
        expect(readFileSync(path!).length).toBeGreaterThan(100);
      }
    });

    test('a malformed link shows a notice and still a valid figure', async ({ page, watch }) => {
      const key = firstSlider?.[0] ?? 'nothing';
      await page.goto(`/lab/?${info.id}.${key}=banana&${info.id}.seed=-7&${info.id}.bogus=1`);
      const frame = frameOf(page, info.id);
      await frame.scrollIntoViewIfNeeded();
      await expect(frame.getByRole('alert').first()).toContainText('fixed');
      await waitDone(frame);
      // The corrected state replaced the bad one in the address bar.
      expect(page.url()).not.toContain('banana');
      expect(watch.errors).toEqual([]);
    });
  });
}

test('"mean of 5 seeds" trains the five networks as one (bc-lane), each seed exactly its own run', async ({ page, watch }) => {
  test.setTimeout(3 * RUN_TIMEOUT);
  await page.goto('/lab/');
  const frame = frameOf(page, 'bc-lane');
  await frame.scrollIntoViewIfNeeded();
  const single = await waitDone(frame);
  await frame.getByLabel('Runs').selectOption('5');
  await expect(frame).not.toHaveAttribute('data-result-key', single, { timeout: RUN_TIMEOUT });
  const band = await waitDone(frame);
  expect(band).not.toBe(single);
  await expect(frame.locator('[role="status"]').first()).toContainText('mean of 5 seeds (band: min–max)');
  await frame.getByText('Info', { exact: true }).click();
  await expect(frame.getByTestId('figure-runtime')).toContainText('5 seeds trained as one network');
  const seeds = (await frame.locator('dt:text-is("Seed") + dd').textContent())!.split(', ').map(Number);
  expect(seeds).toHaveLength(5);

  // In this browser's worker: the batched band against each seed run alone, number for number.
  const params = defaults(catalog.find((c) => c.id === 'bc-lane')!.params);
  const mismatches = await page.evaluate(
    async ({ params, seeds }) => {
      type Client = {
        run(id: string, p: unknown, seed: number): Promise<{ result: unknown }>;
        runSeeds(id: string, p: unknown, seeds: number[]): Promise<{ results: unknown[]; batched: boolean }>;
      };
      const client = (globalThis as unknown as { __simClient: Client }).__simClient;
      const band = await client.runSeeds('bc-lane', params, seeds);
      const out: string[] = band.batched ? [] : ['not batched'];
      for (const [k, seed] of seeds.entries()) {
        const alone = (await client.run('bc-lane', params, seed)).result;
        if (JSON.stringify(alone) !== JSON.stringify(band.results[k])) out.push(`seed ${seed}`);
      }
      return out;
    },
    { params, seeds },
  );
  expect(mismatches).toEqual([]);
  expect(watch.errors).toEqual([]);
});
