/**
 * Car — a kinematic unicycle at constant speed on a closed track (SCIENCE.md core kit; the picture of chapters 2–3).
 *
 * Description: the car drives at a constant speed v and steers by choosing its yaw rate ω. The track is a smooth
 *   closed curve (a Fourier-perturbed ellipse, ≈ 86 m long, curvature from −0.04 to 0.28 1/m, so it has one gentle
 *   reverse bend and a tight hairpin of radius ≈ 3.6 m). Driving noise-free demonstrations, the expert stays within
 *   millimetres of the centre line, so behaviour cloning sees almost no corrections; an actuation tremble at
 *   deployment knocks the car off that line into states the demonstrations barely cover, where a learner that saw
 *   recovery data (DAgger, DART) steers back (see the note below on what clean demonstrations do contain).
 * Action space: Box(1) — the commanded yaw rate ω in [−maxSteer, maxSteer] rad/s (positive turns left); larger
 *   commands are clipped. A plain number is accepted too.
 * Observation space: Box(5) in the track frame —
 *   [0] lateral offset e (m, positive left of the centre line),
 *   [1] heading error ψ = θ − θ_track (rad, in (−π, π]),
 *   [2–4] centre-line curvature κ at 0, 2 and 4 m ahead of the car's projection (1/m, positive = left bend).
 * Cost: 1 for a step that ends off the track (|e| > halfWidth) or crashed, else 0; the sum is the time off track
 *   in steps.
 * Start state: a uniformly random point of the centre line, e₀ ∼ U[−initOffset, initOffset],
 *   ψ₀ ∼ U[−initHeading, initHeading] (both 0 by default: on the line, facing along it).
 * Episode end: never terminates; truncated after `horizon` steps. A car more than `crashOffset` from the centre line
 *   has crashed: it stops where it is and costs 1 on every remaining step (absorbing, not terminal, so off-track
 *   time always counts the whole horizon).
 * Parameters: speed 3 m/s; dt 0.1 s; maxSteer 1.5 rad/s; halfWidth 1 m; crashOffset 2.5 m; trembleProb 0.03;
 *   trembleSteps 3; actionNoiseStd 0 rad/s; initOffset 0 m; initHeading 0 rad; horizon 400 steps (40 s, ≈ 1.4 laps).
 *
 * The tremble (deployment noise): at each step when no tremble is under way, with probability `trembleProb` the
 *   actuator "slips" — for the next `trembleSteps` steps the executed yaw rate is one random command, uniform in
 *   [−maxSteer, maxSteer], whatever the policy asked. Each slip is a real excursion, far from anything in clean
 *   demonstrations (there |e| < 0.03 m): the expert's largest excursion per episode is ≈ 0.5 m in the median and it
 *   is off the track on ≈ 0.1 % of steps, while a driver without feedback on e and ψ (what behaviour cloning can
 *   end up with) spends most of the episode off the track. The random numbers are drawn identically at every step
 *   whatever the policy does, so cars with the same seed meet the same slips at the same times (a fair race).
 *   `actionNoiseStd` adds Gaussian noise to every executed command instead (the DART-style injection a
 *   demonstrator can use).
 *
 * What clean demonstrations contain (measured while building this env, with a plain-TypeScript 5→32→32→1 tanh MLP,
 *   Adam 3·10⁻³, 1500 steps of batch 128, on 10 clean demonstrations of 400 steps): the expert's tracking wobble is
 *   tiny (|e| ≈ 5 mm rms) but exact, and a learner fed the observation at fixed physical scales (e/1 m, ψ/0.5 rad, κ/0.3 m⁻¹) fits the expert's gains
 *   from it (∂ω/∂e ≈ −1.4 vs −1.33, ∂ω/∂ψ ≈ −4 vs −3.6) and stays on the track like the expert. Standardising the
 *   inputs by the demonstrations' own mean and deviation — the usual practice — stretches those millimetres to unit
 *   scale, the network extrapolates arbitrarily off them, and BC then leaves the track in every evaluation episode
 *   (43–384 of 400 steps; 5 trainings, 6–8 episodes each), while DART (demonstrations under this tremble, clean
 *   labels) and DAgger (3 rounds of 3 rollouts) match the expert: 0 steps, except one hard episode that costs every
 *   driver, the expert included, 18–22 steps. How the learner sees its inputs is part of the bc-car experiment.
 */
import { box, type Action, type EnvSpec } from '../core/env';
import { powReal } from '../../lib/detmath';

// ---------------------------------------------------------------------------------------------------------------
// The track
// ---------------------------------------------------------------------------------------------------------------

/**
 * A closed centre line sampled at (nearly) uniform arc length. Vertex i sits at arc length s_i = i·ds; vertex n
 * wraps to vertex 0.
 */
export interface Track {
  n: number;
  /** Arc length between vertices (m). */
  ds: number;
  /** Total length (m). */
  length: number;
  /** Centre line (m). */
  x: Float64Array;
  y: Float64Array;
  /** Tangent direction (rad, in (−π, π]). */
  heading: Float64Array;
  /** Signed curvature (1/m, positive = turning left). */
  curvature: Float64Array;
}

/** The centre line x(φ) = Rx·cos φ·g(φ), y(φ) = Ry·sin φ·g(φ) with g = 1 + a·cos(mφ) + b·sin(nφ), φ ∈ [0, 2π). */
export interface TrackShape {
  /** Semi-axes (m). */
  radiusX: number;
  radiusY: number;
  cosAmp: number;
  cosFreq: number;
  sinAmp: number;
  sinFreq: number;
}

export const defaultTrackShape: TrackShape = {
  radiusX: 16,
  radiusY: 10,
  cosAmp: 0.12,
  cosFreq: 3,
  sinAmp: 0.05,
  sinFreq: 2,
};

/** Point, first and second derivative of the parametric centre line at φ. */
function shapeAt(shape: TrackShape, phi: number) {
  const { radiusX: rx, radiusY: ry, cosAmp: a, cosFreq: m, sinAmp: b, sinFreq: k } = shape;
  const g = 1 + a * Math.cos(m * phi) + b * Math.sin(k * phi);
  const g1 = -a * m * Math.sin(m * phi) + b * k * Math.cos(k * phi);
  const g2 = -a * m * m * Math.cos(m * phi) - b * k * k * Math.sin(k * phi);
  const c = Math.cos(phi);
  const s = Math.sin(phi);
  return {
    x: rx * c * g,
    y: ry * s * g,
    dx: rx * (-s * g + c * g1),
    dy: ry * (c * g + s * g1),
    ddx: rx * (-c * g - 2 * s * g1 + c * g2),
    ddy: ry * (-s * g + 2 * c * g1 + s * g2),
  };
}

/**
 * Builds a track: integrates arc length on a fine φ grid, then places vertices every ≈ `spacing` metres and reads
 * the exact tangent and curvature of the parametric curve there.
 */
export function makeTrack(shape: TrackShape = defaultTrackShape, spacing = 0.1): Track {
  const fine = 20000;
  const sAt = new Float64Array(fine + 1);
  let prev = shapeAt(shape, 0);
  for (let i = 1; i <= fine; i++) {
    const cur = shapeAt(shape, (2 * Math.PI * i) / fine);
    sAt[i] = sAt[i - 1] + Math.hypot(cur.x - prev.x, cur.y - prev.y);
    prev = cur;
  }
  const length = sAt[fine];
  const n = Math.max(16, Math.round(length / spacing));
  const ds = length / n;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const heading = new Float64Array(n);
  const curvature = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const target = i * ds;
    while (sAt[j + 1] < target) j++;
    const frac = (target - sAt[j]) / (sAt[j + 1] - sAt[j]);
    const phi = (2 * Math.PI * (j + frac)) / fine;
    const p = shapeAt(shape, phi);
    x[i] = p.x;
    y[i] = p.y;
    heading[i] = Math.atan2(p.dy, p.dx);
    curvature[i] = (p.dx * p.ddy - p.dy * p.ddx) / powReal(p.dx * p.dx + p.dy * p.dy, 1.5);
  }
  return { n, ds, length, x, y, heading, curvature };
}

/** The track every car drives on. */
export const CAR_TRACK: Track = makeTrack();

/** Wraps an angle to (−π, π]. */
export function wrapAngle(a: number): number {
  let r = a % (2 * Math.PI);
  if (r <= -Math.PI) r += 2 * Math.PI;
  else if (r > Math.PI) r -= 2 * Math.PI;
  return r;
}

/** Arc length wrapped to [0, L). */
function wrapS(track: Track, s: number): number {
  const r = s % track.length;
  return r < 0 ? r + track.length : r;
}

/** Curvature at arc length s (1/m), linearly interpolated between vertices. */
export function curvatureAt(track: Track, s: number): number {
  const u = wrapS(track, s) / track.ds;
  const i = Math.floor(u) % track.n;
  const f = u - Math.floor(u);
  return (1 - f) * track.curvature[i] + f * track.curvature[(i + 1) % track.n];
}

/** Centre-line point and tangent at arc length s. */
export function trackPointAt(track: Track, s: number): { x: number; y: number; heading: number } {
  const u = wrapS(track, s) / track.ds;
  const i = Math.floor(u) % track.n;
  const f = u - Math.floor(u);
  const k = (i + 1) % track.n;
  return {
    x: (1 - f) * track.x[i] + f * track.x[k],
    y: (1 - f) * track.y[i] + f * track.y[k],
    heading: wrapAngle(track.heading[i] + f * wrapAngle(track.heading[k] - track.heading[i])),
  };
}

/** Where a point sits relative to the centre line. */
export interface TrackProjection {
  /** The vertex the projection starts from (a hint for the next search). */
  index: number;
  /** Arc length of the projection (m, in [0, L)). */
  s: number;
  /** Signed distance from the centre line (m, positive left). */
  lateral: number;
  /** Tangent direction at the projection (rad). */
  heading: number;
}

/** Beyond this distance (m) from the centre line a local search is not trusted and the whole track is scanned. */
const LOCAL_SEARCH_TRUST = 3;
/** Vertices searched on each side of the hint (±5 m at 0.1 m spacing; a car moves 0.3 m per step). */
const LOCAL_SEARCH_WINDOW = 50;

/**
 * Closest point of the centre line to (x, y). With a `hint` (the previous index) it searches ±50 vertices around
 * it; it falls back to scanning every vertex when there is no hint, when the nearest vertex lies on the edge of the
 * window, or when the point is farther than 3 m from the line. The answer is then refined on the two segments
 * adjacent to the nearest vertex. Unique for |offset| below the smallest radius of curvature (≈ 3.6 m here).
 */
export function projectOnTrack(track: Track, x: number, y: number, hint?: number): TrackProjection {
  const n = track.n;
  const d2 = (i: number) => (track.x[i] - x) * (track.x[i] - x) + (track.y[i] - y) * (track.y[i] - y);
  let best = -1;
  let bestD = Infinity;
  if (hint !== undefined && hint >= 0 && hint < n) {
    for (let o = -LOCAL_SEARCH_WINDOW; o <= LOCAL_SEARCH_WINDOW; o++) {
      const i = (((hint + o) % n) + n) % n;
      const d = d2(i);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    const offset = (((best - hint) % n) + n) % n;
    const atEdge = offset === LOCAL_SEARCH_WINDOW || offset === n - LOCAL_SEARCH_WINDOW;
    if (atEdge || bestD > LOCAL_SEARCH_TRUST * LOCAL_SEARCH_TRUST) best = -1;
  }
  if (best < 0) {
    bestD = Infinity;
    for (let i = 0; i < n; i++) {
      const d = d2(i);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
  }
  // Refine on the segments (best − 1, best) and (best, best + 1): the foot is where p − c(f) is normal to the
  // interpolated tangent, so lateral offset, arc length and heading vary smoothly with the position (a plain
  // nearest-point-on-polyline would freeze s and the heading while the car passes outside a vertex).
  const before = footOnSegment(track, (best - 1 + n) % n, x, y);
  const after = footOnSegment(track, best, x, y);
  // The foot lies on the segment whose Newton solution needs no clamping; ties (at the shared vertex) are equal.
  const foot =
    after.miss < before.miss || (after.miss === before.miss && Math.abs(after.lateral) <= Math.abs(before.lateral))
      ? after
      : before;
  return {
    index: best,
    s: wrapS(track, (foot.a + foot.f) * track.ds),
    lateral: foot.lateral,
    heading: foot.heading,
  };
}

/**
 * The foot of (x, y) on segment (a, a + 1): f ∈ [0, 1] along the chord such that the offset is perpendicular to the
 * tangent interpolated between the two vertex headings (a few Newton steps from the chord projection). `miss` is
 * how far outside [0, 1] the unclamped f fell.
 */
function footOnSegment(track: Track, a: number, x: number, y: number) {
  const b = (a + 1) % track.n;
  const ex = track.x[b] - track.x[a];
  const ey = track.y[b] - track.y[a];
  const h0 = track.heading[a];
  const dh = wrapAngle(track.heading[b] - h0);
  let f = ((x - track.x[a]) * ex + (y - track.y[a]) * ey) / (ex * ex + ey * ey);
  for (let iter = 0; iter < 3; iter++) {
    const h = h0 + f * dh;
    const tx = Math.cos(h);
    const ty = Math.sin(h);
    const px = x - track.x[a] - f * ex;
    const py = y - track.y[a] - f * ey;
    const g = px * tx + py * ty;
    const dg = -(ex * tx + ey * ty) + (-px * ty + py * tx) * dh;
    f -= g / dg;
  }
  const miss = f < 0 ? -f : f > 1 ? f - 1 : 0;
  f = Math.min(1, Math.max(0, f));
  const h = h0 + f * dh;
  const px = x - track.x[a] - f * ex;
  const py = y - track.y[a] - f * ey;
  return { a, f, miss, lateral: Math.cos(h) * py - Math.sin(h) * px, heading: wrapAngle(h) };
}

/** Geometry for the canvas: centre line and both edges as flat [x0, y0, x1, y1, …] closed loops (m). */
export interface TrackGeometry {
  centre: Float64Array;
  left: Float64Array;
  right: Float64Array;
  halfWidth: number;
  length: number;
  /** Bounding box (m), for fitting the view. */
  bounds: { minX: number; maxX: number; minY: number; maxY: number };
}

export function carTrackGeometry(halfWidth = carDefaults.halfWidth, track: Track = CAR_TRACK): TrackGeometry {
  const centre = new Float64Array(2 * track.n);
  const left = new Float64Array(2 * track.n);
  const right = new Float64Array(2 * track.n);
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < track.n; i++) {
    const nx = -Math.sin(track.heading[i]);
    const ny = Math.cos(track.heading[i]);
    centre[2 * i] = track.x[i];
    centre[2 * i + 1] = track.y[i];
    left[2 * i] = track.x[i] + halfWidth * nx;
    left[2 * i + 1] = track.y[i] + halfWidth * ny;
    right[2 * i] = track.x[i] - halfWidth * nx;
    right[2 * i + 1] = track.y[i] - halfWidth * ny;
    minX = Math.min(minX, left[2 * i], right[2 * i]);
    maxX = Math.max(maxX, left[2 * i], right[2 * i]);
    minY = Math.min(minY, left[2 * i + 1], right[2 * i + 1]);
    maxY = Math.max(maxY, left[2 * i + 1], right[2 * i + 1]);
  }
  return { centre, left, right, halfWidth, length: track.length, bounds: { minX, maxX, minY, maxY } };
}

// ---------------------------------------------------------------------------------------------------------------
// The environment
// ---------------------------------------------------------------------------------------------------------------

export interface CarParams {
  /** Forward speed v (m/s), constant. */
  speed: number;
  /** Time step (s). */
  dt: number;
  /** Largest yaw-rate command (rad/s); the tightest bend needs v·κ_max ≈ 0.84 rad/s at 3 m/s. */
  maxSteer: number;
  /** Half the track width (m): |lateral offset| beyond it is off track. */
  halfWidth: number;
  /** Distance from the centre line (m) at which the car crashes and stops. */
  crashOffset: number;
  /** Per-step probability that a tremble starts (when none is under way). */
  trembleProb: number;
  /** How many steps a tremble holds its random command. */
  trembleSteps: number;
  /** Standard deviation of Gaussian noise added to every executed command (rad/s); 0 = none. */
  actionNoiseStd: number;
  /** Start offset range (m): e₀ ∼ U[−initOffset, initOffset]. */
  initOffset: number;
  /** Start heading-error range (rad): ψ₀ ∼ U[−initHeading, initHeading]. */
  initHeading: number;
  /** Steps per episode. */
  horizon: number;
}

export const carDefaults: CarParams = {
  speed: 3, // m/s
  dt: 0.1, // s per step
  maxSteer: 1.5, // rad/s
  halfWidth: 1, // m
  crashOffset: 2.5, // m
  trembleProb: 0.03, // per step
  trembleSteps: 3, // steps (0.3 s)
  actionNoiseStd: 0, // rad/s
  initOffset: 0, // m
  initHeading: 0, // rad
  horizon: 400, // steps (40 s)
};

/** Look-ahead distances (m) of the curvature observations. */
export const CAR_LOOKAHEAD: readonly number[] = [0, 2, 4];

export interface CarState {
  /** Position (m) and heading (rad, in (−π, π]). */
  x: number;
  y: number;
  theta: number;
  t: number;
  /** Track frame of the position, cached so `observe` needs no search. */
  trackIndex: number;
  /** Arc length of the projection (m). */
  s: number;
  /** Lateral offset (m, positive left). */
  lateral: number;
  /** Heading error θ − θ_track (rad). */
  headingError: number;
  /** Distance travelled along the centre line since the start (m); laps = progress / track length. */
  progress: number;
  /** Left the road by more than crashOffset: stopped for good. */
  crashed: boolean;
  /** Steps left in the current tremble (0 = none) and its held command (rad/s). */
  trembleLeft: number;
  trembleCommand: number;
  /** The yaw rate actually executed on the last step (rad/s), for display. */
  executedSteer: number;
}

/** The steering command in an action (a number or a one-element vector). */
export function steerOf(action: Action): number {
  const w = typeof action === 'number' ? action : action[0];
  if (!Number.isFinite(w)) throw new RangeError(`car: steering command must be finite, got ${String(w)}`);
  return w;
}

function clip(v: number, lim: number): number {
  return v > lim ? lim : v < -lim ? -lim : v;
}

/** A state at pose (x, y, θ) with its track frame computed (by a global search, or local from `hint`). */
export function carStateAt(
  x: number,
  y: number,
  theta: number,
  rest: Partial<CarState> = {},
  hint?: number,
  track: Track = CAR_TRACK,
): CarState {
  const proj = projectOnTrack(track, x, y, hint);
  return {
    t: 0,
    progress: 0,
    crashed: false,
    trembleLeft: 0,
    trembleCommand: 0,
    executedSteer: 0,
    ...rest,
    x,
    y,
    theta: wrapAngle(theta),
    trackIndex: proj.index,
    s: proj.s,
    lateral: proj.lateral,
    headingError: wrapAngle(theta - proj.heading),
  };
}

/** Unicycle motion for dt at constant v and ω (exact arc, not Euler). */
export function unicycleStep(x: number, y: number, theta: number, v: number, omega: number, dt: number) {
  if (Math.abs(omega) < 1e-9) {
    return { x: x + v * Math.cos(theta) * dt, y: y + v * Math.sin(theta) * dt, theta };
  }
  const th = theta + omega * dt;
  const r = v / omega;
  return { x: x + r * (Math.sin(th) - Math.sin(theta)), y: y - r * (Math.cos(th) - Math.cos(theta)), theta: th };
}

/** The observation vector (see the doc block) of a state. */
export function carObservation(state: CarState, track: Track = CAR_TRACK): Float64Array {
  const obs = new Float64Array(2 + CAR_LOOKAHEAD.length);
  obs[0] = state.lateral;
  obs[1] = state.headingError;
  for (let i = 0; i < CAR_LOOKAHEAD.length; i++) obs[2 + i] = curvatureAt(track, state.s + CAR_LOOKAHEAD[i]);
  return obs;
}

export const carEnv: EnvSpec<CarState, CarParams> = {
  id: 'car',
  description: 'A car at constant speed steering around a closed track; off-track time is the cost.',
  defaults: carDefaults,
  actionSpace: (params) => box([-params.maxSteer], [params.maxSteer], ['yaw rate ω (rad/s)']),
  // Curvature is bounded by 1 1/m here (the track has |κ| ≤ 0.28 1/m).
  observationSpace: () =>
    box(
      [-Infinity, -Math.PI, ...CAR_LOOKAHEAD.map(() => -1)],
      [Infinity, Math.PI, ...CAR_LOOKAHEAD.map(() => 1)],
      ['lateral offset (m)', 'heading error (rad)', ...CAR_LOOKAHEAD.map((d) => `curvature ${d} m ahead (1/m)`)],
    ),
  initial(rng, params) {
    const s0 = rng.uniform() * CAR_TRACK.length;
    const e0 = rng.range(-1, 1) * params.initOffset;
    const psi0 = rng.range(-1, 1) * params.initHeading;
    const p = trackPointAt(CAR_TRACK, s0);
    const x = p.x - e0 * Math.sin(p.heading);
    const y = p.y + e0 * Math.cos(p.heading);
    return carStateAt(x, y, p.heading + psi0, {}, Math.round(s0 / CAR_TRACK.ds) % CAR_TRACK.n);
  },
  transition(state, action, rng, params) {
    // Draw the same random numbers at every step, whatever happens, so trembles do not depend on the driver.
    const uStart = rng.uniform();
    const uCommand = rng.uniform();
    const gauss = rng.normal();
    let trembleLeft = state.trembleLeft;
    let trembleCommand = state.trembleCommand;
    let command: number;
    if (trembleLeft > 0) {
      command = trembleCommand;
      trembleLeft -= 1;
    } else if (uStart < params.trembleProb && params.trembleSteps > 0) {
      trembleCommand = (2 * uCommand - 1) * params.maxSteer;
      trembleLeft = params.trembleSteps - 1;
      command = trembleCommand;
    } else {
      command = steerOf(action);
    }
    const executedSteer = clip(command + params.actionNoiseStd * gauss, params.maxSteer);
    if (state.crashed) {
      return { ...state, t: state.t + 1, trembleLeft, trembleCommand, executedSteer: 0 };
    }
    const m = unicycleStep(state.x, state.y, state.theta, params.speed, executedSteer, params.dt);
    const next = carStateAt(m.x, m.y, m.theta, state, state.trackIndex);
    let ds = next.s - state.s;
    if (ds > CAR_TRACK.length / 2) ds -= CAR_TRACK.length;
    else if (ds < -CAR_TRACK.length / 2) ds += CAR_TRACK.length;
    return {
      ...next,
      t: state.t + 1,
      progress: state.progress + ds,
      crashed: Math.abs(next.lateral) > params.crashOffset,
      trembleLeft,
      trembleCommand,
      executedSteer,
    };
  },
  observe: (state) => carObservation(state),
  cost: (_state, _action, next, params) => (next.crashed || Math.abs(next.lateral) > params.halfWidth ? 1 : 0),
  isTerminal: () => false,
  horizon: (params) => params.horizon,
};
