/**
 * `chunking` — two worlds + action chunking (SCIENCE-NOTES §4(b) Toy 4A; Zhang, Pfrommer, Pan, Matni & Simchowitz
 * 2025; issue #12).
 *
 *   demonstrate  the two-worlds demonstrations (20 clean trajectories of 50 steps, identical in both worlds).
 *   learn        one MLP 2 → 32 → 32 → 2ℓ (tanh), squared loss on (x_t, u*_{t:t+ℓ−1}) for all t ≤ T − ℓ, Adam
 *                lr 3·10⁻³, batch 256 — two-worlds' network and budget (150 steps), with ℓ actions out.
 *   read β̂_j     the off-manifold gains ∂ĉ_{z,j}/∂z at z = 0 (sims/algos/chunking.ts).
 *   deploy       in both worlds against each world's expert (same 100 starts, same 10⁻³ noise), executing the chunk
 *                open loop, receding (first action only) or with ACT temporal ensembling (m ≠ 0).
 *   sweep        the same training for ℓ ∈ SWEEP, each network's linearised worst-world rate: the rate-versus-ℓ chart.
 *
 * Result
 *   metrics  rate/plus, rate/minus, rate/worst (linearised per-step growth of z-errors: |M_σ|^{1/ℓ} open loop,
 *            |a + σβ̂_0| receding, the delay recursion's growth when ensembling); J/plus, J/minus, J/worst
 *            (J_imitation = Σ_{t ≤ H} min{1, ‖x̂_t − x*_t‖²}, mean over starts); worstSigma; chunkStar
 *            (log κ / log(1/a), capped at 1000 when a ≥ 1); fit/mse; seeds. With seeds > 1: medians over seeds.
 *   series   deviation/plus, deviation/minus ({x: t, y: median ‖x̂_t − x*_t‖}, first seed); rate/vsChunk ({x: ℓ,
 *            y: median worst-world rate, lo/hi over seeds}); loss/train (first seed)
 *   extras   chunk, execution, ensemble, gains (β̂_j, first seed), chunkStar, kappa, a, horizon, nInitial, steps, sweep
 */
import { square } from '../../lib/detmath';
import { makeRng, type Rng } from '../../lib/rng';
import {
  chunkDataset,
  chunkGains,
  chunkImitationGap,
  linearRate,
  type ChunkExecution,
  type ChunkMap,
} from '../algos/chunking';
import { EXPERT_GAIN, generateDemos } from '../experts/twoworlds';
import { forward } from '../policies/forward';
import { trainMlp, type MlpSpec, type MlpWeights } from '../policies/mlp';
import { chunkingInfo, type ChunkingResult } from './chunking.params';
import { progressReporter } from './progress';
import { defineExperiment, throwIfAborted, type Point } from './types';

const N_INITIAL = 100;
const NOISE_STD = 1e-3;
const TRAIN = { steps: 150, batchSize: 256, learningRate: 3e-3, optimizer: 'adam', lossEvery: 5 } as const;
/** The ℓ values of the rate-versus-ℓ chart. */
export const CHUNK_SWEEP = [1, 2, 4, 7, 10, 15, 20, 30] as const;
const CHUNK_STAR_CAP = 1000;

const median = (v: number[]): number => {
  const s = [...v].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function trainChunk(a: number, chunk: number, rng: Rng, signal?: AbortSignal, onLoss?: (step: number, loss: number) => void) {
  const demos = generateDemos({ a, k: EXPERT_GAIN, sigma: 1 }, rng.stream('demos'));
  const data = chunkDataset(demos.trajectories, chunk);
  const spec: MlpSpec = { inputDim: 2, hidden: [32, 32], outputDim: 2 * chunk, head: 'regression', activation: 'tanh' };
  const trained = await trainMlp(spec, data, TRAIN, rng.stream('train'), {
    signal,
    onProgress: onLoss ? (tp) => onLoss(tp.step, tp.loss) : undefined,
  });
  return { weights: trained.weights, data, losses: trained.losses };
}

function mapOf(weights: MlpWeights): ChunkMap {
  const out = new Float32Array(weights.spec.outputDim);
  return (x) => forward(weights, x, out);
}

export function chunkStarOf(a: number, kappa: number): number {
  return a < 1 ? Math.min(CHUNK_STAR_CAP, Math.log(kappa) / Math.log(1 / a)) : CHUNK_STAR_CAP;
}

export const chunkingExperiment = defineExperiment(chunkingInfo, async (p, { seed, signal, onProgress }) => {
  const { a, chunk, horizon, kappa, seeds } = p;
  const exec: ChunkExecution = { chunk, execution: p.execution, ensemble: p.ensemble };
  const report = progressReporter<ChunkingResult>(onProgress);
  const sweepList: readonly number[] = p.sweep === 'on' ? CHUNK_SWEEP : [];
  const total = seeds * (1 + sweepList.length);
  let done = 0;

  const perSeed: { ratePlus: number; rateMinus: number; Jp: number; Jm: number; mse: number }[] = [];
  const sweep: number[][] = sweepList.map(() => []);
  let first:
    | { gains: Float64Array; devP: Float64Array; devM: Float64Array; losses: { step: number; loss: number }[] }
    | undefined;

  for (let s = 0; s < seeds; s++) {
    const root = makeRng(seed + s);
    // The figure's own ℓ.
    const net = await trainChunk(a, chunk, root, signal);
    throwIfAborted(signal);
    const map = mapOf(net.weights);
    const gains = chunkGains(map, chunk);
    let sq = 0;
    for (let i = 0; i < net.data.n; i++) {
      const u = map(Float64Array.from(net.data.x.subarray(2 * i, 2 * i + 2)));
      for (let j = 0; j < 2 * chunk; j++) sq += square(u[j] - net.data.y[2 * chunk * i + j]);
    }
    const evalCfg = { a, k: EXPERT_GAIN, noiseStd: NOISE_STD, horizon, nInitial: N_INITIAL };
    const deploy = root.stream('deploy');
    const plus = chunkImitationGap(map, exec, { ...evalCfg, sigma: 1 }, deploy);
    const minus = chunkImitationGap(map, exec, { ...evalCfg, sigma: -1 }, deploy);
    perSeed.push({
      ratePlus: linearRate(a, 1, gains, exec),
      rateMinus: linearRate(a, -1, gains, exec),
      Jp: plus.J,
      Jm: minus.J,
      mse: sq / (net.data.n * 2 * chunk),
    });
    if (s === 0) first = { gains, devP: plus.medianDeviation, devM: minus.medianDeviation, losses: net.losses };
    done++;
    report(done / total, `seed ${s + 1}/${seeds}: deployed ℓ = ${chunk}`);

    // The sweep over ℓ (open-loop execution, no ensembling: the paper's chunking policy).
    for (let i = 0; i < sweepList.length; i++) {
      const l = sweepList[i];
      const g = l === chunk ? gains : chunkGains(mapOf((await trainChunk(a, l, root, signal)).weights), l);
      throwIfAborted(signal);
      const e: ChunkExecution = { chunk: l, execution: 'open-loop', ensemble: 0 };
      sweep[i].push(Math.max(linearRate(a, 1, g, e), linearRate(a, -1, g, e)));
      done++;
      report(done / total, `seed ${s + 1}/${seeds}: rate at ℓ = ${l}`);
    }
  }
  if (!first) throw new Error('chunking: no seeds ran');

  const ratePlus = median(perSeed.map((r) => r.ratePlus));
  const rateMinus = median(perSeed.map((r) => r.rateMinus));
  const Jp = median(perSeed.map((r) => r.Jp));
  const Jm = median(perSeed.map((r) => r.Jm));
  const worst = median(perSeed.map((r) => Math.max(r.Jp, r.Jm)));
  const toPoints = (v: Float64Array): Point[] => {
    const out: Point[] = [];
    for (let t = 1; t < v.length; t++) out.push({ x: t, y: Number.isFinite(v[t]) ? v[t] : 1e6 });
    return out;
  };
  const chunkStar = chunkStarOf(a, kappa);

  const result: ChunkingResult = {
    metrics: {
      'rate/plus': ratePlus,
      'rate/minus': rateMinus,
      'rate/worst': median(perSeed.map((r) => Math.max(r.ratePlus, r.rateMinus))),
      'J/plus': Jp,
      'J/minus': Jm,
      'J/worst': worst,
      worstSigma: Jp >= Jm ? 1 : -1,
      chunkStar,
      'fit/mse': median(perSeed.map((r) => r.mse)),
      seeds,
    },
    series: {
      'deviation/plus': toPoints(first.devP),
      'deviation/minus': toPoints(first.devM),
      'rate/vsChunk': sweepList.map((l, i) => ({
        x: l,
        y: median(sweep[i]),
        ...(seeds > 1 ? { lo: Math.min(...sweep[i]), hi: Math.max(...sweep[i]) } : {}),
      })),
      'loss/train': first.losses.map((l) => ({ x: l.step, y: l.loss })),
    },
    extras: {
      chunk,
      execution: p.execution,
      ensemble: p.ensemble,
      gains: Array.from(first.gains),
      chunkStar,
      kappa,
      a,
      horizon,
      nInitial: N_INITIAL,
      steps: TRAIN.steps,
      sweep: [...sweepList],
    },
  };
  report(1, 'done', () => result, true);
  return result;
});
