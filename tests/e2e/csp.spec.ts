/**
 * The strict Content Security Policy (DESIGN.md, "Security"; scripts/csp.mjs writes it into every page, and
 * scripts/serve.mjs sends it as a header): every page, with every figure run to its result, raises no
 * `securitypolicyviolation` event and logs no CSP error — the theme-init script, Next's inline bootstrap, KaTeX, the
 * simulation worker on the tfjs wasm backend (which needs 'wasm-unsafe-eval'), the service worker and lecture mode
 * all run under it. The fixtures' console watch fails a test on any console error as well.
 */
import type { Page } from '@playwright/test';
import { toc } from '../../content/toc';
import { expect, runAllFigures, test } from './fixtures';

const pages = ['/', ...toc.map((c) => `/learn/${c.slug}/`), '/references/', '/lab/', '/lecture/?deck=lane-horizon,bc-lane&scene=1'];

type Recorded = Window & { __cspViolations?: string[] };

/** Records every CSP violation the page reports, from its first script on, and every CSP message on the console. */
async function recordViolations(page: Page): Promise<string[]> {
  const messages: string[] = [];
  page.on('console', (msg) => {
    if (/content security policy|refused to/i.test(msg.text())) messages.push(`console: ${msg.text()}`);
  });
  page.on('worker', (worker) =>
    worker.on('console', (msg) => {
      if (/content security policy|refused to/i.test(msg.text())) messages.push(`worker console: ${msg.text()}`);
    }),
  );
  await page.addInitScript(() => {
    const w = window as Recorded;
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__cspViolations!.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  return messages;
}

async function violations(page: Page, messages: string[]): Promise<string[]> {
  const events = await page.evaluate(() => (window as Recorded).__cspViolations ?? ['listener missing']);
  return [...events, ...messages];
}

test('the policy is in force: the page carries it, and an injected inline script is refused and reported', async ({ page }) => {
  await recordViolations(page);
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(meta).not.toContain("'unsafe-eval'");
  // The theme-init inline script ran (it is allowed by its hash).
  await expect(page.locator('html')).toHaveAttribute('data-theme', /^(light|dark)$/);
  // An inline script the build did not hash (what an injection would be) does not run, and is reported.
  const injectedRan = await page.evaluate(() => {
    const w = window as Recorded & { __injected?: boolean };
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.head.appendChild(script);
    return w.__injected === true;
  });
  expect(injectedRan).toBe(false);
  // Reported once by each policy in force: the page's meta tag and the server's header.
  await expect
    .poll(() => page.evaluate(() => (window as Recorded).__cspViolations))
    .toEqual([expect.stringMatching(/^script-src-elem blocked inline /), expect.stringMatching(/^script-src-elem blocked inline /)]);
});

for (const path of pages) {
  test(`${path}: no CSP violation with every figure run to its result`, async ({ page, watch }) => {
    void watch;
    test.setTimeout(240_000);
    const messages = await recordViolations(page);
    await page.goto(path);
    await runAllFigures(page);
    await page.waitForLoadState('networkidle');
    expect(await violations(page, messages)).toEqual([]);
  });
}

test('/lab/: the worker trains on the tfjs wasm backend under the policy', async ({ page, watch }) => {
  void watch;
  test.setTimeout(120_000);
  const messages = await recordViolations(page);
  // Seed 2 is not shipped with the page: the figure computes in the worker.
  await page.goto('/lab/?bc-lane.seed=2#lab-bc-lane');
  const frame = page.locator('[data-experiment="bc-lane"]');
  await frame.scrollIntoViewIfNeeded();
  await expect(frame).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await frame.getByText('Info', { exact: true }).click();
  // Without 'wasm-unsafe-eval' the backend would fall back to cpu silently.
  await expect(frame.getByTestId('figure-backend')).toHaveText('wasm');
  expect(await violations(page, messages)).toEqual([]);
});

test.describe('with the service worker', () => {
  test.use({ serviceWorkers: 'allow' });
  test('registers and activates under the policy', async ({ page, watch }) => {
    void watch;
    test.setTimeout(120_000);
    const messages = await recordViolations(page);
    await page.goto('/');
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toMatch(/\/$/);
    expect(await violations(page, messages)).toEqual([]);
  });
});
