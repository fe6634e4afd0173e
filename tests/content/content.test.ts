import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileChapter, compileSource, slugify } from '@/content/compile';
import { references } from '@/content/references';
import { toc } from '@/content/toc';
import { KATEX_HTML_COMPONENT } from '@/content/katexHtml';
import { MDX_COMPONENTS } from '@/content/vocabulary';
import { mdxComponents } from '@/components/mdx';

const mdxFiles = readdirSync(path.join(process.cwd(), 'content'))
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => f.replace(/\.mdx$/, ''));

describe('table of contents', () => {
  it('has a file for every entry and an entry for every file', () => {
    expect([...toc.map((c) => c.slug)].sort()).toEqual([...mdxFiles].sort());
  });
  it('numbers chapters 1, 2, 3, … in order, with unique slugs', () => {
    expect(toc.map((c) => c.number)).toEqual(toc.map((_, i) => i + 1));
    expect(new Set(toc.map((c) => c.slug)).size).toBe(toc.length);
    for (const c of toc) expect(c.summary.length).toBeGreaterThan(20);
  });
});

describe('references', () => {
  // Every paper SCIENCE.md names, under its suggested key. (The tutorial's page lists 22; the stored copies we could
  // read are truncated, so entries beyond these are added only once checked against the page.)
  const required = [
    'ross2010efficient',
    'ross2011dagger',
    'ross2014aggrevate',
    'ho2016gail',
    'rajaraman2020limits',
    'swamy2021moments',
    'foster2024bc',
    'rohatgi2025nexttoken',
    'joshi2025cot',
    'chen2025coverage',
    'laskey2017dart',
    'pfrommer2022tasil',
    'block2023generative',
    'simchowitz2025pitfalls',
    'polyak1992averaging',
    'izmailov2018swa',
    'block2024butterfly',
    'block2025ema',
    'zhao2023act',
    'chi2023diffusion',
  ];
  it('lists every paper of the reading list with unique ids, in the four groups', () => {
    const ids = references.map((r) => r.id);
    for (const key of required) expect(ids, key).toContain(key);
    expect(new Set(ids).size).toBe(references.length);
    const groups = new Set(references.map((r) => r.group));
    expect([...groups].sort()).toEqual(['classical', 'continuous', 'discrete', 'optimization']);
    for (const r of references) {
      expect(r.authors.length, r.id).toBeGreaterThan(0);
      expect(r.year, r.id).toBeGreaterThanOrEqual(1990);
      expect(r.title.length, r.id).toBeGreaterThan(5);
      expect(r.id).toMatch(/^[a-z0-9]+$/);
    }
  });
  it('gives DAgger its actual venue, AISTATS 2011', () => {
    const dagger = references.find((r) => r.id === 'ross2011dagger');
    expect(dagger?.venue).toMatch(/AISTATS/);
    expect(dagger?.year).toBe(2011);
  });
});

describe('MDX vocabulary', () => {
  it('the component map provides exactly the registered names (and the build\'s KatexHtml)', () => {
    const names = Object.keys(mdxComponents({ references: new Map() })).sort();
    expect(names).toEqual([...MDX_COMPONENTS, KATEX_HTML_COMPONENT].sort());
  });
});

describe.each(toc.map((c) => c.slug))('chapter %s', (slug) => {
  it('compiles under the content rules, with unique heading ids and known citations', async () => {
    const chapter = await compileChapter(slug);
    const ids = chapter.headings.map((h) => h.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(chapter.headings.length).toBeGreaterThanOrEqual(3);
    const known = new Set(references.map((r) => r.id));
    for (const c of chapter.citations) expect(known.has(c)).toBe(true);
    expect(chapter.readingMinutes).toBeGreaterThan(0);
  });
});

describe('content rules reject broken chapters', () => {
  const cases: [string, string, RegExp][] = [
    ['an import line', "import X from './x'\n\n## A\n", /import\/export/],
    ['an unregistered component', '## A\n\n<Widget />\n', /not a registered MDX component/],
    ['an unknown citation', '## A\n\nText <Cite id="nobody1999" />.\n', /unknown citation key "nobody1999"/],
    ['a duplicate heading', '## Same\n\n## Same\n', /duplicate heading/],
    ['a dangling equation reference', '## A\n\nSee <EqRef label="nope" />.\n', /unknown Equation label/],
    ['raw HTML', '## A\n\n<div>hi</div>\n', /not a registered MDX component|raw HTML/],
    ['a level-1 heading', '# Title\n', /no # headings/],
    ['an unknown live experiment', '## A\n\n<LiveFigure experiment="nope" />\n', /unknown experiment "nope"/],
    ['a bad live-figure preset', '## A\n\n<LiveFigure experiment="bc-lane" params="epsilon=7" />\n', /clamped/],
    ['math KaTeX cannot parse', '## A\n\n$$\n\\frac{1}{\n$$\n', /KaTeX/],
    ['a quoted number from an unknown experiment', '## A\n\nIt costs <Value experiment="nope" metric="cost/bc" />.\n', /unknown experiment "nope"/],
    ['a quoted number of an unknown metric', '## A\n\nIt costs <Value experiment="lane-horizon" metric="cost/typo" />.\n', /unknown metric "cost\/typo"/],
    ['a quoted number under a bad preset', '## A\n\nIt costs <Value experiment="lane-horizon" params="epsilon=7" metric="cost/bc" />.\n', /clamped/],
    ['a quoted series point of an unknown series', '## A\n\n<Value experiment="lane-horizon" series="nope" x="10" />\n', /unknown series "nope"/],
    ['a quoted number with neither metric nor series', '## A\n\n<Value experiment="lane-horizon" />\n', /needs either metric/],
    ['a quoted number with bad digits', '## A\n\n<Value experiment="lane-horizon" metric="cost/bc" digits="two" />\n', /digits/],
  ];
  it.each(cases)('fails on %s', async (_name, source, message) => {
    await expect(compileSource('broken', source)).rejects.toThrow(message);
  });

  it('numbers equations and figures in order and resolves references', async () => {
    const source = [
      '## A',
      '<Equation label="one">\n\n$$\na = b\n$$\n\n</Equation>',
      '<Equation label="two">\n\n$$\nc = d\n$$\n\n</Equation>',
      'See <EqRef label="two" /> and <Cite id="ross2011dagger" />.',
    ].join('\n\n');
    const chapter = await compileSource('numbering', source);
    expect(chapter.code).toMatch(/number:"2"/);
    expect(chapter.citations).toEqual(['ross2011dagger']);
  });

  it('collects every configuration a chapter shows or quotes, once each (for the build-time results)', async () => {
    const source = [
      '## A',
      '<LiveFigure experiment="lane-horizon" />',
      'It costs <Value experiment="lane-horizon" metric="cost/bc" digits="1" /> and <Value experiment="lane-horizon" params="epsilon=0.05" series="bc" x="80" />.',
    ].join('\n\n');
    const chapter = await compileSource('configs', source);
    expect(chapter.configs).toEqual([
      { experiment: 'lane-horizon', params: '' },
      { experiment: 'lane-horizon', params: 'epsilon=0.05' },
    ]);
  });

  it("prefixes figure and equation numbers with the chapter's number, in definitions and references alike", async () => {
    const chapter = toc[2];
    const source = [
      '## A',
      '<Equation label="one">\n\n$$\na = b\n$$\n\n</Equation>',
      '<Equation label="two">\n\n$$\nc = d\n$$\n\n</Equation>',
      '<Figure label="f" title="A figure">\n\nx\n\n</Figure>',
      'See <EqRef label="two" /> and <FigRef label="f" />.',
    ].join('\n\n');
    const { code } = await compileSource(chapter.slug, source);
    const numbers = [...code.matchAll(/number:"([^"]+)"/g)].map((m) => m[1]);
    const n = chapter.number;
    // Definitions in document order (equations 1, 2; figure 1), then the references (equation 2, figure 1).
    expect(numbers).toEqual([`${n}.1`, `${n}.2`, `${n}.1`, `${n}.2`, `${n}.1`]);
  });

  it('slugs headings like GitHub', () => {
    expect(slugify('Next-token prediction is BC (with the log-loss)!')).toBe(
      'next-token-prediction-is-bc-with-the-log-loss',
    );
  });
});
