/**
 * One KaTeX for the math markup (rehype-katex, at build time) and for the stylesheet and fonts the page loads
 * (app/layout.tsx imports katex/dist/katex.min.css). KaTeX renames its layout classes between versions (0.16 `inner`,
 * `fix`, `thinbox`; 0.19 `katex-inner`, `katex-fix`, `katex-thinbox`), so markup from one version under the CSS of
 * another draws `\neq` as "/=" (issue 17, point 4).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { getMDXComponent } from 'mdx-bundler/client';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { compileSource } from '../../content/compile';

const require = createRequire(import.meta.url);

function versionOf(packageJson: string): string {
  return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
}

/** The directory of the `katex` package that `fromPackage` imports (node resolution from that package). */
function katexDirFrom(fromPackage: string): string {
  const entry = require.resolve(fromPackage);
  return path.dirname(require.resolve('katex/package.json', { paths: [path.dirname(entry)] }));
}

const projectKatex = path.dirname(require.resolve('katex/package.json'));

describe('KaTeX versions', () => {
  it('rehype-katex renders with the same KaTeX whose CSS and fonts the page ships', () => {
    const declared = (JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> })
      .dependencies.katex;
    const used = versionOf(path.join(katexDirFrom('rehype-katex'), 'package.json'));
    expect(used).toBe(versionOf(path.join(projectKatex, 'package.json')));
    expect(used).toBe(declared);
  });
});

describe('≠ in a chapter', () => {
  it('renders \\neq with classes the shipped stylesheet styles (the slash overlays the "=")', async () => {
    const chapter = await compileSource('neq-test', 'Tokens differ, $a \\neq b$, when the learner errs.\n');
    const Content = getMDXComponent(chapter.code);
    const html = renderToStaticMarkup(createElement(Content, { components: {} }));
    // The overlay structure of \neq: a zero-width box holding the slash, then the "=".
    expect(html).toContain('katex-thinbox');
    expect(html).toContain('katex-inner');
    expect(html).toMatch(/<span class="mrel">=<\/span>/);

    const css = readFileSync(path.join(projectKatex, 'dist', 'katex.min.css'), 'utf8');
    const classes = new Set<string>();
    for (const m of html.matchAll(/class="([^"]+)"/g)) for (const c of m[1].split(/\s+/)) classes.add(c);
    // Atom kinds (mord, mrel…) and `nobreak` mark meaning, not layout: KaTeX's CSS has no rule for them.
    const semantic = new Set(['mord', 'mrel', 'mbin', 'mop', 'mopen', 'mclose', 'mpunct', 'minner', 'nobreak']);
    const unstyled = [...classes].filter((c) => !semantic.has(c) && !new RegExp(`\\.${c.replace(/[-]/g, '\\-')}(?![\\w-])`).test(css));
    expect(unstyled).toEqual([]);
  });
});
