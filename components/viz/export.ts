/**
 * Exporting a figure and its data: a standalone SVG (colours inlined, background included), PNG from an SVG or a
 * canvas, CSV from series, and a download helper. Everything happens in the page; nothing touches the network.
 */
// The one CSV writer lives in lib/csv (the figure's button and `npm run figures` share it); re-exported here so
// the figure frame finds every export format in one module.
export { seriesToCsv } from '@/lib/csv';

/** SVG/CSS properties copied from the live element's computed style onto the exported copy. */
const INLINED = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'paint-order',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'stop-color',
  'stop-opacity',
] as const;

/** Of those, the ones an element inherits from its parent: written only where they differ from the parent's. */
const NOT_INHERITED = ['opacity', 'dominant-baseline', 'stop-color', 'stop-opacity'];
const INHERITED = new Set<string>(INLINED.filter((p) => !NOT_INHERITED.includes(p)));

/** Initial values of the non-inherited ones: not written when equal. */
const INITIAL: Record<string, string> = {
  opacity: '1',
  'dominant-baseline': 'auto',
  'stop-color': 'rgb(0, 0, 0)',
  'stop-opacity': '1',
};

const SVG_NS = 'http://www.w3.org/2000/svg';

export interface SvgExportOptions {
  /** Background colour; by default the nearest non-transparent ancestor background, else the page's --bg. */
  background?: string;
  /** Stored as the file's <title>. */
  title?: string;
}

/** The background behind `el`: the first ancestor (or itself) whose background colour is not transparent. */
export function backgroundOf(el: Element): string {
  for (let node: Element | null = el; node; node = node.parentElement) {
    const bg = getComputedStyle(node).backgroundColor;
    if (bg && bg !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(bg)) return bg;
  }
  return getComputedStyle(document.documentElement).getPropertyValue('--bg').trim() || '#ffffff';
}

/** Width and height of the SVG in CSS pixels (its attributes, else its rendered box). */
function svgSize(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.getBoundingClientRect();
  const width = Number(svg.getAttribute('width')) || box.width || 600;
  const height = Number(svg.getAttribute('height')) || box.height || 400;
  return { width, height };
}

/**
 * A standalone SVG document of `svg` as it looks now: computed colours, dashes and fonts are written onto each
 * element (so CSS variables and stylesheets are not needed), a background rectangle goes first, and the size and
 * viewBox are explicit.
 */
export function svgString(svg: SVGSVGElement, { background, title }: SvgExportOptions = {}): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const sources = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const targets = [clone, ...Array.from(clone.querySelectorAll('*'))];
  const computedOf = new Map<Element, CSSStyleDeclaration>(sources.map((el) => [el, getComputedStyle(el)]));
  sources.forEach((source, i) => {
    const target = targets[i];
    const computed = computedOf.get(source)!;
    const parent = i === 0 ? undefined : source.parentElement ? computedOf.get(source.parentElement) : undefined;
    const style: string[] = [];
    for (const prop of INLINED) {
      const value = computed.getPropertyValue(prop);
      if (!value) continue;
      // Keep the file small: inherited values only where they change, others only where not initial.
      if (parent && INHERITED.has(prop) && parent.getPropertyValue(prop) === value) continue;
      if (!INHERITED.has(prop) && INITIAL[prop] === value) continue;
      style.push(`${prop}:${value}`);
    }
    // Attributes that still refer to CSS variables mean nothing outside the page: replace them with computed values.
    for (const attr of Array.from(target.attributes)) {
      if (!attr.value.includes('var(')) continue;
      const computedValue = (INLINED as readonly string[]).includes(attr.name)
        ? computed.getPropertyValue(attr.name)
        : '';
      if (computedValue) target.setAttribute(attr.name, computedValue);
      else target.removeAttribute(attr.name);
    }
    if (computed.display === 'none') style.push('display:none');
    if (style.length > 0) target.setAttribute('style', style.join(';'));
    else target.removeAttribute('style');
  });

  const { width, height } = svgSize(svg);
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  clone.removeAttribute('role');
  clone.removeAttribute('tabindex');

  const rect = document.createElementNS(SVG_NS, 'rect');
  rect.setAttribute('x', '0');
  rect.setAttribute('y', '0');
  rect.setAttribute('width', '100%');
  rect.setAttribute('height', '100%');
  rect.setAttribute('fill', background ?? backgroundOf(svg));
  clone.insertBefore(rect, clone.firstChild);
  if (title) {
    const titleEl = document.createElementNS(SVG_NS, 'title');
    titleEl.textContent = title;
    clone.insertBefore(titleEl, clone.firstChild);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

/** The canvas as a PNG. Rejects if the browser cannot encode it. */
export function canvasToPngBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the canvas as PNG.'))),
      'image/png',
    );
  });
}

/** The SVG rendered to a PNG at `scale` times its CSS size (2 = sharp on slides and high-density screens). */
export async function svgToPngBlob(svg: SVGSVGElement, scale = 2, options: SvgExportOptions = {}): Promise<Blob> {
  const { width, height } = svgSize(svg);
  const url = URL.createObjectURL(new Blob([svgString(svg, options)], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('No 2-D canvas context available for the PNG export.');
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await canvasToPngBlob(canvas);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves `data` as a file named `filename`: an object URL behind a temporary <a download>, revoked afterwards. */
export function download(filename: string, data: Blob | string, mime = 'application/octet-stream'): void {
  // Strings are encoded as UTF-8 by Blob; say so, so that readers of the file do not guess.
  const blob =
    typeof data === 'string'
      ? new Blob([data], { type: mime.includes('charset=') ? mime : `${mime};charset=utf-8` })
      : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Some browsers read the URL only after the click handler returns; give them a moment before revoking it.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
