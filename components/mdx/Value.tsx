import { shippedResult } from '@/content/results';

export interface ValueProps {
  /** Experiment id (checked at build time). */
  experiment: string;
  /** The figure's preset, as in its LiveFigure ("epsilon=0.05&horizon=80"); omit for the defaults. */
  params?: string;
  /** A metric the experiment declares (checked at build time). Give either `metric`, or `series` and `x`. */
  metric?: string;
  /** A series of the experiment: the value quoted is its point at `x` (there must be exactly one). */
  series?: string;
  /** The x of the point of `series` to quote (as written: "80", "0.01"). */
  x?: string;
  /** Decimals (one digit as a string: "2"); default 2 for `fixed`, 0 for `percent` and `times`. */
  digits?: string;
  /** `fixed` (default), `percent` (× 100 with %), `times` (a ratio, with ×), `integer` (rounded, thousands separated). Negative values get a minus sign (−), not a hyphen. */
  format?: 'fixed' | 'percent' | 'times' | 'integer';
}

/**
 * A number the prose quotes, rendered from the figure's build-time result (content/results.ts): retuning an
 * experiment can never leave a stale number in a chapter. Fails the build when the metric is missing.
 */
export function Value({ experiment, params = '', metric, series, x, digits, format = 'fixed' }: ValueProps) {
  const result = shippedResult(experiment, params);
  const what = metric !== undefined ? `metric="${metric}"` : `series="${series}" x="${x}"`;
  let value: number | undefined;
  if (metric !== undefined) value = result.metrics[metric];
  else {
    const points = (series !== undefined ? result.series[series] : undefined) ?? [];
    const at = points.filter((p) => p.x === Number(x));
    if (at.length !== 1) {
      throw new Error(
        `<Value experiment="${experiment}" ${what}>: the series has ${at.length} points at x = ${x} (x values: ${points.map((p) => p.x).join(', ')})`,
      );
    }
    value = at[0].y;
  }
  if (value === undefined || !Number.isFinite(value)) {
    throw new Error(
      `<Value experiment="${experiment}" ${what}${params ? ` params="${params}"` : ''}>: the build-time result has no finite value here (it is undefined in this configuration).`,
    );
  }
  const d = digits === undefined ? (format === 'fixed' ? 2 : format === 'integer' ? 0 : format === 'percent' ? 0 : 1) : Number(digits);
  const plain =
    format === 'percent'
      ? `${(value * 100).toFixed(d)}%`
      : format === 'times'
        ? `${value.toFixed(d)}×`
        : format === 'integer'
          ? Math.round(value).toLocaleString('en-US')
          : value.toFixed(d);
  // A minus sign, as in the math around it (not a hyphen); none on a value that rounds to zero ("-0.00").
  const shown = /^-[0.,]*(%|×)?$/.test(plain) ? plain.slice(1) : plain.replace(/^-/, '\u2212');
  return (
    <span className="value" data-value-of={experiment} data-metric={metric ?? `${series}@${x}`} title={`Computed by the figure (${experiment}: ${metric ?? `${series} at ${x}`})`}>
      {shown}
    </span>
  );
}
