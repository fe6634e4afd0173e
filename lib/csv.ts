/**
 * The one CSV writer: the figure's "Data (CSV)" button, `npm run figures` and any other table export go through it,
 * so every CSV the project writes quotes and prints numbers the same way.
 *
 * Numbers are written in full precision (JavaScript's shortest round-trip form); NaN and infinities as NaN, inf and
 * -inf, which pandas, NumPy and R read; a missing value as an empty field. Text is quoted only when it must be
 * (a comma, a quote, a line break, or leading/trailing space), with quotes doubled (RFC 4180).
 */

/** One field of a row: text, a number, or missing. */
export type CsvCell = string | number | undefined;

/** One point of a curve, as `sims/experiments/types` defines it (lib imports nothing of the project). */
export interface CsvPoint {
  x: number;
  y: number;
  lo?: number;
  hi?: number;
}

function csvNumber(v: number | undefined): string {
  if (v === undefined) return '';
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return String(v);
}

function csvText(s: string): string {
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvCell(v: CsvCell): string {
  return typeof v === 'string' ? csvText(v) : csvNumber(v);
}

/** A table as CSV text: the header row, then one line per row, each line ending in a newline. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  const lines = [header.map(csvText).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `${lines.join('\n')}\n`;
}

/** Named curves in long format, one row per point: `series,x,y,lo,hi` (lo and hi empty when a point has no band). */
export function seriesToCsv(series: Record<string, readonly CsvPoint[]>): string {
  const rows: CsvCell[][] = [];
  for (const [name, points] of Object.entries(series)) for (const p of points) rows.push([name, p.x, p.y, p.lo, p.hi]);
  return toCsv(['series', 'x', 'y', 'lo', 'hi'], rows);
}
