'use client';

import { useState } from 'react';
import { Toggle } from '@/components/controls/Toggle';
import { Heatmap } from '@/components/viz/Heatmap';
import { LineChart } from '@/components/viz/LineChart';
import { OffStage } from '@/components/viz/projector';
import { laneHorizonInfo, type LaneHorizonResult } from '@/sims/experiments/lane-horizon.params';
import { ExperimentFrame } from './ExperimentFrame';
import type { WidgetProps } from './types';
import styles from './widgets.module.css';

const OFFSETS = Array.from({ length: 13 }, (_, i) => i - 6);

/** Time-averaged visitation per lane over t = 1 … H. */
function timeAverage(d: number[][]): number[] {
  const out = new Array<number>(13).fill(0);
  const steps = Math.max(1, d.length - 1);
  for (let t = 1; t < d.length; t++) for (let s = 0; s < 13; s++) out[s] += d[t][s] / steps;
  return out;
}

/** A slope, or why there is none (every cost is 0 when ε = 0). */
const slope = (value: number | undefined) => (value === undefined ? 'undefined (zero cost)' : value.toFixed(2));

function Summary({ result }: { result: LaneHorizonResult }) {
  const m = result.metrics;
  const ratio = m['ratio/bcOverDagger'];
  return (
    <>
      Slope of log J against log H: BC <strong>{slope(m['slope/bc'])}</strong>, DAgger{' '}
      <strong>{slope(m['slope/dagger'])}</strong>.{' '}
      {ratio === undefined ? (
        <>At the longest horizon DAgger costs nothing.</>
      ) : (
        <>
          At the longest horizon BC costs <strong>{ratio.toFixed(0)}×</strong> what DAgger does.
        </>
      )}
    </>
  );
}

/** Cost against horizon on log-log axes for BC, DAgger and the expert, with the εH²/3 and 2εH/3 guides. */
export function LaneHorizonWidget({ urlKey, preset, shipped }: WidgetProps<LaneHorizonResult>) {
  const [showHeatmap, setShowHeatmap] = useState(false);
  return (
    <ExperimentFrame
      info={laneHorizonInfo}
      urlKey={urlKey}
      preset={preset}
      shipped={shipped}
      allowCompare={false}
      mainParams={['epsilon', 'hMax', 'encoding']}
    >
      {({ state, values }) => {
        const r = state.partial ?? state.result;
        const vis = state.result?.extras.visitation;
        return (
          <>
            <p className={styles.summary}>
              {state.result ? <Summary result={state.result} /> : 'Evaluating every policy exactly at each horizon…'}
            </p>
            <LineChart
              title="Cost against horizon on LaneKeep"
              series={[
                // Later series draw on top: the guides underneath, DAgger over the expert it coincides with.
                { key: 'theory-bc', label: 'εH²/3', role: 'guide', dashed: true, points: r?.series['theory/bc'] ?? [] },
                { key: 'theory-dagger', label: '2εH/3', role: 'guide', dashed: true, points: r?.series['theory/dagger'] ?? [] },
                { key: 'expert', label: 'Expert (same tremble)', endLabel: 'Expert', role: 'expert', points: r?.series.expert ?? [] },
                { key: 'bc', label: 'BC', role: 'bc', points: r?.series.bc ?? [] },
                { key: 'dagger', label: 'DAgger', role: 'dagger', points: r?.series.dagger ?? [] },
              ]}
              xLabel="horizon H (steps)"
              yLabel="expected cost J (off-centre steps)"
              logX
              logY
              height={320}
              caption={`Exact costs (no sampling) with tremble ε = ${values.epsilon}. On log-log axes a slope of 2 is quadratic growth, a slope of 1 linear.`}
            />
            <OffStage>
            <div style={{ marginTop: '0.75rem' }}>
              <Toggle label="Show where the cars spend their time" checked={showHeatmap} onChange={setShowHeatmap} />
            </div>
            {showHeatmap && vis ? (
              <Heatmap
                title={`Time-averaged state visitation at H = ${vis.horizon}`}
                rows={[
                  { key: 'expert', label: 'expert', values: timeAverage(vis.expert), role: 'expert' },
                  { key: 'bc', label: 'BC', values: timeAverage(vis.bc), role: 'bc' },
                  { key: 'dagger', label: 'DAgger', values: timeAverage(vis.dagger), role: 'dagger' },
                ]}
                columns={OFFSETS}
                columnLabel="lane offset y"
                valueLabel="fraction of steps"
                scale="sqrt"
                max={1}
                cellHeight={30}
                caption="BC drifts into lanes it never saw and stays; DAgger, trained on its own states, comes back."
              />
            ) : null}
            </OffStage>
          </>
        );
      }}
    </ExperimentFrame>
  );
}
