'use client';

import { Heatmap } from '@/components/viz/Heatmap';
import { LineChart, type LineSeries } from '@/components/viz/LineChart';
import { roleColor, vizColor } from '@/components/viz/palette';
import type { ExperimentState } from '@/components/hooks/useExperiment';
import type { ParamValues } from '@/lib/params';
import { gailLaneInfo, type GailLaneExtras, type GailLaneResult } from '@/sims/experiments/gail-lane.params';
import { ExperimentFrame } from './ExperimentFrame';
import type { WidgetProps } from './types';
import { LANE_ARROWS, LaneActionTable } from '@/components/viz/LaneActionTable';
import { OffStage } from '@/components/viz/projector';
import styles from './widgets.module.css';
import css from './GailLaneWidget.module.css';

type Values = ParamValues<typeof gailLaneInfo.params>;

const UNINFORMATIVE_COLOR = vizColor(0);

/** A cost J: three decimals below 1 (the expert's floor is ~0.5 at H = 40), two above. */
function cost(j: number | undefined): string {
  if (j === undefined) return '–';
  return j < 1 ? j.toFixed(3) : j.toFixed(2);
}

function Summary({ state, values }: { state: ExperimentState<GailLaneResult>; values: Values }) {
  const r = state.result;
  if (!r) return <>Running GAIL with both discriminators…</>;
  const m = r.metrics;
  const lateFrom = values.iterations - Math.max(1, Math.floor(values.iterations / 3)) + 1;
  return (
    <>
      With no expert queries, GAIL with a <strong>pessimistic</strong> discriminator ends at J ={' '}
      <strong>{cost(m['cost/pessimistic'])}</strong>, the trembling expert&apos;s own{' '}
      <strong>{cost(m['cost/expert'])}</strong>; behavior cloning pays <strong>{cost(m['cost/bc'])}</strong>. With an{' '}
      <strong>uninformative</strong> one it does not settle: over iterations {lateFrom}–{values.iterations} its cost
      swings between <strong>{cost(m['late/uninformative/min'])}</strong> and{' '}
      <strong>{cost(m['late/uninformative/max'])}</strong> (mean {cost(m['late/uninformative/mean'])}).
    </>
  );
}

function ActionTable({ extras }: { extras: GailLaneExtras }) {
  return (
    <LaneActionTable
      testId="gail-actions"
      offsets={extras.offsets}
      expertTable={extras.expertTable}
      rows={[
        { key: 'expert', label: 'Expert', table: extras.expertTable },
        { key: 'pessimistic', label: 'Pess.', table: extras.tables.pessimistic },
        { key: 'uninformative', label: 'Uninf.', table: extras.tables.uninformative },
      ]}
      caption="Greedy action in every lane after the last iteration (← left, • stay, → right) with the pessimistic (Pess.) and the uninformative (Uninf.) discriminator. Outlined cells differ from the expert, who steers back toward the centre."
    />
  );
}

function GailLaneFigure({
  state,
  values,
  shownValues,
}: {
  state: ExperimentState<GailLaneResult>;
  values: Values;
  shownValues: Values;
}) {
  const r = state.partial ?? state.result;
  const extras = state.result?.extras;
  const expertCost = state.result?.metrics['cost/expert'];
  const series: LineSeries[] = [
    { key: 'bc', label: 'BC (“stay”)', role: 'bc', points: r?.series['cost/bc'] ?? [] },
    {
      key: 'uninformative',
      label: 'GAIL, uninformative',
      color: UNINFORMATIVE_COLOR,
      dashed: true,
      points: r?.series['cost/uninformative'] ?? [],
    },
    { key: 'pessimistic', label: 'GAIL, pessimistic', role: 'learner', points: r?.series['cost/pessimistic'] ?? [] },
  ];
  const rewardRows = extras
    ? (['pessimistic', 'uninformative'] as const).flatMap((prior) =>
        [0, 1, 2].map((a) => ({
          key: `${prior}-${a}`,
          label: `${prior === 'pessimistic' ? 'pess.' : 'uninf.'} ${LANE_ARROWS[a]}`,
          values: extras.reward[prior][a],
          color: prior === 'pessimistic' ? roleColor('learner') : UNINFORMATIVE_COLOR,
        })),
      )
    : [];
  return (
    <>
      <p className={styles.summary}>
        <Summary state={state} values={shownValues} />
      </p>
      <LineChart
        title="Cost of GAIL's greedy policy after each iteration, for two discriminators"
        series={series}
        xLabel="GAIL iteration"
        yLabel="expected cost J (off-centre steps)"
        logY
        height={300}
        referenceLines={expertCost !== undefined ? [{ y: expertCost, label: 'expert, same tremble', color: 'var(--viz-expert)' }] : []}
        caption={`Pessimistic: the discriminator says 0 on pairs nobody visits; uninformative: ½. Exact cost of the greedy policy after each iteration, deployed for ${values.horizon} steps with tremble ε = ${values.epsilon} (log scale); iteration 0 is the random initial policy. Both runs start from it and see only clean demonstrations and their own exact rollouts.`}
      />
      {extras ? (
        <OffStage>
          <div className={css.panel}>
            <p className={styles.panelTitle}>What each learner does in every lane</p>
            <ActionTable extras={extras} />
          </div>
          <div className={css.panel}>
            <p className={styles.panelTitle}>Where each car spends its time, under the tremble</p>
            <Heatmap
              title={`Time-averaged lane visitation at H = ${values.horizon}: expert, BC and both GAIL learners`}
              rows={[
                { key: 'expert', label: 'expert', values: extras.visitation.expert, role: 'expert' },
                { key: 'bc', label: 'BC', values: extras.visitation.bc, role: 'bc' },
                { key: 'pessimistic', label: 'pess.', values: extras.visitation.pessimistic, role: 'learner' },
                { key: 'uninformative', label: 'uninf.', values: extras.visitation.uninformative, color: UNINFORMATIVE_COLOR },
              ]}
              columns={extras.offsets}
              columnLabel="lane offset y"
              valueLabel="fraction of steps"
              scale="sqrt"
              max={1}
              cellHeight={28}
              caption="The final greedy policies, evaluated exactly (square-root colour scale)."
            />
          </div>
          <div className={css.panel}>
            <p className={styles.panelTitle}>The reward −log(1 − D) in the last iteration, per action</p>
            <Heatmap
              title="GAIL's reward per lane and intended action (← left, • stay, → right) in the last iteration, for both discriminators"
              rows={rewardRows}
              columns={extras.offsets}
              columnLabel="lane offset y"
              valueLabel="reward (nats)"
              min={0}
              showValues
              format={(v) => (v < 0.005 ? '0' : v.toFixed(2))}
              cellHeight={26}
              caption="Pessimistic: only the expert's pair (y = 0, stay) pays. Uninformative: every pair nobody visits pays log 2 ≈ 0.69, about as much as the expert's pair, and pairs the learner visits pay almost nothing."
            />
          </div>
        </OffStage>
      ) : (
        <div className={styles.placeholder}>The learned tables appear when the run finishes.</div>
      )}
    </>
  );
}

/**
 * Tabular GAIL on LaneKeep: the exact cost of the greedy policy after each GAIL iteration, with a pessimistic and an
 * uninformative discriminator, against BC and the trembling expert; below, the learned tables, where each car spends
 * its time and the reward each discriminator pays.
 */
export function GailLaneWidget({ urlKey, preset, shipped }: WidgetProps<GailLaneResult>) {
  return (
    <ExperimentFrame info={gailLaneInfo} urlKey={urlKey} preset={preset} shipped={shipped}>
      {({ state, values, shownValues }) => <GailLaneFigure state={state} values={values} shownValues={shownValues} />}
    </ExperimentFrame>
  );
}
