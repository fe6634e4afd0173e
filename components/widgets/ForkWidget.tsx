'use client';

import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useElementWidth, usePrefersReducedMotion } from '@/components/viz/hooks';
import { useProjector } from '@/components/viz/projector';
import { vizColor } from '@/components/viz/palette';
import { FORK_PREVIEW, forkInTheRoadInfo, type ForkExtras, type ForkResult } from '@/sims/experiments/fork-in-the-road.params';
import type { PartialResult } from '@/sims/experiments/types';
import { ExperimentFrame } from './ExperimentFrame';
import type { WidgetProps } from './types';
import styles from './widgets.module.css';
import css from './ForkWidget.module.css';
import paletteStyles from '@/components/viz/palette.module.css';

type Result = ForkResult;

/** Left (y > 0) blue, right purple: the two modes everywhere in the figure. */
const LEFT = vizColor(0);
const RIGHT = vizColor(3);
const COLLISION = 'var(--pitfall)';
const pct = (v: number) => `${Math.round(100 * v)}%`;
/** SVG label size, in viewBox units, outside a lecture scene. */
const LABEL = 11;
/** The smallest a label may be drawn on screen, in px (a 420-unit drawing on a 300 px phone column would give 8). */
const MIN_LABEL_PX = 11;

/**
 * In a lecture scene a drawing of `W` × `H` viewBox units is at most the projector's chart height tall; returns
 * that cap and the label size in viewBox units that draws at the projector's font size (the drawing scales with
 * its box, its words must not). Elsewhere: no cap, the usual label size, larger where the drawing is scaled down.
 */
function useProjectedSvg(box: RefObject<HTMLElement | null>, W: number, H: number): { maxHeight?: number; label: number } {
  const projector = useProjector();
  const width = useElementWidth(box);
  // On a page, a drawing scaled down to a phone's width keeps its labels at least MIN_LABEL_PX on screen.
  if (!projector || !width) return { label: width ? Math.max(LABEL, (MIN_LABEL_PX * W) / width) : LABEL };
  const scale = Math.min(width / W, projector.chartHeight / H);
  return { maxHeight: projector.chartHeight, label: projector.fontSize / scale };
}

const LEARNER_NAMES: Record<ForkExtras['learner'], string> = {
  mse: 'squared-loss BC',
  bins: 'tokenised log-loss BC',
  ddpm: 'the diffusion policy',
  flow: 'the flow-matching policy',
};

/**
 * Fork in the road (chapter "Action chunking and generative policies", figures 2 and 3): the arena with the
 * demonstrations and 50 rollouts coloured by the side they took, the histogram of headings sampled at a probe state,
 * and — for diffusion and flow — the denoising view: samples travelling from noise to the modes over the reverse
 * steps, scrubbable, with the learned field as arrows. The `panel` parameter picks the view (the chapter shows the
 * denoising view as its own figure).
 */
export function ForkWidget({ urlKey, preset, shipped }: WidgetProps<ForkResult>) {
  return (
    <ExperimentFrame
      info={forkInTheRoadInfo}
      urlKey={urlKey}
      preset={preset}
      shipped={shipped}
      allowCompare={false}
      mainParams={(v) => (v.panel === 'denoising' ? ['learner', 'probeX', 'probeY'] : ['learner', 'pLeft', 'chunk'])}
    >
      {({ state, shownValues, values, setValues }) => {
        const training = <p className={styles.summary}>Training the policy on the demonstrations…</p>;
        if (shownValues.panel === 'denoising' || values.panel === 'denoising') {
          return state.result ? (
            <DenoisingPanel
              r={state.result}
              probe={{ x: values.probeX, y: values.probeY }}
              onProbe={(x, y) => setValues({ probeX: x, probeY: y })}
            />
          ) : (
            training
          );
        }
        // While the network trains, the run streams previews (a few rollouts and probe samples of the network so far).
        const preview = previewOf(state.partial);
        const r = preview ?? state.result;
        if (!r) return training;
        return (
          <>
            <p className={styles.summary}>{preview ? previewSummary(preview, values.trainSteps) : summary(r)}</p>
            <ArenaAndHistogram r={r} samples={preview ? FORK_PREVIEW.probe : 500} />
          </>
        );
      }}
    </ExperimentFrame>
  );
}

/** A partial result that carries a whole preview (metrics, histogram and rollouts), or null. */
function previewOf(partial: PartialResult<Result> | null | undefined): Result | null {
  if (!partial?.extras?.rollouts || partial.metrics.collision === undefined || !partial.series['probe/histogram']) return null;
  return partial as Result;
}

function previewSummary(r: Result, steps: number): ReactNode {
  const m = r.metrics;
  return (
    <>
      Training, step <strong>{r.extras.trainSteps}</strong> of {steps}: a preview of {r.extras.rollouts.length} rollouts
      ({pct(m.collision)} hit the obstacle) and {FORK_PREVIEW.probe} headings at the probe ({pct(m['probe/left'])} left,{' '}
      {pct(m['probe/right'])} right, {pct(m['probe/straight'])} straight).
    </>
  );
}

function summary(r: Result): ReactNode {
  const m = r.metrics;
  const e = r.extras;
  return (
    <>
      Trained on {e.demos.length > 0 ? 200 : 0} demonstrations, {LEARNER_NAMES[e.learner]}
      {e.chunk > 1 ? <> with chunks of {e.chunk} headings</> : null} hits the obstacle in{' '}
      <strong>{pct(m.collision)}</strong> of 200 rollouts and reaches the goal in <strong>{pct(m.success)}</strong>. At the
      probe just past the fork, <strong>{pct(m['probe/far'])}</strong> of its headings turn more than 25° (
      {pct(m['probe/left'])} left, {pct(m['probe/right'])} right) and {pct(m['probe/straight'])} point within 10° of
      straight ahead.
    </>
  );
}

/** World → SVG coordinates: x ∈ [−0.1, 2.3], y ∈ [−0.9, 0.9] (y up). */
const VIEW = { x0: -0.1, x1: 2.3, y0: -0.9, y1: 0.9 };
const pathD = (p: readonly number[]) => {
  let d = '';
  for (let i = 0; i < p.length; i += 2) d += `${i === 0 ? 'M' : 'L'}${p[i].toFixed(3)} ${(-p[i + 1]).toFixed(3)}`;
  return d;
};

function firstCollision(p: readonly number[], o: { x: number; y: number; r: number }): [number, number] | null {
  for (let i = 0; i < p.length; i += 2) if ((p[i] - o.x) ** 2 + (p[i + 1] - o.y) ** 2 < o.r * o.r) return [p[i], p[i + 1]];
  return null;
}

function Arena({ r }: { r: Result }) {
  const e = r.extras;
  const box = useRef<HTMLElement>(null);
  const svg = useProjectedSvg(box, VIEW.x1 - VIEW.x0, VIEW.y1 - VIEW.y0);
  // Projected, the labels are as large as the text around them and sit on the rollouts: a halo keeps them legible.
  const halo = svg.maxHeight
    ? { stroke: 'var(--bg)', strokeWidth: 0.25 * svg.label, paintOrder: 'stroke' as const }
    : {};
  const left = e.rollouts.filter((ro) => ro.side > 0).length;
  const hits = e.rollouts.filter((ro) => ro.collided).length;
  const label = `Arena: start at the left, obstacle disk in the middle, goal circle at the right. ${e.demos.length} demonstrations drawn faint; ${e.rollouts.length} rollouts drawn bold, ${left} passing on the left (blue) and ${e.rollouts.length - left} on the right (purple); ${hits} hit the obstacle (marked with a cross).`;
  return (
    <figure ref={box} style={{ margin: 0 }} className={paletteStyles.palette}>
      <p className={styles.panelTitle}>
        The arena: demonstrations (faint) and {e.rollouts.length} rollouts of the learned policy
      </p>
      <svg
        className={css.svg}
        viewBox={`${VIEW.x0} ${-VIEW.y1} ${VIEW.x1 - VIEW.x0} ${VIEW.y1 - VIEW.y0}`}
        role="img"
        aria-label={label}
        data-export="fork-arena"
        data-testid="fork-arena"
        style={svg.maxHeight ? { maxHeight: svg.maxHeight } : undefined}
      >
        <circle className={css.obstacle} cx={e.obstacle.x} cy={-e.obstacle.y} r={e.obstacle.r} />
        <circle className={css.goal} cx={e.goal.x} cy={-e.goal.y} r={e.goal.r} />
        {e.demos.map((d, i) => (
          <path key={`d${i}`} className={css.demo} d={pathD(d.path)} />
        ))}
        {e.rollouts.map((ro, i) => (
          <path
            key={`r${i}`}
            d={pathD(ro.path)}
            fill="none"
            stroke={ro.side > 0 ? LEFT : RIGHT}
            strokeWidth={0.012}
            strokeOpacity={0.75}
          />
        ))}
        {e.rollouts.map((ro, i) => {
          const c = ro.collided ? firstCollision(ro.path, e.obstacle) : null;
          if (!c) return null;
          const s = 0.025;
          return (
            <path
              key={`x${i}`}
              d={`M${c[0] - s} ${-c[1] - s}L${c[0] + s} ${-c[1] + s}M${c[0] - s} ${-c[1] + s}L${c[0] + s} ${-c[1] - s}`}
              stroke={COLLISION}
              strokeWidth={0.012}
            />
          );
        })}
        <circle cx={e.probe.x} cy={-e.probe.y} r={0.02} fill="var(--fg)" />
        <text
          x={e.probe.x - 0.08}
          y={-e.probe.y - 0.05}
          fontSize={svg.maxHeight ? svg.label : 0.06}
          fill="var(--muted)"
          textAnchor="end"
          {...halo}
        >
          probe
        </text>
        <text x={e.goal.x - 0.09} y={-e.goal.y - 0.25} fontSize={svg.maxHeight ? svg.label : 0.07} fill="var(--muted)" {...halo}>
          goal
        </text>
      </svg>
      <p className={css.key}>
        Blue: rollouts that passed the obstacle on the left; purple: on the right; crosses: where a rollout entered the
        obstacle. The dot marks the probe state (0.6, 0) of the histogram of headings.
      </p>
    </figure>
  );
}

/** The arena above the histogram; in a lecture scene side by side, so that both fit the screen. */
function ArenaAndHistogram({ r, samples }: { r: Result; samples: number }) {
  const projected = useProjector() !== null;
  return (
    <div className={projected ? css.pair : undefined}>
      <Arena r={r} />
      <Histogram r={r} samples={samples} />
    </div>
  );
}

/** `samples`: how many headings the histogram counts (500 in a result, fewer in a training preview). */
function Histogram({ r, samples }: { r: Result; samples: number }) {
  const pts = r.series['probe/histogram'];
  const max = Math.max(0.05, ...pts.map((p) => p.y));
  const box = useRef<HTMLElement>(null);
  const projected = useProjector() !== null;
  // Projected, the histogram sits beside the arena: taller, with labels at the projector's size.
  const W = 360;
  const H = projected ? 260 : 150;
  const svg = useProjectedSvg(box, W, H);
  const f = svg.label;
  // Room on the right for the last tick label, "90°", centred on the axis end (at the phone label size too).
  const pad = { l: Math.max(36, 3.2 * f), r: Math.max(18, 1.2 * f), t: 8, b: Math.max(30, 2.8 * f) };
  const x = (deg: number) => pad.l + ((deg + 90) / 180) * (W - pad.l - pad.r);
  const y = (v: number) => H - pad.b - (v / max) * (H - pad.t - pad.b);
  const label = `Histogram of ${samples} headings sampled at the probe: ${pct(r.metrics['probe/left'])} above 25°, ${pct(r.metrics['probe/right'])} below −25°, ${pct(r.metrics['probe/straight'])} within ±10°.`;
  return (
    <figure ref={box} className={`${paletteStyles.palette} ${css.histogram}`}>
      <p className={styles.panelTitle}>Headings the policy samples at the probe state s = (0.6, 0)</p>
      <svg
        className={css.svg}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={label}
        data-export="fork-histogram"
        style={svg.maxHeight ? { maxHeight: svg.maxHeight } : undefined}
      >
        {[-25, 25].map((d) => (
          <line key={d} x1={x(d)} x2={x(d)} y1={pad.t} y2={H - pad.b} stroke="var(--muted)" strokeDasharray="3 3" />
        ))}
        {pts.map((p) => (
          <rect
            key={p.x}
            x={x(p.x - 2.5) + 0.5}
            width={Math.max(0, x(p.x + 2.5) - x(p.x - 2.5) - 1)}
            y={y(p.y)}
            height={H - pad.b - y(p.y)}
            fill={p.x > 10 ? LEFT : p.x < -10 ? RIGHT : 'var(--muted)'}
          />
        ))}
        <line className={css.axis} x1={pad.l} x2={W - pad.r} y1={H - pad.b} y2={H - pad.b} />
        {[-90, -45, 0, 45, 90].map((d) => (
          <text key={d} className={css.label} x={x(d)} y={H - pad.b + 1.3 * f} textAnchor="middle" style={{ fontSize: f }}>
            {d}°
          </text>
        ))}
        <text className={css.label} x={(pad.l + W - pad.r) / 2} y={H - 0.3 * f} textAnchor="middle" style={{ fontSize: f }}>
          {projected ? 'heading θ (+ = left)' : 'heading θ (positive: turn left)'}
        </text>
        <text className={css.label} x={4} y={pad.t + 0.75 * f} style={{ fontSize: f }}>
          {pct(max)}
        </text>
      </svg>
    </figure>
  );
}

/** The denoising probe's range and grid (the probeX / probeY sliders'). */
const PROBE = { x0: 0, x1: 1.8, y0: -0.6, y1: 0.6, step: 0.05 };
/** The probe map shows y ∈ [−MAP_Y, MAP_Y]: the probe's range and the branches, without the arena's empty margins. */
const MAP_Y = 0.7;
const snap = (v: number, lo: number, hi: number) =>
  Math.round(Math.min(hi, Math.max(lo, v)) / PROBE.step) * PROBE.step;

/**
 * A small arena on which the reader drags the denoising probe: the obstacle, the goal and the demonstrations, the
 * probe of the result on screen, and (while a new probe is computing or being dragged) where the new one is. A drop
 * sets the probe parameters (one rerun); the two probe sliders do the same by keyboard.
 */
function ProbeMap({ r, probe, onProbe }: { r: Result; probe: { x: number; y: number }; onProbe: (x: number, y: number) => void }) {
  const e = r.extras;
  const [drag, setDrag] = useState<{ x: number; y: number } | null>(null);
  const toWorld = (ev: React.PointerEvent<SVGSVGElement>) => {
    const svg = ev.currentTarget;
    const ctm = svg.getScreenCTM();
    if (!ctm) return null;
    const pt = new DOMPoint(ev.clientX, ev.clientY).matrixTransform(ctm.inverse());
    return { x: snap(pt.x, PROBE.x0, PROBE.x1), y: snap(-pt.y, PROBE.y0, PROBE.y1) };
  };
  const target = drag ?? probe;
  const moved = Math.abs(target.x - e.denoiseProbe.x) > 1e-9 || Math.abs(target.y - e.denoiseProbe.y) > 1e-9;
  return (
    <svg
      className={`${css.svg} ${css.probeMap}`}
      viewBox={`${VIEW.x0} ${-MAP_Y} ${VIEW.x1 - VIEW.x0} ${2 * MAP_Y}`}
      role="img"
      aria-label={`Arena with the denoising probe at (${e.denoiseProbe.x.toFixed(2)}, ${e.denoiseProbe.y.toFixed(2)}). Drag on the arena to move it; the probe sliders move it by keyboard.`}
      data-testid="fork-probe-map"
      onPointerDown={(ev) => {
        ev.currentTarget.setPointerCapture(ev.pointerId);
        setDrag(toWorld(ev));
      }}
      onPointerMove={(ev) => {
        if (drag) setDrag(toWorld(ev) ?? drag);
      }}
      onPointerUp={(ev) => {
        const at = toWorld(ev) ?? drag;
        setDrag(null);
        if (at) onProbe(Number(at.x.toFixed(2)), Number(at.y.toFixed(2)));
      }}
      onPointerCancel={() => setDrag(null)}
    >
      <circle className={css.obstacle} cx={e.obstacle.x} cy={-e.obstacle.y} r={e.obstacle.r} />
      <circle className={css.goal} cx={e.goal.x} cy={-e.goal.y} r={e.goal.r} />
      {e.demos.map((d, i) => (
        <path key={i} className={css.demo} d={pathD(d.path)} />
      ))}
      <rect
        className={css.probeRange}
        x={PROBE.x0}
        y={-PROBE.y1}
        width={PROBE.x1 - PROBE.x0}
        height={PROBE.y1 - PROBE.y0}
      />
      <circle cx={e.denoiseProbe.x} cy={-e.denoiseProbe.y} r={0.035} fill="var(--fg)" />
      {moved ? <circle className={css.probeNext} cx={target.x} cy={-target.y} r={0.045} /> : null}
    </svg>
  );
}

function DenoisingPanel({
  r,
  probe,
  onProbe,
}: {
  r: Result;
  probe: { x: number; y: number };
  onProbe: (x: number, y: number) => void;
}) {
  const d = r.extras.denoise;
  const reduced = usePrefersReducedMotion();
  // On a projected slide the presenter moves the probe with the sliders: the map would take the chart's room.
  const projector = useProjector();
  const steps = d ? d.path.length - 1 : 0;
  const [step, setStep] = useState(steps);
  const [playing, setPlaying] = useState(false);
  const sliderId = useId();
  const box = useRef<HTMLDivElement>(null);
  const svg = useProjectedSvg(box, 420, 260);
  useEffect(() => setStep(steps), [steps]);
  useEffect(() => {
    if (!playing) return;
    if (reduced) {
      setStep(steps);
      setPlaying(false);
      return;
    }
    const id = window.setInterval(() => {
      setStep((s) => {
        if (s >= steps) {
          setPlaying(false);
          return s;
        }
        return s + 1;
      });
    }, 250);
    return () => window.clearInterval(id);
  }, [playing, reduced, steps]);
  if (!d) {
    return (
      <p className={styles.summary}>
        The denoising view needs a generative learner: choose Diffusion (DDPM) or Flow matching. ({LEARNER_NAMES[r.extras.learner]}{' '}
        has no reverse process.)
      </p>
    );
  }
  const W = 420;
  const H = 260;
  const f = svg.label;
  const pad = { l: Math.max(40, 3 * f), r: Math.max(10, 2 * f), t: 10, b: Math.max(34, 2.9 * f) };
  const X = (k: number) => pad.l + (k / steps) * (W - pad.l - pad.r);
  const LIM = 120;
  const Y = (deg: number) => pad.t + ((LIM - Math.max(-LIM, Math.min(LIM, deg))) / (2 * LIM)) * (H - pad.t - pad.b);
  const now = d.path[step];
  const left = now.filter((v) => v > 25).length;
  const right = now.filter((v) => v < -25).length;
  const n = now.length;
  // Field arrows: at each level a column (row 0 = most noise, at step 0).
  // Each noise level's arrows are scaled to that level's largest push (the score grows without bound as the noise
  // vanishes, so one common scale would flatten the early levels to nothing).
  const levelMax = d.field.push.map((row) => Math.max(1e-6, ...row.map(Math.abs)));
  const label = `Denoising at the probe (${r.extras.denoiseProbe.x.toFixed(2)}, ${r.extras.denoiseProbe.y.toFixed(2)}): ${n} samples after ${step} of ${steps} reverse steps; ${left} above 25°, ${right} below −25°, ${n - left - right} in between.`;
  return (
    <div ref={box} className={paletteStyles.palette}>
      <p className={styles.summary}>
        {n} samples of the heading at the probe ({r.extras.denoiseProbe.x.toFixed(2)}, {r.extras.denoiseProbe.y.toFixed(2)}
        ), after <strong>{step}</strong> of {steps} reverse steps: <strong>{left}</strong> turn left (&gt; 25°),{' '}
        <strong>{right}</strong> turn right, {n - left - right} in between.
      </p>
      <div className={css.controls}>
        <button type="button" className={css.button} onClick={() => (step >= steps ? (setStep(0), setPlaying(true)) : setPlaying(!playing))} aria-pressed={playing}>
          {playing ? 'Pause' : step >= steps ? 'Replay' : 'Play'}
        </button>
        <label htmlFor={sliderId}>Reverse step</label>
        <input
          id={sliderId}
          type="range"
          min={0}
          max={steps}
          step={1}
          value={step}
          onChange={(ev) => {
            setPlaying(false);
            setStep(Number(ev.target.value));
          }}
          aria-valuetext={`step ${step} of ${steps}`}
        />
        <output htmlFor={sliderId}>
          {step}/{steps}
        </output>
      </div>
      <svg
        className={css.svg}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={label}
        data-export="fork-denoising"
        data-testid="fork-denoising"
        style={svg.maxHeight ? { maxHeight: svg.maxHeight } : undefined}
      >
        {d.field.levels.map((lv, li) => {
          const k = (1 - lv) * steps;
          return d.field.grid.map((g, gi) => {
            const v = d.field.push[li][gi];
            const len = (v / levelMax[li]) * 14;
            const x0 = X(k);
            const y0 = Y(g);
            return (
              <line
                key={`${li}-${gi}`}
                x1={x0}
                y1={y0}
                x2={x0}
                y2={y0 - len}
                stroke="var(--muted)"
                strokeOpacity={0.6}
                strokeWidth={1.2}
                markerEnd="url(#fork-arrow)"
              />
            );
          });
        })}
        <defs>
          <marker id="fork-arrow" viewBox="0 0 6 6" refX="3" refY="3" markerWidth="4" markerHeight="4" orient="auto-start-reverse">
            <path d="M0 0L6 3L0 6z" fill="var(--muted)" />
          </marker>
        </defs>
        {Array.from({ length: n }, (_, i) => {
          let dd = '';
          for (let k = 0; k <= step; k++) dd += `${k === 0 ? 'M' : 'L'}${X(k).toFixed(1)} ${Y(d.path[k][i]).toFixed(1)}`;
          const end = d.path[steps][i];
          return <path key={i} d={dd} fill="none" stroke={end > 10 ? LEFT : end < -10 ? RIGHT : 'var(--muted)'} strokeOpacity={0.45} strokeWidth={1} />;
        })}
        {now.map((v, i) => (
          <circle key={i} cx={X(step)} cy={Y(v)} r={2.2} fill={v > 25 ? LEFT : v < -25 ? RIGHT : 'var(--fg)'} />
        ))}
        <line className={css.axis} x1={pad.l} x2={W - pad.r} y1={H - pad.b} y2={H - pad.b} />
        <line className={css.axis} x1={pad.l} x2={pad.l} y1={pad.t} y2={H - pad.b} />
        {[-90, -45, 0, 45, 90].map((g) => (
          <text key={g} className={css.label} x={pad.l - 4} y={Y(g) + 0.35 * f} textAnchor="end" style={{ fontSize: f }}>
            {g}°
          </text>
        ))}
        <text className={css.label} x={pad.l} y={H - pad.b + 1.3 * f} style={{ fontSize: f }}>
          noise
        </text>
        <text className={css.label} x={W - pad.r} y={H - pad.b + 1.3 * f} textAnchor="end" style={{ fontSize: f }}>
          sample
        </text>
        <text className={css.label} x={(pad.l + W) / 2} y={H - 0.3 * f} textAnchor="middle" style={{ fontSize: f }}>
          reverse step
        </text>
      </svg>
      <p className={css.key}>
        Each line is one sample of the heading (in degrees), from Gaussian noise (left) to the policy&apos;s output (right),
        coloured by where it ends. Grey arrows: the learned field at eight noise levels — the direction the sampler pushes a
        heading ({r.extras.learner === 'ddpm' ? 'the score −ε̂/√(1 − ᾱ_k)' : 'the velocity v_θ'}), scaled per level to that level's largest arrow.
        {' '}
        {projector ? 'Move the probe with the “Denoising probe” sliders.' : 'Drag the probe on the arena below, or move it with the “Denoising probe” sliders.'}
      </p>
      {projector ? null : (
        <>
          <ProbeMap r={r} probe={probe} onProbe={onProbe} />
          <p className={css.key}>
            The dot is the probe whose samples are drawn above (a ring marks a new probe while it computes); the dashed box
            is where it can go. Just past the fork, on the centre line, the samples split into the two modes; before the
            fork, or on one branch, the demonstrations agree and there is one heading.
          </p>
        </>
      )}
    </div>
  );
}
