import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DASHES, PALETTE, ROLES, ROLE_NAMES, paletteHex, roleColor, vizColor, vizDash } from '@/components/viz/palette';

/** The custom properties declared in the first block of `css` whose selector matches. */
function block(css: string, selector: RegExp): Record<string, string> {
  const m = selector.exec(css);
  if (!m) throw new Error(`no block matching ${selector}`);
  const body = css.slice(m.index + m[0].length, css.indexOf('}', m.index));
  const vars: Record<string, string> = {};
  for (const d of body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) vars[d[1]] = d[2].trim().toLowerCase();
  return vars;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const globals = readFileSync('app/globals.css', 'utf8');
const site = { light: block(globals, /:root\s*\{/), dark: block(globals, /:root\[data-theme='dark'\]\s*\{/) };
const module = readFileSync('components/viz/palette.module.css', 'utf8');
// The first dark block is the screen one (the print override comes later in the file).
const cssPalette = {
  light: block(module, /^\.palette\s*\{/m),
  dark: block(module, /:global\(:root\[data-theme='dark'\]\) \.palette\s*\{/),
};

describe('palette', () => {
  it('has six colours and six dash patterns', () => {
    expect(PALETTE).toHaveLength(6);
    expect(DASHES).toHaveLength(6);
    expect(new Set(DASHES).size).toBe(6);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`keeps ≥ 3:1 contrast against the ${theme} page background and figure surface`, () => {
      for (const c of PALETTE) {
        expect(contrast(c[theme], site[theme]['--bg']), `${c.name} on --bg`).toBeGreaterThanOrEqual(3);
        expect(contrast(c[theme], site[theme]['--surface']), `${c.name} on --surface`).toBeGreaterThanOrEqual(3);
      }
    });

    it(`matches palette.module.css (${theme})`, () => {
      PALETTE.forEach((c, i) => expect(cssPalette[theme][`--viz-${i}`], c.name).toBe(c[theme]));
    });
  }

  it('gives every role a palette colour in CSS and a distinct colour and dash', () => {
    for (const role of ROLE_NAMES)
      expect(cssPalette.light[`--viz-${role}`]).toBe(`var(--viz-${ROLES[role].colorIndex})`);
    expect(new Set(ROLE_NAMES.map((r) => ROLES[r].colorIndex)).size).toBe(ROLE_NAMES.length);
    expect(new Set(ROLE_NAMES.map((r) => ROLES[r].dash)).size).toBe(ROLE_NAMES.length);
    expect(ROLE_NAMES).toEqual(['expert', 'bc', 'dagger', 'dart', 'learner', 'guide']);
  });

  it('names colours as CSS variables and wraps indices', () => {
    expect(vizColor(0)).toBe('var(--viz-0)');
    expect(vizColor(7)).toBe('var(--viz-1)');
    expect(vizColor(-1)).toBe('var(--viz-5)');
    expect(roleColor('bc')).toBe('var(--viz-bc)');
    expect(vizDash(0)).toBe('');
    expect(vizDash(6)).toBe('');
  });

  it('resolves concrete colours per theme for canvas drawing', () => {
    const dark = paletteHex('dark');
    expect(dark.series).toEqual(PALETTE.map((c) => c.dark));
    expect(dark.roles.expert).toBe(PALETTE[ROLES.expert.colorIndex].dark);
    expect(paletteHex('light').roles.bc).toBe(PALETTE[ROLES.bc.colorIndex].light);
  });
});

describe('projector theme (lecture mode)', () => {
  const projectorSite = block(globals, /:root\[data-theme='projector'\]\s*\{/);
  const projectorPalette = block(module, /:global\(:root\[data-theme='projector'\]\) \.palette\s*\{/);

  it('is white with black text, and every text colour has ≥ 4.5:1 against it', () => {
    expect(projectorSite['--bg']).toBe('#ffffff');
    expect(projectorSite['--surface']).toBe('#ffffff');
    for (const key of ['--fg', '--muted', '--accent']) expect(contrast(projectorSite[key], '#ffffff'), key).toBeGreaterThanOrEqual(4.5);
  });

  it('draws series (which also label their lines) and axes at ≥ 4.5:1, grid lines at ≥ 3:1: no light grey or yellow', () => {
    for (let i = 0; i < PALETTE.length; i++) {
      expect(contrast(projectorPalette[`--viz-${i}`], '#ffffff'), `--viz-${i}`).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrast(projectorPalette['--viz-axis'], '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrast(projectorPalette['--viz-grid'], '#ffffff')).toBeGreaterThanOrEqual(3);
    expect(contrast(projectorSite['--border'], '#ffffff')).toBeGreaterThanOrEqual(3);
  });
});
