'use client';
/**
 * Plays back environment trajectories on a canvas. The player owns time (play, pause, step, reset, speed, a time
 * scrubber), size (device-pixel-ratio canvas that follows its container) and theme; what a frame looks like is the
 * `renderer`'s job (e.g. renderers/lane.ts), so every environment plugs into the same controls.
 *
 * Keyboard: every control is a native button, select or range input; with focus anywhere in the player, Space (or
 * K) plays and pauses, and with focus on the player itself ←/→ step and Home/End jump. Autoplay never starts when the
 * reader prefers reduced motion, and the animation loop runs only while playing and on screen.
 */
import {
  useCallback,
  useEffect,
  useId,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type Ref,
} from 'react';
import { usePrinting } from '@/components/hooks/usePrinting';
import { backgroundOf } from './export';
import { useElementWidth, usePrefersReducedMotion, useTheme } from './hooks';
import { useProjector } from './projector';
import { paletteHex, type Theme } from './palette';
import { lastStepOf, type FrameColors, type TrajectoryRenderer, type TrajectoryTrack } from './renderers/types';
import paletteStyles from './palette.module.css';
import styles from './TrajectoryPlayer.module.css';

export type { FrameColors, TrajectoryFrame, TrajectoryRenderer, TrajectoryTrack } from './renderers/types';

/** Playback speed: a multiple of `fps`, or 'skip' to jump straight to the last step without drawing the rest. */
export type PlaybackSpeed = 0.25 | 1 | 4 | 'skip';

const SPEEDS: { value: PlaybackSpeed; label: string }[] = [
  { value: 0.25, label: '0.25×' },
  { value: 1, label: '1×' },
  { value: 4, label: '4×' },
  { value: 'skip', label: 'Skip drawing' },
];

export interface TrajectoryPlayerHandle {
  play(): void;
  pause(): void;
  toggle(): void;
  /** Jumps to step t (clamped to [0, T]) and pauses. */
  seek(t: number): void;
  /** Back to step 0, paused. */
  reset(): void;
  /** Current time in steps (fractional while playing). */
  time(): number;
  /** The canvas, e.g. for canvasToPngBlob. */
  canvas(): HTMLCanvasElement | null;
}

export interface TrajectoryPlayerProps {
  /** What moves; all tracks share one clock. */
  tracks: readonly TrajectoryTrack[];
  /** Draws one frame (environment-specific). */
  renderer: TrajectoryRenderer;
  /** Accessible name of the player and its picture: 'LaneKeep rollouts: expert and BC learner'. */
  label: string;
  /** Canvas height / width. */
  aspect?: number;
  /** Steps per second at speed 1×. */
  fps?: number;
  /** Start playing when the tracks arrive; ignored when the reader prefers reduced motion. */
  autoplay?: boolean;
  /** Start over at the end instead of stopping. */
  loop?: boolean;
  /** The frame shown when not autoplaying: the first step, or the last (the whole story, default). */
  restAt?: 'start' | 'end';
  /** Speed selected at first. */
  initialSpeed?: PlaybackSpeed;
  /** Called when the integer step changes (by playback, scrubbing or a button), with the step and T. */
  onTimeChange?: (step: number, lastStep: number) => void;
  /** Called when playback starts or stops. */
  onPlayingChange?: (playing: boolean) => void;
  /** Extra class on the root element. */
  className?: string;
  /** Imperative control for a parent that keeps several views in sync. */
  ref?: Ref<TrajectoryPlayerHandle>;
}

/** Resolves `var(--name)` (possibly nested) against an element; other colours pass through. */
function resolveColor(el: Element, color: string): string {
  let value = color.trim();
  for (let depth = 0; depth < 5; depth++) {
    const m = /^var\(\s*(--[\w-]+)\s*(?:,\s*(.+))?\)$/.exec(value);
    if (!m) return value;
    value = getComputedStyle(el).getPropertyValue(m[1]).trim() || (m[2] ?? '').trim();
  }
  return value;
}

function readColors(el: HTMLElement, tracks: readonly TrajectoryTrack[], theme: Theme): FrameColors {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const hex = paletteHex(theme);
  const dark = theme === 'dark';
  return {
    background: backgroundOf(el),
    fg: v('--fg', dark ? '#e6e4e0' : '#1c1c1f'),
    muted: v('--muted', dark ? '#a9a9b3' : '#55555f'),
    border: v('--border', dark ? '#30343b' : '#dedbd5'),
    surface: v('--surface', dark ? '#1a1d22' : '#f3f1ec'),
    accent: v('--accent', dark ? '#86b4ff' : '#1a56b0'),
    accentSoft: v('--accent-soft', dark ? '#1b2a44' : '#e6eefb'),
    tracks: tracks.map((track, i) =>
      track.color
        ? resolveColor(el, track.color)
        : track.role
          ? hex.roles[track.role]
          : hex.series[i % hex.series.length],
    ),
  };
}

/** Whether two track lists show the same thing: same keys, names, colours and trajectory objects, in order. */
function sameTracks(a: readonly TrajectoryTrack[], b: readonly TrajectoryTrack[]): boolean {
  return (
    a === b ||
    (a.length === b.length &&
      a.every((t, i) => {
        const u = b[i];
        return t.key === u.key && t.label === u.label && t.color === u.color && t.role === u.role && t.trajectory === u.trajectory;
      }))
  );
}

/**
 * The tracks as of the last real change. A figure rebuilds its track list on every render (a slider moved, a rerun's
 * progress arrived) while the trajectories stay the same objects; only new trajectories are new tracks, which start
 * playback over. Without this, every progress report of a rerun would restart the animation of the result on screen.
 */
function useStableTracks(tracks: readonly TrajectoryTrack[]): readonly TrajectoryTrack[] {
  const [stable, setStable] = useState(tracks);
  const same = sameTracks(stable, tracks);
  if (!same) setStable(tracks); // React re-renders at once with the new list (state from the previous render)
  return same ? stable : tracks;
}

export function TrajectoryPlayer({
  tracks: tracksProp,
  renderer,
  label,
  aspect = 0.5,
  fps = 20,
  autoplay = true,
  loop = false,
  restAt = 'end',
  initialSpeed = 1,
  onTimeChange,
  onPlayingChange,
  className,
  ref,
}: TrajectoryPlayerProps) {
  const tracks = useStableTracks(tracksProp);
  const rootRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const scrubberId = useId();
  const speedId = useId();

  const width = useElementWidth(stageRef);
  const theme = useTheme();
  // In a lecture scene the stage is at most `stageMaxHeight` tall: its width shrinks to keep the aspect.
  const projector = useProjector();
  const stageMaxWidth = projector ? Math.round(projector.stageMaxHeight / aspect) : undefined;
  // Canvas text a little under the tick size: a legend that outgrows the track squeezes the drawing itself.
  const minFont = projector ? Math.round(projector.fontSize * 0.8) : undefined;
  const reducedMotion = usePrefersReducedMotion();
  const lastStep = useMemo(() => lastStepOf(tracks), [tracks]);

  const [playing, setPlayingState] = useState(false);
  const [speed, setSpeed] = useState<PlaybackSpeed>(initialSpeed);
  const [step, setStep] = useState(0);
  const [onScreen, setOnScreen] = useState(true);

  const timeRef = useRef(0);
  const stepRef = useRef(0);
  const sizeRef = useRef<{ width: number; height: number } | null>(null);
  const colorsRef = useRef<FrameColors | null>(null);
  const callbacks = useRef({ onTimeChange, onPlayingChange });
  const speedRef = useRef(speed);
  useEffect(() => {
    callbacks.current = { onTimeChange, onPlayingChange };
    speedRef.current = speed;
  });

  const height = width === null ? null : Math.max(1, Math.round(width * aspect));

  // ---- drawing: everything it needs lives in refs, so the animation loop never waits for React
  const draw = useCallback(() => {
    const canvas = canvasRef.current;
    const size = sizeRef.current;
    const colors = colorsRef.current;
    if (!canvas || !size || !colors) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const dpr = canvas.width / size.width;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, size.width, size.height);
    ctx.fillStyle = colors.background;
    ctx.fillRect(0, 0, size.width, size.height);
    ctx.save();
    renderer(ctx, {
      t: timeRef.current,
      lastStep,
      tracks,
      width: size.width,
      height: size.height,
      theme,
      colors,
      minFont,
    });
    ctx.restore();
  }, [renderer, tracks, lastStep, theme, minFont]);

  // The latest `draw`, for callers that must not change identity when the renderer or the theme does (the clock).
  const drawRef = useRef(draw);
  // Layout effects draw the canvas in the same commit as the result arrives (before paint, and inside the
  // synchronous render a printed page gets on `beforeprint`).
  useLayoutEffect(() => {
    drawRef.current = draw;
    draw();
  }, [draw]);

  /** Moves the clock (no pause), redraws, and tells React and the parent when the integer step changes. */
  const setTime = useCallback(
    (t: number) => {
      const clamped = Math.min(Math.max(t, 0), lastStep);
      timeRef.current = clamped;
      drawRef.current();
      const s = Math.floor(clamped + 1e-9);
      if (s !== stepRef.current) {
        stepRef.current = s;
        setStep(s);
        callbacks.current.onTimeChange?.(s, lastStep);
      }
    },
    [lastStep],
  );

  const setPlaying = useCallback((value: boolean) => {
    setPlayingState((prev) => {
      if (prev !== value) callbacks.current.onPlayingChange?.(value);
      return value;
    });
  }, []);

  const play = useCallback(() => {
    if (lastStep === 0) return;
    if (speed === 'skip') {
      setTime(lastStep);
      setPlaying(false);
      return;
    }
    if (timeRef.current >= lastStep) setTime(0);
    setPlaying(true);
  }, [lastStep, speed, setTime, setPlaying]);

  const pause = useCallback(() => setPlaying(false), [setPlaying]);

  const seek = useCallback(
    (t: number) => {
      setPlaying(false);
      setTime(Math.round(t));
    },
    [setPlaying, setTime],
  );

  const toggle = useCallback(() => (playing ? pause() : play()), [playing, pause, play]);
  const reset = useCallback(() => seek(0), [seek]);
  const stepBy = useCallback(
    (delta: number) => {
      const t = timeRef.current;
      seek(delta > 0 ? Math.floor(t + 1e-9) + delta : Math.ceil(t - 1e-9) + delta);
    },
    [seek],
  );

  useImperativeHandle(
    ref,
    () => ({ play, pause, toggle, seek, reset, time: () => timeRef.current, canvas: () => canvasRef.current }),
    [play, pause, toggle, seek, reset],
  );

  // ---- canvas size follows the container, at device pixel ratio
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || width === null || height === null || width <= 0) return;
    const dpr = Math.min(3, Math.max(1, window.devicePixelRatio || 1));
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    sizeRef.current = { width, height };
    drawRef.current();
  }, [width, height]);

  // ---- colours: re-read from the page when the theme or the tracks change
  useLayoutEffect(() => {
    if (!rootRef.current) return;
    colorsRef.current = readColors(rootRef.current, tracks, theme);
    drawRef.current();
  }, [theme, tracks]);

  // ---- new tracks: start over (playing if allowed), or rest on the configured frame ('skip drawing' rests at the end)
  const printing = usePrinting();
  useLayoutEffect(() => {
    // On paper, the whole run: the last frame, with every trail drawn.
    if (printing) {
      setTime(lastStep);
      setPlaying(false);
      return;
    }
    const skip = speedRef.current === 'skip';
    const start = autoplay && !reducedMotion && lastStep > 0 && !skip;
    stepRef.current = -1; // force the step report for the new tracks
    setTime(start ? 0 : skip || restAt === 'end' ? lastStep : 0);
    setPlaying(start);
  }, [tracks, lastStep, autoplay, reducedMotion, restAt, setTime, setPlaying, printing]);

  // ---- pause the loop (not the state) while off screen
  useEffect(() => {
    const el = rootRef.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) setOnScreen(entry.isIntersecting);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // ---- the animation loop: one requestAnimationFrame chain, cancelled on pause, speed change and unmount
  useEffect(() => {
    if (!playing || !onScreen || speed === 'skip' || lastStep === 0) return;
    const stepsPerSecond = Math.max(0.01, fps) * speed;
    let frame = 0;
    let previous: number | null = null;
    const tick = (now: number) => {
      // Cap the step so a long stall (tab in the background) does not jump far ahead.
      const dt = previous === null ? 0 : Math.min(0.1, (now - previous) / 1000);
      previous = now;
      let t = timeRef.current + dt * stepsPerSecond;
      if (t >= lastStep) {
        if (loop) {
          t = 0;
        } else {
          setTime(lastStep);
          setPlaying(false);
          return;
        }
      }
      setTime(t);
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, onScreen, speed, fps, lastStep, loop, setTime, setPlaying]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    const tag = target.tagName;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    // A key the player handles stops here, so page-level shortcuts (lecture mode) do not act on it a second time.
    const handled = () => {
      event.preventDefault();
      event.stopPropagation();
    };
    if (event.key === ' ' || event.key === 'k' || event.key === 'K') {
      // Buttons and selects keep their own Space behaviour.
      if (tag === 'BUTTON' || tag === 'SELECT' || tag === 'A') return;
      handled();
      toggle();
      return;
    }
    if (target !== event.currentTarget) return; // the range input handles its own arrows, Home and End
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      handled();
      stepBy(event.key === 'ArrowRight' ? 1 : -1);
    } else if (event.key === 'Home' || event.key === 'End') {
      handled();
      seek(event.key === 'Home' ? 0 : lastStep);
    }
  };

  const disabled = lastStep === 0;
  return (
    <div
      ref={rootRef}
      className={[paletteStyles.palette, styles.root, className].filter(Boolean).join(' ')}
      role="group"
      aria-label={label}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div
        ref={stageRef}
        className={styles.stage}
        style={{
          ...(height === null ? { aspectRatio: String(1 / aspect) } : { height }),
          ...(stageMaxWidth !== undefined ? { maxWidth: stageMaxWidth, marginInline: 'auto' } : {}),
        }}
      >
        <canvas
          ref={canvasRef}
          className={styles.canvas}
          role="img"
          aria-label={`${label}: step ${step} of ${lastStep}`}
          onClick={disabled ? undefined : toggle}
        />
      </div>
      <div className={styles.controls}>
        <div className={styles.buttons}>
          <button
            type="button"
            className={styles.button}
            onClick={reset}
            disabled={disabled}
            aria-label="Reset to step 0"
            title="Reset"
          >
            <Icon name="reset" />
          </button>
          <button
            type="button"
            className={styles.button}
            onClick={() => stepBy(-1)}
            disabled={disabled || step <= 0}
            aria-label="Step back"
            title="Step back"
          >
            <Icon name="back" />
          </button>
          <button
            type="button"
            className={`${styles.button} ${styles.play}`}
            onClick={toggle}
            disabled={disabled}
            aria-label={playing ? 'Pause' : 'Play'}
            data-player-toggle=""
            title={playing ? 'Pause (Space)' : 'Play (Space)'}
          >
            <Icon name={playing ? 'pause' : 'play'} />
            <span className={styles.playText}>{playing ? 'Pause' : 'Play'}</span>
          </button>
          <button
            type="button"
            className={styles.button}
            onClick={() => stepBy(1)}
            disabled={disabled || step >= lastStep}
            aria-label="Step forward"
            title="Step forward"
          >
            <Icon name="forward" />
          </button>
        </div>
        <div className={styles.scrub}>
          <label htmlFor={scrubberId} className={styles.controlLabel}>
            Time step
          </label>
          <input
            id={scrubberId}
            className={styles.range}
            type="range"
            min={0}
            max={lastStep}
            step={1}
            value={step}
            disabled={disabled}
            aria-valuetext={`step ${step} of ${lastStep}`}
            onChange={(e) => seek(Number(e.target.value))}
          />
          <output htmlFor={scrubberId} className={styles.readout} aria-hidden="true">
            {step} / {lastStep}
          </output>
        </div>
        <div className={styles.speed}>
          <label htmlFor={speedId} className={styles.controlLabel}>
            Speed
          </label>
          <select
            id={speedId}
            className={styles.select}
            value={String(speed)}
            onChange={(e) => {
              const value = e.target.value === 'skip' ? 'skip' : (Number(e.target.value) as PlaybackSpeed);
              setSpeed(value);
              if (value === 'skip') seek(lastStep);
            }}
          >
            {SPEEDS.map((s) => (
              <option key={String(s.value)} value={String(s.value)}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
      </div>
    </div>
  );
}

/** Control glyphs as inline SVG (no icon font, same look on every system). */
function Icon({ name }: { name: 'play' | 'pause' | 'back' | 'forward' | 'reset' }) {
  const paths: Record<typeof name, string> = {
    play: 'M7 4.5v15l12.5-7.5z',
    pause: 'M6.5 4.5h4v15h-4zM13.5 4.5h4v15h-4z',
    back: 'M6 5h2.5v14H6zM19 5v14L9.5 12z',
    forward: 'M15.5 5H18v14h-2.5zM5 5v14l9.5-7z',
    reset: 'M12 5a7 7 0 1 1-6.6 4.7l2.2.8A4.7 4.7 0 1 0 12 7.3V10L7.5 6.2 12 2.5z',
  };
  return (
    <svg className={styles.icon} viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path d={paths[name]} fill="currentColor" />
    </svg>
  );
}
