'use client';

import { useMemo, useRef, useState } from 'react';
import { LineChart } from '@/components/viz/LineChart';
import { TrajectoryPlayer, type TrajectoryTrack } from '@/components/viz/TrajectoryPlayer';
import { useElementWidth } from '@/components/viz/hooks';
import { makeCarRenderer } from '@/components/viz/renderers/car';
import type { ParamValues } from '@/lib/params';
import { daggerCarInfo } from '@/sims/experiments/dagger-car.params';
import type { Result } from '@/sims/experiments/types';
import type { ExperimentState } from '@/components/hooks/useExperiment';
import { ExperimentFrame } from './ExperimentFrame';
import type { WidgetProps } from './types';
import styles from './widgets.module.css';

type Values = ParamValues<typeof daggerCarInfo.params>;

interface Extras {
  dt?: number;
  halfWidth?: number;
  crashOffset?: number;
  races?: number;
  horizon?: number;
}

/** Below this width the legend moves above the track, so the canvas gets taller. */
const NARROW = 560;

const secs = (x: number | undefined) => `${(x ?? 0).toFixed(1)} s`;

/**
 * The race (figure 3 of "DAgger"): BC, DAgger and DART cars — the same number of expert labels each — on one track
 * from the same start through the same trembles, the off-track time against the labels spent (band over seeds), and
 * a sentence with the numbers.
 */
export function DaggerCarWidget({ urlKey, preset }: WidgetProps) {
  return (
    // The experiment has its own seeds slider (the band); the frame's generic comparison would repeat it.
    <ExperimentFrame info={daggerCarInfo} urlKey={urlKey} preset={preset} allowCompare={false}>
      {({ state, values }) => <DaggerCarFigure state={state} values={values} />}
    </ExperimentFrame>
  );
}

function DaggerCarFigure({ state, values }: { state: ExperimentState; values: Values }) {
  // While a new run trains, keep showing the last finished race (dimmed); the chart shows the partial curves.
  const [kept, setKept] = useState<{ result: Result; values: Values } | null>(null);
  if (state.status === 'done' && state.result && state.result !== kept?.result) setKept({ result: state.result, values });
  const r = state.status === 'done' ? state.result : (kept?.result ?? null);
  const shown = state.status === 'done' ? values : (kept?.values ?? values);
  const stale = state.status !== 'done' && r !== null;
  const live = state.result ?? r;

  const stageRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(stageRef);
  const extras = (r?.extras ?? {}) as Extras;
  const renderer = useMemo(
    () =>
      makeCarRenderer({
        ...(extras.dt !== undefined ? { dt: extras.dt } : {}),
        ...(extras.halfWidth !== undefined ? { halfWidth: extras.halfWidth } : {}),
        ...(extras.crashOffset !== undefined ? { crashOffset: extras.crashOffset } : {}),
        badges: { expert: 'E', bc: 'B', dagger: 'D', dart: 'N' },
      }),
    [extras.dt, extras.halfWidth, extras.crashOffset],
  );
  const tracks = useMemo<TrajectoryTrack[] | null>(() => {
    const t = r?.trajectories;
    if (!t?.bc || !t.dagger || !t.dart) return null;
    return [
      ...(t.expert ? [{ key: 'expert', label: 'Expert', role: 'expert' as const, trajectory: t.expert }] : []),
      { key: 'bc', label: 'BC', role: 'bc' as const, trajectory: t.bc },
      { key: 'dagger', label: 'DAgger', role: 'dagger' as const, trajectory: t.dagger },
      { key: 'dart', label: 'DART (noise)', role: 'dart' as const, trajectory: t.dart },
    ];
  }, [r]);

  const m = r?.metrics ?? {};
  const seeds = m.seeds ?? shown.seeds;
  const raceSeconds = (extras.horizon ?? 300) * (extras.dt ?? 0.1);
  const bandNote = seeds > 1 ? `mean over ${seeds} seeds, shaded from best to worst seed` : 'one seed (raise “Seeds for the band” for a band over seeds)';
  return (
    <>
      <p className={styles.summary} style={{ fontSize: '1.1em' }}>
        {r ? (
          <>
            With <strong>{m.labels ?? 0} expert labels</strong> each ({shown.rounds + 1} laps), racing through the same
            trembles, the cars spend off the track per {raceSeconds.toFixed(0)} s race: BC{' '}
            <strong>{secs(m['offTrack/bc'])}</strong>, DAgger <strong>{secs(m['offTrack/dagger'])}</strong>, DART{' '}
            <strong>{secs(m['offTrack/dart'])}</strong> (the expert {secs(m['offTrack/expert'])}
            {seeds > 1 ? `; means over ${seeds} seeds` : ''}). BC&apos;s clean laps never leave the centre line, so it
            has never seen a recovery; DAgger&apos;s labels are on its own mistakes, DART&apos;s on the expert&apos;s
            trembles.
          </>
        ) : (
          'Training BC, DAgger and DART round by round, then racing them…'
        )}
      </p>
      <div ref={stageRef} style={stale ? { opacity: 0.55, transition: 'opacity 0.2s' } : undefined}>
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
        caption={`Each point: ${extras.races ?? 3} races of ${raceSeconds.toFixed(0)} s after that round's training; ${bandNote}. One lap = ${extras.horizon ?? 300} labels.`}
      />
    </>
  );
}
