'use client';

import { LineChart, type LineSeries } from '@/components/viz/LineChart';
import { OffStage } from '@/components/viz/projector';
import type { VizRole } from '@/components/viz/palette';
import type { ExperimentState } from '@/components/hooks/useExperiment';
import type { ParamValues } from '@/lib/params';
import { tasilInfo, type TasilResult } from '@/sims/experiments/tasil.params';
import { ExperimentFrame } from './ExperimentFrame';
import type { WidgetProps } from './types';
import styles from './widgets.module.css';

type Values = ParamValues<typeof tasilInfo.params>;

const NAMES: Record<Values['method'], string> = {
  bc: 'Behavior cloning',
  tasil: 'TaSIL',
  noise: 'BC on noise-injected demos',
};
const ROLE: Record<Values['method'], VizRole> = { bc: 'bc', tasil: 'learner', noise: 'dart' };

/** A cost J_imitation: scientific notation when tiny. */
function cost(j: number): string {
  if (j === 0) return '0';
  return j < 0.01 ? j.toExponential(1) : j < 10 ? j.toFixed(2) : j.toFixed(1);
}

function Summary({ result, values }: { result: TasilResult; values: Values }) {
  const m = result.metrics;
  const n = m.seeds;
  const gains = result.extras.perSeed.map((r) => r.gain);
  const name = NAMES[values.method];
  return (
    <>
      {name}: imitation cost J = <strong>{cost(n > 1 ? m['J/imitation/median'] : m['J/imitation'])}</strong>
      {n > 1 ? ' (median over seeds)' : ''}; learned transverse gain β̂ ={' '}
      <strong>
        {n > 1 ? `${Math.min(...gains).toFixed(2)} to ${Math.max(...gains).toFixed(2)}` : m['gain/learned'].toFixed(2)}
      </strong>
      {n > 1 ? ' across seeds' : ''} against the expert’s <strong>{m['gain/expert'].toFixed(2)}</strong>.{' '}
      {n > 1 ? (
        <>
          Of {n} seeds, <strong>{m['seeds/diverged']}</strong> diverge (J ≥ 10) and{' '}
          <strong>{m['seeds/tracking']}</strong> track the expert (J ≤ 0.1).
        </>
      ) : m['J/imitation'] >= 10 ? (
        <>The car leaves the road.</>
      ) : m['J/imitation'] <= 0.1 ? (
        <>The car follows the expert.</>
      ) : null}
    </>
  );
}

function TasilFigure({ state, values }: { state: ExperimentState<TasilResult>; values: Values }) {
  const r = state.partial ?? state.result;
  const done = state.result && !state.stale ? state.result : null;
  const extras = state.result?.extras;
  const role = ROLE[values.method];
  const name = NAMES[values.method];
  const band = extras?.stableBand;
  // Show the stability band's edges with the curve, so the reader sees how far inside (or outside) it the gain lies.
  const gains = (r?.series.gain ?? []).flatMap((q) => [q.lo ?? q.y, q.hi ?? q.y]);
  const gainDomain: [number, number] | undefined = band
    ? [Math.floor(Math.min(band[0], ...gains) - 0.5), Math.ceil(Math.max(band[1], ...gains) + 0.5)]
    : undefined;
  const traceLearner = extras?.traces.learner[0] ?? [];
  const traceExpert = extras?.traces.expert[0] ?? [];
  const gainSeries: LineSeries[] = [
    { key: 'expert', label: 'Expert −k', endLabel: 'Expert', role: 'expert', points: r?.series['gain/expert'] ?? [] },
    { key: 'gain', label: `${name}: β̂(s)`, endLabel: name, role, points: r?.series.gain ?? [] },
  ];
  return (
    <>
      <p className={styles.summary}>
        {done ? (
          <Summary result={done} values={values} />
        ) : (
          'Training on demonstrations that never leave the centre line…'
        )}
      </p>
      <div className={styles.grid}>
        <div>
          <p className={styles.panelTitle}>The gain the learner chose for errors it never saw</p>
          <LineChart
            title="Learned transverse gain along the demonstrated road, against the expert's gain and the stability band"
            series={gainSeries}
            xLabel="progress along the road s"
            yLabel="gain β̂ = ∂û/∂e"
            yDomain={gainDomain}
            height={280}
            referenceLines={
              band
                ? [
                    { y: band[0], label: 'stability edge', color: 'var(--pitfall)' },
                    { y: band[1], label: 'stability edge', color: 'var(--pitfall)' },
                  ]
                : []
            }
            caption={`How strongly the learner steers against a lateral error e, at e = 0 along the road it was shown. Between the two lines (|a + b·β̂| < 1, with a = ${values.a}) an error shrinks; outside, it grows. The demonstrations all have e = 0, so BC’s loss never sees this gain.${values.seeds > 1 ? ' Line: the first seed; band: lowest to highest seed.' : ''}`}
          />
        </div>
        <div>
          <p className={styles.panelTitle}>One test drive: lateral error over time</p>
          <LineChart
            title="Lateral error of the learner and of the expert from the same start under the same noise"
            series={[
              { key: 'expert', label: 'Expert', role: 'expert', points: traceExpert.map((e, t) => ({ x: t, y: e })) },
              { key: 'learner', label: name, role, points: traceLearner.map((e, t) => ({ x: t, y: e })) },
            ]}
            xLabel="step t"
            yLabel="lateral error e"
            height={280}
            caption="The first test start of the first seed: both cars start at the same small offset from the line and feel the same gusts. The error is clipped at ±10."
          />
        </div>
      </div>
      {/* A lecture scene keeps the gain and the test drive; the spread over drives and seeds is the chapter's detail. */}
      <OffStage>
        <div className={styles.grid}>
          <div>
            <p className={styles.panelTitle}>Distance to the expert over time (all test drives)</p>
            <LineChart
              title="Median distance between the learner's and the expert's states over the test drives"
              series={[{ key: 'deviation', label: name, role, points: r?.series.deviation ?? [] }]}
              xLabel="step t"
              yLabel="‖x̂_t − x*_t‖ (median)"
              logY
              height={260}
              caption={`Median over 100 test starts of the distance between learner and expert at each step (log scale).${values.seeds > 1 ? ' Band: lowest to highest seed.' : ''}`}
            />
          </div>
          <div>
            <p className={styles.panelTitle}>Imitation cost of each training seed</p>
            <LineChart
              title="Imitation cost J of each training seed"
              series={[{ key: 'perSeed', label: name, role, markersOnly: true, points: r?.series['J/perSeed'] ?? [] }]}
              xLabel="training seed"
              yLabel="imitation cost J"
              logY
              yDomain={[1e-6, 100]}
              xTicks={(r?.series['J/perSeed'] ?? []).map((q) => q.x)}
              height={260}
              referenceLines={[
                { y: 10, label: 'diverged', color: 'var(--pitfall)' },
                { y: 0.1, label: 'tracks', color: 'var(--viz-expert)' },
              ]}
              caption="J = Σ_t min(1, ‖x̂_t − x*_t‖²) over 100 steps, mean over 100 test starts; at most 100. Raise “Training seeds” to see how often each learner fails."
            />
          </div>
        </div>
      </OffStage>
    </>
  );
}

/**
 * The curvy road (Toy 7E): BC, TaSIL or noise-injected BC trained on the same demonstration states; the learned
 * transverse gain along the road against the stability band, a test drive, the distance to the expert over time,
 * and every seed's imitation cost.
 */
export function TasilWidget({ urlKey, preset, shipped }: WidgetProps<TasilResult>) {
  return (
    <ExperimentFrame
      info={tasilInfo}
      urlKey={urlKey}
      preset={preset}
      shipped={shipped}
      allowCompare={false}
      mainParams={['method', 'a', 'nDemos', 'lambda']}
    >
      {({ state, values }) => <TasilFigure state={state} values={values} />}
    </ExperimentFrame>
  );
}
