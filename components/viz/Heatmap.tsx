'use client';
/**
 * A small heatmap (SVG) for state visitation and similar tables: rows (e.g. expert, learner) × columns (states),
 * each cell's colour intensity proportional to its value. Screen readers get the numbers as a table; the picture
 * is hidden from them (its content is that table). The <svg> carries `data-export` for the figure export.
 */
import { useId, useMemo, useRef } from 'react';
import { heatIntensity, heatOpacity, HEAT_FLOOR } from './chartData';
import { useProjector } from './projector';
import { useElementWidth } from './hooks';
import { roleColor, vizColor, type VizRole } from './palette';
import { formatTick } from './ticks';
import paletteStyles from './palette.module.css';
import styles from './Heatmap.module.css';

export interface HeatmapRow {
  /** Stable id. */
  key: string;
  /** Printed at the row's left: 'Expert', 'BC learner'. */
  label: string;
  /** One value per column; non-finite values draw as empty cells. */
  values: readonly number[];
  /** Colour of this row's cells (CSS colour or `var(--viz-…)`). Default: the role's, else the heatmap's `color`. */
  color?: string;
  /** Gives the row its role's colour. */
  role?: VizRole;
}

export interface HeatmapProps {
  /** The rows, top to bottom. */
  rows: readonly HeatmapRow[];
  /** Column labels, left to right (e.g. lane offsets −6 … 6). */
  columns: readonly (string | number)[];
  /** Accessible name and the data table's caption: 'State visitation: expert vs BC learner'. */
  title: string;
  /** What the columns are, with units, printed under them: 'lane offset y (lanes)'. */
  columnLabel?: string;
  /** What a value means, printed by the colour key: 'visitation probability'. */
  valueLabel?: string;
  /** Value drawn with no colour (default 0). */
  min?: number;
  /** Value drawn at full colour (default: the largest finite value). */
  max?: number;
  /** 'sqrt' makes small values visible next to a large peak (default 'linear'). */
  scale?: 'linear' | 'sqrt';
  /** Default cell colour (CSS colour or `var(--viz-…)`); default the first palette colour. */
  color?: string;
  /** Print each value in its cell (when cells are wide enough). */
  showValues?: boolean;
  /** Formats values in cells, the key and the table (default 3 significant digits). */
  format?: (v: number) => string;
  /** Row height in px. */
  cellHeight?: number;
  /** Label size in px. */
  fontSize?: number;
  /** One line under the heatmap: what a colour means. */
  caption?: string;
  /** Extra class on the root element. */
  className?: string;
}

export function Heatmap({
  rows,
  columns,
  title,
  columnLabel,
  valueLabel = 'value',
  min = 0,
  max,
  scale = 'linear',
  color = vizColor(0),
  showValues = false,
  format = formatTick,
  cellHeight: cellHeightProp = 40,
  fontSize: fontSizeProp = 13,
  caption,
  className,
}: HeatmapProps) {
  // In a lecture scene: the projector's text size, and cells grown with it.
  const projector = useProjector();
  const fontSize = projector ? Math.max(fontSizeProp, projector.fontSize) : fontSizeProp;
  const cellHeight = Math.round((cellHeightProp * fontSize) / fontSizeProp);
  const boxRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(boxRef);
  const captionId = useId();

  const top = useMemo(() => {
    if (max !== undefined) return max;
    let m = -Infinity;
    for (const r of rows) for (const v of r.values) if (Number.isFinite(v) && v > m) m = v;
    return Number.isFinite(m) ? m : 1;
  }, [rows, max]);

  // Row labels are bold: wide fallback fonts (DejaVu Sans Bold) run to ~0.72 em a character.
  const labelWidth = Math.ceil(Math.max(0, ...rows.map((r) => r.label.length)) * fontSize * 0.72) + 12;
  const w = width ?? 0;
  const nCols = Math.max(1, columns.length);
  const gridLeft = labelWidth;
  const gridWidth = Math.max(nCols * 8, w - gridLeft - 4);
  const cellW = gridWidth / nCols;
  const gridTop = 4;
  const gridHeight = rows.length * cellHeight;
  const colLabelsY = gridTop + gridHeight + fontSize + 6;
  const labelEvery = Math.max(1, Math.ceil((fontSize * 2.4) / cellW));
  // The column caption wraps onto a second line where it is wider than the heatmap (a phone).
  const captionLines = columnLabel ? wrapLabel(columnLabel, (fontSize + 1) * 0.58, Math.max(120, w - 8)) : [];
  const captionLineH = Math.round((fontSize + 1) * 1.25);
  const axisCaptionY = colLabelsY + (columnLabel ? fontSize + 10 : 0);
  const captionExtra = Math.max(0, captionLines.length - 1) * captionLineH;
  const keyTop = axisCaptionY + captionExtra + 14;
  // The colour key: one strip per distinct row colour, so it shows the colours the cells use.
  const rowColorList = [...new Set(rows.map((r) => r.color ?? (r.role ? roleColor(r.role) : color)))];
  const stripHeight = rowColorList.length > 1 ? 7 : 12;
  const keyHeight = stripHeight * Math.max(1, rowColorList.length);
  const keyWidth = Math.max(60, Math.min(180, gridWidth / 2));
  const keyLeft = gridLeft + Math.ceil(format(min).length * fontSize * 0.62) + 8;
  const totalHeight = keyTop + keyHeight + fontSize + 14;
  // Print values only if the widest one fits its cell.
  const widest = showValues
    ? Math.max(0, ...rows.flatMap((r) => r.values.filter(Number.isFinite).map((v) => format(v).length)))
    : 0;
  const valuesFit = showValues && widest * (fontSize - 1) * 0.62 + 6 <= cellW && cellHeight >= fontSize + 6;
  const gradientId = `${captionId.replace(/[^\w-]/g, '')}-key`;

  return (
    <div className={[paletteStyles.palette, styles.root, className].filter(Boolean).join(' ')}>
      <div ref={boxRef} className={styles.box} style={{ height: totalHeight }}>
        {width !== null && width > 0 ? (
          <svg
            data-export="heatmap"
            width={w}
            height={totalHeight}
            viewBox={`0 0 ${w} ${totalHeight}`}
            aria-hidden="true"
            focusable="false"
            className={styles.svg}
          >
            {rows.map((row, i) => {
              const rowColor = row.color ?? (row.role ? roleColor(row.role) : color);
              const y = gridTop + i * cellHeight;
              return (
                <g key={row.key}>
                  <text
                    x={gridLeft - 8}
                    y={y + cellHeight / 2}
                    dominantBaseline="central"
                    textAnchor="end"
                    fontSize={fontSize}
                    className={styles.rowLabel}
                  >
                    {row.label}
                  </text>
                  {columns.map((_, j) => {
                    const v = row.values[j];
                    const a = heatIntensity(v, min, top, scale);
                    const x = gridLeft + j * cellW;
                    return (
                      <g key={j}>
                        <rect x={x} y={y} width={cellW} height={cellHeight} className={styles.cellBase} />
                        {a > 0 ? (
                          <rect
                            x={x}
                            y={y}
                            width={cellW}
                            height={cellHeight}
                            fill={rowColor}
                            fillOpacity={heatOpacity(a)}
                          />
                        ) : null}
                        <rect x={x} y={y} width={cellW} height={cellHeight} className={styles.cellEdge} />
                        {valuesFit && Number.isFinite(v) ? (
                          <text
                            x={x + cellW / 2}
                            y={y + cellHeight / 2}
                            dominantBaseline="central"
                            textAnchor="middle"
                            fontSize={fontSize - 1}
                            className={styles.value}
                          >
                            {format(v)}
                          </text>
                        ) : null}
                      </g>
                    );
                  })}
                </g>
              );
            })}
            {columns.map((c, j) =>
              j % labelEvery === 0 || j === columns.length - 1 ? (
                <text
                  key={j}
                  x={gridLeft + (j + 0.5) * cellW}
                  y={colLabelsY}
                  textAnchor="middle"
                  fontSize={fontSize}
                  className={styles.colLabel}
                >
                  {typeof c === 'number' ? formatTick(c) : c}
                </text>
              ) : null,
            )}
            {columnLabel ? (
              <text
                x={gridLeft + gridWidth / 2}
                y={axisCaptionY}
                textAnchor="middle"
                fontSize={fontSize + 1}
                className={styles.caption}
              >
                {captionLines.map((line, k) => (
                  <tspan
                    key={k}
                    x={captionLines.length > 1 ? w / 2 : gridLeft + gridWidth / 2}
                    dy={k === 0 ? 0 : captionLineH}
                  >
                    {line}
                  </tspan>
                ))}
              </text>
            ) : null}
            <defs>
              {rowColorList.map((c, k) => (
                <linearGradient key={c} id={`${gradientId}-${k}`} x1="0" x2="1" y1="0" y2="0">
                  {/* As the cells: empty at the minimum, then from the visible floor up to full colour. */}
                  <stop offset={0} stopColor={c} stopOpacity={0} />
                  <stop offset={0.001} stopColor={c} stopOpacity={HEAT_FLOOR} />
                  {[0.25, 0.5, 0.75, 1].map((f) => (
                    <stop
                      key={f}
                      offset={f}
                      stopColor={c}
                      stopOpacity={heatOpacity(scale === 'sqrt' ? Math.sqrt(f) : f)}
                    />
                  ))}
                </linearGradient>
              ))}
            </defs>
            <g transform={`translate(0, ${keyTop})`}>
              <text
                x={gridLeft}
                y={keyHeight / 2}
                dominantBaseline="central"
                fontSize={fontSize}
                className={styles.colLabel}
              >
                {format(min)}
              </text>
              <rect x={keyLeft} y={0} width={keyWidth} height={keyHeight} className={styles.cellBase} />
              {rowColorList.map((c, k) => (
                <rect
                  key={c}
                  data-key-color={c}
                  x={keyLeft}
                  y={k * stripHeight}
                  width={keyWidth}
                  height={stripHeight}
                  fill={`url(#${gradientId}-${k})`}
                />
              ))}
              <rect x={keyLeft} y={0} width={keyWidth} height={keyHeight} className={styles.cellEdge} />
              <text
                x={keyLeft + keyWidth + 6}
                y={keyHeight / 2}
                dominantBaseline="central"
                fontSize={fontSize}
                className={styles.colLabel}
              >
                {format(top)}
              </text>
              {/* On a phone the key's caption starts at the left edge and says "√ scale" so it fits. */}
              <text
                x={w < 420 ? 2 : gridLeft}
                y={keyHeight + fontSize + 6}
                fontSize={fontSize}
                className={styles.colLabel}
              >
                colour: {valueLabel}
                {scale === 'sqrt' ? (w < 420 ? ' (√ scale)' : ' (square-root scale)') : ''}
              </text>
            </g>
          </svg>
        ) : null}
      </div>
      {/* A table ignores width: 1px, so the clipping box is a wrapper (else it widens a phone page). */}
      <div className="visually-hidden">
        {/* A class of its own keeps the prose table style (display: block, scrolling) off it. */}
        <table className={styles.dataTable}>
          <caption>
            {title}
            {caption ? `. ${caption}` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">{columnLabel ?? 'column'}</th>
              {columns.map((c, j) => (
                <th key={j} scope="col">
                  {String(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                {columns.map((_, j) => (
                  <td key={j}>{Number.isFinite(row.values[j]) ? format(row.values[j]) : '—'}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {caption ? (
        <p id={captionId} className={styles.captionText} aria-hidden="true">
          {caption}
        </p>
      ) : null}
    </div>
  );
}

/** Splits `text` at spaces into lines of at most `maxWidth` px, at `charWidth` px a character (estimate). */
function wrapLabel(text: string, charWidth: number, maxWidth: number): string[] {
  const perLine = Math.max(8, Math.floor(maxWidth / charWidth));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && (line + ' ' + word).length > perLine) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
