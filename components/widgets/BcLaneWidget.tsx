'use client';

import { Heatmap } from '@/components/viz/Heatmap';
import { LineChart } from '@/components/viz/LineChart';
import { TrajectoryPlayer } from '@/components/viz/TrajectoryPlayer';
import { laneRenderer } from '@/components/viz/renderers/lane';
import { OffStage } from '@/components/viz/projector';
import { bcLaneInfo, type BcLaneResult } from '@/sims/experiments/bc-lane.params';
import { ExperimentFrame } from './ExperimentFrame';
import type { WidgetProps } from './types';
import styles from './widgets.module.css';

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/**
 * Behavior cloning on LaneKeep: the expert's and the BC car's rollouts under the same trembles, what BC learned in
 * every lane (and which lanes it ever saw), where each car spends its time, and the training loss.
 */
export function BcLaneWidget({ urlKey, preset, shipped }: WidgetProps<BcLaneResult>) {
  return (
    <ExperimentFrame info={bcLaneInfo} urlKey={urlKey} preset={preset} shipped={shipped}>
      {({ state, shownValues: values }) => {
        // The last complete result (kept while a rerun computes); the loss curve also draws the run in flight.
        const r = state.result;
        const live = state.partial ?? state.result;
        const final = r;
        const tracks =
          r !== null
            ? [
                { key: 'expert', label: 'Expert', role: 'expert' as const, trajectory: r.trajectories.expert },
                { key: 'bc', label: 'BC learner', role: 'bc' as const, trajectory: r.trajectories.bc },
              ]
            : null;
        return (
          <>
            <p className={styles.summary} aria-live="off">
              {final ? (
                <>
                  Training fits the demonstrations: the network takes the expert&apos;s action in{' '}
                  <strong>{pct(final.metrics['accuracy/demoStates'])}</strong> of demonstrated states. Deployed with a{' '}
                  {pct(values.epsilon)} tremble for {values.horizon} steps, it spends{' '}
                  <strong>{final.metrics['cost/bc'].toFixed(1)}</strong> steps off centre on average, against{' '}
                  <strong>{final.metrics['cost/expert'].toFixed(2)}</strong> for the expert
                  {final.metrics['ratio/bcOverExpert'] !== undefined ? <> ({final.metrics['ratio/bcOverExpert'].toFixed(0)}×)</> : null}.
                </>
              ) : (
                'Training the network on the expert’s demonstrations…'
              )}
            </p>
            {tracks ? (
              <TrajectoryPlayer
                tracks={tracks}
                renderer={laneRenderer}
                label="LaneKeep rollouts under the same trembles: expert and BC learner"
                aspect={0.42}
                fps={12}
              />
            ) : (
              <div className={styles.placeholder}>The rollout appears when training finishes.</div>
            )}
            <OffStage>
            <div className={styles.grid}>
              <div>
                <p className={styles.panelTitle}>What BC learned in each lane</p>
                {r ? (
                  <Heatmap
                    title="Probability of each action, per lane, for the trained network"
                    rows={['left', 'stay', 'right'].map((label, a) => ({
                      key: label,
                      label: `P(${label})`,
                      values: r.extras.actionProbs.map((p) => p[a]),
                    }))}
                    columns={r.extras.offsets}
                    columnLabel="lane offset y"
                    valueLabel="probability"
                    max={1}
                    cellHeight={30}
                  />
                ) : null}
                {r ? (
                  <Heatmap
                    title="Demonstration pairs per lane"
                    rows={[{ key: 'demos', label: 'demos', values: r.extras.demoCounts, role: 'expert' }]}
                    columns={r.extras.offsets}
                    columnLabel="lane offset y"
                    valueLabel="pairs"
                    scale="sqrt"
                    cellHeight={30}
                    caption="The expert never leaves the centre, so every demonstration is in lane 0: the network's actions elsewhere were never trained."
                  />
                ) : null}
              </div>
              <div>
                <p className={styles.panelTitle}>Where each car spends its time</p>
                {r ? (
                  <Heatmap
                    title="Fraction of the episode spent in each lane, expert vs BC"
                    rows={[
                      { key: 'expert', label: 'expert', values: r.series['visitation/expert'].map((p) => p.y), role: 'expert' },
                      { key: 'bc', label: 'BC', values: r.series['visitation/bc'].map((p) => p.y), role: 'bc' },
                    ]}
                    columns={r.extras.offsets}
                    columnLabel="lane offset y"
                    valueLabel="fraction of steps"
                    scale="sqrt"
                    max={1}
                    cellHeight={30}
                    caption="Exact state distribution under the tremble: the learner's states are not the expert's."
                  />
                ) : null}
                <LineChart
                  title="Training loss"
                  series={[{ key: 'loss', label: 'log-loss (minibatch)', role: 'learner', points: live?.series['loss/train'] ?? [] }]}
                  xLabel="optimiser step"
                  yLabel="log-loss (nats)"
                  logY
                  height={200}
                  caption="Low training loss on the expert's states says nothing about the states the learner will visit."
                />
              </div>
            </div>
            </OffStage>
          </>
        );
      }}
    </ExperimentFrame>
  );
}
