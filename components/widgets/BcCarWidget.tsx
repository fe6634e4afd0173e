'use client';

import { useMemo, useRef, useState } from 'react';
import { LineChart } from '@/components/viz/LineChart';
import { TrajectoryPlayer, type TrajectoryTrack } from '@/components/viz/TrajectoryPlayer';
import { useElementWidth } from '@/components/viz/hooks';
import { makeCarRenderer } from '@/components/viz/renderers/car';
import type { ParamValues } from '@/lib/params';
import { bcCarInfo } from '@/sims/experiments/bc-car.params';
import type { Result } from '@/sims/experiments/types';
import type { ExperimentState } from '@/components/hooks/useExperiment';
import { ExperimentFrame } from './ExperimentFrame';
import type { WidgetProps } from './types';
import styles from './widgets.module.css';

type BcCarValues = ParamValues<typeof bcCarInfo.params>;

interface BcCarExtras {
  dt?: number;
  halfWidth?: number;
  crashOffset?: number;
  races?: number;
  trembleSteps?: number[];
}

/** Below this width the legend moves above the track, so the canvas gets taller. */
const NARROW = 560;

function seconds(x: number | undefined, digits = 1): string {
  return `${(x ?? 0).toFixed(digits)} s`;
}

/**
 * Behavior cloning drives a car (figure 4 of "Compounding error"): the expert and the clone race from the same start
 * through the same actuator trembles, a sentence with their off-track times, and the off-track time accumulating
 * over the race.
 */
export function BcCarWidget({ urlKey, preset }: WidgetProps) {
  return (
    <ExperimentFrame info={bcCarInfo} urlKey={urlKey} preset={preset}>
      {({ state, values }) => <BcCarFigure state={state} values={values} />}
    </ExperimentFrame>
  );
}

interface BcCarFigureProps {
  /** The experiment's state (partial while running, final when done). */
  state: ExperimentState;
  /** The parameters the figure is computing or showing. */
  values: BcCarValues;
}

function BcCarFigure({ state, values }: BcCarFigureProps) {
  // While a new run trains, keep showing the last finished race (a partial result has no race yet), dimmed.
  const [kept, setKept] = useState<{ result: Result; values: BcCarValues } | null>(null);
  if (state.status === 'done' && state.result && state.result !== kept?.result)
    setKept({ result: state.result, values });
  const r = state.status === 'done' ? state.result : (kept?.result ?? null);
  const shownValues = state.status === 'done' ? values : (kept?.values ?? values);
  const stale = state.status !== 'done' && r !== null;

  const stageRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(stageRef);
  const extras = (r?.extras ?? {}) as BcCarExtras;
  const m = r?.metrics ?? {};
  const races = m.races ?? extras.races ?? 8;
  const renderer = useMemo(
    () =>
      makeCarRenderer({
        trembleSteps: extras.trembleSteps ?? [],
        ...(extras.dt !== undefined ? { dt: extras.dt } : {}),
        ...(extras.halfWidth !== undefined ? { halfWidth: extras.halfWidth } : {}),
        ...(extras.crashOffset !== undefined ? { crashOffset: extras.crashOffset } : {}),
        badges: { expert: 'E', bc: 'B' },
        // The race view counts one race; the sentence above, the mean over all of them: say which is which.
        caption: `Race 1 of ${races}`,
      }),
    [extras.trembleSteps, extras.dt, extras.halfWidth, extras.crashOffset, races],
  );
  const tracks = useMemo<TrajectoryTrack[] | null>(
    () =>
      r?.trajectories?.expert && r.trajectories.bc
        ? [
            { key: 'expert', label: 'Expert', role: 'expert', trajectory: r.trajectories.expert },
            { key: 'bc', label: 'BC clone', role: 'bc', trajectory: r.trajectories.bc },
          ]
        : null,
    [r],
  );

  const raceSeconds = shownValues.horizon * (extras.dt ?? 0.1);
  const ratio = m['ratio/bcOverExpert'];
  return (
    <>
      <p className={styles.summary} aria-live="off">
        {r ? (
          <>
            Trained on {shownValues.nDemos} clean {shownValues.nDemos === 1 ? 'demonstration' : 'demonstrations'} (which
            never stray more than <strong>{((m['demo/maxOffset'] ?? 0) * 100).toFixed(1)} cm</strong> from the centre
            line), the clone copies the expert&apos;s steering to within{' '}
            <strong>{(m['fit/rmse'] ?? 0).toFixed(3)} rad/s</strong> (rms).{' '}
            {shownValues.epsilon > 0
              ? `Racing ${races} times through the same trembles at ${shownValues.speed} m/s, it spends`
              : `With no tremble at all, racing ${races} times at ${shownValues.speed} m/s (its own small errors are enough), it spends`}{' '}
            <strong>{seconds(m['offTrack/bc'])}</strong> of each {raceSeconds.toFixed(0)} s race off the track, the
            mean over the {races} races (the race view below plays race 1 alone), against{' '}
            <strong>{seconds(m['offTrack/expert'], 2)}</strong> for the expert
            {ratio !== undefined ? (
              <>
                {' '}
                (<strong>{ratio >= 100 ? ratio.toFixed(0) : ratio.toFixed(1)}×</strong>)
              </>
            ) : null}
            , and crashes in <strong>{m['crashes/bc'] ?? 0}</strong> of {races} races (the expert in{' '}
            {m['crashes/expert'] ?? 0}).
          </>
        ) : (
          'Training the clone on the expert’s demonstrations, then racing it…'
        )}
      </p>
      <div ref={stageRef} style={stale ? { opacity: 0.55, transition: 'opacity 0.2s' } : undefined}>
        {tracks ? (
          <TrajectoryPlayer
            tracks={tracks}
            renderer={renderer}
            label="Race 1 of this seed: the expert's car and the BC clone from the same start through the same trembles"
            aspect={width !== null && width < NARROW ? 0.98 : 0.7}
            fps={20}
          />
        ) : (
          <div className={styles.placeholder}>The race appears when training finishes.</div>
        )}
      </div>
      <LineChart
        title="Off-track time accumulating over the race, expert vs BC clone"
        series={[
          { key: 'expert', label: 'Expert', role: 'expert', points: r?.series['offTrack/expert'] ?? [] },
          { key: 'bc', label: 'BC clone', role: 'bc', points: r?.series['offTrack/bc'] ?? [] },
        ]}
        xLabel="time in the race (s)"
        yLabel="off-track time so far (s)"
        height={260}
        caption={`Mean over the ${races} races of this seed (shaded: fewest to most); the animation plays race 1. A crashed car stays off the track, so its line climbs 1 s per second.`}
      />
    </>
  );
}
