// Screenshots of the exported site for a person to look at: each page in light and dark mode, at desktop and at
// 375 px. Usage: node scripts/screenshots.mjs [path ...]  (the site must be served; BASE_URL defaults to :4173).
import { mkdirSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:4173';
const outDir = process.env.OUT_DIR ?? 'test-results/screenshots';
const paths = process.argv.slice(2).length ? process.argv.slice(2) : ['/', '/references/'];
const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p));

mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
for (const path of paths) {
  for (const [name, viewport, scheme] of [
    ['desktop-light', { width: 1400, height: 1000 }, 'light'],
    ['desktop-dark', { width: 1400, height: 1000 }, 'dark'],
    ['phone-light', { width: 375, height: 812 }, 'light'],
  ]) {
    const page = await browser.newPage({ viewport, colorScheme: scheme, deviceScaleFactor: 1 });
    await page.goto(base + path, { waitUntil: 'networkidle' });
    await page.waitForTimeout(Number(process.env.WAIT_MS ?? 300));
    const stem = `${outDir}/${path.replace(/[^a-z0-9]+/gi, '_') || 'home'}-${name}`;
    // PAGES=n: n screenshots, one viewport apart, scrolling down the page.
    const shots = Number(process.env.PAGES ?? 1);
    for (let i = 0; i < shots; i++) {
      await page.evaluate((y) => globalThis.scrollTo(0, y), i * (viewport.height - 80));
      await page.waitForTimeout(100);
      const file = shots > 1 ? `${stem}-${i + 1}.png` : `${stem}.png`;
      await page.screenshot({ path: file, fullPage: process.env.FULL === '1' });
      console.log(file);
    }
    await page.close();
  }
}
await browser.close();
