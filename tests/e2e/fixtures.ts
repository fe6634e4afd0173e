/**
 * Shared Playwright fixtures: every test page records console errors, page errors and any request that leaves
 * the site's own origin, and each test fails if any happened.
 */
import { test as base, expect, type Page } from '@playwright/test';

export interface PageWatch {
  errors: string[];
  external: string[];
}

export const test = base.extend<{ watch: PageWatch }>({
  watch: async ({ page, baseURL }, use) => {
    const watch: PageWatch = { errors: [], external: [] };
    const origin = new URL(baseURL ?? 'http://127.0.0.1').origin;
    page.on('console', (msg) => {
      if (msg.type() === 'error') watch.errors.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (err) => watch.errors.push(`page: ${err.message}`));
    page.on('request', (req) => {
      const url = req.url();
      if (url.startsWith('data:') || url.startsWith('blob:')) return;
      if (new URL(url).origin !== origin) watch.external.push(url);
    });
    await use(watch);
    expect(watch.errors, 'console or page errors').toEqual([]);
    expect(watch.external, 'requests that left the site').toEqual([]);
  },
});

export { expect };

/** Whether the page scrolls sideways (it must not, at any width). */
export async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}
