/**
 * `tasil` — TaSIL's Jacobian matching against behavior cloning on the curvy road (SCIENCE-NOTES-ch7 §7(b) Toy 7E;
 * SCIENCE.md "Chapter: Beyond behavior cloning"; Pfrommer, Zhang, Tu & Matni 2022).
 *
 * Per training seed (seed, seed + 1, …, `seeds` of them):
 *   demos    nDemos expert drives of T = 100 steps from s₀ ∼ U[0, 0.1], e₀ = 0, no process noise, so every
 *            demonstration state has e = 0 (with method 'noise' the executed steering is u* + N(0, noise²) and the labels
 *            stay u*(x): the DART / Toy 3B route, whose states leave the centre line);
 *   learner  a 2 → 32 (tanh) → 1 MLP on inputs (s − 1.5, 10e), 1500 full-batch Adam steps at 10⁻² (sims/algos/tasil.ts):
 *            'bc' and 'noise' fit the actions; 'tasil' also fits the expert's Jacobian (κ'(s), −k) with weight λ;
 *   test     100 starts s₀ ∼ U[0, 0.1], e₀ ∼ N(0, 0.01²), process noise N(0, 10⁻⁶) shared by the learner's and the
 *            expert's roll-outs; J_imitation = Σ_{t=1}^{100} min(1, ‖x̂_t − x*_t‖²), mean over the starts;
 *   readout  the learned transverse gain β̂(s) = ∂û/∂e at e = 0 on the demonstrated road s ∈ [0.1, 2] (39 points), its
 *            mean, and the fraction of that road where |a + b·β̂(s)| ≥ 1 (the lateral loop is locally unstable).
 * The demonstrations, the initialisation and the test starts come from separate streams of the seed, so BC and TaSIL
 * with the same seed see the same demonstration states and the same tests (and clean BC's data do not depend on a).
 *
 * Result
 *   metrics  J/imitation (mean over seeds), J/imitation/median, J/imitation/max, gain/learned (mean β̂, mean over seeds),
 *            gain/expert (−k), unstable/fraction (mean over seeds), rmse/train (mean over seeds), seeds/diverged
 *            (seeds with J ≥ 10), seeds/tracking (seeds with J ≤ 0.1), seeds
 *   series   gain: {x: s, y: β̂(s) of the first seed, lo/hi: min/max over seeds}; gain/expert: −k on the same grid;
 *            deviation: {x: t, y: median over test starts of ‖x̂_t − x*_t‖, median over seeds, lo/hi: min/max over seeds};
 *            J/perSeed: {x: seed, y: J_imitation}
 *   extras   TasilExtras (tasil.params.ts)
 */
import { makeRng } from '../../lib/rng';
import { TASIL_DEFAULTS, mlpForward, mlpJacobian, trainTasil, type TanhMlp, type TasilData } from '../algos/tasil';
import { ROAD_B, ROAD_S0_MAX, pairedRoadRollout, roadRollout, type RoadPolicy } from '../envs/curvyRoad';
import { roadExpertAction, roadExpertGain, roadExpertGradient, roadExpertPolicy } from '../experts/curvyRoad';
import { progressReporter } from './progress';
import { tasilInfo, type TasilResult, type TasilSeedRecord } from './tasil.params';
import { checkpoint, defineExperiment, type PartialResult } from './types';

/** Steps per demonstration and per test roll-out. */
const T = 100;
/** Test starts per seed. */
const TEST_STARTS = 100;
const TEST_NOISE_STD = 1e-3;
const TEST_E0_STD = 0.01;
/** Roll-outs drawn in the traces panel. */
const TRACES = 1;
/** The demonstrated stretch of road where β̂(s) is read out. */
const GAIN_GRID = Array.from({ length: 39 }, (_, i) => 0.1 + (1.9 * i) / 38);
/** The network's inputs: centred progress and magnified lateral error (∂/∂e of the net is 10·∂/∂input₂). */
const E_SCALE = 10;
const S_CENTRE = 1.5;

const median = (xs: readonly number[]) => {
  const v = [...xs].sort((p, q) => p - q);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
};
const mean = (xs: readonly number[]) => xs.reduce((p, q) => p + q, 0) / xs.length;

/** The learned policy on the road's coordinates. */
function netPolicy(net: TanhMlp): RoadPolicy {
  const input = new Float64Array(2);
  return (s, e) => {
    input[0] = s - S_CENTRE;
    input[1] = E_SCALE * e;
    return mlpForward(net, input)[0];
  };
}

/** β̂(s) = ∂û/∂e at e = 0 along GAIN_GRID. */
function gainAlongRoad(net: TanhMlp): number[] {
  return GAIN_GRID.map((s) => mlpJacobian(net, [s - S_CENTRE, 0])[1] * E_SCALE);
}

export const tasilExperiment = defineExperiment(tasilInfo, async (p, { seed, signal, onProgress }) => {
  const report = progressReporter<TasilResult>(onProgress);
  const { a, method, nDemos, seeds } = p;
  const expertGain = -roadExpertGain(a);
  const expert = roadExpertPolicy(a);
  const lambda = method === 'tasil' ? p.lambda : 0;
  const config = { ...TASIL_DEFAULTS, lambda };

  const records: TasilSeedRecord[] = [];
  const gains: number[][] = [];
  const deviations: number[][] = []; // per seed: median deviation at each t
  let traces: { expert: number[][]; learner: number[][] } = { expert: [], learner: [] };

  const buildSeries = (): TasilResult['series'] => ({
    // The first seed's curve (a mean of gains of opposite signs would hide what each network does), the band over seeds.
    gain: GAIN_GRID.map((s, i) => {
      const ys = gains.map((g) => g[i]);
      return { x: s, y: ys[0], lo: Math.min(...ys), hi: Math.max(...ys) };
    }),
    'gain/expert': GAIN_GRID.map((s) => ({ x: s, y: expertGain })),
    deviation: Array.from({ length: T + 1 }, (_, t) => {
      const ys = deviations.map((d) => d[t]);
      return { x: t, y: median(ys), lo: Math.min(...ys), hi: Math.max(...ys) };
    }),
    'J/perSeed': records.map((r) => ({ x: r.seed, y: r.J })),
  });
  const partial = (): PartialResult<TasilResult> => ({ metrics: {}, series: records.length ? buildSeries() : {} });

  for (let k = 0; k < seeds; k++) {
    const root = makeRng(seed + k);
    // ---- demonstrations: clean (e ≡ 0) or with injected steering noise
    const demoRng = root.stream('demos');
    const noiseRng = root.stream('demoNoise');
    const n = nDemos * T;
    const data: TasilData = {
      x: new Float64Array(2 * n),
      u: new Float64Array(n),
      jacobian: new Float64Array(2 * n),
      n,
      dIn: 2,
      dOut: 1,
    };
    for (let d = 0; d < nDemos; d++) {
      const s0 = demoRng.range(0, ROAD_S0_MAX);
      const actionNoise =
        method === 'noise' ? Float64Array.from({ length: T }, () => p.noise * noiseRng.normal()) : undefined;
      const states = roadRollout(expert, s0, 0, a, new Float64Array(T), actionNoise);
      for (let t = 0; t < T; t++) {
        const i = d * T + t;
        const [s, e] = [states[2 * t], states[2 * t + 1]];
        data.x[2 * i] = s - S_CENTRE;
        data.x[2 * i + 1] = E_SCALE * e;
        data.u[i] = roadExpertAction(s, e, a);
        const [dS, dE] = roadExpertGradient(s, a);
        data.jacobian![2 * i] = dS; // ∂u*/∂input₁ = ∂u*/∂s
        data.jacobian![2 * i + 1] = dE / E_SCALE; // chain rule for the input scaling
      }
    }

    // ---- training
    const { net } = await trainTasil(data, config, root.stream('init'), {
      signal,
      onStep: (step) =>
        report(
          (k + step / config.steps) / seeds,
          `seed ${k + 1}/${seeds}: training step ${step}/${config.steps}`,
          partial,
        ),
    });
    const learner = netPolicy(net);

    // ---- fit on the demonstration states
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const err = mlpForward(net, [data.x[2 * i], data.x[2 * i + 1]])[0] - data.u[i];
      sq += err * err;
    }

    // ---- test: paired roll-outs from shared starts under shared noise
    const testRng = root.stream('test');
    const dev: number[][] = Array.from({ length: T + 1 }, () => []);
    let Jsum = 0;
    const seedTraces: { expert: number[][]; learner: number[][] } = { expert: [], learner: [] };
    for (let m = 0; m < TEST_STARTS; m++) {
      const s0 = testRng.range(0, ROAD_S0_MAX);
      const e0 = TEST_E0_STD * testRng.normal();
      const noise = Float64Array.from({ length: T }, () => TEST_NOISE_STD * testRng.normal());
      const run = pairedRoadRollout(learner, expert, s0, e0, a, noise);
      Jsum += run.imitationCost;
      for (let t = 0; t <= T; t++)
        dev[t].push(Math.hypot(run.learner[2 * t] - run.expert[2 * t], run.learner[2 * t + 1] - run.expert[2 * t + 1]));
      if (m < TRACES) {
        seedTraces.expert.push(Array.from({ length: T + 1 }, (_, t) => run.expert[2 * t + 1]));
        seedTraces.learner.push(Array.from({ length: T + 1 }, (_, t) => run.learner[2 * t + 1]));
      }
    }
    if (k === 0) traces = seedTraces;

    const gain = gainAlongRoad(net);
    gains.push(gain);
    deviations.push(dev.map(median));
    records.push({
      seed: seed + k,
      J: Jsum / TEST_STARTS,
      gain: mean(gain),
      unstableFraction: gain.filter((g) => Math.abs(a + ROAD_B * g) >= 1).length / gain.length,
      rmse: Math.sqrt(sq / n),
    });
    report((k + 1) / seeds, `seed ${k + 1}/${seeds}: done`, partial, true);
    await checkpoint(signal);
  }

  const Js = records.map((r) => r.J);
  const result: TasilResult = {
    metrics: {
      'J/imitation': mean(Js),
      'J/imitation/median': median(Js),
      'J/imitation/max': Math.max(...Js),
      'gain/learned': mean(records.map((r) => r.gain)),
      'gain/expert': expertGain,
      'unstable/fraction': mean(records.map((r) => r.unstableFraction)),
      'rmse/train': mean(records.map((r) => r.rmse)),
      'seeds/diverged': Js.filter((J) => J >= 10).length,
      'seeds/tracking': Js.filter((J) => J <= 0.1).length,
      seeds,
    },
    series: buildSeries(),
    extras: {
      perSeed: records,
      expertGain,
      stableBand: [-(1 + a) / ROAD_B, (1 - a) / ROAD_B],
      traces,
      demoStates: nDemos * T,
    },
  };
  report(1, 'done', () => result, true);
  return result;
});
