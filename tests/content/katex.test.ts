/**
 * One KaTeX for the math markup (content/katexHtml.ts, at build time) and for the stylesheet and fonts the page loads
 * (app/layout.tsx imports katex/dist/katex.min.css). KaTeX renames its layout classes between versions (0.16 `inner`,
 * `fix`, `thinbox`; 0.19 `katex-inner`, `katex-fix`, `katex-thinbox`), so markup from one version under the CSS of
 * another draws `\neq` as "/=" (issue 17, point 4).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { getMDXComponent } from 'mdx-bundler/client';
import katex from 'katex';
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { compileSource } from '../../content/compile';
import { KatexHtml } from '../../components/mdx/KatexHtml';

const require = createRequire(import.meta.url);

function versionOf(packageJson: string): string {
  return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
}

const projectKatex = path.dirname(require.resolve('katex/package.json'));

describe('KaTeX versions', () => {
  it('the build renders with the KaTeX version package.json declares, whose CSS and fonts the page ships', () => {
    const declared = (JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> })
      .dependencies.katex;
    expect(versionOf(path.join(projectKatex, 'package.json'))).toBe(declared);
    // No second KaTeX anywhere in the dependency tree that could render the markup instead.
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { version: string }> };
    const copies = Object.entries(lock.packages).filter(([key]) => key.endsWith('node_modules/katex'));
    expect(copies.map(([, p]) => p.version)).toEqual([declared]);
  });
});

describe('≠ in a chapter', () => {
  it('renders \\neq with classes the shipped stylesheet styles (the slash overlays the "=")', async () => {
    const chapter = await compileSource('neq-test', 'Tokens differ, $a \\neq b$, when the learner errs.\n');
    const Content = getMDXComponent(chapter.code);
    const html = renderToStaticMarkup(createElement(Content, { components: { KatexHtml } }));
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

describe('math as HTML strings', () => {
  it('renders every formula, also inside components, with the DOM KaTeX gives', async () => {
    const source = 'A $x$ b.\n\n$$\ny^2\n$$\n\n<Callout kind="note" title="t">\n\nIn $z_1$ a callout.\n\n</Callout>\n';
    const chapter = await compileSource('math-test', source);
    expect(chapter.code).not.toMatch(/math-(inline|display)/);
    const Content = getMDXComponent(chapter.code);
    const Callout = ({ children }: { children?: ReactNode }) => createElement('aside', null, children);
    const html = renderToStaticMarkup(createElement(Content, { components: { KatexHtml, Callout } }));
    expect(html.match(/<span class="katex">/g)).toHaveLength(3);
    expect(html.match(/<span class="katex-display"><span class="katex">/g)).toHaveLength(1);
    // Read by screen readers: MathML beside the aria-hidden drawing.
    expect(html.match(/<span class="katex-mathml"><math/g)).toHaveLength(3);
    for (const [tex, display] of [['x', false], ['y^2', true], ['z_1', false]] as const) {
      expect(html).toContain(katex.renderToString(tex, { displayMode: display, output: 'htmlAndMathml', strict: 'ignore' }));
    }
  });
});
