'use client';

/**
 * "You are the expert" (issue 16): the reader drives a lap, a network clones the drive in the worker, and then the
 * reader answers DAgger's questions about the states where the clone left the road. Below it, the same pipeline with
 * the automatic expert driving and answering (the experiment `human-dagger`, in the shared frame).
 *
 *   1 Demonstrate  ←/→ (keyboard on the driving area, or the on-screen buttons / touch), eased steering, 30 s at
 *                  the simulation's speed or at half pace; live off-track time; discard, export and import a drive
 *   2 Clone        the worker trains on the drive and races the clone through the tremble (sims/worker: humanDagger)
 *   3 Correct      each round the worker asks about a few of the clone's states; the reader answers left / straight /
 *                  right (or lets the automatic expert answer); the clone retrains; the chart gains a round
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { LineChart, type LineSeries } from '@/components/viz/LineChart';
import { CarStage, type StageTrail } from '@/components/viz/CarStage';
import { usePrefersReducedMotion } from '@/components/viz/hooks';
import { OffStage, useProjector } from '@/components/viz/projector';
import { loadShipped } from '@/components/hooks/useExperiment';
import { download } from '@/components/viz/export';
import { CAR_TRACK, curvatureAt, type CarState } from '@/sims/envs/car';
import {
  DRIVE_STEPS,
  STEER_TARGET,
  driveData,
  driveProblem,
  driveStart,
  driveStep,
  driveToFile,
  easeSteer,
  offTrackSteps,
  parseDriveFile,
  type SteerInput,
} from '@/sims/envs/carDrive';
import {
  humanDaggerInfo,
  labelsPerRound,
  type CarDaggerRound,
  type HumanDaggerResult,
  type HumanDaggerRequest,
  type HumanQuery,
} from '@/sims/experiments/human-dagger.params';
import { CancelledError, getSharedClient } from '@/sims/worker/client';
import { ExperimentFrame } from './ExperimentFrame';
import type { ExperimentState } from '@/components/hooks/useExperiment';
import widgetStyles from './widgets.module.css';
import type { WidgetProps } from './types';
import styles from './HumanDaggerWidget.module.css';

const DT = 0.1; // s per step
const HALF_WIDTH = 1; // m
/** The session's settings: the experiment's defaults (the figure below uses the same). */
const ROUNDS = humanDaggerInfo.params.rounds.default;
const QUERIES = humanDaggerInfo.params.queries.default;
const EPSILON = humanDaggerInfo.params.epsilon.default;
const SESSION_SEED = 1;
/** The clone's lap replays up to each question at this many steps per second (a 30 s lap in 2.5 s). */
const PLAYBACK_STEPS_PER_S = 120;

/** drive → train ⇄ ask → done; then, for the comparison, extra (the reader drives one more lap) → bc (BC trains on it) → done. */
type Phase = 'drive' | 'train' | 'ask' | 'done' | 'extra' | 'bc';

/** The demonstration a session was started with, as the page reports it after the drive area is reused. */
interface SessionDemo {
  expert: boolean;
  /** Labelled pairs (steps before any crash). */
  labels: number;
  /** Off-track time of the drive itself (s). */
  offSeconds: number;
}

/** Frames [x, y, θ, e] of states, as CarStage draws them. */
function framesOf(states: readonly CarState[]): Float32Array {
  const out = new Float32Array(states.length * 4);
  states.forEach((s, t) => out.set([s.x, s.y, s.theta, s.lateral], 4 * t));
  return out;
}

/** Lateral offset in words, to the centimetre when small (the learner's standardised inputs see such offsets). */
function side(e: number): string {
  const a = Math.abs(e);
  if (a < 0.005) return 'on the centre line';
  return `${a < 0.1 ? `${Math.round(a * 100)} cm` : `${a.toFixed(1)} m`} ${e > 0 ? 'left' : 'right'} of the centre line`;
}
const degrees = (a: number) => Math.round((Math.abs(a) * 180) / Math.PI);

/**
 * Keeps a held steering button's pointer events while the finger slides off it. A pointer that is already gone
 * (lifted before the handler ran) cannot be captured; the button is then simply released by its pointerup.
 */
function capturePointer(e: ReactPointerEvent<HTMLElement>): void {
  try {
    e.currentTarget.setPointerCapture?.(e.pointerId);
  } catch {
    // Nothing to capture.
  }
}

/** A steering command in words: "0.6 rad/s left". */
function steerWords(w: number): string {
  return Math.abs(w) < 0.05 ? 'straight' : `${Math.abs(w).toFixed(1)} rad/s ${w > 0 ? 'left' : 'right'}`;
}

/** A state described in words, for the question and for screen readers. */
function describeState(e: number, psi: number, kappa: number): string {
  const where = side(e) + (Math.abs(e) > HALF_WIDTH ? ', off the track' : ', on the track');
  const pointing = degrees(psi) < 1 ? 'pointing along the road' : `pointing ${degrees(psi)}° to the ${psi > 0 ? 'left' : 'right'} of the road`;
  const bend = Math.abs(kappa) < 0.03 ? 'the road ahead is nearly straight' : `the road ahead bends ${kappa > 0 ? 'left' : 'right'}${Math.abs(kappa) > 0.15 ? ' sharply' : ''}`;
  return `The car is ${where}, ${pointing}; ${bend}.`;
}

/**
 * How far along a lap the replay is: from 0 when `lap` changes (a new round's lap), towards `target` at
 * PLAYBACK_STEPS_PER_S, so the reader watches the clone drive up to the state it is asked about and stop there.
 * With reduced motion it is at `target` at once.
 */
function usePlayback(lap: unknown, target: number, reduced: boolean): number {
  const [shown, setShown] = useState<{ lap: unknown; upTo: number }>({ lap: null, upTo: 0 });
  // The replay's exact position (fractional), carried from one question of a lap to the next.
  const position = useRef<{ lap: unknown; upTo: number }>({ lap: null, upTo: 0 });
  useEffect(() => {
    if (reduced) return;
    if (position.current.lap !== lap) position.current = { lap, upTo: 0 };
    const at = position.current;
    let frame = 0;
    let last: number | null = null;
    const tick = (now: number) => {
      at.upTo = Math.min(target, at.upTo + (last === null ? 0 : ((now - last) * PLAYBACK_STEPS_PER_S) / 1000));
      last = now;
      setShown({ lap, upTo: Math.floor(at.upTo) });
      if (at.upTo < target) frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [lap, target, reduced]);
  if (reduced) return target;
  return shown.lap === lap ? shown.upTo : 0;
}

export function HumanDaggerWidget({ urlKey, preset, shipped }: WidgetProps<HumanDaggerResult>) {
  // On a projected slide the automatic expert's figure shows only before a session starts: the session's own chart
  // carries its lines, and a question needs the screen for the track.
  const projected = useProjector() !== null;
  const [sessionPhase, setSessionPhase] = useState<Phase>('drive');
  return (
    <>
      <HumanSession shipped={shipped} onPhase={setSessionPhase} />
      <div hidden={projected && sessionPhase !== 'drive'}>
        <ExperimentFrame info={humanDaggerInfo} urlKey={urlKey} preset={preset} shipped={shipped} allowCompare={false}>
          {({ state }) => <AutoFigure state={state} />}
        </ExperimentFrame>
      </div>
    </>
  );
}

function HumanSession({
  shipped,
  onPhase,
}: {
  shipped?: WidgetProps<HumanDaggerResult>['shipped'];
  onPhase?: (phase: Phase) => void;
}) {
  const [reference, setReference] = useState<HumanDaggerResult | null>(null);
  useEffect(() => {
    if (!shipped) return;
    let live = true;
    loadShipped(shipped)
      .then((r) => live && setReference(r))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [shipped]);

  // ---- Step 1: the drive -------------------------------------------------------------------------------------
  const [phase, setPhase] = useState<Phase>('drive');
  useEffect(() => onPhase?.(phase), [phase, onPhase]);
  const [driving, setDriving] = useState(false);
  const [pace, setPace] = useState<1 | 0.5>(1);
  const [states, setStates] = useState<CarState[]>(() => [driveStart()]);
  const [steer, setSteer] = useState<number[]>([]);
  /** null: the reader's own drive; 'expert': the automatic expert's lap. */
  const [useExpertLap, setUseExpertLap] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [announce, setAnnounce] = useState('');
  const input = useRef({ left: false, right: false });
  const [held, setHeld] = useState<SteerInput>(0);
  const stageRef = useRef<HTMLDivElement>(null);
  const sim = useRef({ state: driveStart(), w: 0, states: [driveStart()] as CarState[], steer: [] as number[] });

  const steps = steer.length;
  const offSteps = useMemo(() => offTrackSteps(states, HALF_WIDTH), [states]);
  const finished = !driving && (steps >= DRIVE_STEPS || states[states.length - 1].crashed);
  const problem = useMemo(() => (steps > 0 && !driving ? driveProblem(steer, states) : null), [steer, states, steps, driving]);

  const currentInput = (): SteerInput => {
    const { left, right } = input.current;
    return left && !right ? 1 : right && !left ? -1 : 0;
  };
  const setInput = (which: 'left' | 'right', down: boolean) => {
    input.current[which] = down;
    setHeld(currentInput());
  };

  useEffect(() => {
    if (!driving) return;
    const id = window.setInterval(() => {
      const s = sim.current;
      s.w = easeSteer(s.w, currentInput());
      const next = driveStep(s.state, s.w);
      s.state = next;
      s.states.push(next);
      s.steer.push(s.w);
      const done = s.steer.length >= DRIVE_STEPS || next.crashed;
      setStates([...s.states]);
      setSteer([...s.steer]);
      if (s.steer.length % 50 === 0 || done) {
        const off = offTrackSteps(s.states, HALF_WIDTH) * DT;
        setAnnounce(
          `${(s.steer.length * DT).toFixed(0)} seconds: ${side(next.lateral)}${Math.abs(next.lateral) > HALF_WIDTH ? ', off the track' : ''}. Off the track ${off.toFixed(1)} s so far.`,
        );
      }
      if (done) {
        setDriving(false);
        if (next.crashed) setMessage({ text: `You left the road by more than 2.5 m at ${(s.steer.length * DT).toFixed(1)} s and crashed; the drive stops there.`, error: true });
      }
    }, 100 / pace);
    return () => window.clearInterval(id);
  }, [driving, pace]);

  const resetDrive = () => {
    sim.current = { state: driveStart(), w: 0, states: [driveStart()], steer: [] };
    setStates([driveStart()]);
    setSteer([]);
    setDriving(false);
    setUseExpertLap(false);
    setMessage(null);
    input.current = { left: false, right: false };
    setHeld(0);
  };
  const startDrive = () => {
    if (finished || steps === 0) resetDrive();
    setMessage(null);
    setDriving(true);
    setAnnounce('Driving. Hold the left or right arrow key to steer.');
    stageRef.current?.focus();
  };
  const onStageKey = (e: ReactKeyboardEvent, down: boolean) => {
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      setInput(e.key === 'ArrowLeft' ? 'left' : 'right', down);
    } else if (down && (e.key === ' ' || e.key === 'Enter')) {
      e.preventDefault();
      if (driving) setDriving(false);
      else if (!finished) startDrive();
    }
  };
  const exportDrive = () => {
    download('car-drive.json', JSON.stringify(driveToFile(steer, states)), 'application/json');
  };
  const importDrive = async (file: File | undefined) => {
    if (!file) return;
    const checked = parseDriveFile(await file.text());
    if (!checked.ok) {
      setMessage({ text: `That file was not loaded: ${checked.reason}`, error: true });
      return;
    }
    const st = checked.states;
    sim.current = { state: st[st.length - 1], w: 0, states: st, steer: Array.from(checked.steer) };
    setStates(st);
    setSteer(Array.from(checked.steer));
    setUseExpertLap(false);
    setMessage({ text: `Loaded a drive of ${(checked.steer.length * DT).toFixed(1)} s.`, error: false });
  };
  const useExpert = () => {
    resetDrive();
    setUseExpertLap(true);
    setMessage({ text: 'The automatic expert drives the demonstration lap (its trail is drawn); you still answer the questions.', error: false });
  };

  // ---- Steps 2 and 3: the session in the worker ---------------------------------------------------------------
  const [rounds, setRounds] = useState<CarDaggerRound[]>([]);
  const [progress, setProgress] = useState<{ fraction: number; message: string } | null>(null);
  const [query, setQuery] = useState<HumanQuery | null>(null);
  const [answers, setAnswers] = useState<number[]>([]);
  const [labelsGiven, setLabelsGiven] = useState(0);
  const [demoFrames, setDemoFrames] = useState<Float32Array | null>(null);
  const [demoInfo, setDemoInfo] = useState<SessionDemo | null>(null);
  /** BC on the reader's extra lap, given DAgger's labels per round (null until the reader drives it). */
  const [bcRounds, setBcRounds] = useState<CarDaggerRound[] | null>(null);
  const sessionRequest = useRef<HumanDaggerRequest | null>(null);
  const pending = useRef<{ resolve: (v: Float32Array | null) => void; reject: (e: Error) => void } | null>(null);
  const abort = useRef<AbortController | null>(null);
  const questionRef = useRef<HTMLDivElement>(null);

  const stopSession = useCallback(() => {
    pending.current?.reject(new CancelledError());
    pending.current = null;
    abort.current?.abort();
    abort.current = null;
  }, []);
  useEffect(() => stopSession, [stopSession]);

  const startSession = () => {
    stopSession();
    const controller = new AbortController();
    abort.current = controller;
    setRounds([]);
    setLabelsGiven(0);
    setQuery(null);
    setPhase('train');
    setProgress({ fraction: 0, message: 'Starting the worker' });
    setAnnounce('Training a network on your drive.');
    setDemoFrames(useExpertLap ? (reference?.trajectories.demo.data ?? null) : framesOf(states));
    setDemoInfo(
      useExpertLap
        ? { expert: true, labels: DRIVE_STEPS, offSeconds: 0 }
        : { expert: false, labels: driveData(states, steer).n, offSeconds: offSteps * DT },
    );
    setBcRounds(null);
    setMessage(null);
    const request = { steer: useExpertLap ? null : Float64Array.from(steer), epsilon: EPSILON, rounds: ROUNDS, queries: QUERIES, seed: SESSION_SEED };
    sessionRequest.current = request;
    getSharedClient()
      .humanDagger(
        request,
        {
          label: (q) =>
            new Promise<Float32Array | null>((resolve, reject) => {
              pending.current = { resolve, reject };
              setAnswers([]);
              setQuery(q);
              setPhase('ask');
              setAnnounce(`Round ${q.round}: your clone drove a lap. It asks about ${q.rows.length} states where it was farthest from anything it has been shown.`);
            }),
          round: (r) => {
            setRounds((prev) => (prev.some((p) => p.round === r.round) ? prev : [...prev, r]));
            setAnnounce(r.round === 0 ? `Your clone spends ${r.offTrack.toFixed(1)} s off the track per 30-second race.` : `After round ${r.round}: ${r.offTrack.toFixed(1)} s off the track per race.`);
          },
          progress: (fraction, msg) => setProgress({ fraction, message: msg }),
        },
        controller.signal,
      )
      .then((summary) => {
        setRounds(summary.rounds);
        setDemoFrames((prev) => prev ?? summary.demo.data);
        setPhase('done');
        setQuery(null);
        setProgress(null);
        const last = summary.rounds[summary.rounds.length - 1];
        setAnnounce(`Done. After your labels the clone spends ${last.offTrack.toFixed(1)} s off the track per race, against ${summary.rounds[0].offTrack.toFixed(1)} s before.`);
      })
      .catch((error: unknown) => {
        if (error instanceof CancelledError) return;
        setPhase('drive');
        setProgress(null);
        setMessage({ text: error instanceof Error ? error.message : String(error), error: true });
      });
  };

  /** A continuous answer (rad/s of yaw, + left), for readers who want more than left / straight / right. */
  const [exact, setExact] = useState(0);
  const answer = (value: number | null) => {
    if (!query || !pending.current) return;
    setExact(0);
    if (value === null) {
      pending.current.resolve(null);
      pending.current = null;
      setQuery(null);
      setPhase('train');
      setAnnounce('The automatic expert answered this round. Retraining.');
      return;
    }
    const next = [...answers, value];
    setLabelsGiven((n) => n + 1);
    if (next.length >= query.rows.length) {
      pending.current.resolve(Float32Array.from(next));
      pending.current = null;
      setQuery(null);
      setPhase('train');
      setAnnounce('Thank you. Retraining on your labels.');
    } else {
      setAnswers(next);
    }
  };
  useEffect(() => {
    if (phase === 'ask') questionRef.current?.focus();
  }, [phase, query]);

  const onQuestionKey = (e: ReactKeyboardEvent) => {
    const map: Record<string, number> = { ArrowLeft: STEER_TARGET, ArrowUp: 0, ArrowRight: -STEER_TARGET };
    if (e.key in map && e.target === e.currentTarget) {
      e.preventDefault();
      answer(map[e.key]);
    }
  };

  // ---- Step 4: the comparison on the reader's own extra lap ----------------------------------------------------
  const startExtraLap = () => {
    resetDrive();
    setPhase('extra');
    setAnnounce(`Drive one more lap. BC will be given ${rounds[rounds.length - 1]?.extraLabels ?? 0} of its states, labelled with what you pressed: as many labels as you gave DAgger.`);
    window.setTimeout(() => stageRef.current?.focus(), 0);
  };
  const trainBcOnLap = () => {
    const request = sessionRequest.current;
    if (!request) return;
    stopSession();
    const controller = new AbortController();
    abort.current = controller;
    setPhase('bc');
    setProgress({ fraction: 0, message: 'Starting the worker' });
    setAnnounce('Training BC on your demonstration and your extra lap.');
    getSharedClient()
      .humanBc({ ...request, bcSteer: Float64Array.from(steer), labelsPerRound: labelsPerRound(rounds.map((r) => r.extraLabels)) }, { progress: (fraction, msg) => setProgress({ fraction, message: msg }) }, controller.signal)
      .then((bc) => {
        setBcRounds(bc);
        setProgress(null);
        setPhase('done');
        const last = bc[bc.length - 1];
        setAnnounce(`BC given ${last.extraLabels} labels from your extra lap spends ${last.offTrack.toFixed(1)} s off the track per race; your DAgger clone ${rounds[rounds.length - 1].offTrack.toFixed(1)} s.`);
      })
      .catch((error: unknown) => {
        if (error instanceof CancelledError) return;
        setProgress(null);
        setPhase('done');
        setMessage({ text: error instanceof Error ? error.message : String(error), error: true });
      });
  };
  const cancelExtraLap = () => {
    resetDrive();
    setPhase('done');
  };

  const startOver = () => {
    stopSession();
    setPhase('drive');
    setBcRounds(null);
    setDemoInfo(null);
    setRounds([]);
    setQuery(null);
    setProgress(null);
    resetDrive();
  };

  // ---- Drawing -----------------------------------------------------------------------------------------------
  // The car's state in numbers (for a test's scripted driver; screen readers hear it in words).
  const now = states[states.length - 1];
  const carNow = { t: steps, e: now.lateral, psi: now.headingError, kappa: now.crashed ? 0 : curvatureAt(CAR_TRACK, now.s + 2), driving, done: finished };
  const liveFrames = useMemo(() => framesOf(states), [states]);
  const expertDemo = reference?.trajectories.demo.data ?? null;
  const extraLap = phase === 'extra';
  const driveTrails: StageTrail[] = useExpertLap && expertDemo
    ? [{ key: 'demo', frames: expertDemo, role: 'expert', car: true, badge: 'E' }]
    : [
        // Driving the extra lap: the demonstration faint behind it.
        ...(extraLap && demoFrames ? [{ key: 'demo', frames: demoFrames, role: 'expert' as const, ghost: true }] : []),
        { key: 'you', frames: liveFrames, role: 'expert', car: true, badge: 'You' },
      ];

  const q = query;
  const j = answers.length;
  const row = q ? q.rows[Math.min(j, q.rows.length - 1)] : 0;
  const ctx = (r: number, c: number) => (q ? q.context[r * 7 + c] : 0);
  const cloneLap = useMemo(() => {
    if (!q) return null;
    const out = new Float32Array(q.n * 4);
    for (let r = 0; r < q.n; r++) out.set([q.context[r * 7], q.context[r * 7 + 1], q.context[r * 7 + 2], q.context[r * 7 + 3]], 4 * r);
    return out;
  }, [q]);
  const lastRound = rounds[rounds.length - 1];
  const questionText = q ? describeState(ctx(row, 3), ctx(row, 4), ctx(row, 5)) : '';
  const reduced = usePrefersReducedMotion();
  const replayedTo = usePlayback(q, q ? row + 1 : 0, reduced);

  const series: LineSeries[] = [
    // The reader's own learners solid, the automatic expert's run dashed.
    { key: 'you', label: 'Your clone', role: 'dagger', dashed: false, points: rounds.map((r) => ({ x: r.extraLabels, y: r.offTrack })) },
  ];
  if (bcRounds) {
    series.push({ key: 'your-bc', label: 'BC on your extra lap', role: 'bc', dashed: false, points: bcRounds.map((r) => ({ x: r.extraLabels, y: r.offTrack })) });
  }
  if (reference) {
    series.push(
      { key: 'bc', label: 'BC, clean labels (auto expert)', role: 'bc', dashed: true, points: reference.series['offTrack/bc'] },
      { key: 'auto', label: 'DAgger (auto expert)', role: 'learner', dashed: true, points: reference.series['offTrack/dagger'] },
    );
  }
  const lastBc = bcRounds?.[bcRounds.length - 1];

  // In a lecture scene the slide's title names the figure, the instructor explains the drive, and a student drives with
  // the buttons beside the track (lecture mode takes the arrow keys): the session is short enough to leave the
  // automatic expert's chart on the screen below it.
  const projected = useProjector() !== null;
  const stepNames = ['1 Demonstrate', '2 Clone', '3 Correct', '4 Compare'];
  const stepIndex = phase === 'drive' ? 0 : phase === 'extra' || phase === 'bc' || bcRounds ? 3 : rounds.length === 0 ? 1 : 2;

  return (
    <section className={styles.session} aria-labelledby="human-dagger-title" data-phase={phase}>
      {/* A figure's own title, not a section of the chapter: no heading element, so it stays out of the outline. */}
      <p id="human-dagger-title" className={projected ? styles.srOnly : styles.heading}>
        You are the expert
      </p>
      <ol className={styles.steps} aria-label="Steps">
        {stepNames.map((name, i) => (
          <li key={name} className={i === stepIndex ? styles.current : undefined} aria-current={i === stepIndex ? 'step' : undefined}>
            {name}
          </li>
        ))}
      </ol>
      <p className={styles.srOnly} aria-live="polite" data-testid="announce">
        {announce}
      </p>

      {(phase === 'drive' || extraLap) && (
        <>
          <OffStage>
            {extraLap ? (
              <p className={styles.text}>
                One more lap, driven as before (your demonstration is drawn faintly). BC is then given{' '}
                {lastRound?.extraLabels ?? 0} of its states, spread through the lap and labelled with what you pressed there: as many
                extra labels as you gave DAgger, but on the road you drove instead of where your clone went.
              </p>
            ) : (
              <p className={styles.text}>
                Drive the car for 30 seconds (a little over one lap). Hold <kbd>←</kbd> or <kbd>→</kbd> on the driving area,
                or the buttons below; the steering eases in and out. There is no tremble while you demonstrate. Stay
                between the edges: the network will copy what you do.
              </p>
            )}
          </OffStage>
          <div className={projected ? styles.sideBySide : undefined}>
            <div
              ref={stageRef}
              className={styles.stage}
              tabIndex={0}
              role="group"
              aria-label="Driving area. Hold the left or right arrow key to steer; space starts or pauses."
              data-keys="own"
              data-state={JSON.stringify(carNow)}
              onKeyDown={(e) => onStageKey(e, true)}
              onKeyUp={(e) => onStageKey(e, false)}
              onBlur={() => {
                input.current = { left: false, right: false };
                setHeld(0);
              }}
            >
              <CarStage trails={driveTrails} label="The track seen from above, with your car and its trail" />
            </div>
            <div>
              <p className={styles.status} data-testid="drive-status">
                {useExpertLap
                  ? 'Demonstration: the automatic expert’s lap, 30.0 s, 0.0 s off the track.'
                  : `${extraLap ? 'Extra lap: ' : ''}${(steps * DT).toFixed(1)} s of ${(DRIVE_STEPS * DT).toFixed(0)} s · off the track ${(offSteps * DT).toFixed(1)} s · ${side(states[states.length - 1].lateral)}`}
              </p>
              <div className={styles.row}>
                <button
                  type="button"
                  className={`${styles.button} ${styles.primary}`}
                  onClick={() => (driving ? setDriving(false) : startDrive())}
                  disabled={useExpertLap}
                >
                  {driving ? 'Pause' : steps === 0 || finished ? 'Start driving' : 'Resume'}
                </button>
                <label>
                  Pace{' '}
                  <select value={pace} onChange={(e) => setPace(Number(e.target.value) === 0.5 ? 0.5 : 1)} disabled={driving}>
                    <option value={1}>real time (3 m/s)</option>
                    <option value={0.5}>half speed (slow motion)</option>
                  </select>
                </label>
              </div>
              <div className={`${styles.row} ${styles.steerRow}`}>
                <button
                  type="button"
                  className={`${styles.button} ${styles.steer} ${held === 1 ? styles.held : ''}`}
                  aria-label="Steer left (hold)"
                  onPointerDown={(e) => {
                    setInput('left', true);
                    capturePointer(e);
                  }}
                  onPointerUp={() => setInput('left', false)}
                  onPointerCancel={() => setInput('left', false)}
                  onKeyDown={(e) => (e.key === ' ' || e.key === 'Enter') && setInput('left', true)}
                  onKeyUp={(e) => (e.key === ' ' || e.key === 'Enter') && setInput('left', false)}
                  onContextMenu={(e) => e.preventDefault()}
                >
                  ◀ Left
                </button>
                <button
                  type="button"
                  className={`${styles.button} ${styles.steer} ${held === -1 ? styles.held : ''}`}
                  aria-label="Steer right (hold)"
                  onPointerDown={(e) => {
                    setInput('right', true);
                    capturePointer(e);
                  }}
                  onPointerUp={() => setInput('right', false)}
                  onPointerCancel={() => setInput('right', false)}
                  onKeyDown={(e) => (e.key === ' ' || e.key === 'Enter') && setInput('right', true)}
                  onKeyUp={(e) => (e.key === ' ' || e.key === 'Enter') && setInput('right', false)}
                  onContextMenu={(e) => e.preventDefault()}
                >
                  Right ▶
                </button>
              </div>
              {message && (
                <p className={`${styles.message} ${message.error ? styles.error : ''}`} role={message.error ? 'alert' : 'status'}>
                  {message.text}
                </p>
              )}
              {problem && !useExpertLap && (
                <p className={`${styles.message} ${styles.error}`} role="alert">
                  {problem}
                </p>
              )}
              {extraLap ? (
                <div className={styles.row}>
                  <button
                    type="button"
                    className={`${styles.button} ${styles.primary}`}
                    disabled={driving || steps === 0 || problem !== null}
                    onClick={trainBcOnLap}
                  >
                    Train BC on this lap
                  </button>
                  <button type="button" className={styles.button} onClick={resetDrive} disabled={driving || steps === 0}>
                    Discard and redo
                  </button>
                  <button type="button" className={styles.button} onClick={cancelExtraLap} disabled={driving}>
                    Back to the results
                  </button>
                </div>
              ) : (
              <div className={styles.row}>
                <button
                  type="button"
                  className={`${styles.button} ${styles.primary}`}
                  disabled={driving || (!useExpertLap && (steps === 0 || problem !== null)) || (useExpertLap && !reference)}
                  onClick={startSession}
                >
                  Clone {useExpertLap ? 'the expert’s' : 'my'} drive
                </button>
                <button type="button" className={styles.button} onClick={resetDrive} disabled={driving || (steps === 0 && !useExpertLap)}>
                  Discard and redo
                </button>
                <OffStage>
                  <button type="button" className={styles.button} onClick={exportDrive} disabled={driving || steps === 0}>
                    Export drive (JSON)
                  </button>
                  <label className={styles.file}>
                    Import a drive{' '}
                    <input type="file" accept="application/json,.json" disabled={driving} onChange={(e) => void importDrive(e.target.files?.[0])} />
                  </label>
                </OffStage>
                <button type="button" className={styles.button} onClick={useExpert} disabled={driving || !reference}>
                  Let the automatic expert drive
                </button>
              </div>
              )}
            </div>
          </div>
        </>
      )}

      {phase !== 'drive' && !extraLap && (
        <>
          {progress && (phase === 'train' || phase === 'bc') && (
            <p className={styles.status}>
              <progress className={styles.progress} value={progress.fraction} max={1} aria-label="Training progress" />{' '}
              {phase === 'bc' ? 'Training BC on your extra lap' : rounds.length === 0 ? 'Cloning your drive' : 'Retraining on your labels'}…
            </p>
          )}
          {rounds.length > 0 && (
            <p className={styles.text} data-testid="clone-summary">
              {demoInfo?.expert ? 'The automatic expert’s lap' : 'Your lap'}: {((demoInfo?.labels ?? 0) * DT).toFixed(1)} s,{' '}
              {(demoInfo?.offSeconds ?? 0).toFixed(1)} s off the track, without slips. The clone, racing through
              the actuator’s random slips (3% per step), spends <strong>{rounds[0].offTrack.toFixed(1)} s</strong> off the track per
              30-second race
              {rounds.length > 1 && (
                <>
                  ; after {rounds.length - 1} round{rounds.length > 2 ? 's' : ''} of labels,{' '}
                  <strong>{lastRound.offTrack.toFixed(1)} s</strong>
                </>
              )}
              .
            </p>
          )}
          {phase === 'ask' && q && (
            <div
              ref={questionRef}
              className={styles.question}
              tabIndex={-1}
              role="group"
              aria-labelledby="human-dagger-question"
              onKeyDown={onQuestionKey}
              data-keys="own"
              data-testid="question"
              data-replay-done={replayedTo >= row + 1}
              data-state={JSON.stringify({ e: ctx(row, 3), psi: ctx(row, 4), kappa: ctx(row, 5) })}
            >
              <p id="human-dagger-question" className={styles.text} aria-live="polite">
                <strong>
                  Round {q.round}, question {j + 1} of {q.rows.length}.
                </strong>{' '}
                {questionText} What would you do here? (← left, ↑ straight, → right)
              </p>
              {/* On a projected slide the track and the answers side by side, so the track can be large. */}
              <div className={projected ? styles.sideBySide : undefined}>
              <CarStage
                trails={[
                  ...(demoFrames ? [{ key: 'demo', frames: demoFrames, role: 'expert' as const, ghost: true }] : []),
                  ...(cloneLap ? [{ key: 'clone', frames: cloneLap, upTo: Math.max(1, replayedTo), role: 'dagger' as const, car: true, badge: 'C' }] : []),
                ]}
                marker={{ x: ctx(row, 0), y: ctx(row, 1) }}
                label={`The clone's lap up to the state asked about, frozen; your demonstration faint behind it. ${questionText}`}
              />
              <div>
              <div className={`${styles.row} ${styles.steerRow}`}>
                <button type="button" className={`${styles.button} ${styles.steer}`} aria-label="Steer left" onClick={() => answer(STEER_TARGET)}>
                  <span aria-hidden="true">←</span> Left
                </button>
                <button type="button" className={`${styles.button} ${styles.steer}`} aria-label="Straight" onClick={() => answer(0)}>
                  <span aria-hidden="true">↑</span> Straight
                </button>
                <button type="button" className={`${styles.button} ${styles.steer}`} aria-label="Steer right" onClick={() => answer(-STEER_TARGET)}>
                  <span aria-hidden="true">→</span> Right
                </button>
              </div>
              {/* On a projected slide the three buttons answer: the slider's row would push the chart off the screen. */}
              <OffStage>
              <div className={`${styles.row} ${styles.exact}`}>
                <label>
                  Or a steering value{' '}
                  <input
                    type="range"
                    min={-STEER_TARGET}
                    max={STEER_TARGET}
                    step={0.1}
                    value={exact}
                    onChange={(e) => setExact(Number(e.target.value))}
                    aria-valuetext={steerWords(exact)}
                  />
                </label>
                <output aria-hidden="true">{steerWords(exact)}</output>
                <button type="button" className={styles.button} onClick={() => answer(exact)}>
                  Answer {exact.toFixed(1)}
                </button>
              </div>
              </OffStage>
              <div className={styles.row}>
                <button type="button" className={styles.button} onClick={() => answer(null)}>
                  Let the automatic expert answer this round
                </button>
              </div>
              </div>
              </div>
            </div>
          )}
          {phase !== 'ask' && lastRound && (
            <CarStage
              trails={[
                ...(demoFrames ? [{ key: 'demo', frames: demoFrames, role: 'expert' as const, ghost: true }] : []),
                { key: 'clone', frames: lastRound.race.data, role: 'dagger', car: true, badge: 'C' },
              ]}
              label={`Race 1 of your clone ${lastRound.round === 0 ? 'before any correction' : `after round ${lastRound.round}`}: its trail in blue, your demonstration faint behind it`}
            />
          )}
          <p className={styles.status} data-testid="label-counter">
            Labels you have given: <strong>{labelsGiven}</strong> ({QUERIES} per round; your demonstration held {demoInfo?.labels ?? 0}).
          </p>
          {/* The chart below draws the same numbers; a slide keeps the chart. */}
          <OffStage>
            <table className={styles.table} data-testid="rounds-table">
              <caption className={styles.srOnly}>Off-track time of your clone per round</caption>
              <thead>
                <tr>
                  <th scope="col">Round</th>
                  <th scope="col">Extra labels</th>
                  <th scope="col">Off track per race</th>
                </tr>
              </thead>
              <tbody>
                {rounds.map((r) => (
                  <tr key={r.round}>
                    <td>{r.round === 0 ? 'clone' : r.round}</td>
                    <td>{r.extraLabels}</td>
                    <td>{r.offTrack.toFixed(1)} s</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </OffStage>
          {/* While a question is on a projected slide the chart waits: it gains its round once the answers are in. */}
          {!(projected && phase === 'ask') && (
          <LineChart
            title="Off-track time of your clone, round by round"
            series={series}
            xLabel="labels after the demonstration"
            yLabel="off-track time per race (s)"
            height={260}
            caption={`Your clone: after each round, the mean over 3 races of 30 s through the same actuator slips.${bcRounds ? ' BC on your extra lap: the same clone, then as many labels each round as DAgger got, from your extra lap, in the same races.' : ''} The dashed lines are the automatic expert's run (it drives the demonstration too): BC given as many extra clean labels, and DAgger with the automatic expert answering.`}
          />
          )}
          {phase === 'done' && lastRound && (
            <div className={styles.compare} data-testid="compare">
              {lastBc ? (
                <p className={styles.text} data-testid="bc-summary">
                  BC given the same {lastBc.extraLabels} extra labels from your extra lap spends{' '}
                  <strong>{lastBc.offTrack.toFixed(1)} s</strong> off the track per race; your DAgger clone{' '}
                  <strong>{lastRound.offTrack.toFixed(1)} s</strong>. {lastBc.offTrack > lastRound.offTrack + 0.5
                    ? 'Your labels were worth more where your clone went than on the road you already drove well.'
                    : 'Here more of your own driving did as well as the questions: one seed, one drive — try a shakier extra lap, or different answers.'}
                </p>
              ) : (
                // On a slide the button below says it; the instructor explains.
                <OffStage>
                  <p className={styles.text}>
                    A fair comparison: would more of your own driving have done as well as answering? Drive one more lap and
                    BC gets {lastRound.extraLabels} of its states, labelled with what you pressed: as many labels as DAgger got.
                  </p>
                </OffStage>
              )}
              {message && (
                <p className={`${styles.message} ${message.error ? styles.error : ''}`} role={message.error ? 'alert' : 'status'}>
                  {message.text}
                </p>
              )}
            </div>
          )}
          <div className={styles.row}>
            {phase === 'done' && lastRound && (
              <button type="button" className={`${styles.button} ${lastBc ? '' : styles.primary}`} onClick={startExtraLap}>
                {lastBc ? 'Drive the extra lap again' : 'Drive an extra lap for BC'}
              </button>
            )}
            <button type="button" className={styles.button} onClick={startOver}>
              Start over
            </button>
          </div>
        </>
      )}
    </section>
  );
}

/** The automatic expert demonstrates and answers: DAgger against BC with as many extra clean labels. */
function AutoFigure({ state }: { state: ExperimentState<HumanDaggerResult> }) {
  const r = state.result;
  return (
    <>
      {/* In a lecture scene the chart alone, below the session: the numbers are the chart's end points. */}
      <OffStage>
        <p className={widgetStyles.summary}>
          {r ? (
            <>
              With the automatic expert driving one clean lap ({r.extras.demoLabels} labels) and answering {r.extras.queries}{' '}
              questions per round, after <strong>{r.metrics['labels/extra']} extra labels</strong> the DAgger clone spends{' '}
              <strong>{r.metrics['offTrack/dagger'].toFixed(1)} s</strong> off the track per 30-second race, BC given as many
              extra clean labels <strong>{r.metrics['offTrack/bc'].toFixed(1)} s</strong> (the clone before any question{' '}
              {r.metrics['offTrack/clone'].toFixed(1)} s, the expert {r.metrics['offTrack/expert'].toFixed(1)} s).
            </>
          ) : (
            'Cloning the automatic expert’s lap and asking it questions…'
          )}
        </p>
      </OffStage>
      <LineChart
        title="Off-track time against extra labels, automatic expert"
        series={[
          { key: 'expert', label: 'Expert', role: 'expert', points: r?.series['offTrack/expert'] ?? [] },
          { key: 'bc', label: 'BC, extra clean labels', role: 'bc', points: r?.series['offTrack/bc'] ?? [] },
          { key: 'dagger', label: 'DAgger, labels where the clone went', role: 'dagger', points: r?.series['offTrack/dagger'] ?? [] },
        ]}
        xLabel="labels after the demonstration"
        yLabel="off-track time per race (s)"
        height={280}
        caption={r ? `Each point: the mean over ${r.extras.races} races of ${(r.extras.horizon * r.extras.dt).toFixed(0)} s after that round's training; one seed.` : undefined}
      />
    </>
  );
}
