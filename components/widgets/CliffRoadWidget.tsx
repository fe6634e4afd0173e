'use client';

import { Heatmap } from '@/components/viz/Heatmap';
import { LineChart, type LineSeries } from '@/components/viz/LineChart';
import { OffStage, useProjector } from '@/components/viz/projector';
import type { ExperimentState } from '@/components/hooks/useExperiment';
import type { ParamValues } from '@/lib/params';
import type { Point } from '@/sims/experiments/types';
import {
  CLIFF_METHODS,
  cliffRoadInfo,
  type CliffMethod,
  type CliffRoadResult,
} from '@/sims/experiments/cliff-road.params';
import { ExperimentFrame } from './ExperimentFrame';
import type { WidgetProps } from './types';
import styles from './widgets.module.css';
import css from './CliffRoadWidget.module.css';

type Values = ParamValues<typeof cliffRoadInfo.params>;

/** Action indices: 0 one lane toward the cliff (drawn on the left), 1 stay, 2 one lane away. */
const ARROWS = ['←', '•', '→'] as const;
const ACTION_WORDS = ['toward the cliff', 'stay', 'away from the cliff'];

const NAMES: Record<CliffMethod, string> = {
  bc: 'BC',
  dagger: 'DAgger',
  aggrevate: 'AggreVaTe',
  api: 'Policy iter.',
  bestInClass: 'Best in class',
};

const j2 = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(2));

function Summary({ result, values }: { result: CliffRoadResult; values: Values }) {
  const m = result.metrics;
  const change = (m['J/aggrevate'] / m['J/expert'] - 1) * 100;
  return (
    <>
      The {values.expert} expert costs <strong>{j2(m['J/expert'])}</strong>. Imitating its actions: BC{' '}
      <strong>{j2(m['J/bc'])}</strong>, DAgger <strong>{j2(m['J/dagger'])}</strong>. Imitating its cost-to-go: AggreVaTe{' '}
      <strong>{j2(m['J/aggrevate'])}</strong> (
      {change <= 0 ? `${(-change).toFixed(0)} % below` : `${change.toFixed(0)} % above`} the expert). The best policy
      this learner can express costs <strong>{j2(m['J/bestInClass'])}</strong>.
    </>
  );
}

/** Who drives how: one action per observation, and the expected cost. */
function PolicyTable({ result, values }: { result: CliffRoadResult; values: Values }) {
  const { extras, metrics } = result;
  const coarse = values.sensor === 'coarse';
  const bestJ = Math.min(...CLIFF_METHODS.map((k) => metrics[`J/${k}`]));
  const iterate = (k: CliffMethod) =>
    k === 'dagger' || k === 'aggrevate' || k === 'api' ? `${values.report} ${extras.reportedIteration[k]}` : '—';
  // Moving toward the cliff from the edge zone (lane 1, or the coarse edge zone which contains lane 1) risks a fall.
  const danger = (o: number, a: number) => o === 0 && a === 0;
  // Projected, the table's words are at the projector's size and its caption is the key alone (the rest is said).
  const projector = useProjector();
  return (
    <div className={css.scroll} role="region" aria-label="Each learner’s policy and cost" tabIndex={0}>
      <table
        className={projector ? `${css.policies} ${css.projected}` : css.policies}
        data-testid="cliff-policies"
        style={projector ? { fontSize: projector.fontSize } : undefined}
      >
        {projector ? (
          <caption style={{ fontSize: '0.9em' }}>
            ← toward the cliff, • stay, → away (lane 1 borders it); J: expected cost.
          </caption>
        ) : (
          <caption>
            Each learner’s action for each {coarse ? 'zone its coarse sensor sees' : 'lane'} (← one lane toward the
            cliff, • stay, → away from it; lane 1 borders the cliff), its expected cost J over {values.horizon} steps,
            and which iterate is reported (iter.). The expert row is its action at the first step (the careful expert’s
            changes near the end). An outlined ← at the edge drives off the cliff.
          </caption>
        )}
        <thead>
          <tr>
            <th scope="col">driver</th>
            {extras.observations.map((o) => (
              <th key={o} scope="col">
                {o}
              </th>
            ))}
            <th scope="col">J</th>
            <th scope="col">iter.</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Expert</th>
            {coarse ? (
              <td colSpan={extras.observations.length}>
                {extras.expertFirstStep.map((a, lane) => `lane ${lane + 1} ${ARROWS[a]}`).join(' · ')}
              </td>
            ) : (
              extras.expertFirstStep.map((a, lane) => (
                <td key={lane}>
                  <span className={css.arrow} aria-hidden="true">
                    {ARROWS[a]}
                  </span>
                  <span className="visually-hidden">{ACTION_WORDS[a]}</span>
                </td>
              ))
            )}
            <td className={css.cost}>{j2(metrics['J/expert'])}</td>
            <td>—</td>
          </tr>
          {CLIFF_METHODS.map((k) => (
            <tr key={k} className={metrics[`J/${k}`] <= bestJ + 1e-9 ? css.best : undefined}>
              <th scope="row">{NAMES[k]}</th>
              {extras.policies[k].map((a, o) => (
                <td key={o} className={danger(o, a) ? css.danger : undefined}>
                  <span className={css.arrow} aria-hidden="true">
                    {ARROWS[a]}
                  </span>
                  <span className="visually-hidden">
                    {ACTION_WORDS[a]}
                    {danger(o, a) ? ' (drives off the cliff)' : ''}
                  </span>
                </td>
              ))}
              <td className={css.cost}>{j2(metrics[`J/${k}`])}</td>
              <td>{iterate(k)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The expert's queries each method needs: the label-cost counter. */
function LabelCost({ result, values }: { result: CliffRoadResult; values: Values }) {
  const m = result.metrics;
  const H = values.horizon;
  return (
    <p className={css.counter} data-testid="cliff-label-cost">
      <strong>What the expert is asked.</strong> DAgger: one action per visited state,{' '}
      <strong>{m['labels/dagger'].toLocaleString('en')}</strong> actions for {values.iterations} roll-ins of {H} steps.
      AggreVaTe: the cost of the expert <em>driving to the end</em> after each tried action, up to {H} steps per query —{' '}
      <strong>{m['labels/aggrevate'].toLocaleString('en')}</strong> expert steps for the same roll-ins in this exact
      version, or about {Math.round((H + 1) / 2)} per sample in the sampled one. It also needs the expert to take over
      from any state, and the cost to be observed.
    </p>
  );
}

/** Reference slopes 1 and 2 through the first point of a curve. */
function guides(points: readonly Point[]): { one: Point[]; two: Point[] } {
  if (points.length === 0) return { one: [], two: [] };
  const { x: x0, y: y0 } = points[0];
  return {
    one: points.map((q) => ({ x: q.x, y: y0 * (q.x / x0) })),
    two: points.map((q) => ({ x: q.x, y: y0 * (q.x / x0) * (q.x / x0) })),
  };
}

function CliffRoadFigure({ state, values }: { state: ExperimentState<CliffRoadResult>; values: Values }) {
  const r = state.result;
  // Projected, a scene shows the table and the iterates' chart, or (the bridge preset) panel B alone: the table is the
  // cliff road's, panel B is LaneKeep.
  const projector = useProjector() !== null;
  if (!r) return <div className={styles.placeholder}>Solving the cliff road exactly…</div>;
  const iterSeries: LineSeries[] = [
    {
      key: 'expert',
      label: `Expert (${values.expert})`,
      endLabel: 'Expert',
      role: 'expert',
      points: r.series['iter/expert'],
    },
    { key: 'best', label: 'Best in class', role: 'guide', dashed: true, points: r.series['iter/bestInClass'] },
    { key: 'dagger', label: 'DAgger', role: 'dagger', points: r.series['iter/dagger'] },
    { key: 'api', label: 'Policy iteration', role: 'dart', points: r.series['iter/api'] },
    { key: 'aggrevate', label: 'AggreVaTe', role: 'learner', points: r.series['iter/aggrevate'] },
  ];
  const g = guides(r.series['regret/bc']);
  const bridge = values.panel === 'bridge';
  return (
    <>
      {/* Projected, the table's J column is the summary. */}
      {projector ? null : (
        <p className={styles.summary}>{state.stale ? 'Recomputing…' : <Summary result={r} values={values} />}</p>
      )}
      {projector && bridge ? null : <PolicyTable result={r} values={values} />}
      <OffStage>
        <LabelCost result={r} values={values} />
      </OffStage>
      {/* Projected, the chart's axes name it (the room needs the height more than the title). */}
      <div className={css.panel} hidden={projector && bridge} style={projector ? { marginTop: '0.5rem' } : undefined}>
        {projector ? null : <p className={styles.panelTitle}>Cost of each iterate</p>}
        <LineChart
          title="Exact cost of the policy after each iteration of DAgger, AggreVaTe and policy iteration"
          series={iterSeries}
          xLabel="iteration"
          yLabel="expected cost J"
          xTicks={r.series['iter/dagger'].map((q) => q.x)}
          height={280}
          caption={`Exact J (no sampling) of the policy fitted after each iteration; the first roll-in is the expert’s. Gust p = ${values.gust}, H = ${values.horizon}. The theory reports the best iterate; the last one can be far worse.`}
        />
      </div>
      <OffStage>
        <div className={css.panel}>
          <p className={styles.panelTitle}>Where each driver spends its time</p>
          <Heatmap
            title="Time-averaged occupancy of the fallen state and the four lanes, per driver"
            rows={[
              { key: 'expert', label: 'expert', values: r.extras.occupancy.expert, role: 'expert' },
              { key: 'bc', label: 'BC', values: r.extras.occupancy.bc, role: 'bc' },
              { key: 'dagger', label: 'DAgger', values: r.extras.occupancy.dagger, role: 'dagger' },
              { key: 'aggrevate', label: 'AggreVaTe', values: r.extras.occupancy.aggrevate, role: 'learner' },
              { key: 'api', label: 'pol. iter.', values: r.extras.occupancy.api, role: 'dart' },
            ]}
            columns={['fall', '1', '2', '3', '4']}
            columnLabel="lane (1 borders the cliff; fall: fallen)"
            valueLabel="fraction of steps"
            min={0}
            max={1}
            showValues
            format={(v) => v.toFixed(2)}
            cellHeight={28}
            caption="Exact state occupancy averaged over the episode, for the reported policies."
          />
        </div>
      </OffStage>
      <div className={css.panel} hidden={projector && !bridge}>
        <p className={styles.panelTitle}>
          Panel B — LaneKeep as a {bridge ? 'bridge: every mistake is a fall' : 'road: mistakes can be undone'}
        </p>
        <LineChart
          title={`Regret against horizon on LaneKeep as a ${values.panel}: BC against the on-policy fixed point of DAgger and GAIL`}
          series={[
            { key: 'slope2', label: 'slope 2', role: 'guide', dashed: true, points: g.two, endLabel: 'H²' },
            { key: 'slope1', label: 'slope 1', role: 'guide', dashed: true, points: g.one, endLabel: 'H' },
            {
              key: 'bc',
              label: 'BC (off-policy Q-moments)',
              endLabel: 'BC',
              role: 'bc',
              points: r.series['regret/bc'],
            },
            {
              key: 'onPolicy',
              label: 'DAgger / GAIL fixed point',
              endLabel: 'DAgger / GAIL',
              role: 'dagger',
              points: r.series['regret/onPolicy'],
            },
          ]}
          xLabel="horizon H (steps)"
          yLabel="regret (off-centre steps)"
          logX
          logY
          xTicks={r.extras.horizonsB}
          height={280}
          caption={`Exact regret with the learner’s tremble ε = ${values.epsilon}. Log-log slope over H = 10–40: BC ${r.metrics['slope/bc'].toFixed(2)}, DAgger / GAIL ${r.metrics['slope/onPolicy'].toFixed(2)}. The families are compared at the same per-step execution error ε, not at the moment-matching errors their bounds are stated in.`}
        />
      </div>
    </>
  );
}

/**
 * The cliff road (Toy 7D): BC, DAgger, AggreVaTe, policy iteration and the best in class, solved exactly — their
 * policies and costs, the cost of every iterate, where each drives, what each asks of the expert; and panel B, the
 * recoverability switch on LaneKeep (road or bridge).
 */
export function CliffRoadWidget({ urlKey, preset, shipped }: WidgetProps<CliffRoadResult>) {
  return (
    <ExperimentFrame
      info={cliffRoadInfo}
      urlKey={urlKey}
      preset={preset}
      shipped={shipped}
      allowCompare={false}
      mainParams={['expert', 'sensor', 'gust', 'report', 'panel']}
    >
      {({ state, values }) => <CliffRoadFigure state={state} values={values} />}
    </ExperimentFrame>
  );
}
