'use client';

import { useMemo, useRef } from 'react';
import { LineChart } from '@/components/viz/LineChart';
import { TrajectoryPlayer, type TrajectoryTrack } from '@/components/viz/TrajectoryPlayer';
import { useElementWidth } from '@/components/viz/hooks';
import { makeCarRenderer } from '@/components/viz/renderers/car';
import { bcCarInfo, type BcCarResult } from '@/sims/experiments/bc-car.params';
import type { ExperimentState } from '@/components/hooks/useExperiment';
import { ExperimentFrame } from './ExperimentFrame';
import type { WidgetProps } from './types';
import styles from './widgets.module.css';

/** Below this width the legend moves above the track, so the canvas gets taller. */
const NARROW = 560;

function seconds(x: number, digits = 1): string {
  return `${x.toFixed(digits)} s`;
}

/**
 * Behavior cloning drives a car (figure 4 of "Compounding error"): the expert and the clone race from the same start
 * through the same actuator trembles, a sentence with their off-track times, and the off-track time accumulating
 * over the race.
 */
export function BcCarWidget({ urlKey, preset, shipped }: WidgetProps<BcCarResult>) {
  return (
    <ExperimentFrame info={bcCarInfo} urlKey={urlKey} preset={preset} shipped={shipped}>
      {({ state }) => <BcCarFigure state={state} />}
    </ExperimentFrame>
  );
}

interface BcCarFigureProps {
  /** The experiment's state: its result is the last finished one, kept (and `stale`) while a rerun computes. */
  state: ExperimentState<BcCarResult>;
}

function BcCarFigure({ state }: BcCarFigureProps) {
  // While a new run trains, keep showing the last finished race (a partial result has no race yet), dimmed. The
  // sentence reads the settings that result was computed with from the result itself.
  const r = state.result;
  const shownValues = r?.extras;

  const stageRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(stageRef);
  const extras = r?.extras;
  const m = r?.metrics;
  const races = m?.races;
  const renderer = useMemo(
    () =>
      makeCarRenderer({
        trembleSteps: extras?.trembleSteps ?? [],
        ...(extras ? { dt: extras.dt, halfWidth: extras.halfWidth, crashOffset: extras.crashOffset } : {}),
        badges: { expert: 'E', bc: 'B' },
        // The race view counts one race; the sentence above, the mean over all of them: say which is which.
        caption: races === undefined ? 'Race 1' : `Race 1 of ${races}`,
      }),
    [extras, races],
  );
  const tracks = useMemo<TrajectoryTrack[] | null>(
    () =>
      r !== null
        ? [
            { key: 'expert', label: 'Expert', role: 'expert', trajectory: r.trajectories.expert },
            { key: 'bc', label: 'BC clone', role: 'bc', trajectory: r.trajectories.bc },
          ]
        : null,
    [r],
  );

  const raceSeconds = shownValues ? shownValues.horizon * shownValues.dt : undefined;
  const ratio = m?.['ratio/bcOverExpert'];
  return (
    <>
      <p className={styles.summary} aria-live="off">
        {m && races !== undefined && raceSeconds !== undefined && shownValues ? (
          <>
            Trained on {shownValues.nDemos} clean {shownValues.nDemos === 1 ? 'demonstration' : 'demonstrations'} (which
            never stray more than <strong>{(m['demo/maxOffset'] * 100).toFixed(1)} cm</strong> from the centre
            line), the clone copies the expert&apos;s steering to within{' '}
            <strong>{m['fit/rmse'].toFixed(3)} rad/s</strong> (rms).{' '}
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
            , and crashes in <strong>{m['crashes/bc']}</strong> of {races} races (the expert in{' '}
            {m['crashes/expert']}).
          </>
        ) : (
          'Training the clone on the expert’s demonstrations, then racing it…'
        )}
      </p>
      <div ref={stageRef}>
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
        caption={`Mean over the ${races !== undefined ? `${races} ` : ''}races of this seed (shaded: fewest to most); the animation plays race 1. A crashed car stays off the track, so its line climbs 1 s per second.`}
      />
    </>
  );
}
