export interface MetricsTableProps {
  metrics: Record<string, number>;
  /** Human names for metric keys ('cost/bc' → 'BC cost'); unknown keys are shown as they are. */
  labels?: Record<string, string>;
  caption?: string;
}

function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  return abs !== 0 && (abs < 1e-3 || abs >= 1e5) ? value.toExponential(3) : value.toPrecision(4);
}

/** A small table of an experiment's named numbers. */
export function MetricsTable({ metrics, labels = {}, caption = 'Results' }: MetricsTableProps) {
  const entries = Object.entries(metrics);
  if (entries.length === 0) return null;
  return (
    <table className="metrics-table">
      <caption>{caption}</caption>
      <tbody>
        {entries.map(([key, value]) => (
          <tr key={key}>
            <th scope="row">{labels[key] ?? key}</th>
            <td data-metric={key}>{format(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
