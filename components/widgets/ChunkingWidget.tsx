'use client';

import type { ReactNode } from 'react';
import { LineChart, type LineSeries, type ReferenceLineSpec } from '@/components/viz/LineChart';
import { vizColor } from '@/components/viz/palette';
import { chunkingInfo, type ChunkingResult } from '@/sims/experiments/chunking.params';
import { ExperimentFrame } from './ExperimentFrame';
import type { WidgetProps } from './types';
import styles from './widgets.module.css';

type Result = ChunkingResult;

const PLUS = vizColor(0);
const MINUS = vizColor(3);
const cost = (j: number) => (j >= 0.1 ? j.toFixed(1) : j.toPrecision(1));

/**
 * Action chunking in two worlds (chapter "Action chunking and generative policies", figure 1): the deviation from the
 * expert in both worlds on a log scale with the chunk boundaries, and the linearised worst-world rate against the
 * chunk length with the theory band ℓ* = log κ / log(1/a).
 */
export function ChunkingWidget({ urlKey, preset, shipped }: WidgetProps<ChunkingResult>) {
  return (
    <ExperimentFrame
      info={chunkingInfo}
      urlKey={urlKey}
      preset={preset}
      shipped={shipped}
      allowCompare={false}
      mainParams={['a', 'chunk', 'execution']}
    >
      {({ state }) => {
        const r = state.result;
        return (
          <>
            <p className={styles.summary}>{r ? summary(r) : 'Training the chunk network…'}</p>
            <DeviationChart r={r} />
            <RateChart r={r} />
          </>
        );
      }}
    </ExperimentFrame>
  );
}

function summary(r: Result): ReactNode {
  const m = r.metrics;
  const e = r.extras;
  const how =
    e.ensemble !== 0
      ? `re-predicted every step and averaged with ACT weights (m = ${e.ensemble})`
      : e.execution === 'receding'
        ? 'but only the first action of each chunk is played'
        : 'played open loop';
  return (
    <>
      Chunks of ℓ = <strong>{e.chunk}</strong> actions, {how}: z-errors in the worse world change by{' '}
      <strong>×{m['rate/worst'].toFixed(3)}</strong> per step ({m['rate/worst'] < 1 ? 'they shrink' : 'they grow'}), and
      the worst-world imitation cost over {e.horizon} steps is <strong>J = {cost(m['J/worst'])}</strong> (at most{' '}
      {e.horizon}).
    </>
  );
}

function DeviationChart({ r }: { r: Result | null }) {
  const plus = r?.series['deviation/plus'] ?? [];
  const minus = r?.series['deviation/minus'] ?? [];
  const series: LineSeries[] = [
    { key: 'plus', label: 'world σ = +1', endLabel: 'σ = +1', color: PLUS, points: plus },
    { key: 'minus', label: 'world σ = −1', endLabel: 'σ = −1', color: MINUS, dashed: true, points: minus },
  ];
  const boundaries: ReferenceLineSpec[] = [];
  if (r && r.extras.ensemble === 0 && r.extras.execution === 'open-loop' && r.extras.chunk > 1) {
    for (let t = r.extras.chunk; t < r.extras.horizon; t += r.extras.chunk) boundaries.push({ x: t, dashed: true });
  }
  let lo = Infinity;
  for (const p of [...plus, ...minus]) if (p.y > 0 && p.y < lo) lo = p.y;
  const top = Math.max(1, ...plus.map((p) => p.y), ...minus.map((p) => p.y));
  return (
    <LineChart
      title="Deviation from the expert over time, in both worlds (log scale), with the chunk boundaries"
      series={series}
      xLabel="time step t"
      yLabel="median ‖x̂_t − x*_t‖"
      logY
      yDomain={Number.isFinite(lo) ? [10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(3 * top))] : undefined}
      height={300}
      referenceLines={[...boundaries, { y: 1, label: 'per-step cost saturates' }]}
      caption="Median over 100 starts of the distance between the learner's and the expert's state (same start, same noise). Thin dashed verticals: where a new chunk is predicted (open-loop execution)."
    />
  );
}

function RateChart({ r }: { r: Result | null }) {
  const pts = r?.series['rate/vsChunk'] ?? [];
  const star = r?.extras.chunkStar;
  const refs: ReferenceLineSpec[] = [{ y: 1, label: 'rate 1: errors neither grow nor shrink' }];
  if (star !== undefined && star <= 30) refs.push({ x: star, label: `ℓ* = log κ / log(1/a) ≈ ${star.toFixed(1)}` });
  return (
    <LineChart
      title="Worst-world growth rate per step against the chunk length"
      series={[{ key: 'rate', label: 'worst-world rate (one network per ℓ)', color: vizColor(1), points: pts, showBand: true }]}
      xLabel="chunk length ℓ"
      yLabel="worst-world rate per step"
      height={260}
      xDomain={[0, 31]}
      referenceLines={refs}
      caption={
        pts.length === 0
          ? 'The sweep over ℓ is off.'
          : `One network trained per ℓ; the rate is |M_σ|^(1/ℓ) in the worse world, with M_σ = a^ℓ + σ·Σ_j a^(ℓ−1−j)·β̂_j. The vertical line is the theory scale ℓ* for κ = ${r?.extras.kappa ?? ''}${star !== undefined && star > 30 ? ' (a ≥ 1: no chunk length suffices)' : ''}.`
      }
    />
  );
}
