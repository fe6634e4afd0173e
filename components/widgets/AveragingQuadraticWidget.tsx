'use client';

import { LineChart, type LineSeries } from '@/components/viz/LineChart';
import { vizColor } from '@/components/viz/palette';
import {
  averagingQuadraticInfo,
  type AveragingQuadraticResult,
} from '@/sims/experiments/averaging-quadratic.params';
import { ExperimentFrame } from './ExperimentFrame';
import type { WidgetProps } from './types';
import styles from './widgets.module.css';

type Result = AveragingQuadraticResult;

const fmt = (x: number | undefined) =>
  x === undefined || !Number.isFinite(x) ? '—' : x >= 0.1 ? x.toFixed(2) : x.toExponential(1);

/**
 * Averaging on a quadratic (figure 2 of "Iterate averaging"): the mean squared error of each estimator of the
 * optimum against the step t on log-log axes, with the Polyak–Juditsky rate σ²/(h²t) as a guide.
 */
export function AveragingQuadraticWidget({ urlKey, preset, shipped }: WidgetProps<Result>) {
  return (
    <ExperimentFrame
      info={averagingQuadraticInfo}
      urlKey={urlKey}
      preset={preset}
      shipped={shipped}
      allowCompare={false}
      mainParams={['lr', 'start', 'ema', 'bemaBurnIn']}
    >
      {({ state, shownValues }) => {
        const r = state.partial ?? state.result;
        const s = r?.series;
        const m = state.result?.metrics;
        const series: LineSeries[] = [
          { key: 'rate', label: 'σ²/(h²t)', role: 'guide', dashed: true, points: s?.['mse/rate'] ?? [] },
          { key: 'last', label: 'last iterate', color: vizColor(1), dashed: false, points: s?.['mse/last'] ?? [] },
          { key: 'uniform', label: 'uniform average', color: vizColor(5), dashed: true, points: s?.['mse/uniform'] ?? [] },
          { key: 'ema', label: `EMA ${shownValues.ema}`, color: vizColor(0), dashed: true, points: s?.['mse/ema'] ?? [] },
          { key: 'emaSlow', label: 'EMA 0.999', color: vizColor(4), dashed: true, points: s?.['mse/emaSlow'] ?? [] },
          { key: 'bema', label: 'BEMA, no burn-in', color: vizColor(3), dashed: true, points: s?.['mse/bema'] ?? [] },
          {
            key: 'bemaBurnIn',
            label: `BEMA, burn-in ${shownValues.bemaBurnIn}`,
            endLabel: 'BEMA τ',
            color: vizColor(3),
            dashed: false,
            points: s?.['mse/bemaBurnIn'] ?? [],
          },
          { key: 'ouMle', label: 'average + displacement (OU-MLE)', endLabel: 'OU-MLE', color: vizColor(2), dashed: false, points: s?.['mse/ouMle'] ?? [] },
        ];
        return (
          <>
            <p className={styles.summary}>
              {m ? (
                <>
                  At t = 50 the displacement-corrected average has MSE <strong>{fmt(m['mse/ouMle/t50'])}</strong>, the
                  last iterate <strong>{fmt(m['mse/last/t50'])}</strong>; at t = 5000 it is{' '}
                  <strong>{fmt(m['ratio/lastOverOuMle/t5000'])}×</strong> better than the last iterate, while the
                  uniform average is at {fmt(m['mse/uniform/t5000'])} and BEMA without burn-in at{' '}
                  {fmt(m['mse/bema/t5000'])}.
                </>
              ) : (
                'Running SGD…'
              )}
            </p>
            <LineChart
              title="Mean squared error of each estimate of the optimum against the step"
              series={series}
              xLabel="step t"
              yLabel="MSE to the optimum μ"
              logX
              logY
              height={380}
              caption={`Mean over ${shownValues.runs} independent SGD runs from θ₀ = ${shownValues.start}. Dotted: the Polyak–Juditsky rate σ²/(h²t), the best any estimator can do.`}
            />
          </>
        );
      }}
    </ExperimentFrame>
  );
}
