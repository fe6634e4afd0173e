'use client';

import { useId, useState } from 'react';
import { Heatmap } from '@/components/viz/Heatmap';
import { LineChart, type LineSeries } from '@/components/viz/LineChart';
import type { ExperimentState } from '@/components/hooks/useExperiment';
import {
  daggerLaneInfo,
  type DaggerLaneExtras,
  type DaggerLaneResult,
  type DaggerLaneRound,
} from '@/sims/experiments/dagger-lane.params';
import type { ParamValues } from '@/lib/params';
import type { PartialResult } from '@/sims/experiments/types';
import { ExperimentFrame } from './ExperimentFrame';
import type { WidgetProps } from './types';
import { LaneActionTable } from '@/components/viz/LaneActionTable';
import { OffStage } from '@/components/viz/projector';
import styles from './widgets.module.css';
import css from './DaggerLaneWidget.module.css';


type Values = ParamValues<typeof daggerLaneInfo.params>;

/** Counts with a thousands separator, the same on every machine. */
function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A cost J: three decimals below 1 (the expert's floor is ~0.5), two above. */
function cost(j: number): string {
  return j < 1 ? j.toFixed(3) : j.toFixed(2);
}

/** Labels outside the centre lane (offset 0) of a per-lane count. */
const offCentre = (counts: readonly number[], offsets: readonly number[]) =>
  counts.reduce((a, b) => a + b, 0) - counts[offsets.indexOf(0)];

// ---------------------------------------------------------------------------------------------------------------
// The round stepper
// ---------------------------------------------------------------------------------------------------------------

interface RoundStepper {
  /** The round shown, clamped to the rounds the result has. */
  round: number;
  last: number;
  set(round: number): void;
}

/** Which round the figure shows: round 1 (DAgger's first own data) until the reader picks another. */
function useRoundStepper(nRounds: number): RoundStepper {
  const [picked, setPicked] = useState<number | null>(null);
  const last = Math.max(0, nRounds);
  const round = Math.min(last, Math.max(0, picked ?? 1));
  return { round, last, set: (r) => setPicked(Math.min(last, Math.max(0, Math.round(r)))) };
}

function StepperControls({ stepper }: { stepper: RoundStepper }) {
  const labelId = useId();
  const { round, last, set } = stepper;
  const text = `Round ${round} of ${last}`;
  return (
    <div className={css.stepper} role="group" aria-labelledby={labelId} data-testid="round-stepper">
      <span id={labelId} className={css.stepperLabel}>
        {text}
      </span>
      <button type="button" className="btn" onClick={() => set(round - 1)} disabled={round <= 0}>
        ‹ Previous
      </button>
      <input
        type="range"
        className={css.stepperRange}
        min={0}
        max={last}
        step={1}
        value={round}
        disabled={last === 0}
        aria-label="Show round"
        aria-valuetext={text}
        onChange={(e) => set(Number(e.target.value))}
      />
      <button type="button" className="btn" onClick={() => set(round + 1)} disabled={round >= last}>
        Next ›
      </button>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// What each method learned, lane by lane
// ---------------------------------------------------------------------------------------------------------------

function ActionTable({ round, extras }: { round: DaggerLaneRound; extras: DaggerLaneExtras }) {
  const expert = extras.expertTable;
  return (
    <LaneActionTable
      testId="round-actions"
      offsets={extras.offsets}
      expertTable={expert}
      rows={[
        { key: 'expert', label: 'Expert', table: expert },
        { key: 'dagger', label: 'DAgger', table: round.tables.dagger },
        { key: 'dart', label: 'DART', table: round.tables.dart },
        { key: 'bc', label: 'BC', table: round.tables.bcEqualLabels },
      ]}
      caption={
        <>
          Greedy action of each learner in every lane after round {round.round} (← left, • stay, → right). Outlined cells
          differ from the expert, who always steers back toward the centre.
        </>
      }
    />
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The round view: counter, what happened, where the labels are, what was learned
// ---------------------------------------------------------------------------------------------------------------

function RoundView({ round, values, extras }: { round: DaggerLaneRound; values: Values; extras: DaggerLaneExtras }) {
  const k = round.round;
  const centre = extras.offsets.indexOf(0);
  const fresh = round.newLabels.dagger;
  // The leading no-break space widens the Heatmap's label column, whose width is estimated from the character
  // count and clips these bold labels by a few pixels in wide fonts (e.g. DejaVu Sans).
  const rows = [
    { key: 'dagger-new', label: '\u00a0DAgger new', values: fresh, role: 'dagger' as const },
    { key: 'dagger-all', label: '\u00a0DAgger all', values: round.data.dagger, role: 'dagger' as const },
    { key: 'dart-all', label: 'DART all', values: round.data.dart, role: 'dart' as const },
    { key: 'bc-all', label: 'BC all', values: round.data.bcEqualLabels, role: 'bc' as const },
  ];
  // Nearly every label is in the centre lane; the colour saturates at the largest off-centre count so the few
  // recovery labels show (the cells and the screen-reader table carry the exact numbers).
  const offMax = Math.max(0, ...rows.flatMap((r) => r.values.filter((_, s) => s !== centre)));
  const demos = values.nDemos + k * values.rolloutsPerRound;
  const what =
    k === 0
      ? `Round 0: every method starts from ${values.nDemos} expert demonstrations (${count(round.labels.dagger)} labels; DART's with the expert's hand shaking at ε_D = ${values.noise}). BC and DAgger are the same network here.`
      : `Round ${k}: DAgger drove ${values.rolloutsPerRound} episodes ${round.beta > 0 ? `(the expert taking each action with probability β = ${round.beta.toFixed(2)})` : 'with its learner (β = 0)'} and the expert labelled all ${count(fresh.reduce((a, b) => a + b, 0))} states they visited, ${count(offCentre(fresh, extras.offsets))} of them off centre. BC got ${values.rolloutsPerRound} more clean demonstrations (${count(offCentre(round.newLabels.bcEqualLabels, extras.offsets))} off-centre labels), DART ${values.rolloutsPerRound} more shaky ones (${count(offCentre(round.newLabels.dart, extras.offsets))}).`;
  return (
    <>
      <p className={css.counter} data-testid="label-budget">
        Expert labels so far: <strong>DAgger {count(round.labels.dagger)}</strong> ·{' '}
        <strong>BC {count(round.labels.bcEqualLabels)}</strong> · <strong>DART {count(round.labels.dart)}</strong>
      </p>
      <p className={css.counterSources}>
        DAgger: {values.nDemos} demonstrations{k > 0 ? ` + ${k} × ${values.rolloutsPerRound} of its own rollouts` : ''},
        every state labelled by the expert. BC: {demos} clean demonstrations. DART: {demos} demonstrations with a
        shaking hand. Each episode is {values.horizon} labels.
      </p>
      <p className={css.roundCaption} aria-live="polite" data-testid="round-caption">
        {what} After training, DAgger costs <strong>{cost(round.cost.dagger)}</strong>, DART{' '}
        <strong>{cost(round.cost.dart)}</strong>, BC <strong>{cost(round.cost.bcEqualLabels)}</strong>.
      </p>
      <div className={css.panel} data-testid="round-labels" data-round={k}>
        <p className={styles.panelTitle}>Where the expert&apos;s labels are, after round {k}</p>
        <Heatmap
          title={`Expert labels per lane: DAgger's new labels in round ${k}, and each method's data after it`}
          rows={rows}
          columns={extras.offsets}
          columnLabel="lane offset y"
          valueLabel="expert labels"
          scale="sqrt"
          {...(offMax > 0 ? { max: offMax } : {})}
          showValues
          format={count}
          cellHeight={30}
          caption={
            offMax > 0
              ? `“new”: labelled in this round; “all”: the whole data set after it. Colour saturates at ${count(offMax)} labels: the centre lane holds most of every data set, and the off-centre cells are the recovery labels.`
              : '“new”: labelled in this round; “all”: the whole data set after it. Every label is in the centre lane.'
          }
        />
      </div>
      <div className={css.panel}>
        <p className={styles.panelTitle}>What each learner does in every lane, after round {k}</p>
        <ActionTable round={round} extras={extras} />
      </div>
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The figure
// ---------------------------------------------------------------------------------------------------------------

function Summary({ state, values }: { state: ExperimentState<DaggerLaneResult>; values: Values }) {
  const r = state.result;
  if (!r) return <>Running DAgger, BC and DART round by round…</>;
  const m = r.metrics;
  // Round 1's rollouts (there are none with no rounds).
  const firstCollection = r.series['collection/dagger'].find((p) => p.x === 1)?.y;
  const ratio = m['ratio/bcOverDagger'];
  return (
    <>
      With <strong>{count(m['labels/perMethod'])}</strong> expert labels each, DAgger ends at J ={' '}
      <strong>{cost(m['cost/dagger'])}</strong> and DART (ε_D = {values.noise}) at{' '}
      <strong>{cost(m['cost/dart'])}</strong>, against the expert&apos;s own <strong>{cost(m['cost/expert'])}</strong>{' '}
      under the same tremble; BC, given as many clean demonstrations, stays at{' '}
      <strong>{cost(m['cost/bcEqualLabels'])}</strong>
      {ratio !== undefined && ratio > 1.05 ? <> ({ratio.toFixed(ratio < 10 ? 1 : 0)}× DAgger&apos;s)</> : null}. The
      labels were not free:{' '}
      {firstCollection !== undefined ? (
        <>
          DAgger&apos;s round-1 rollouts spent <strong>{cost(firstCollection)}</strong> steps per episode off centre,
          and{' '}
        </>
      ) : null}
      DART&apos;s shaking demonstrator <strong>{cost(m['collection/dart'])}</strong>.
    </>
  );
}

function costSeries(series: PartialResult<DaggerLaneResult>['series'] | undefined, noise: number): LineSeries[] {
  // Later series draw on top: DART's dotted line over DAgger's dash-dot, both over the expert's line they reach
  // (where all three coincide, both patterns still show).
  return [
    { key: 'bc', label: 'BC, same number of labels', endLabel: 'BC', role: 'bc', points: series?.['cost/bcEqualLabels'] ?? [] },
    { key: 'dagger', label: 'DAgger', role: 'dagger', points: series?.['cost/dagger'] ?? [] },
    { key: 'dart', label: `DART (ε_D = ${noise})`, endLabel: 'DART', role: 'dart', points: series?.['cost/dart'] ?? [] },
  ];
}

function DaggerLaneFigure({
  state,
  values,
  shownValues,
}: {
  state: ExperimentState<DaggerLaneResult>;
  values: Values;
  shownValues: Values;
}) {
  const r = state.result;
  // The round view of the result on screen (during a rerun, the previous one, dimmed, with its own parameters).
  const extras = r?.extras;
  const rounds = extras?.rounds ?? [];
  const stepper = useRoundStepper(rounds.length > 0 ? rounds.length - 1 : values.rounds);
  const shown = rounds[stepper.round];
  // The curves grow round by round while a run computes.
  const series = costSeries((state.partial ?? r)?.series, values.noise);
  const expertCost = extras?.expertCost ?? r?.metrics['cost/expert'];
  const positive = series.every((s) => s.points.every((p) => p.y > 0)) && (expertCost ?? 1) > 0;
  // On a linear axis (some cost is 0, e.g. ε = 0) costs start at 0: a cost is never negative.
  const top = Math.max(
    0,
    ...(expertCost !== undefined ? [expertCost] : []),
    ...series.flatMap((s) => s.points.map((p) => p.y)),
  );
  const nSeeds = state.info?.seeds.length ?? 1;
  return (
    <>
      <p className={styles.summary}>
        <Summary state={state} values={shownValues} />
      </p>
      <LineChart
        title="Cost after each round: DAgger, BC with as many expert labels, and DART"
        series={series}
        xLabel="round of data collection"
        yLabel="expected cost J (off-centre steps)"
        logY={positive}
        {...(positive ? {} : { yDomain: [0, top > 0 ? top * 1.1 : 1] as [number, number] })}
        xDomain={[0, Math.max(1, values.rounds)]}
        xTicks={Array.from({ length: values.rounds + 1 }, (_, i) => i)}
        referenceLines={[
          ...(expertCost !== undefined
            ? [{ y: expertCost, label: 'expert, same tremble', color: 'var(--viz-expert)' }]
            : []),
          ...(shown ? [{ x: stepper.round, label: `round ${stepper.round}` }] : []),
        ]}
        height={300}
        caption={`Exact cost of each round's learner deployed for ${values.horizon} steps with tremble ε = ${values.epsilon}${positive ? ' (log scale)' : ''}. Each round gives every method ${values.rolloutsPerRound} more episodes, ${count(values.rolloutsPerRound * values.horizon)} expert labels: all three have used the same number at every round.${nSeeds > 1 ? ' Lines: mean over seeds; bands: min–max.' : ''}`}
      />
      {shown && extras ? (
        <>
          <StepperControls stepper={stepper} />
          <OffStage>
            {nSeeds > 1 ? <p className={css.counterSources}>Round details are for seed {state.info?.seeds[0]}.</p> : null}
            <RoundView round={shown} values={shownValues} extras={extras} />
          </OffStage>
        </>
      ) : (
        <div className={styles.placeholder}>The round-by-round view appears when the run finishes.</div>
      )}
    </>
  );
}

/**
 * DAgger and interactive data collection on LaneKeep: the exact cost after each round of DAgger, of BC given as many
 * expert labels, and of DART; a round stepper shows, for the chosen round, the label budget, where DAgger's new labels
 * fell, every method's data per lane, and what each learner does in every lane.
 */
export function DaggerLaneWidget({ urlKey, preset, shipped }: WidgetProps<DaggerLaneResult>) {
  return (
    <ExperimentFrame
      info={daggerLaneInfo}
      urlKey={urlKey}
      preset={preset}
      shipped={shipped}
      mainParams={['epsilon', 'rounds', 'noise']}
    >
      {({ state, values, shownValues }) => <DaggerLaneFigure state={state} values={values} shownValues={shownValues} />}
    </ExperimentFrame>
  );
}
