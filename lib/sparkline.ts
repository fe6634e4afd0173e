/**
 * Sparklines: a few series as SVG path strings in a small box, for lecture mode's scene thumbnails (computed on
 * the server from build-time results, so a thumbnail is static markup: no chart library, no worker).
 */

export interface SparkPoint {
  x: number;
  y: number;
}

export interface SparklineOptions {
  width: number;
  height: number;
  /** Inner margin in the same units. */
  pad?: number;
  logX?: boolean;
  logY?: boolean;
}

/** One path per series (an empty string where a series has nothing drawable), sharing one pair of axes. */
export function sparklinePaths(series: readonly (readonly SparkPoint[])[], options: SparklineOptions): string[] {
  const { width, height, pad = 4, logX = false, logY = false } = options;
  const tx = (x: number) => (logX ? Math.log10(x) : x);
  const ty = (y: number) => (logY ? Math.log10(y) : y);
  const ok = (p: SparkPoint) =>
    Number.isFinite(p.x) && Number.isFinite(p.y) && (!logX || p.x > 0) && (!logY || p.y > 0);
  const clean = series.map((s) => s.filter(ok).map((p) => ({ x: tx(p.x), y: ty(p.y) })));
  const all = clean.flat();
  if (all.length === 0) return clean.map(() => '');
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const p of all) {
    x0 = Math.min(x0, p.x);
    x1 = Math.max(x1, p.x);
    y0 = Math.min(y0, p.y);
    y1 = Math.max(y1, p.y);
  }
  if (x1 === x0) [x0, x1] = [x0 - 1, x1 + 1];
  if (y1 === y0) [y0, y1] = [y0 - 1, y1 + 1];
  const sx = (x: number) => pad + ((x - x0) / (x1 - x0)) * (width - 2 * pad);
  const sy = (y: number) => height - pad - ((y - y0) / (y1 - y0)) * (height - 2 * pad);
  const step = (n: number) => Math.max(1, Math.ceil(n / 120));
  return clean.map((pts) =>
    pts
      .filter((_, i) => i % step(pts.length) === 0 || i === pts.length - 1)
      .map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(p.x).toFixed(1)} ${sy(p.y).toFixed(1)}`)
      .join(''),
  );
}
