'use client';

import { useMemo, useRef } from 'react';
import { LineChart } from '@/components/viz/LineChart';
import { TrajectoryPlayer, type TrajectoryTrack } from '@/components/viz/TrajectoryPlayer';
import { useElementWidth } from '@/components/viz/hooks';
import { makeCarRenderer } from '@/components/viz/renderers/car';
import { OffStage } from '@/components/viz/projector';
import type { ParamValues } from '@/lib/params';
import { daggerCarInfo, type DaggerCarResult } from '@/sims/experiments/dagger-car.params';
import type { ExperimentState } from '@/components/hooks/useExperiment';
import { ExperimentFrame } from './ExperimentFrame';
import type { WidgetProps } from './types';
import styles from './widgets.module.css';

type Values = ParamValues<typeof daggerCarInfo.params>;

/** Below this width the legend moves above the track, so the canvas gets taller. */
const NARROW = 560;

const secs = (x: number) => `${x.toFixed(1)} s`;

/**
 * The race (figure 3 of "DAgger"): BC, DAgger and DART cars — the same number of expert labels each — on one track
 * from the same start through the same trembles, the off-track time against the labels spent (band over seeds), and
 * a sentence with the numbers.
 */
export function DaggerCarWidget({ urlKey, preset, shipped }: WidgetProps<DaggerCarResult>) {
  return (
    // The experiment has its own seeds slider (the band); the frame's generic comparison would repeat it.
    <ExperimentFrame info={daggerCarInfo} urlKey={urlKey} preset={preset} shipped={shipped} allowCompare={false}>
      {({ state, values }) => <DaggerCarFigure state={state} values={values} />}
    </ExperimentFrame>
  );
}

function DaggerCarFigure({ state, values }: { state: ExperimentState<DaggerCarResult>; values: Values }) {
  // While a new run trains, the last finished race stays on screen (the frame dims it); the chart shows the partial curves.
  const r = state.result;
  const live = state.partial ?? r;

  const stageRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(stageRef);
  const extras = r?.extras;
  const renderer = useMemo(
    () =>
      makeCarRenderer({
        ...(extras !== undefined ? { dt: extras.dt, halfWidth: extras.halfWidth, crashOffset: extras.crashOffset } : {}),
        badges: { expert: 'E', bc: 'B', dagger: 'D', dart: 'N' },
        // The race view counts one race; the sentence above, the mean over all of them: say which is which.
        caption: extras === undefined ? 'Race 1' : `Race 1 of ${extras.races}, last round`,
      }),
    [extras],
  );
  const tracks = useMemo<TrajectoryTrack[] | null>(() => {
    const t = r?.trajectories;
    if (!t) return null;
    return [
      { key: 'expert', label: 'Expert', role: 'expert' as const, trajectory: t.expert },
      { key: 'bc', label: 'BC', role: 'bc' as const, trajectory: t.bc },
      { key: 'dagger', label: 'DAgger', role: 'dagger' as const, trajectory: t.dagger },
      { key: 'dart', label: 'DART (noise)', role: 'dart' as const, trajectory: t.dart },
    ];
  }, [r]);

  // The numbers of the result shown (while a new run computes, the previous one's, not the sliders').
  const seeds = r ? r.metrics.seeds : values.seeds;
  const bandNote = seeds > 1 ? `mean over ${seeds} seeds, shaded from best to worst seed` : 'one seed (raise “Seeds for the band” for a band over seeds)';
  const chartCaption = extras
    ? `Each point: ${extras.races} races of ${(extras.horizon * extras.dt).toFixed(0)} s after that round's training; ${bandNote}. One lap = ${extras.horizon} labels.`
    : `Each point: the mean off-track time over a few races after that round's training; ${bandNote}.`;
  return (
    <>
      <p className={styles.summary} style={{ fontSize: '1.1em' }}>
        {r ? (
          <>
            With <strong>{r.metrics.labels} expert labels</strong> each ({r.metrics.rounds + 1} laps), racing through the same
            trembles, the cars spend off the track per {(r.extras.horizon * r.extras.dt).toFixed(0)} s race (the mean over{' '}
            {r.extras.races} races; the race view below plays race 1 alone): BC{' '}
            <strong>{secs(r.metrics['offTrack/bc'])}</strong>, DAgger <strong>{secs(r.metrics['offTrack/dagger'])}</strong>, DART{' '}
            <strong>{secs(r.metrics['offTrack/dart'])}</strong> (the expert {secs(r.metrics['offTrack/expert'])}
            {seeds > 1 ? `; means over ${seeds} seeds` : ''}). BC&apos;s clean laps never leave the centre line, so it
            has never seen a recovery; DAgger&apos;s labels are on its own mistakes, DART&apos;s on the expert&apos;s
            trembles.
          </>
        ) : (
          'Training BC, DAgger and DART round by round, then racing them…'
        )}
      </p>
      <OffStage>
      <div ref={stageRef}>
        {tracks ? (
          <TrajectoryPlayer
            tracks={tracks}
            renderer={renderer}
            label="Race 1 at the largest label budget: the expert, BC, DAgger and DART cars from the same start through the same trembles"
            aspect={width !== null && width < NARROW ? 0.98 : 0.7}
            fps={20}
          />
        ) : (
          <div className={styles.placeholder}>The race appears when training finishes.</div>
        )}
      </div>
      </OffStage>
      <LineChart
        title="Off-track time against expert labels spent"
        series={[
          { key: 'expert', label: 'Expert', role: 'expert', points: live?.series['offTrack/expert'] ?? [] },
          { key: 'bc', label: 'BC', role: 'bc', points: live?.series['offTrack/bc'] ?? [] },
          { key: 'dagger', label: 'DAgger', role: 'dagger', points: live?.series['offTrack/dagger'] ?? [] },
          { key: 'dart', label: 'DART', role: 'dart', points: live?.series['offTrack/dart'] ?? [] },
        ]}
        xLabel="expert labels (steps)"
        yLabel="off-track time per race (s)"
        height={300}
        fontSize={15}
        caption={chartCaption}
      />
    </>
  );
}
