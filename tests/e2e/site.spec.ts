import AxeBuilder from '@axe-core/playwright';
import { references } from '../../content/references';
import { toc } from '../../content/toc';
import { expect, hasHorizontalScroll, runAllFigures, runToDone, test } from './fixtures';

const chapterPages = toc.map((c) => `/learn/${c.slug}/`);
const pages = ['/', ...chapterPages, '/references/'];

for (const path of pages) {
  test.describe(`page ${path}`, () => {
    test('loads with status 200, no errors, nothing fetched from elsewhere', async ({ page, watch }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await expect(page.locator('h1')).toHaveCount(1);
      await page.waitForLoadState('networkidle');
      expect(watch.errors).toEqual([]);
    });

    for (const theme of ['light', 'dark'] as const) {
      test(`has no axe violations in ${theme} mode`, async ({ page, watch }) => {
        await page.emulateMedia({ colorScheme: theme });
        await page.goto(path);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        const results = await new AxeBuilder({ page }).analyze();
        const summary = results.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.help}`);
        expect(summary).toEqual([]);
        expect(watch.errors).toEqual([]);
      });
    }

    test('fits a 375 px wide phone without sideways scrolling, after every figure has rendered', async ({ page, watch }) => {
      test.setTimeout(240_000);
      await page.setViewportSize({ width: 375, height: 800 });
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      await runAllFigures(page);
      const wide = await page.evaluate(() => {
        const W = document.documentElement.clientWidth;
        return [...document.querySelectorAll('body *')]
          // Screen-reader-only content (.visually-hidden, KaTeX's MathML) is clipped to 1 px whatever its boxes say.
          // Inside an <svg> the svg's own box is what counts (it clips what it draws, e.g. a curve leaving the plot).
          .filter((el) => !(el.closest('svg') && el.tagName.toLowerCase() !== 'svg'))
          .filter((el) => el.getBoundingClientRect().right > W + 1 && !el.closest('.visually-hidden, .katex-mathml, .katex-display, pre'))
          .slice(0, 5)
          .map((el) => `${el.tagName.toLowerCase()}.${String(el.getAttribute('class') ?? '')}`);
      });
      expect(wide, 'elements wider than the screen').toEqual([]);
      expect(await hasHorizontalScroll(page)).toBe(false);
      // Screen-reader-only content is clipped to 1 px whatever it holds (a data table keeps its full width otherwise).
      const hidden = await page.locator('.visually-hidden').evaluateAll((els) =>
        els.map((el) => el.getBoundingClientRect().width).filter((w) => w > 1),
      );
      expect(hidden).toEqual([]);
      expect(watch.errors).toEqual([]);
    });
  });
}

for (const path of chapterPages) {
  test(`${path} renders its math with KaTeX at build time`, async ({ page, watch }) => {
    await page.goto(path);
    expect(await page.locator('.katex').count()).toBeGreaterThan(5);
    await expect(page.locator('.katex-error')).toHaveCount(0);
    // Equations are numbered within the chapter, with its number in front: (3.1) is chapter 3's first.
    const chapterNumber = toc.find((c) => `/learn/${c.slug}/` === path)!.number;
    await expect(page.locator('.equation-number').first()).toHaveText(`(${chapterNumber}.1)`);
    // Rendered at build time: the math is in the HTML the server sent, not produced by a script.
    const html = await (await page.request.get(path)).text();
    expect(html).toContain('class="katex"');
    expect(watch.errors).toEqual([]);
  });

  test(`${path} has an outline, reading time and working heading anchors`, async ({ page }) => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(path);
    await expect(page.locator('.chapter-kicker')).toContainText('min read');
    const links = page.locator('nav.on-this-page a');
    expect(await links.count()).toBeGreaterThanOrEqual(3);
    const href = await links.nth(1).getAttribute('href');
    expect(href).toMatch(/^#/);
    await expect(page.locator(href!)).toHaveCount(1);
  });

  test(`${path} shows a citation card on keyboard focus`, async ({ page }) => {
    await page.goto(path);
    const cite = page.locator('.cite-item').first();
    const card = cite.locator('.cite-card');
    await expect(card).toBeHidden();
    await cite.locator('a').focus();
    await expect(card).toBeVisible();
    await expect(card).toContainText(/\d{4}/);
    const href = await cite.locator('a').getAttribute('href');
    expect(href).toMatch(/\/references\/#ref-[a-z0-9]+$/);
  });
}

test('≠ renders as one glyph: the slash overlays the "=" instead of standing beside it', async ({ page }) => {
  // compounding-error writes \hat\pi(x) \neq \pi^\star(x); with mismatched KaTeX markup and CSS it read "/=".
  await page.goto('/learn/compounding-error/');
  const neq = page.locator('.katex .mrel:has(> .mrel > .katex-vbox)').first();
  await expect(neq).toHaveCount(1);
  const widths = await neq.evaluate((el) => {
    const box = el.querySelector('.katex-vbox')!.getBoundingClientRect();
    const eq = el.querySelector(':scope > .mrel:last-child')!.getBoundingClientRect();
    return { overlay: box.width, equals: eq.width, slashLeft: box.left, equalsLeft: eq.left };
  });
  // The slash box takes no width and sits over the "=".
  expect(widths.overlay).toBeLessThan(1);
  expect(widths.equals).toBeGreaterThan(4);
  expect(Math.abs(widths.slashLeft - widths.equalsLeft)).toBeLessThan(2);
});

test('"Copy link" copies a link that carries the figure\'s anchor', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/learn/compounding-error/');
  const figure = page.locator('figure.figure:has([data-experiment])').first();
  const id = await figure.getAttribute('id');
  expect(id).toMatch(/^fig-/);
  // A figure's code loads as the reader nears it.
  await figure.scrollIntoViewIfNeeded();
  const button = figure.getByRole('button', { name: 'Copy link' });
  await button.scrollIntoViewIfNeeded();
  await button.click();
  await expect(figure.getByRole('button', { name: 'Link copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(new URL(copied).hash).toBe(`#${id}`);
  expect(new URL(copied).pathname).toBe('/learn/compounding-error/');
});

test('the outline highlights the section being read; every heading has a labelled link to itself', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto('/learn/dagger/');
  const links = page.locator('nav.on-this-page a');
  const third = links.nth(2);
  const href = (await third.getAttribute('href'))!;
  await page.locator(href).evaluate((h) => h.scrollIntoView({ block: 'start' }));
  await expect(third).toHaveAttribute('aria-current', 'location');
  await expect(page.locator('nav.on-this-page a[aria-current="location"]')).toHaveCount(1);
  // Back at the top, the first section is current again.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(links.first()).toHaveAttribute('aria-current', 'location');

  const headings = page.locator('.prose h2[id], .prose h3[id]');
  const n = await headings.count();
  expect(n).toBeGreaterThan(3);
  for (let i = 0; i < n; i++) {
    const h = headings.nth(i);
    const id = await h.getAttribute('id');
    const anchor = h.locator('a.heading-anchor');
    await expect(anchor).toHaveAttribute('href', `#${id}`);
    await expect(anchor).toHaveAttribute('aria-label', /^Link to the section /);
    await expect(anchor).toBeVisible();
  }
  await headings.first().locator('a.heading-anchor').focus();
  await expect(headings.first().locator('a.heading-anchor')).toBeFocused();
});

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true, isMobile: true, viewport: { width: 375, height: 812 } });
  test('header links and figure toolbar buttons are at least 44 px tall', async ({ page, watch }) => {
    await page.goto('/learn/dagger/');
    expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
    const heights = async (selector: string) =>
      page.locator(selector).evaluateAll((els) =>
        els.filter((el) => el.getClientRects().length > 0).map((el) => Math.round(el.getBoundingClientRect().height)),
      );
    const header = await heights('.site-header a:not(.skip-link), .site-header button');
    expect(header.length).toBeGreaterThanOrEqual(4);
    for (const h of header) expect(h).toBeGreaterThanOrEqual(44);
    const frame = page.locator('[data-experiment="noise-injection"]');
    await runToDone(frame);
    const buttons = await heights('[data-experiment] button:not([role="slider"]), [data-experiment] summary');
    expect(buttons.length).toBeGreaterThan(5);
    for (const h of buttons) expect(h).toBeGreaterThanOrEqual(44);
    expect(watch.errors).toEqual([]);
  });
});

test('header links and figure buttons are at least 24 px tall with a mouse too', async ({ page }) => {
  await page.goto('/learn/dagger/');
  const header = await page
    .locator('.site-header a:not(.skip-link), .site-header button')
    .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
  for (const h of header) expect(h).toBeGreaterThanOrEqual(24);
});

test('the home page lists every chapter with its summary and reading time', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('h1')).toContainText('Foundations of Imitation Learning');
  const items = page.locator('.toc-item');
  await expect(items).toHaveCount(toc.length);
  for (const [i, c] of toc.entries()) {
    await expect(items.nth(i)).toContainText(c.title);
    await expect(items.nth(i)).toContainText('min read');
  }
});

test('links fetch another page only when the reader points at one; the next chapter opens without a reload', async ({
  page,
  watch,
}) => {
  const payloads: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('_rsc=')) payloads.push(new URL(r.url()).pathname);
  });
  await page.goto(chapterPages[1]);
  await page.waitForLoadState('networkidle');
  // Every chapter is linked from the outline and the references page from each citation: none is fetched on load.
  expect(payloads).toEqual([]);

  const next = page.locator('a.next');
  await next.scrollIntoViewIfNeeded();
  await page.waitForTimeout(500);
  expect(payloads).toEqual([]); // in view is not intent
  await next.hover();
  await expect.poll(() => payloads.some((p) => p.startsWith(chapterPages[2]))).toBe(true);

  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  await next.click();
  await expect(page).toHaveURL(new RegExp(`${chapterPages[2]}$`));
  await expect(page.locator('h1')).toContainText(toc[2].title);
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  expect(watch.errors).toEqual([]);
});

test('the references page lists every paper, grouped, each with an anchor', async ({ page }) => {
  await page.goto('/references/');
  await expect(page.locator('li.reference')).toHaveCount(references.length);
  await expect(page.locator('.reference-group h2')).toHaveText([
    'Classical results',
    'Discrete settings',
    'Continuous settings',
    'Optimization perspective',
  ]);
  await expect(page.locator('#ref-ross2011dagger')).toContainText('AISTATS');
});

test('the dark-mode toggle switches the theme and the choice survives a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`/learn/${toc[0].slug}/`);
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');
  const toggle = page.getByRole('button', { name: 'Dark mode', exact: true });
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe('rgb(18, 20, 23)');
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.goto('/');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: 'Light mode', exact: true }).click();
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'light');
});

test('with no stored choice the site follows the system theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('an unknown page answers 404 with a way back', async ({ page }) => {
  const response = await page.goto('/learn/no-such-chapter/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('link', { name: 'table of contents' })).toBeVisible();
});
