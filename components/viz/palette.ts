/**
 * The figures' categorical palette, its named roles, and dash patterns.
 *
 * Six Okabe–Ito hues (blue, vermillion, bluish green, reddish purple, orange, grey), each in two shades: a darker one
 * for the light theme and a lighter one for the dark theme, so every colour keeps at least 3:1 contrast against the
 * page background *and* the figure surface of its theme (checked in tests/unit/components/viz/palette.test.ts).
 * The hues stay apart under the common colour-vision deficiencies; the dash patterns keep series apart without
 * colour at all (print in grey, projectors that wash colours out).
 *
 * Charts use the CSS variables (`var(--viz-0)`, `var(--viz-expert)`…) defined in `palette.module.css`, so a theme
 * switch recolours them with no re-render. Canvas drawing needs concrete colours: use `paletteHex(theme)`.
 * The hex values below and the CSS file must agree; a unit test compares them.
 */

export type Theme = 'light' | 'dark';

export interface PaletteColor {
  /** What the colour is, for people. */
  name: string;
  /** Shade used on the light theme (background #fdfcfa, figure surface #f3f1ec). */
  light: string;
  /** Shade used on the dark theme (background #121417, figure surface #1a1d22). */
  dark: string;
}

/** The categorical colours, in the order series take them. */
export const PALETTE: readonly PaletteColor[] = [
  { name: 'blue', light: '#0072b2', dark: '#56a8e8' },
  { name: 'vermillion', light: '#c65400', dark: '#f0803c' },
  { name: 'bluish green', light: '#007a58', dark: '#2db88f' },
  { name: 'reddish purple', light: '#b06598', dark: '#da8cbc' },
  { name: 'orange', light: '#9c6a00', dark: '#e6b030' },
  { name: 'grey', light: '#5f5f69', dark: '#a9a9b3' },
];

/**
 * Dash patterns (SVG `stroke-dasharray`, in px at a 2.5 px line) in the order series take them; '' is solid.
 * Index-aligned with PALETTE, so series i differs from series j in colour and in dash.
 */
export const DASHES: readonly string[] = ['', '9 5', '2 4', '12 4 2 4', '5 3', '1 6'];

/** The algorithms and actors that appear across chapters; each keeps one colour and one dash everywhere. */
export type VizRole = 'expert' | 'bc' | 'dagger' | 'dart' | 'learner' | 'guide';

export interface RoleStyle {
  /** Index into PALETTE. */
  colorIndex: number;
  /** SVG dash pattern; '' is solid. */
  dash: string;
}

/**
 * Expert green and solid (the reference everything is measured against); BC vermillion (the one that fails);
 * DAgger blue; DART purple; a generic learner orange; guides (theory curves, bounds) grey and dotted.
 */
export const ROLES: Readonly<Record<VizRole, RoleStyle>> = {
  expert: { colorIndex: 2, dash: '' },
  bc: { colorIndex: 1, dash: '9 5' },
  dagger: { colorIndex: 0, dash: '12 4 2 4' },
  dart: { colorIndex: 3, dash: '2 4' },
  learner: { colorIndex: 4, dash: '5 3' },
  guide: { colorIndex: 5, dash: '1 6' },
};

export const ROLE_NAMES = Object.keys(ROLES) as VizRole[];

/** `var(--viz-i)`: the i-th categorical colour (wraps around), for SVG and CSS. */
export function vizColor(index: number): string {
  return `var(--viz-${wrap(index, PALETTE.length)})`;
}

/** `var(--viz-<role>)`: a role's colour, for SVG and CSS. */
export function roleColor(role: VizRole): string {
  return `var(--viz-${role})`;
}

/** The dash pattern of the i-th series (wraps around). */
export function vizDash(index: number): string {
  return DASHES[wrap(index, DASHES.length)];
}

/** Concrete colours for a theme, for canvas drawing: `series[i]` and one entry per role. */
export function paletteHex(theme: Theme): { series: string[]; roles: Record<VizRole, string> } {
  const series = PALETTE.map((c) => c[theme]);
  const roles = Object.fromEntries(ROLE_NAMES.map((r) => [r, series[ROLES[r].colorIndex]])) as Record<VizRole, string>;
  return { series, roles };
}

function wrap(i: number, n: number): number {
  return ((Math.trunc(i) % n) + n) % n;
}
