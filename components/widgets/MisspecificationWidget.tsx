'use client';

import { useState } from 'react';
import { Toggle } from '@/components/controls/Toggle';
import { LineChart } from '@/components/viz/LineChart';
import { OffStage, useProjector } from '@/components/viz/projector';
import { vizColor } from '@/components/viz/palette';
import { misspecificationInfo, type MisspecificationResult } from '@/sims/experiments/misspecification.params';
import { ExperimentFrame } from './ExperimentFrame';
import type { WidgetProps } from './types';
import styles from './widgets.module.css';

const NTP = vizColor(1);
const NTP_TV = vizColor(3);
const BEST = vizColor(2);

const fixed = (x: number | undefined, digits = 2) => (x === undefined ? '—' : x.toFixed(digits));

function Summary({ result, horizon, finite }: { result: MisspecificationResult; horizon: number; finite: boolean }) {
  const m = result.metrics;
  return (
    <>
      At H = {horizon}, the next-token fit is <strong>{fixed(m.factor, 1)}×</strong> farther from the expert (squared
      Hellinger distance over whole sequences) than the best memoryless model; H + 1 = {horizon + 1}. The best model
      never switches routes (sparse regret {fixed(m['regret/best'], 3)}); the next-token fit breaks the commitment in{' '}
      <strong>{fixed(100 * m['regret/ntp'], 1)}%</strong> of its sequences.
      {finite ? (
        <>
          {' '}
          With these n demonstrations, {fixed(100 * m.probLucky, 0)}% of corpora contain no route-B demonstration at
          all, and their fit is the best model by luck.
        </>
      ) : null}
    </>
  );
}

/**
 * Toy 7B: a memoryless next-token model fit by log-loss to an expert that commits at the first token. Its
 * approximation factor against the best model in its class grows like H + 1; the landscape shows why.
 */
export function MisspecificationWidget({ urlKey, preset, shipped }: WidgetProps<MisspecificationResult>) {
  const [showRegret, setShowRegret] = useState(false);
  // A lecture scene keeps the two charts that make the point (the regret is in the summary, the caption is the
  // instructor's to say); the landscape's axis gets a name that fits beside the factor chart.
  const projected = useProjector() !== null;
  return (
    <ExperimentFrame info={misspecificationInfo} urlKey={urlKey} preset={preset} shipped={shipped} allowCompare={false}>
      {({ state, values }) => {
        const done = state.result && !state.stale ? state.result : null;
        const r = state.partial ?? state.result;
        const finite = values.data === 'finite';
        const result = state.result;
        return (
          <>
            <p className={styles.summary}>
              {done ? (
                <Summary result={done} horizon={values.horizon} finite={finite} />
              ) : (
                'Computing the distances exactly…'
              )}
            </p>
            <div className={styles.grid}>
              <LineChart
                title="Approximation factor of next-token prediction against sequence length"
                series={[
                  { key: 'guide', label: 'H + 1', role: 'guide', points: r?.series.guide ?? [] },
                  {
                    key: 'factor-tv',
                    label: 'factor in total variation',
                    color: NTP_TV,
                    dashed: true,
                    points: r?.series['factor/tv'] ?? [],
                  },
                  {
                    key: 'factor',
                    label: 'factor in squared Hellinger',
                    color: NTP,
                    dashed: false,
                    points: r?.series.factor ?? [],
                  },
                ]}
                xLabel="sequence length H (tokens)"
                yLabel="approximation factor C"
                logX
                logY
                height={280}
                endLabels={false}
              />
              <LineChart
                title={`Squared Hellinger distance of the memoryless model q at H = ${values.horizon}`}
                series={[
                  {
                    key: 'landscape',
                    label: 'D²(q) over whole sequences',
                    color: NTP_TV,
                    dashed: false,
                    points: result?.series.landscape ?? [],
                  },
                  {
                    key: 'ntp',
                    label: 'next-token fit (q = ε)',
                    color: NTP,
                    markersOnly: true,
                    points: result ? [{ x: result.extras.qNtp, y: result.metrics['d2/ntp'] }] : [],
                  },
                  {
                    key: 'best',
                    label: 'best in class',
                    color: BEST,
                    markersOnly: true,
                    points: result ? [{ x: result.extras.qBest, y: result.metrics['d2/best'] }] : [],
                  },
                ]}
                xLabel={projected ? 'switch probability q' : 'switch probability q of the memoryless model'}
                yLabel="squared Hellinger distance D²"
                height={280}
                endLabels={false}
              />
            </div>
            <OffStage>
              <div style={{ marginTop: '0.75rem' }}>
                <Toggle label="Show the sparse-reward regret" checked={showRegret} onChange={setShowRegret} />
              </div>
              {showRegret ? (
                <LineChart
                  title="Sparse-reward regret against sequence length"
                  series={[
                    {
                      key: 'regret-best',
                      label: 'best in class',
                      color: BEST,
                      dashed: false,
                      points: r?.series['regret/best'] ?? [],
                    },
                    {
                      key: 'regret-ntp',
                      label: 'next-token fit',
                      color: NTP,
                      dashed: false,
                      points: r?.series['regret/ntp'] ?? [],
                    },
                  ]}
                  xLabel="sequence length H (tokens)"
                  yLabel="P(the sequence switches routes)"
                  logX
                  height={240}
                  endLabels={false}
                />
              ) : null}
            </OffStage>
            <OffStage>
              <p className={styles.caption}>
                {`Exact. The expert writes 0…0 with probability 1 − ε and 1…1 with probability ε = ${values.epsilon}: it commits at the first token. ` +
                  'A memoryless model writes 1 with probability q at every step. Next-token log-loss fits q = ε' +
                  (finite ? ` (here q̂ = route-B demos / n, averaged over its sampling law)` : '') +
                  '; the best model in the class, judged on whole sequences, is q = 0. The factor C is the ratio of their distances from the expert; the dotted line is H + 1. ' +
                  'The landscape chart shows the distance as a function of q at one length, with both choices marked.'}
              </p>
            </OffStage>
          </>
        );
      }}
    </ExperimentFrame>
  );
}
