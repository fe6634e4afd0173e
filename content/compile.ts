/**
 * Build-time compilation of a chapter: MDX → a code string that the chapter page evaluates with the component map.
 *
 * Runs only at build time (in the chapter page's server component and in the content tests), never in the browser.
 * Besides the MDX compile it enforces the content rules and numbers things, in one pass over the syntax tree:
 * - only registered components, no import/export lines, no raw HTML;
 * - every `<Cite id>` names an entry of references.ts; every `<EqRef>`/`<FigRef>` names a labelled Equation/Figure;
 * - headings get stable, unique ids (the "on this page" list is read from the same pass);
 * - Equations and Figures are numbered in document order with the chapter's number in front (3.2), and references
 *   carry the same number.
 * Any violation fails the build with the chapter, line and reason.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bundleMDX } from 'mdx-bundler';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import { references } from './references';
import { toc } from './toc';
import { parseParams, parsePreset } from '../lib/params';
import { getExperimentInfo } from '../sims/experiments/catalog';
import { rehypeKatexHtml } from './katexHtml';
import { MDX_COMPONENTS, VALUE_FORMATS } from './vocabulary';

export interface Heading {
  depth: 2 | 3;
  text: string;
  id: string;
}

export interface CompiledChapter {
  slug: string;
  /** The bundled MDX, evaluated on the server by the chapter page. */
  code: string;
  headings: Heading[];
  /** Minutes, rounded up: prose at 230 words a minute plus half a minute per display equation. */
  readingMinutes: number;
  /** Reference ids cited, in order of first appearance (the chapter's reference list). */
  citations: string[];
  /** Every experiment configuration the chapter shows or quotes (LiveFigure and Value), for the build-time results. */
  configs: FigureConfig[];
  /** The experiments of the chapter's live figures (`<LiveFigure>`), in order: lecture mode's scenes. */
  figures: string[];
}

/** One experiment configuration a chapter needs a build-time result for. */
export interface FigureConfig {
  experiment: string;
  /** The preset as written in the chapter ("epsilon=0.05&horizon=80"), or '' for the defaults. */
  params: string;
}

// A minimal view of the mdast/MDX nodes this pass reads; the real types live in transitive packages.
interface Node {
  type: string;
  name?: string | null;
  value?: string;
  url?: string;
  depth?: number;
  children?: Node[];
  attributes?: { type: string; name?: string; value?: unknown }[];
  position?: { start: { line: number } };
  data?: { hProperties?: Record<string, unknown> };
}

export class ContentError extends Error {}

export function contentDir(): string {
  return path.join(process.cwd(), 'content');
}

export function chapterSource(slug: string): string {
  if (!/^[a-z0-9-]+$/.test(slug)) throw new ContentError(`Bad chapter slug "${slug}"`);
  return readFileSync(path.join(contentDir(), `${slug}.mdx`), 'utf8');
}

/** Plain text of a node (headings, for ids and the outline). */
function textOf(node: Node): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value ?? '';
  if (node.type === 'inlineMath') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

/** GitHub-style slug: lower case, letters/digits/spaces/hyphens kept, spaces to hyphens. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/-+/g, '-');
}

function attr(node: Node, name: string): string | undefined {
  const a = node.attributes?.find((x) => x.type === 'mdxJsxAttribute' && x.name === name);
  return typeof a?.value === 'string' ? a.value : undefined;
}

function setAttr(node: Node, name: string, value: string): void {
  node.attributes = (node.attributes ?? []).filter((x) => x.name !== name);
  node.attributes.push({ type: 'mdxJsxAttribute', name, value });
}

function walk(node: Node, visit: (node: Node) => void): void {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

/** Splits a Cite id attribute ("a,b") into keys. */
export function citeKeys(value: string): string[] {
  return value
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
}

interface Analysis {
  headings: Heading[];
  citations: string[];
  configs: FigureConfig[];
  figures: string[];
  words: number;
  displayEquations: number;
}

/** The remark plugin: checks the rules, numbers equations and figures, gives headings ids. */
function remarkChapter(slug: string, analysis: Analysis) {
  const knownRefs = new Set(references.map((r) => r.id));
  const allowed = new Set<string>(MDX_COMPONENTS);
  return () => (tree: Node) => {
    const problems: string[] = [];
    const where = (n: Node) => `${slug}.mdx:${n.position?.start.line ?? '?'}`;
    const labels = { Equation: new Map<string, string>(), Figure: new Map<string, string>() };
    // Numbers carry the chapter's number: Figure 3.2 is the second figure of chapter 3 (a source that is not a
    // chapter of the table of contents, e.g. in the tests, is numbered 1, 2, …).
    const chapterNumber = toc.find((c) => c.slug === slug)?.number;
    const numbered = (n: number) => (chapterNumber === undefined ? String(n) : `${chapterNumber}.${n}`);
    const usedIds = new Map<string, number>();

    // First pass: definitions (numbers, heading ids) and the rules.
    walk(tree, (n) => {
      // (mdx-bundler's own frontmatter export is generated, so it has no source position.)
      if (n.type === 'mdxjsEsm' && n.position) problems.push(`${where(n)}: import/export lines are not allowed in chapters`);
      if (n.type === 'html') problems.push(`${where(n)}: raw HTML is not allowed; use the registered components`);
      if (n.type === 'mdxFlowExpression' || n.type === 'mdxTextExpression') {
        problems.push(`${where(n)}: {expressions} are not allowed in chapters (use $…$ for math)`);
      }
      if (n.type === 'text') analysis.words += (n.value ?? '').split(/\s+/).filter(Boolean).length;
      if (n.type === 'math') analysis.displayEquations += 1;
      if (n.type === 'heading') {
        if (n.depth === 1) problems.push(`${where(n)}: no # headings (the title comes from toc.ts)`);
        const text = textOf(n).trim();
        const base = slugify(text) || 'section';
        const seen = usedIds.get(base) ?? 0;
        if (seen > 0) problems.push(`${where(n)}: duplicate heading "${text}" (heading ids must be unique)`);
        usedIds.set(base, seen + 1);
        const id = seen > 0 ? `${base}-${seen}` : base;
        n.data = { ...(n.data ?? {}), hProperties: { ...(n.data?.hProperties ?? {}), id } };
        // A visible link to the section, to follow or copy (keyboard-reachable, named for screen readers).
        n.children = [
          ...(n.children ?? []),
          {
            type: 'link',
            url: `#${id}`,
            data: { hProperties: { className: ['heading-anchor'], ariaLabel: `Link to the section “${text}”` } },
            children: [{ type: 'text', value: '#' }],
          },
        ];
        if (n.depth === 2 || n.depth === 3) analysis.headings.push({ depth: n.depth, text, id });
      }
      if (n.type === 'mdxJsxFlowElement' || n.type === 'mdxJsxTextElement') {
        const name = n.name ?? '';
        if (!allowed.has(name)) {
          problems.push(`${where(n)}: <${name || 'fragment'}> is not a registered MDX component`);
          return;
        }
        if (name === 'Equation' || name === 'Figure') {
          const label = attr(n, 'label');
          if (!label) problems.push(`${where(n)}: <${name}> needs a label`);
          else if (labels[name].has(label)) problems.push(`${where(n)}: duplicate ${name} label "${label}"`);
          else {
            const number = numbered(labels[name].size + 1);
            labels[name].set(label, number);
            setAttr(n, 'number', number);
          }
        }
        if (name === 'LiveFigure' || name === 'Value') {
          const id = attr(n, 'experiment') ?? '';
          const info = getExperimentInfo(id);
          if (!info) problems.push(`${where(n)}: <${name}> names unknown experiment "${id}"`);
          else {
            const preset = attr(n, 'params') ?? '';
            const notices = preset ? parseParams(info.params, parsePreset(preset)).notices : [];
            for (const notice of notices) problems.push(`${where(n)}: <${name} experiment="${id}"> params: ${notice.message}`);
            if (!analysis.configs.some((c) => c.experiment === id && c.params === preset)) analysis.configs.push({ experiment: id, params: preset });
            if (name === 'LiveFigure' && !analysis.figures.includes(id)) analysis.figures.push(id);
            if (name === 'Value') {
              const metric = attr(n, 'metric');
              const series = attr(n, 'series');
              const x = attr(n, 'x');
              if ((metric === undefined) === (series === undefined)) {
                problems.push(`${where(n)}: <Value experiment="${id}"> needs either metric="…" or series="…" with x="…"`);
              } else if (metric !== undefined) {
                const declared = [...info.result.metrics, ...(info.result.optionalMetrics ?? [])];
                if (!declared.includes(metric)) {
                  problems.push(`${where(n)}: <Value experiment="${id}"> names unknown metric "${metric}" (declared: ${declared.join(', ') || 'none'})`);
                }
              } else {
                if (!info.result.series.includes(series!)) {
                  problems.push(`${where(n)}: <Value experiment="${id}"> names unknown series "${series}" (declared: ${info.result.series.join(', ') || 'none'})`);
                }
                if (x === undefined || !Number.isFinite(Number(x))) problems.push(`${where(n)}: <Value series="${series}"> needs a numeric x="…"`);
              }
              const digits = attr(n, 'digits');
              if (digits !== undefined && !/^\d$/.test(digits)) problems.push(`${where(n)}: <Value digits="${digits}"> must be one digit, 0–9`);
              const format = attr(n, 'format');
              if (format !== undefined && !VALUE_FORMATS.includes(format)) {
                problems.push(`${where(n)}: <Value format="${format}"> must be one of ${VALUE_FORMATS.join(', ')}`);
              }
            }
          }
        }
        if (name === 'Recap') {
          if (usedIds.has('recap')) problems.push(`${where(n)}: only one <Recap> per chapter`);
          usedIds.set('recap', 1);
          analysis.headings.push({ depth: 2, text: 'Recap', id: 'recap' });
        }
        if (name === 'Cite') {
          const keys = citeKeys(attr(n, 'id') ?? '');
          if (keys.length === 0) problems.push(`${where(n)}: <Cite> needs an id`);
          for (const key of keys) {
            if (!knownRefs.has(key)) problems.push(`${where(n)}: unknown citation key "${key}"`);
            else if (!analysis.citations.includes(key)) analysis.citations.push(key);
          }
        }
      }
    });

    // Second pass: cross-references, now that every label has its number.
    walk(tree, (n) => {
      if ((n.type === 'mdxJsxFlowElement' || n.type === 'mdxJsxTextElement') && (n.name === 'EqRef' || n.name === 'FigRef')) {
        const kind = n.name === 'EqRef' ? 'Equation' : 'Figure';
        const label = attr(n, 'label') ?? '';
        const number = labels[kind].get(label);
        if (number === undefined) problems.push(`${where(n)}: <${n.name}> refers to unknown ${kind} label "${label}"`);
        else setAttr(n, 'number', number);
      }
    });

    if (problems.length > 0) throw new ContentError(`Chapter "${slug}" breaks the content rules:\n- ${problems.join('\n- ')}`);
  };
}

export async function compileChapter(slug: string): Promise<CompiledChapter> {
  return compileSource(slug, chapterSource(slug));
}

/** Compiles MDX source as chapter `slug` (the content tests feed it broken sources too). */
export async function compileSource(slug: string, source: string): Promise<CompiledChapter> {
  const analysis: Analysis = { headings: [], citations: [], configs: [], figures: [], words: 0, displayEquations: 0 };
  const result = await bundleMDX({
    source,
    cwd: contentDir(),
    mdxOptions(options) {
      options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm, remarkMath, remarkChapter(slug, analysis)];
      options.rehypePlugins = [...(options.rehypePlugins ?? []), rehypeKatexHtml];
      return options;
    },
    esbuildOptions(options) {
      options.minify = true;
      // Failures come back in result.errors / as a thrown ContentError with the chapter and line; no echo on stderr.
      options.logLevel = 'silent';
      options.target = ['es2020'];
      return options;
    },
  });
  if (result.errors.length > 0) {
    throw new ContentError(`Chapter "${slug}" failed to compile: ${result.errors.map((e) => e.text).join('; ')}`);
  }
  if (/math-(inline|display)/.test(result.code)) {
    throw new ContentError(`Chapter "${slug}" has math the build left unrendered (a formula where rehypeKatexHtml does not look)`);
  }
  return {
    slug,
    code: result.code,
    headings: analysis.headings,
    readingMinutes: Math.max(1, Math.ceil(analysis.words / 230 + analysis.displayEquations * 0.5)),
    citations: analysis.citations,
    configs: analysis.configs,
    figures: analysis.figures,
  };
}

/** Compiles each chapter once per build process (the home page and chapter pages both ask for reading times). */
const cache = new Map<string, Promise<CompiledChapter>>();
export function getChapter(slug: string): Promise<CompiledChapter> {
  let hit = cache.get(slug);
  if (!hit) {
    hit = compileChapter(slug);
    cache.set(slug, hit);
  }
  return hit;
}

export function chapterSlugs(): string[] {
  return toc.map((c) => c.slug);
}
