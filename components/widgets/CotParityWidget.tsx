'use client';

import { LineChart } from '@/components/viz/LineChart';
import { vizColor } from '@/components/viz/palette';
import { cotParityInfo, type CotParityResult } from '@/sims/experiments/cot-parity.params';
import type { PartialResult } from '@/sims/experiments/types';
import { ExperimentFrame } from './ExperimentFrame';
import type { WidgetProps } from './types';
import styles from './widgets.module.css';

/** One colour per learner, the same in both views. */
const COT_SHARED = vizColor(0);
const COT_PER_STEP = vizColor(1);
const ANSWER_ONLY = vizColor(2);
const STARTS = vizColor(5);

/** φ* of the gate (radians), Gate-walk's. */
const PHI_STAR = 0.3;

const fixed = (x: number | undefined, digits = 2) => (x === undefined ? '—' : x.toFixed(digits));

type Values = {
  nDemos: number;
  T: number;
  supervision: 'cot' | 'answer';
  generator: 'shared' | 'perStep';
  learner: 'erm' | 'gd';
  datasets: number;
};
type Live = CotParityResult | PartialResult<CotParityResult> | null;

function ErmSummary({ result, values }: { result: CotParityResult; values: Values }) {
  const m = result.metrics;
  return (
    <>
      For answer error ≤ 5% at T = 32: chain of thought with one shared generator needs{' '}
      <strong>{m['nStar/cotShared'] ?? '—'}</strong> examples (the most over T is {fixed(m['ratio/cotShared'], 1)}× the
      fewest), answer-only supervision <strong>{m['nStar/answerOnly'] ?? '—'}</strong>, and a generator per step{' '}
      <strong>{m['nStar/cotPerStep'] ?? 'more than 1024'}</strong> ({fixed(m['ratio/cotPerStep'], 1)}× its need at T =
      4). Selected learner ({result.extras.selected}) at n = {values.nDemos}, T = {values.T}: answer error{' '}
      <strong>{fixed(m.answerError, 3)}</strong>.
    </>
  );
}

function GdSummary({ result, values }: { result: CotParityResult; values: Values }) {
  const m = result.metrics;
  return (
    <>
      {values.supervision === 'answer' ? 'Answer-only' : 'Chain-of-thought'} gradient descent on one data set (n ={' '}
      {values.nDemos}, T = {values.T}): <strong>{fixed(100 * (m['gd/success'] ?? 0), 0)}%</strong> of 40 random starts
      end near the expert’s gate. On fresh data sets at T = 32, answer-only descent succeeds from{' '}
      <strong>{fixed(100 * (m['gd/successAnswerLongest'] ?? 0), 0)}%</strong> of starts, while chain-of-thought descent
      succeeds from <strong>{fixed(100 * (m['gd/successCotMin'] ?? 0), 0)}%</strong> or more at every T ≥ 4.
    </>
  );
}

function ErmView({ r, values }: { r: Live; values: Values }) {
  const s = r?.series;
  return (
    <>
      <div className={styles.grid}>
        <LineChart
          title="Examples needed for answer error at most 5% against chain length"
          series={[
            {
              key: 'perStep',
              label: 'CoT, generator per step',
              color: COT_PER_STEP,
              dashed: false,
              points: s?.['nStar/cotPerStep'] ?? [],
            },
            {
              key: 'answerOnly',
              label: 'answer only (exact ERM)',
              color: ANSWER_ONLY,
              dashed: true,
              points: s?.['nStar/answerOnly'] ?? [],
            },
            {
              key: 'shared',
              label: 'CoT, shared generator',
              color: COT_SHARED,
              dashed: false,
              points: s?.['nStar/cotShared'] ?? [],
            },
          ]}
          xLabel="chain length T (steps)"
          yLabel="examples needed n*"
          logX
          logY
          xTicks={[4, 8, 16, 32, 64]}
          yTicks={[4, 16, 64, 256, 1024]}
          height={280}
          endLabels={false}
        />
        <LineChart
          title={`Answer error against examples at T = ${values.T}`}
          series={[
            {
              key: 'perStep',
              label: 'CoT, generator per step',
              color: COT_PER_STEP,
              dashed: false,
              points: s?.['error/cotPerStep'] ?? [],
            },
            {
              key: 'answerOnly',
              label: 'answer only (exact ERM)',
              color: ANSWER_ONLY,
              dashed: true,
              points: s?.['error/answerOnly'] ?? [],
            },
            {
              key: 'shared',
              label: 'CoT, shared generator',
              color: COT_SHARED,
              dashed: false,
              points: s?.['error/cotShared'] ?? [],
            },
          ]}
          xLabel="examples n"
          yLabel="answer error (probability)"
          logX
          yDomain={[0, 0.5]}
          referenceLines={[
            { y: 0.05, label: '5%' },
            { x: values.nDemos, label: `n = ${values.nDemos}` },
          ]}
          height={280}
          endLabels={false}
        />
      </div>
      <p className={styles.caption}>
        {`Exact learners, mean over ${values.datasets} data sets per point. n* is the first n on a ×√2 grid whose mean answer error is at most 5%. ` +
          'CoT: every step’s running parity is labelled; shared: one half-plane decides every gate, fit on all n·T labelled steps; per step: a half-plane per step, fit on its n labels. ' +
          'Answer only: the half-plane whose parities match every answer (a sweep over the circle).'}
      </p>
    </>
  );
}

function GdView({ r, values }: { r: Live; values: Values }) {
  const s = r?.series;
  const norm = r && 'extras' in r ? r.extras?.landscapeNorm : undefined;
  const starLines = [
    { x: PHI_STAR, label: 'φ*' },
    ...(values.T % 2 === 0 ? [{ x: PHI_STAR + Math.PI, label: 'φ* + π' }] : []),
  ];
  return (
    <>
      <div className={styles.grid}>
        <LineChart
          title={`${values.supervision === 'answer' ? 'Answer-only' : 'Chain-of-thought'} training loss over the gate angle, with 40 descents`}
          series={[
            {
              key: 'landscape',
              label: 'training loss',
              color: values.supervision === 'answer' ? ANSWER_ONLY : COT_SHARED,
              dashed: false,
              points: s?.landscape ?? [],
            },
            { key: 'starts', label: 'starts', color: STARTS, markersOnly: true, points: s?.['gd/starts'] ?? [] },
            {
              key: 'ends',
              label: 'where descent ends',
              color: COT_PER_STEP,
              markersOnly: true,
              points: s?.['gd/ends'] ?? [],
            },
          ]}
          xLabel="gate angle φ (radians)"
          yLabel="training loss"
          xDomain={[0, 2 * Math.PI]}
          xTicks={[0, 1, 2, 3, 4, 5, 6]}
          referenceLines={starLines}
          height={280}
          endLabels={false}
        />
        <LineChart
          title="Share of gradient-descent runs that succeed against chain length"
          series={[
            {
              key: 'cot',
              label: 'CoT labels (logistic)',
              color: COT_SHARED,
              dashed: false,
              points: s?.['gdSuccess/cot'] ?? [],
            },
            {
              key: 'answer',
              label: 'answer only',
              color: ANSWER_ONLY,
              dashed: true,
              points: s?.['gdSuccess/answer'] ?? [],
            },
          ]}
          xLabel="chain length T (steps)"
          yLabel="share of 40 runs that succeed"
          logX
          xTicks={[2, 4, 8, 16, 32]}
          yDomain={[0, 1]}
          height={280}
          endLabels={false}
        />
      </div>
      <p className={styles.caption}>
        {`Loss chart: the loss along the circle of weight norm ${norm === undefined ? '…' : norm.toFixed(1)} (where the descents end), on one data set of n = ${values.nDemos} examples with T = ${values.T}; ` +
          'grey dots are 40 random starts, the others where Adam (400 steps) leaves them. ' +
          'Success chart: each run on a fresh data set from a fresh start; success means an answer error no worse than a gate that errs 5% of the time.'}
      </p>
    </>
  );
}

/**
 * Toy 7C: the parity of T half-plane gates, learned with chain-of-thought or answer-only supervision; how many
 * examples each needs as T grows, and what gradient descent does with the answer-only objective.
 */
export function CotParityWidget({ urlKey, preset, shipped }: WidgetProps<CotParityResult>) {
  return (
    <ExperimentFrame
      info={cotParityInfo}
      urlKey={urlKey}
      preset={preset}
      shipped={shipped}
      allowCompare={false}
      mainParams={['learner', 'nDemos', 'T', 'datasets']}
    >
      {({ state, values }) => {
        const done = state.result && !state.stale ? state.result : null;
        const live = state.partial ?? state.result;
        const gd = values.learner === 'gd';
        return (
          <>
            <p className={styles.summary}>
              {done ? (
                gd ? (
                  <GdSummary result={done} values={values} />
                ) : (
                  <ErmSummary result={done} values={values} />
                )
              ) : gd ? (
                'Running gradient descent from 40 starts…'
              ) : (
                'Fitting the exact learners to every data set…'
              )}
              {done && done.extras.note ? <> {done.extras.note}</> : null}
            </p>
            {gd ? <GdView r={live} values={values} /> : <ErmView r={live} values={values} />}
          </>
        );
      }}
    </ExperimentFrame>
  );
}
