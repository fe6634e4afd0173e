'use client';
/**
 * A line chart for experiment series (Recharts): lines with optional shaded bands (lo–hi), linear or log axes,
 * reference lines, axis captions and a legend drawn inside the SVG (so an exported SVG/PNG carries them), and a
 * tooltip with formatted numbers. Redraws at most 10 times a second, at most MAX_POINTS points per series, no
 * animation (DESIGN.md, "Rendering"). Screen readers get one summary: title, axes and series names.
 */
import { useId, useImperativeHandle, useMemo, useRef, type CSSProperties, type Ref } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis, usePlotArea } from 'recharts';
import { usePrinting } from '@/components/hooks/usePrinting';
import { useThrottled } from '@/components/hooks/useThrottled';
import { seriesToCsv } from '@/lib/csv';
import type { Point } from '@/sims/experiments/types';
import {
  bandKey,
  chartSummary,
  cleanPoints,
  coincidence,
  downsample,
  extent,
  legendLayout,
  mergeRows,
  plainLabel,
  pointBudget,
  spreadLabels,
  textParts,
  valueKey,
} from './chartData';
import { useElementWidth, useStable } from './hooks';
import { useProjector } from './projector';
import { ROLES, roleColor, vizColor, vizDash, type VizRole } from './palette';
import { formatTick, formatValue, logAxis, niceTicks, padDomain, spacedTicks } from './ticks';
import paletteStyles from './palette.module.css';
import styles from './LineChart.module.css';

export interface LineSeries {
  /** Stable id of the series (e.g. the Result series name 'bc'). */
  key: string;
  /** What the legend and the tooltip call it. */
  label: string;
  /** The curve; points with non-finite y (or non-positive values on a log axis) are skipped. */
  points: readonly Point[];
  /** A CSS colour or `var(--viz-…)`. Default: the role's colour, else the palette in series order. */
  color?: string;
  /** Gives the series its role's colour and dash (expert, bc, dagger, dart, learner, guide). */
  role?: VizRole;
  /** true: always dashed; false: always solid. Default: the role's dash, else series 0 solid and the rest dashed. */
  dashed?: boolean;
  /** Shade lo–hi where the points have them (default true). */
  showBand?: boolean;
  /** Draw the points only, no line: for a few separate measurements that are not a trend (default false). */
  markersOnly?: boolean;
  /** Short name printed at the line's right end (default: `label`). `_t` / `_{…}` in labels are subscripts. */
  endLabel?: string;
}

export interface ReferenceLineSpec {
  /** A vertical line at this x… */
  x?: number;
  /** …or a horizontal line at this y. */
  y?: number;
  /** Printed next to the line. */
  label?: string;
  /** A CSS colour or `var(--viz-…)` (default the muted text colour). */
  color?: string;
  /** Dashed (default true). */
  dashed?: boolean;
}

export interface LineChartHandle {
  /** The chart's <svg>, for svgString / svgToPngBlob. */
  svg(): SVGSVGElement | null;
  /** The series as drawn (before thinning), as CSV (series,x,y,lo,hi), keyed by label. */
  csv(): string;
}

export interface LineChartProps {
  /** The curves, drawn in this order (later on top). */
  series: readonly LineSeries[];
  /** What x is, with units: 'horizon H (steps)'. */
  xLabel: string;
  /** What y is, with units: 'cost J (off-centre steps)'. */
  yLabel: string;
  /** Logarithmic x axis; points with x ≤ 0 are dropped. */
  logX?: boolean;
  /** Logarithmic y axis; points with y ≤ 0 are dropped. */
  logY?: boolean;
  /** Height in CSS px of the plot block (axes and captions included); legend rows add to it. */
  height?: number;
  /** Fixed x range; data outside it is clipped. Default: the data's range (enclosing powers on a log axis). */
  xDomain?: [number, number];
  /** Fixed y range; data outside it is clipped. Default: a rounded range around the data. */
  yDomain?: [number, number];
  /** Explicit x tick values (e.g. the horizons of a sweep). Default: automatic (powers of 2 or 10 on a log axis). */
  xTicks?: readonly number[];
  /** Explicit y tick values. */
  yTicks?: readonly number[];
  /** Horizontal or vertical guide lines (e.g. the expert's cost, a threshold). */
  referenceLines?: readonly ReferenceLineSpec[];
  /** The chart's accessible name; starts the screen-reader summary. */
  title?: string;
  /** One line under the chart: what the axes and the band mean. */
  caption?: string;
  /** Tick label size in px; captions and legend are 1 px larger. Lecture mode can pass ~20. */
  fontSize?: number;
  /** Minimum time between redraws in ms (default 100: at most 10 redraws a second). */
  throttleMs?: number;
  /** Extra class on the root element. */
  className?: string;
  /** Name each line at its right end, when there are two or more and the chart is wide enough (default true). */
  endLabels?: boolean;
  /** Imperative access for export: `svg()` and `csv()`. */
  ref?: Ref<LineChartHandle>;
}

interface PreparedSeries {
  key: string;
  label: string;
  color: string;
  dash: string;
  points: Point[];
  band: boolean;
  bandEvery: number;
  dots: boolean;
  markersOnly: boolean;
  endLabel: string;
}

/** Below this many points a series also shows its sample points (a single point has no line to show). */
const DOT_THRESHOLD = 40;
/** Room beside the widest y tick label: Recharts' tick line (6 px) and margin (2 px), and a little air. */
const Y_TICK_ROOM = 12;
/** Least space between two x tick labels, in px. */
const X_TICK_GAP = 8;
const SWATCH = 30;

function styleOf(s: LineSeries, i: number): { color: string; dash: string } {
  const color = s.color ?? (s.role ? roleColor(s.role) : vizColor(i));
  const natural = s.role ? ROLES[s.role].dash : vizDash(i);
  const dash = s.dashed === false ? '' : s.dashed === true ? natural || vizDash(1) : natural;
  return { color, dash };
}

function sameSeries(a: readonly LineSeries[], b: readonly LineSeries[]): boolean {
  return (
    a.length === b.length &&
    a.every((s, i) => {
      const t = b[i];
      return (
        s.key === t.key &&
        s.label === t.label &&
        s.points === t.points &&
        s.color === t.color &&
        s.role === t.role &&
        s.dashed === t.dashed &&
        s.showBand === t.showBand &&
        s.markersOnly === t.markersOnly &&
        s.endLabel === t.endLabel
      );
    })
  );
}

/** `series` with a stable identity while every item is shallowly the same (same `points` arrays, same style). */
function useSameSeries(series: readonly LineSeries[]): readonly LineSeries[] {
  const ref = useRef(series);
  if (ref.current !== series && !sameSeries(ref.current, series)) ref.current = series;
  return ref.current;
}

/** The legend says so when a series has nothing to draw (e.g. all zero on a log axis), instead of a silent gap. */
function legendLabel(s: PreparedSeries): string {
  return s.points.length === 0 ? `${s.label} (nothing to show)` : s.label;
}

let measureCanvas: HTMLCanvasElement | null = null;

/** Text width in px for the legend layout; a per-character estimate where no canvas is available. */
function textWidth(text: string, font: string, fontSize: number): number {
  if (typeof document !== 'undefined') {
    measureCanvas ??= document.createElement('canvas');
    const ctx = measureCanvas.getContext('2d');
    if (ctx) {
      ctx.font = font;
      return ctx.measureText(text).width;
    }
  }
  return text.length * fontSize * 0.6;
}

export function LineChart({
  series,
  xLabel,
  yLabel,
  logX = false,
  logY = false,
  height: heightProp = 280,
  xDomain,
  yDomain,
  xTicks,
  yTicks,
  referenceLines = [],
  title,
  caption,
  fontSize: fontSizeProp = 13,
  throttleMs = 100,
  className,
  endLabels = true,
  ref,
}: LineChartProps) {
  // In a lecture scene: text and lines for projection, and the chart as tall as the screen allows.
  const projector = useProjector();
  const fontSize = projector ? Math.max(fontSizeProp, projector.fontSize) : fontSizeProp;
  const height = projector ? projector.chartHeight : heightProp;
  const lineWidth = projector ? projector.strokeWidth : 2.5;
  // On a projected slide the presenter says what the caption would: the chart gets the room instead.
  const shownCaption = projector ? undefined : caption;
  const plotRef = useRef<HTMLDivElement>(null);
  const captionId = useId();
  const width = useElementWidth(plotRef);
  // The chart's font, for measuring its labels on a canvas: read once the element exists (its width is known then).
  const family = useMemo(
    () => (width !== null && plotRef.current ? getComputedStyle(plotRef.current).fontFamily : 'sans-serif'),
    [width !== null], // eslint-disable-line react-hooks/exhaustive-deps
  );
  // Parents often rebuild the series array on every render; keep its identity while its contents are the same, so
  // an unrelated re-render neither waits for the throttle nor redraws the chart.
  const same = useSameSeries(series);
  const throttled = useThrottled(same, throttleMs);
  // Printing draws the latest series at once: `beforeprint` waits for no timer (a chart mounted before its figure's
  // result arrived would otherwise print "No data yet").
  const shown = usePrinting() ? same : throttled;
  const xDom = useStable(xDomain);
  const yDom = useStable(yDomain);
  const xTickList = useStable(xTicks);
  const yTickList = useStable(yTicks);
  const refLines = useStable(referenceLines);

  // Round the width so that small resizes do not re-thin the data.
  const budget = pointBudget(width === null ? 1000 : Math.ceil(width / 100) * 100);
  const prepared = useMemo<PreparedSeries[]>(
    () =>
      shown.map((s, i) => {
        const points = downsample(cleanPoints(s.points, { logX, logY }), budget.line) as Point[];
        const band = (s.showBand ?? true) && points.some((p) => p.lo !== undefined);
        const bandEvery = Math.max(1, Math.ceil(points.length / budget.band));
        return {
          key: s.key,
          label: s.label,
          ...styleOf(s, i),
          points,
          band,
          bandEvery,
          dots: s.markersOnly === true || points.length <= DOT_THRESHOLD,
          markersOnly: s.markersOnly === true,
          endLabel: s.endLabel ?? s.label,
        };
      }),
    [shown, logX, logY, budget.line, budget.band],
  );
  const rows = useMemo(() => mergeRows(prepared), [prepared]);

  const axes = useMemo(() => {
    const axis = (
      kind: 'x' | 'y',
      log: boolean,
      fixed: [number, number] | undefined,
      ticks: readonly number[] | undefined,
      target: number,
    ): { domain: [number, number]; ticks?: number[]; clip: boolean } => {
      if (log) {
        const range = fixed && fixed[0] > 0 && fixed[1] > 0 ? fixed : extent(prepared, kind);
        const la = range ? logAxis(range[0], range[1]) : null;
        if (!la) return { domain: [1, 10], ticks: [1, 10], clip: true };
        const domain: [number, number] = fixed && fixed[0] > 0 && fixed[1] > 0 ? fixed : la.domain;
        const chosen = (ticks ?? la.ticks).filter(
          (v) => v > 0 && v >= domain[0] * (1 - 1e-9) && v <= domain[1] * (1 + 1e-9),
        );
        // A value axis keeps a margin past data that reach its ends (a curve on the lowest value stays visible).
        const padded = kind === 'y' ? padDomain(domain, extent(prepared, 'y'), { log: true }) : domain;
        return { domain: padded, ticks: chosen, clip: true };
      }
      const range = fixed ?? extent(prepared, kind) ?? [0, 1];
      // A value axis widens to round numbers; the x axis ends where the data (or the given domain) ends.
      const nice = niceTicks(range[0], range[1], target, kind === 'y' && !fixed);
      const domain = fixed ?? nice.domain;
      const chosen = ticks ? ticks.filter((v) => v >= domain[0] && v <= domain[1]) : nice.ticks;
      const padded = kind === 'y' ? padDomain(domain, extent(prepared, 'y')) : domain;
      return { domain: padded, ticks: chosen, clip: true };
    };
    const w = width ?? 600;
    const xTarget = Math.min(8, Math.max(3, Math.round(w / (fontSize * 7))));
    const yTarget = Math.min(7, Math.max(3, Math.round(height / (fontSize * 4.5))));
    return { x: axis('x', logX, xDom, xTickList, xTarget), y: axis('y', logY, yDom, yTickList, yTarget) };
  }, [prepared, logX, logY, xDom, yDom, xTickList, yTickList, width, height, fontSize]);

  const labelSize = fontSize + 1;
  const legend = useMemo(() => {
    if (width === null) return { items: [], height: 0 };
    const widths = prepared.map(
      (s) => SWATCH + 6 + textWidth(plainLabel(legendLabel(s)), `${labelSize}px ${family}`, labelSize),
    );
    const { positions, height: h } = legendLayout(widths, Math.max(1, width - 16), {
      gap: 18,
      rowHeight: Math.round(labelSize * 1.6),
    });
    return { items: positions, height: h };
  }, [prepared, width, labelSize, family]);

  // Curves drawn under later ones: their hidden points get rings (one size up per curve on top), and curves that
  // coincide everywhere are named in a note, so nothing the reader should compare disappears.
  const overlap = useMemo(() => {
    const { depth, groups } = coincidence(prepared, axes.y.domain, { log: logY });
    const note = groups
      .map((g) => {
        const names = g.map((i) => prepared[i].label);
        const list = names.length === 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
        return `${plainLabel(list)} lie on top of each other (rings mark the ${names.length === 2 ? 'one' : 'ones'} underneath).`;
      })
      .join(' ');
    return { depth, note };
  }, [prepared, axes.y.domain, logY]);

  const ends = useMemo(() => {
    if (!endLabels || width === null || prepared.filter((s) => s.points.length > 0).length < 2) return null;
    const widest = Math.max(
      ...prepared.map((s) => textWidth(plainLabel(s.endLabel), `600 ${fontSize}px ${family}`, fontSize)),
    );
    const room = Math.ceil(widest) + 10;
    return room <= width * 0.26 ? { room } : null;
  }, [endLabels, width, prepared, fontSize, family]);

  const summary = chartSummary({
    title: title === undefined ? undefined : plainLabel(title),
    xLabel: plainLabel(xLabel),
    yLabel: plainLabel(yLabel),
    labels: prepared.map((s) => plainLabel(s.label)),
    logX,
    logY,
  });

  useImperativeHandle(
    ref,
    () => ({
      svg: () => plotRef.current?.querySelector<SVGSVGElement>('svg.recharts-surface') ?? null,
      csv: () => seriesToCsv(Object.fromEntries(series.map((s) => [s.label, s.points]))),
    }),
    [series],
  );

  const totalHeight = height + legend.height;
  const empty = rows.length === 0;

  // The chart as one memoised element: a parent re-render that changes none of its inputs does not reach Recharts.
  const chart = useMemo(() => {
    if (width === null || width <= 0 || empty) return null;
    // Tick labels measured on a canvas: Recharts' own "auto" axis width and overlap check lay hidden text out in the
    // page, a forced layout per label that made every redraw of a chart on a long page a long task.
    const tickWidth = (v: number) => textWidth(formatTick(v), `${fontSize}px ${family}`, fontSize);
    // The last x tick's label is centred on the plot's right end: leave room for its right half.
    const lastX = axes.x.ticks?.[axes.x.ticks.length - 1];
    const xOverhang = lastX === undefined ? 0 : Math.ceil(tickWidth(lastX) / 2) + 4;
    const margin = {
      top: Math.round(labelSize * 1.6 + 8),
      right: Math.max(ends ? ends.room + 8 : 18, xOverhang),
      left: 4,
      bottom: Math.round(labelSize * 1.4 + 8) + (legend.height ? legend.height + 8 : 0),
    };
    const xAxisHeight = fontSize + 14;
    const tick = { fontSize, fill: 'var(--viz-axis)' };
    const yAxisWidth = Math.ceil(Math.max(0, ...(axes.y.ticks ?? []).map(tickWidth))) + Y_TICK_ROOM;
    const plotLeft = margin.left + yAxisWidth;
    const plotWidth = Math.max(1, width - margin.right - plotLeft);
    const [x0, x1] = axes.x.domain;
    const xFraction = logX
      ? (v: number) => (Math.log(v) - Math.log(x0)) / (Math.log(x1) - Math.log(x0) || 1)
      : (v: number) => (v - x0) / (x1 - x0 || 1);
    const xTicks = spacedTicks(axes.x.ticks ?? [], (v) => plotLeft + xFraction(v) * plotWidth, tickWidth, X_TICK_GAP);
    return (
      <ComposedChart width={width} height={totalHeight} data={rows} margin={margin} accessibilityLayer={false}>
        <CartesianGrid stroke="var(--viz-grid)" strokeDasharray="3 4" />
        <XAxis
          dataKey="x"
          type="number"
          scale={logX ? 'log' : 'linear'}
          domain={axes.x.domain}
          ticks={xTicks}
          interval={0}
          allowDataOverflow={axes.x.clip}
          tickFormatter={formatTick}
          tick={tick}
          stroke="var(--viz-axis)"
          height={xAxisHeight}
        />
        <YAxis
          type="number"
          scale={logY ? 'log' : 'linear'}
          domain={axes.y.domain}
          ticks={axes.y.ticks}
          allowDataOverflow={axes.y.clip}
          tickFormatter={formatTick}
          tick={tick}
          stroke="var(--viz-axis)"
          width={yAxisWidth}
        />
        {prepared.map((s, i) =>
          s.band ? (
            <Area
              key={`band-${s.key}`}
              dataKey={bandKey(i)}
              stroke="none"
              fill={s.color}
              fillOpacity={0.2}
              className={styles.band}
              connectNulls
              isAnimationActive={false}
              legendType="none"
              tooltipType="none"
              activeDot={false}
              dot={false}
            />
          ) : null,
        )}
        {refLines.map((r, i) => {
          const value = r.x ?? r.y;
          if (value === undefined || !Number.isFinite(value)) return null;
          if ((r.x !== undefined && logX && r.x <= 0) || (r.x === undefined && logY && value <= 0)) return null;
          const color = r.color ?? 'var(--viz-axis)';
          return (
            <ReferenceLine
              key={`ref-${i}`}
              {...(r.x !== undefined ? { x: r.x } : { y: r.y })}
              stroke={color}
              strokeWidth={1.5}
              strokeDasharray={r.dashed === false ? undefined : '6 4'}
              ifOverflow="hidden"
              label={
                r.label
                  ? {
                      value: r.label,
                      position: r.x !== undefined ? 'insideTopLeft' : 'insideBottomRight',
                      fill: color,
                      fontSize,
                    }
                  : undefined
              }
            />
          );
        })}
        {prepared.map((s, i) => (
          <Line
            key={`line-${s.key}`}
            dataKey={valueKey(i)}
            name={plainLabel(s.label)}
            type="linear"
            stroke={s.markersOnly ? 'none' : s.color}
            strokeWidth={s.markersOnly ? 0 : lineWidth}
            strokeDasharray={s.dash || undefined}
            dot={dotRenderer(s, i, overlap.depth[i])}
            activeDot={{ r: 5, stroke: 'var(--bg)', strokeWidth: 2 }}
            connectNulls
            isAnimationActive={false}
          />
        ))}
        <Tooltip
          isAnimationActive={false}
          formatter={(value) => formatValue(Number(value))}
          labelFormatter={(x) => `${plainLabel(xLabel)}: ${formatValue(Number(x))}`}
          contentStyle={{
            background: 'var(--bg)',
            border: '1px solid var(--border)',
            borderRadius: 6,
            color: 'var(--fg)',
            fontSize: labelSize,
          }}
          labelStyle={{ color: 'var(--fg)', fontWeight: 600 }}
          cursor={{ stroke: 'var(--viz-axis)', strokeDasharray: '3 3' }}
        />
        <Decorations
          xLabel={xLabel}
          yLabel={yLabel}
          fontSize={labelSize}
          xAxisHeight={xAxisHeight}
          legend={prepared.map((s, i) => ({
            label: legendLabel(s),
            color: s.color,
            dash: s.markersOnly ? 'dots' : s.dash,
            ...legend.items[i],
          }))}
          legendTop={totalHeight - legend.height - 4}
          ends={
            ends
              ? prepared.flatMap((s) => {
                  const last = s.points[s.points.length - 1];
                  return last ? [{ label: s.endLabel, color: s.color, x: last.x, y: last.y }] : [];
                })
              : null
          }
          xDomain={axes.x.domain}
          yDomain={axes.y.domain}
          logX={logX}
          logY={logY}
        />
      </ComposedChart>
    );
  }, [
    width,
    family,
    empty,
    labelSize,
    legend,
    ends,
    overlap,
    fontSize,
    lineWidth,
    totalHeight,
    rows,
    logX,
    logY,
    axes,
    prepared,
    refLines,
    xLabel,
    yLabel,
  ]);

  return (
    <div className={[paletteStyles.palette, styles.root, className].filter(Boolean).join(' ')}>
      <div
        ref={plotRef}
        className={styles.plot}
        role="img"
        aria-label={summary}
        aria-describedby={shownCaption ? captionId : undefined}
        style={{ height: totalHeight } as CSSProperties}
      >
        {chart}
        {empty ? <p className={styles.empty}>No data yet.</p> : null}
      </div>
      {overlap.note ? (
        <p className={styles.caption} data-testid="overlap-note">
          {overlap.note}
        </p>
      ) : null}
      {shownCaption ? (
        <p id={captionId} className={styles.caption}>
          <Rich text={shownCaption} />
        </p>
      ) : null}
    </div>
  );
}

/**
 * The dots of series `s`: every point when it shows its sample points; and a ring around each point that a later
 * series covers, one size larger per covering series (`depth`, by x), so a curve under another stays visible.
 * On a dense series the rings are thinned, at a phase that differs per series so two rings never share an x.
 */
function dotRenderer(s: PreparedSeries, i: number, depth: ReadonlyMap<number, number>) {
  const every = Math.max(1, Math.ceil(s.points.length / 14));
  const ringAt = new Map<number, number>();
  s.points.forEach((p, k) => {
    const d = depth.get(p.x);
    if (d !== undefined && d > 0 && (every === 1 || k % every === i % every)) ringAt.set(p.x, d);
  });
  if (!s.dots && ringAt.size === 0) return false;
  const DotShape = (props: { cx?: number; cy?: number; payload?: { x: number }; index?: number }) => {
    const { cx, cy, payload, index } = props;
    if (cx === undefined || cy === undefined || !Number.isFinite(cx) || !Number.isFinite(cy) || !payload)
      return <g key={`dot-${s.key}-${index}`} />;
    const ring = ringAt.get(payload.x);
    return (
      <g key={`dot-${s.key}-${index}`}>
        {ring !== undefined ? (
          <circle cx={cx} cy={cy} r={4 + 2.5 * ring} fill="none" stroke={s.color} strokeWidth={2} data-ring="" />
        ) : null}
        {s.dots ? <circle cx={cx} cy={cy} r={s.markersOnly ? 4.5 : 3.5} fill={s.color} stroke={s.color} /> : null}
      </g>
    );
  };
  return DotShape;
}

/** Text with `_x` / `_{…}` subscripts, as SVG tspans. */
function SvgRich({ text }: { text: string }) {
  return (
    <>
      {textParts(text).map((p, k) =>
        p.sub ? (
          <tspan key={k} baselineShift="sub" fontSize="0.85em">
            {p.text}
          </tspan>
        ) : (
          <tspan key={k}>{p.text}</tspan>
        ),
      )}
    </>
  );
}

/** Text with `_x` / `_{…}` subscripts, in HTML. */
function Rich({ text }: { text: string }) {
  return <>{textParts(text).map((p, k) => (p.sub ? <sub key={k}>{p.text}</sub> : p.text))}</>;
}

interface EndLabel {
  label: string;
  color: string;
  x: number;
  y: number;
}

interface DecorationsProps {
  xLabel: string;
  yLabel: string;
  fontSize: number;
  xAxisHeight: number;
  legend: { label: string; color: string; dash: string; x?: number; y?: number }[];
  legendTop: number;
  /** Labels for the lines' right ends (null: none). */
  ends: EndLabel[] | null;
  xDomain: [number, number];
  yDomain: [number, number];
  logX: boolean;
  logY: boolean;
}

/** Position in [0, 1] of v along an axis. */
function along(v: number, [lo, hi]: [number, number], log: boolean): number {
  return log ? (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : (v - lo) / (hi - lo);
}

/** Axis captions (y above the plot, x below it), the legend and the end labels, as SVG so exports include them. */
function Decorations({
  xLabel,
  yLabel,
  fontSize,
  xAxisHeight,
  legend,
  legendTop,
  ends,
  xDomain,
  yDomain,
  logX,
  logY,
}: DecorationsProps) {
  const plot = usePlotArea();
  if (!plot) return null;
  const rowH = Math.round(fontSize * 1.6);
  const endFont = fontSize - 1;
  // End labels: at each line's last point, spread so none overlap.
  const endItems: { label: string; color: string; y: number }[] = [];
  if (ends) {
    const raw = ends
      .filter((e) => along(e.x, xDomain, logX) >= -1e-9 && along(e.x, xDomain, logX) <= 1 + 1e-9)
      .map((e) => ({ ...e, py: plot.y + plot.height * (1 - Math.min(1, Math.max(0, along(e.y, yDomain, logY)))) }))
      .sort((a, b) => a.py - b.py);
    // Lines ending together get their labels stacked (spread below), each in its colour: the reader sees both.
    for (const e of raw) endItems.push({ label: e.label, color: e.color, y: e.py });
    const ys = spreadLabels(
      endItems.map((e) => e.y),
      Math.round(endFont * 1.25),
      plot.y + endFont / 2,
      plot.y + plot.height - endFont / 2,
    );
    ys.forEach((y, k) => (endItems[k].y = y));
  }
  return (
    <g>
      <text
        x={2}
        y={plot.y - Math.round(fontSize * 0.75) - 2}
        fontSize={fontSize}
        className={styles.axisCaption}
        textAnchor="start"
      >
        <SvgRich text={yLabel} />
      </text>
      <text
        x={plot.x + plot.width / 2}
        y={plot.y + plot.height + xAxisHeight + fontSize + 2}
        fontSize={fontSize}
        className={styles.axisCaption}
        textAnchor="middle"
      >
        <SvgRich text={xLabel} />
      </text>
      {endItems.map((e, k) => (
        <text
          key={`end-${k}`}
          x={plot.x + plot.width + 6}
          y={e.y}
          dominantBaseline="central"
          fontSize={endFont}
          fontWeight={600}
          fill={e.color}
          data-end-label=""
        >
          <SvgRich text={e.label} />
        </text>
      ))}
      {legend.map((item, i) =>
        item.x === undefined || item.y === undefined ? null : (
          <g key={i} transform={`translate(${8 + item.x}, ${legendTop + item.y})`}>
            {item.dash === 'dots' ? (
              [6, SWATCH - 6].map((cx) => <circle key={cx} cx={cx} cy={rowH / 2} r={4.5} fill={item.color} />)
            ) : (
              <line
                x1={0}
                x2={SWATCH}
                y1={rowH / 2}
                y2={rowH / 2}
                stroke={item.color}
                strokeWidth={3}
                strokeDasharray={item.dash || undefined}
              />
            )}
            <text
              x={SWATCH + 6}
              y={rowH / 2}
              dominantBaseline="central"
              fontSize={fontSize}
              className={styles.legendText}
            >
              <SvgRich text={item.label} />
            </text>
          </g>
        ),
      )}
    </g>
  );
}
