'use client';

import type { ReactNode } from 'react';
import { LineChart, type LineSeries } from '@/components/viz/LineChart';
import { vizColor } from '@/components/viz/palette';
import { OffStage } from '@/components/viz/projector';
import type { ParamValues } from '@/lib/params';
import { gatewalkHorizonInfo, type GatewalkHorizonResult } from '@/sims/experiments/gatewalk-horizon.params';
import type { PartialResult, Point } from '@/sims/experiments/types';
import { ExperimentFrame } from './ExperimentFrame';
import type { WidgetProps } from './types';
import styles from './widgets.module.css';

type Values = ParamValues<typeof gatewalkHorizonInfo.params>;

/** Colour says which policy class, dash says which reward: shared blue, per-step vermillion; sparse solid, dense dashed. */
const SHARED = vizColor(0);
const PER_STEP = vizColor(1);

/** A number with `digits` decimals and a true minus sign. */
const fixed = (x: number | undefined, digits = 2) => (x === undefined ? '—' : x.toFixed(digits).replace('-', '−'));

/** Which curves `curves` selects. */
function selection(curves: string) {
  return {
    shared: curves !== 'perStep',
    perStep: curves !== 'shared',
    sparse: curves !== 'dense',
    dense: curves !== 'sparse',
  };
}

/** The curves to draw, in drawing order (later on top): guides, then per-step, then shared. */
function chartSeries(
  r: GatewalkHorizonResult | PartialResult<GatewalkHorizonResult> | null,
  values: Values,
): LineSeries[] {
  const show = selection(values.curves);
  const logistic = values.learner === 'logistic';
  const pts = (key: keyof GatewalkHorizonResult['series']): Point[] => r?.series[key] ?? [];
  const shared = logistic ? 'shared (logistic)' : 'shared';
  const out: LineSeries[] = [];
  if (logistic && show.shared) {
    if (show.sparse)
      out.push({
        key: 'exact-sparse',
        label: 'shared (exact MLE) · sparse',
        role: 'guide',
        points: pts('exact/sharedSparse'),
        showBand: false,
      });
    if (show.dense)
      out.push({
        key: 'exact-dense',
        label: 'shared (exact MLE) · dense',
        role: 'guide',
        points: pts('exact/sharedDense'),
        showBand: false,
      });
  }
  if (show.perStep) {
    if (show.sparse)
      out.push({
        key: 'perStepSparse',
        label: 'per-step · sparse',
        role: 'bc',
        color: PER_STEP,
        dashed: false,
        points: pts('perStepSparse'),
      });
    if (show.dense)
      out.push({
        key: 'perStepDense',
        label: 'per-step · dense',
        role: 'bc',
        color: PER_STEP,
        points: pts('perStepDense'),
      });
  }
  if (show.shared) {
    if (show.sparse)
      out.push({
        key: 'sharedSparse',
        label: `${shared} · sparse`,
        role: 'bc',
        color: SHARED,
        dashed: false,
        points: pts('sharedSparse'),
      });
    if (show.dense)
      out.push({
        key: 'sharedDense',
        label: `${shared} · dense`,
        role: 'bc',
        color: SHARED,
        points: pts('sharedDense'),
      });
  }
  return out;
}

/** The one-sentence reading of the figure, from the measured metrics. */
function summary(r: GatewalkHorizonResult, values: Values): ReactNode {
  const m = r.metrics;
  const show = selection(values.curves);
  const horizons = r.extras.horizons;
  const h0 = horizons[0];
  const hLast = horizons[horizons.length - 1];
  // The per-step numbers are read over H₀ … 4H₀ (before saturation) when the grid has 4H₀, else over the grid.
  const short = horizons[2] === 4 * h0;
  const h4 = short ? horizons[2] : hLast;
  const logistic = values.learner === 'logistic';
  const parts: ReactNode[] = [];

  if (show.shared && logistic) {
    parts.push(
      <>
        The under-trained logistic learner&apos;s error falls like (nH)<sup>{fixed(m['rate/shared'])}</sup>, not (nH)
        <sup>−1</sup>, so even with sharing its
        {show.sparse ? (
          <>
            {' '}
            sparse regret grows <strong>×{fixed(m['ratio/sharedSparse'], 1)}</strong> from H = {h0} to {hLast} (slope{' '}
            <strong>{fixed(m['slope/sharedSparse'])}</strong>; exact MLE: {fixed(m['slope/exactSharedSparse'])})
          </>
        ) : null}
        {show.sparse && show.dense ? ' and its' : null}
        {show.dense ? (
          <>
            {' '}
            dense regret grows with slope <strong>{fixed(m['slope/sharedDense'])}</strong> (exact MLE:{' '}
            {fixed(m['slope/exactSharedDense'])})
          </>
        ) : null}
      </>,
    );
  } else if (show.shared) {
    parts.push(
      <>
        With parameter sharing
        {show.sparse ? (
          <>
            {' '}
            the sparse regret {values.gust > 0 ? 'grows' : 'stays flat:'}{' '}
            <strong>×{fixed(m['ratio/sharedSparse'])}</strong> from H = {h0} to {hLast}
          </>
        ) : null}
        {show.sparse && show.dense ? ', and' : null}
        {show.dense ? (
          <>
            {' '}
            the dense regret grows with log-log slope <strong>{fixed(m['slope/sharedDense'])}</strong>
          </>
        ) : null}
      </>,
    );
  }
  if (show.perStep && horizons.length >= 2) {
    parts.push(
      <>
        {show.shared ? 'without it' : 'Without parameter sharing'}
        {show.sparse ? (
          <>
            {' '}
            the sparse regret grows{' '}
            <strong>×{fixed(m[short ? 'ratio/perStepSparse4x' : 'ratio/perStepSparse'], 1)}</strong> from H = {h0} to{' '}
            {h4}
          </>
        ) : null}
        {show.sparse && show.dense ? ' and' : null}
        {show.dense ? (
          <>
            {' '}
            the dense regret with slope{' '}
            <strong>{fixed(m[short ? 'slope/perStepDenseShort' : 'slope/perStepDense'])}</strong> (H = {h0}–{h4})
          </>
        ) : null}
      </>,
    );
  }
  return (
    <>
      {parts.map((part, i) => (
        <span key={i}>
          {i > 0 ? '; ' : null}
          {part}
        </span>
      ))}
      .
      {values.gust > 0 ? (
        <>
          {' '}
          With a hidden gust (p = {values.gust}) every learner errs at least {Math.round(values.gust * 1000) / 10}% of
          the steps, so regret grows with H even with sharing.
        </>
      ) : null}
    </>
  );
}

/**
 * Gate-walk (Toy 1A): BC's regret against the horizon on log-log axes — with one policy shared across steps the
 * sparse regret is flat and the dense one linear; with a policy per step both pick up a factor H.
 */
export function GatewalkHorizonWidget({ urlKey, preset, shipped }: WidgetProps<GatewalkHorizonResult>) {
  return (
    <ExperimentFrame
      info={gatewalkHorizonInfo}
      urlKey={urlKey}
      preset={preset}
      shipped={shipped}
      allowCompare={false}
      mainParams={['nDemos', 'hMax', 'learner']}
    >
      {({ state, values, shownValues }) => {
        // The curves draw the run in flight; the sentence describes the result on screen (during a rerun, the
        // previous one, dimmed).
        const r = state.result;
        const live = state.partial ?? state.result;
        const logistic = values.learner === 'logistic';
        const perPoint = logistic ? `${values.logisticDatasets} trained` : `${values.datasets}`;
        const horizons = r?.extras.horizons ?? [];
        return (
          <>
            <p className={styles.summary}>
              {r
                ? summary(r, shownValues)
                : logistic
                  ? 'Training a logistic regression on each data set…'
                  : 'Fitting the maximum-likelihood half-plane to every data set…'}
            </p>
            {/* Sparse regret is a probability, dense regret a number of steps: two units, so two charts. */}
            <div className={styles.grid}>
              {(
                [
                  ['sparse', 'P(fall): probability of falling at all', 'Sparse reward (R = 1)'],
                  ['dense', 'lost steps: expected steps spent fallen', 'Dense reward (R = H)'],
                ] as const
              ).map(([reward, yLabel, heading]) => {
                const series = chartSeries(live, values)
                  .filter((s) => s.key.toLowerCase().endsWith(reward))
                  .map((s) => ({
                    ...s,
                    label: s.label.replace(` · ${reward}`, ''),
                    // Colour tells the policies apart; guides keep their dotted line.
                    ...(s.role === 'guide' ? {} : { dashed: false }),
                  }));
                return series.length === 0 ? null : (
                  <LineChart
                    key={reward}
                    title={`Gate-walk, ${heading.toLowerCase()}: regret of behavior cloning against horizon`}
                    series={series}
                    xLabel="horizon H (steps)"
                    yLabel={yLabel}
                    logX
                    logY
                    xDomain={horizons.length > 1 ? [horizons[0], horizons[horizons.length - 1]] : undefined}
                    xTicks={horizons.length > 1 ? horizons : undefined}
                    height={300}
                    endLabels={false}
                  />
                );
              })}
            </div>
            <OffStage>
            <p className={styles.caption}>
              {`Mean over ${perPoint} data sets of n = ${values.nDemos} expert trajectories per point; bands are 95% bootstrap intervals. ` +
                'Left, sparse reward (R = 1): the probability of falling at all. Right (below on a phone), dense reward (R = H): the expected number of steps spent fallen. ' +
                'Shared: one policy fit on all nH pairs; per-step: a policy per step, fit on its n pairs' +
                (logistic ? ' (always the exact MLE).' : '.') +
                ' On log-log axes a flat line does not grow with H, slope 1 is linear, slope 2 quadratic.'}
            </p>
            </OffStage>
          </>
        );
      }}
    </ExperimentFrame>
  );
}
