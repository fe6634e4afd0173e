import type { ReactNode } from 'react';
import css from './LaneActionTable.module.css';

/** LaneKeep's actions by index: 0 left, 1 stay, 2 right. */
export const LANE_ARROWS = ['←', '•', '→'] as const;
const ACTION_WORDS = ['left', 'stay', 'right'];

export interface LaneActionRow {
  key: string;
  label: string;
  /** The greedy action in each lane (0 left, 1 stay, 2 right). */
  table: readonly number[];
}

export interface LaneActionTableProps {
  /** The lane offsets, one column each (y = −6 … 6). */
  offsets: readonly number[];
  /** The expert's action per lane: every other row's cells that differ from it are outlined. */
  expertTable: readonly number[];
  /** The rows, the expert's first ("expert" rows are never marked). */
  rows: readonly LaneActionRow[];
  caption: ReactNode;
  testId?: string;
}

/**
 * What each learner does in every lane of LaneKeep, as arrows, with the lanes where it differs from the expert
 * tinted and outlined (readable without colour; screen readers hear the action and the difference in words).
 */
export function LaneActionTable({ offsets, expertTable, rows, caption, testId }: LaneActionTableProps) {
  return (
    <table className={css.actions} data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className={css.rowHead}>
            lane y
          </th>
          {offsets.map((y) => (
            <th key={y} scope="col">
              {y}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            {row.table.map((a, s) => {
              const wrong = row.key !== 'expert' && a !== expertTable[s];
              return (
                <td key={s} className={wrong ? css.wrong : undefined}>
                  <span className={css.arrow} aria-hidden="true">
                    {LANE_ARROWS[a] ?? '?'}
                  </span>
                  <span className="visually-hidden">
                    {ACTION_WORDS[a] ?? 'unknown'}
                    {wrong ? ' (differs from the expert)' : ''}
                  </span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
