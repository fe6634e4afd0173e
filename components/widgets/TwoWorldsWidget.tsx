'use client';

import type { ReactNode } from 'react';
import { BetaNumberLine } from '@/components/viz/BetaNumberLine';
import { LineChart, type LineSeries } from '@/components/viz/LineChart';
import { vizColor } from '@/components/viz/palette';
import { OffStage } from '@/components/viz/projector';
import { twoWorldsInfo, type TwoWorldsResult } from '@/sims/experiments/two-worlds.params';
import type { Point } from '@/sims/experiments/types';
import { ExperimentFrame } from './ExperimentFrame';
import type { WidgetProps } from './types';
import styles from './widgets.module.css';
import css from './TwoWorldsWidget.module.css';

type Result = TwoWorldsResult;

/** World σ = +1 blue, σ = −1 reddish purple, on the chart and the number line alike. */
const PLUS = vizColor(0);
const MINUS = vizColor(3);

const times = (rate: number | undefined) => (rate === undefined ? '—' : `×${rate.toFixed(2)}`);
const cost = (j: number | undefined) => (j === undefined ? '—' : j >= 0.1 ? j.toFixed(1) : j.toPrecision(1));

/**
 * Two worlds (figure 3 of "Compounding error"): one network, trained once on demonstrations both worlds share,
 * deployed in each — its deviation from that world's expert on a semilog plot, its learned gain β̂ on a number line
 * against the band where both worlds are stable, and a sentence with the measured rates and costs.
 */
export function TwoWorldsWidget({ urlKey, preset, shipped }: WidgetProps<TwoWorldsResult>) {
  return (
    // One learned policy per seed is the point (the worse world differs between seeds), so no mean over seeds.
    <ExperimentFrame info={twoWorldsInfo} urlKey={urlKey} preset={preset} shipped={shipped} allowCompare={false}>
      {({ state }) => {
        // The last complete result (kept, and its curves drawn, while a rerun computes).
        const r = state.result;
        const final = r !== null;
        return (
          <>
            <p className={styles.summary}>{final ? summary(r) : 'Training the network on the demonstrations…'}</p>
            <DeviationChart r={r} />
            {final ? (
              <div className={css.numberLine}>
                <p className={styles.panelTitle}>The gain the network learned, against the gains each world tolerates</p>
                <BetaNumberLine
                  betaHat={r.extras.numberLine.betaHat}
                  a={r.extras.numberLine.a}
                  k={r.extras.numberLine.k}
                  plusColor={PLUS}
                  minusColor={MINUS}
                />
                <OffStage>
                <p className={css.key}>
                  Shaded: the gains for which that world&apos;s errors grow (|a + σβ̂| ≥ 1). Green: the band |β̂| &lt; 1 − a
                  where both worlds are stable. Diamonds: the two experts&apos; gains — the demonstrations, identical in
                  both worlds, cannot tell which one is right.
                </p>
                </OffStage>
              </div>
            ) : null}
          </>
        );
      }}
    </ExperimentFrame>
  );
}

/** The measured reading of the figure in one or two sentences. */
function summary(r: Result): ReactNode {
  const m = r.metrics;
  const beta = m.betaHat;
  const half = m['band/halfWidth'];
  const world = (sigma: 1 | -1) => {
    const rate = sigma === 1 ? m['rate/plus'] : m['rate/minus'];
    const J = sigma === 1 ? m['J/plus'] : m['J/minus'];
    return (
      <>
        in world σ = {sigma === 1 ? '+1' : '−1'} errors {rate !== undefined && rate >= 1 ? 'grow' : 'shrink'}{' '}
        <strong>{times(rate)}</strong> per step
        {sigma === m.worstSigma && m['rate/fitted'] !== undefined ? <> (fitted on the curve: {times(m['rate/fitted'])})</> : null}
        , J = <strong>{cost(J)}</strong>
      </>
    );
  };
  const worst: 1 | -1 = m.worstSigma === -1 ? -1 : 1;
  const other = (worst === 1 ? -1 : 1) as 1 | -1;
  const where =
    half <= 0 ? (
      <>With a ≥ 1 no gain is stable in both worlds: </>
    ) : Math.abs(beta) < half ? (
      <>That is inside the band |β̂| &lt; {half.toFixed(2)} where both worlds are stable, by luck of the initialisation: </>
    ) : (
      <>That is outside the band |β̂| &lt; {half.toFixed(2)} where both worlds are stable: </>
    );
  return (
    <>
      Trained once on demonstrations identical in both worlds, the network extrapolated the gain{' '}
      <strong>β̂ = {beta.toFixed(3)}</strong>. {where}
      {world(worst)}; {world(other)}. (J is the imitation cost over {r.extras.horizon} steps: at most 1 per
      step.)
    </>
  );
}

/** A log-axis range from the decade below the smallest positive value to the decade above `top`. */
function logRange(series: readonly (readonly Point[])[], top: number): [number, number] {
  let lo = Infinity;
  for (const points of series) for (const p of points) if (p.y > 0 && p.y < lo) lo = p.y;
  if (!Number.isFinite(lo)) return [1e-4, 10 ** Math.ceil(Math.log10(top))];
  return [10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(top))];
}

function DeviationChart({ r }: { r: Result | null }) {
  const plus = r?.series['deviation/plus'] ?? [];
  const minus = r?.series['deviation/minus'] ?? [];
  const theoryPlus = r?.series['theory/plus'] ?? [];
  const theoryMinus = r?.series['theory/minus'] ?? [];
  // The linear learner never saturates: the range follows the measured curves and clips the guides above them.
  const top = 3 * Math.max(1, ...plus.map((p) => p.y), ...minus.map((p) => p.y));
  const yDomain = logRange([plus, minus, theoryPlus, theoryMinus], top);
  const series: LineSeries[] = [
    { key: 'theory-plus', label: 'linear learner, same β̂ (σ = +1)', endLabel: 'linear +1', color: PLUS, dashed: true, points: theoryPlus },
    { key: 'theory-minus', label: 'linear learner, same β̂ (σ = −1)', endLabel: 'linear −1', color: MINUS, dashed: true, points: theoryMinus },
    { key: 'plus', label: 'world σ = +1', endLabel: 'σ = +1', color: PLUS, dashed: false, points: plus },
    { key: 'minus', label: 'world σ = −1', endLabel: 'σ = −1', color: MINUS, dashed: false, points: minus },
  ];
  return (
    <LineChart
      title="Deviation from the expert over time, in both worlds, on a log scale"
      series={series}
      xLabel="time step t"
      yLabel="median ‖x̂_t − x*_t‖"
      logY
      yDomain={plus.length > 0 ? yDomain : undefined}
      height={320}
      referenceLines={[{ y: 1, label: 'per-step cost saturates' }]}
      caption={`Median over ${r ? r.extras.nInitial : 'the'} starts of the distance between the learner's and the expert's state (same start, same noise). A straight line on this log scale is exponential growth; dashed: a linear learner with the same β̂ and no fitting error.`}
    />
  );
}
