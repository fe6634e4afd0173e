'use client';

import { useId, useMemo, useState } from 'react';
import { LineChart, type LineSeries } from '@/components/viz/LineChart';
import { vizColor } from '@/components/viz/palette';
import { OffStage } from '@/components/viz/projector';
import { pendulumRenderer } from '@/components/viz/renderers/pendulum';
import { TrajectoryPlayer, type TrajectoryTrack } from '@/components/viz/TrajectoryPlayer';
import { gvaPendulumInfo, type GvaPendulumResult, type GvaScheme } from '@/sims/experiments/gva-pendulum.params';
import type { Point, Trajectory } from '@/sims/experiments/types';
import { ExperimentFrame } from './ExperimentFrame';
import type { WidgetProps } from './types';
import styles from './widgets.module.css';
import css from './GvaPendulumWidget.module.css';

type Result = GvaPendulumResult;

const RAW = vizColor(1);
const AVG = vizColor(0);
const BEMA = vizColor(3);

/** What the averaged curve is called, per scheme. */
function averageName(scheme: GvaScheme, gamma: number): string {
  switch (scheme) {
    case 'none':
      return 'no average (raw)';
    case 'ema':
      return `EMA ${gamma}`;
    case 'ema-debiased':
      return `debiased EMA ${gamma}`;
    case 'swa':
      return 'SWA';
    case 'bema':
      return 'BEMA';
  }
}

/** Steps after which the return axis is fitted to the data. */
const EARLY_END = 600;

/**
 * The three panels redraw at most four times a second while checkpoints stream in (DESIGN.md's floor): each redraw
 * of three charts is main-thread work, and ten a second left long tasks while training.
 */
const STREAM_REDRAW_MS = 250;

const fmt = (x: number | undefined, digits = 2) => (x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits));
const yAt = (pts: readonly Point[] | undefined, i: number) => pts?.[i]?.y;

/** One checkpoint's θ(t) of a flat [checkpoints, frames] animation array. */
function slice(tr: Trajectory, i: number): Trajectory {
  const frames = tr.dims[1];
  return { data: tr.data.subarray(i * frames, (i + 1) * frames), dims: [frames, 1], labels: ['θ (rad)'] };
}

/**
 * Butterfly effects of SGD noise (figure 1 of "Iterate averaging"): three stacked panels on one step axis — the
 * training loss, the rollout return of the raw iterate, the chosen average and BEMA, and the raw iterate's
 * closed-loop spectral radius — with a checkpoint cursor that drives the learned-gain readout and the two pendulums.
 */
export function GvaPendulumWidget({ urlKey, preset, shipped }: WidgetProps<Result>) {
  return (
    <ExperimentFrame
      info={gvaPendulumInfo}
      urlKey={urlKey}
      preset={preset}
      shipped={shipped}
      allowCompare={false}
      mainParams={['scheme', 'ema', 'batch', 'poleRadius']}
    >
      {({ state, values, shownValues }) => (
        <GvaView
          final={state.result}
          live={state.partial ?? state.result}
          trainSteps={values.trainSteps}
          avgName={averageName(shownValues.scheme, shownValues.ema)}
          burnIn={shownValues.bemaBurnIn}
        />
      )}
    </ExperimentFrame>
  );
}

interface GvaViewProps {
  /** The last complete result (its cursor and pendulums), or null while the first run computes. */
  final: Result | null;
  /** What to draw in the panels: the streaming partial result during a run, else the final one. */
  live: { series: Partial<Result['series']> } | null;
  trainSteps: number;
  avgName: string;
  burnIn: number;
}

function GvaView({ final, live, trainSteps, avgName, burnIn }: GvaViewProps) {
  const cursorId = useId();
  const n = final?.series['return/raw'].length ?? 0;
  const [picked, setPicked] = useState<number | null>(null);
  // Default cursor: the raw iterate's worst checkpoint in the last 60 (where the two pendulums differ most).
  const worst = useMemo(() => {
    if (!final) return 0;
    const pts = final.series['return/raw'];
    let best = Math.max(0, pts.length - 60);
    for (let i = best; i < pts.length; i++) if (pts[i].y < pts[best].y) best = i;
    return best;
  }, [final]);
  const cursor = Math.min(picked ?? worst, Math.max(0, n - 1));
  const s = live?.series;
  const step = final?.series['return/raw'][cursor]?.x;
  const cursorLine = step !== undefined ? [{ x: step }] : [];
  // The return axis: from the worst checkpoint after the first EARLY_END steps (the untrained start, always fallen,
  // would squash the rest; it is clipped at the bottom).
  const yLow = useMemo(() => {
    const pts = [...(s?.['return/raw'] ?? []), ...(s?.['return/ema'] ?? []), ...(s?.['return/bema'] ?? [])];
    const late = pts.filter((p) => p.x > EARLY_END).map((p) => p.y);
    const low = late.length > 0 ? Math.min(...late) : -10;
    const mag = Math.pow(10, Math.floor(Math.log10(Math.max(1, -low))));
    return -Math.ceil((-low * 1.1) / mag) * mag;
  }, [s]);
  const xDomain: [number, number] = [0, trainSteps];
  const bemaName = burnIn > 0 ? `BEMA (τ = ${burnIn})` : 'BEMA (no burn-in)';

  const tracks = useMemo<TrajectoryTrack[] | null>(() => {
    if (!final || n === 0) return null;
    return [
      { key: 'raw', label: 'raw iterate', color: RAW, trajectory: slice(final.trajectories['anim/raw'], cursor) },
      { key: 'avg', label: avgName, color: AVG, trajectory: slice(final.trajectories['anim/ema'], cursor) },
    ];
  }, [final, n, cursor, avgName]);

  const returnSeries: LineSeries[] = [
    { key: 'raw', label: 'raw iterate', color: RAW, dashed: false, points: s?.['return/raw'] ?? [] },
    { key: 'bema', label: bemaName, endLabel: 'BEMA', color: BEMA, dashed: true, points: s?.['return/bema'] ?? [] },
    { key: 'avg', label: avgName, color: AVG, dashed: false, points: s?.['return/ema'] ?? [] },
  ];
  const m = final?.metrics;
  const K = final?.extras.expertGain;

  return (
    <>
      <p className={styles.summary}>
        {m ? (
          <>
            Over the last 60 checkpoints the training loss wiggles by <strong>{fmt(100 * m['loss/relStd'], 1)} %</strong>,
            while the raw iterate&apos;s return swings with std <strong>{fmt(m['return/raw/std'], 1)}</strong> (mean{' '}
            {fmt(m['return/raw/mean'], 1)}); the {avgName}&apos;s std is <strong>{fmt(m['return/ema/std'], 2)}</strong>{' '}
            (mean {fmt(m['return/ema/mean'], 2)}). Expert: {fmt(m['return/expert'], 2)}.
          </>
        ) : (
          'Training the network and evaluating every 25th step…'
        )}
      </p>
      <div className={css.panels}>
        <LineChart
          title="Training loss per checkpoint"
          throttleMs={STREAM_REDRAW_MS}
          series={[{ key: 'loss', label: 'training loss', color: vizColor(2), dashed: false, points: s?.['loss/train'] ?? [] }]}
          xLabel="training step"
          yLabel="BC loss (MSE)"
          xDomain={xDomain}
          height={170}
          endLabels={false}
          referenceLines={cursorLine}
        />
        <div className={css.returnRow}>
          <LineChart
            title="Rollout return per checkpoint: raw iterate, average and BEMA"
            throttleMs={STREAM_REDRAW_MS}
            series={returnSeries}
            xLabel="training step"
            yLabel="return (higher is better)"
            xDomain={xDomain}
            yDomain={[yLow, 0]}
            height={240}
            referenceLines={[
              ...cursorLine,
              ...(m ? [{ y: m['return/expert'], label: 'expert' }] : []),
            ]}
          />
          <OffStage>
          <dl className={css.readout} aria-live="polite">
            <div>
              <dt>At step {step ?? '—'}</dt>
              <dd>return / gain k̂<sub>θ</sub></dd>
            </div>
            <div>
              <dt>
                <span className={css.swatch} style={{ background: RAW }} aria-hidden="true" />
                raw iterate</dt>
              <dd>
                {fmt(yAt(final?.series['return/raw'], cursor))} / {fmt(yAt(final?.series['gain/raw'], cursor))}
              </dd>
            </div>
            <div>
              <dt>
                <span className={css.swatch} style={{ background: AVG }} aria-hidden="true" />
                {avgName}</dt>
              <dd>
                {fmt(yAt(final?.series['return/ema'], cursor))} / {fmt(yAt(final?.series['gain/ema'], cursor))}
              </dd>
            </div>
            <div>
              <dt>
                <span className={css.swatch} style={{ background: BEMA }} aria-hidden="true" />
                {bemaName}</dt>
              <dd>
                {fmt(yAt(final?.series['return/bema'], cursor))} / {fmt(yAt(final?.series['gain/bema'], cursor))}
              </dd>
            </div>
            <div>
              <dt>expert</dt>
              <dd>
                {fmt(m?.['return/expert'])} / {fmt(K?.[0])}
              </dd>
            </div>
            <div className={css.imitation}>
              <dt>imitation, last 60 (k̂<sub>θ</sub> / K<sub>θ</sub> − 1)</dt>
              <dd>
                {avgName}: {m && K ? `${fmt(100 * (m['gain/ema'] / K[0] - 1), 1)} %` : '—'}; BEMA:{' '}
                {m ? `${fmt(100 * m['gain/bema/overshoot'], 1)} %` : '—'}
              </dd>
            </div>
          </dl>
          </OffStage>
        </div>
        <OffStage>
        <LineChart
          title="Spectral radius of the raw iterate's closed loop at x = 0"
          throttleMs={STREAM_REDRAW_MS}
          series={[{ key: 'radius', label: 'radius, raw iterate', color: RAW, dashed: false, points: s?.['radius/raw'] ?? [] }]}
          xLabel="training step"
          yLabel="spectral radius"
          xDomain={xDomain}
          height={170}
          endLabels={false}
          referenceLines={[...cursorLine, { y: 1, label: 'unstable above 1' }]}
        />
        </OffStage>
      </div>
      <OffStage>
      <p className={styles.caption}>
        A checkpoint every 25 Adam steps. Return: −Σ min(θ², 1) over H steps, mean of 10 fixed starts; the axis fits the checkpoints after step {EARLY_END}, earlier ones (the pole falls at once) are cut off at the bottom. Gain: k̂
        <sub>θ</sub> = −∂π̂/∂θ at x = 0, against the expert&apos;s K<sub>θ</sub>. Radius above 1: the learned loop is
        unstable at the origin.
        {' '}
        The slow EMA 0.999 (not drawn) is in the data export as return/emaSlow.
      </p>
      </OffStage>
      {/* The cursor and the pendulums are the reader's: on a projector the two panels above fill the stage. */}
      <OffStage>
      <div className={css.cursor}>
        <label htmlFor={cursorId}>
          Checkpoint under the cursor: <strong>step {step ?? '—'}</strong>
        </label>
        <input
          id={cursorId}
          type="range"
          min={0}
          max={Math.max(0, n - 1)}
          step={1}
          value={cursor}
          disabled={n === 0}
          onChange={(e) => setPicked(Number(e.target.value))}
          aria-valuetext={`step ${step ?? 0}`}
        />
      </div>
      {tracks ? (
        <TrajectoryPlayer
          tracks={tracks}
          renderer={pendulumRenderer}
          label={`The pendulum driven by the raw iterate and by the ${avgName} at step ${step ?? 0}, from θ = 0.2 rad`}
          aspect={0.55}
          fps={10}
          autoplay
        />
      ) : (
        <div className={styles.placeholder}>The pendulums appear when training finishes.</div>
      )}
      </OffStage>
    </>
  );
}
