/**
 * `lane-horizon` — compounding error on LaneKeep (SCIENCE-NOTES §2(b) Toy 2A, SCIENCE.md "Chapter: Compounding
 * error"). For each horizon H on a log grid, the exact cost J (expected number of off-centre steps, no sampling) of
 *   - bc:     the behavior-cloned policy. From clean demonstrations it only ever sees (y = 0, stay), and learns "stay"
 *             everywhere (the notes' prototype in every seed; our MLP too, tests/unit/sims/algos): J ≈ εH²/3 while
 *             εH ≲ 1, then a lazy random walk that saturates towards H;
 *   - dagger: the DAgger policy. It converges to the expert's table (§3(b) Toy 3A): J ≈ (2ε/3)·H;
 *   - expert: the expert −sign(y) deployed with the same tremble ε: the floor for any learner with this hand;
 * all deployed with the trembling hand ε. With `policies = 'converged'` (default) bc and dagger are those limit
 * tables, evaluated exactly (instant, seed-free). With 'trained', the MLP is trained at every H — DAgger from 20
 * clean demonstrations (its round-0 fit is exactly the BC learner) — and the greedy tables it learns are evaluated.
 *
 * Result
 *   series   bc, dagger, expert: {x: H, y: J};  theory/bc: εH²/3, theory/dagger: (2ε/3)·H (the closed forms of §2(b))
 *   metrics  slope/bc, slope/dagger, slope/expert (least-squares slope of log J on log H over the grid),
 *            offCentre/bc, offCentre/dagger, offCentre/expert (share of the steps 1 … heatmapH spent off centre),
 *            ratio/bcOverDagger (at the largest H), cost/bc, cost/dagger, cost/expert (at the largest H); trained mode
 *            also trained/bcIsStay and trained/daggerIsExpert (fraction of horizons where the learned table is "stay"
 *            everywhere / equals the expert's on |y| ≤ 2)
 *   extras   visitation: { horizon, offsets (−6…6), expert, bc, dagger: d_t(y) as number[H+1][13] } at `heatmapH`;
 *            horizons; tables: { bc, dagger, expert } (action per lane, at the largest H; 0 left, 1 stay, 2 right)
 */
import { makeRng } from '../../lib/rng';
import { logLogSlope } from '../../lib/stats';
import { visitationAt } from '../core/tabular';
import { runDagger } from '../algos/dagger';
import { laneGreedyTable, laneTask } from '../algos/laneTask';
import { DEFAULT_LEARNER } from '../algos/task';
import { LANE_OFFSETS, STAY, laneConstantTable, laneEvaluate, type LaneEncoding } from '../envs/lane';
import { laneExpertTable } from '../experts/lane';
import { laneHorizonInfo, type LaneHorizonResult } from './lane-horizon.params';
import { progressReporter } from './progress';
import { checkpoint, defineExperiment, type PartialResult, type Point } from './types';
import { powReal } from '../../lib/detmath';

/** `n` horizons from hMin to hMax, evenly spaced on a log scale and rounded to whole steps (duplicates dropped). */
export function horizonGrid(hMin: number, hMax: number, n: number): number[] {
  const [lo, hi] = hMin <= hMax ? [hMin, hMax] : [hMax, hMin];
  if (n <= 1 || lo === hi) return [lo];
  const grid = Array.from({ length: n }, (_, k) => Math.round(lo * powReal(hi / lo, k / (n - 1))));
  return [...new Set(grid)];
}

/** Whether a lane table equals the expert's on |y| ≤ 2 (the notes' test of DAgger's greedy table). */
function matchesExpertNearCentre(table: readonly number[]): boolean {
  const expert = laneExpertTable();
  return LANE_OFFSETS.every((y, s) => Math.abs(y) > 2 || table[s] === expert[s]);
}

/**
 * Leaves out undefined metrics (declared optional): a NaN would make the worker flag the run as diverged (e.g. at
 * ε = 0, where every J is 0 and no slope exists).
 */
function finiteOnly<M extends Record<string, number>>(metrics: M): M {
  return Object.fromEntries(Object.entries(metrics).filter(([, v]) => Number.isFinite(v))) as M;
}

function slopeOrNaN(points: readonly Point[]): number {
  if (points.length < 2 || points.some((p) => !(p.y > 0))) return NaN;
  return logLogSlope(
    points.map((p) => p.x),
    points.map((p) => p.y),
  );
}

/** The fraction of steps t = 1 … H spent off the centre lane, from the rows of d_t(y). */
function offCentreShare(rows: number[][]): number {
  const centre = LANE_OFFSETS.indexOf(0);
  let off = 0;
  for (let t = 1; t < rows.length; t++) off += 1 - rows[t][centre];
  return off / Math.max(1, rows.length - 1);
}

/** d_t(y) for t = 0 … H as rows of 13 numbers. */
function visitationRows(table: readonly number[], horizon: number, epsilon: number): number[][] {
  const evaluation = laneEvaluate(table, { horizon, epsilon });
  return Array.from({ length: horizon + 1 }, (_, t) => Array.from(visitationAt(evaluation, t)));
}

export const laneHorizonExperiment = defineExperiment(laneHorizonInfo, async (p, { seed, signal, onProgress }) => {
  const encoding: LaneEncoding = p.encoding;
  const trained = p.policies === 'trained';
  const horizons = horizonGrid(p.hMin, p.hMax, p.nHorizons);
  const report = progressReporter(onProgress);
  const root = makeRng(seed);

  const expertTable = laneExpertTable();
  const stayTable = laneConstantTable(STAY);
  const series: Record<'bc' | 'dagger' | 'expert' | 'theory/bc' | 'theory/dagger', Point[]> = {
    bc: [],
    dagger: [],
    expert: [],
    'theory/bc': [],
    'theory/dagger': [],
  };
  const learned = new Map<number, { bc: number[]; dagger: number[] }>();
  const partial = (): PartialResult<LaneHorizonResult> => ({
    metrics: {},
    series: Object.fromEntries(Object.entries(series).map(([k, v]) => [k, [...v]])),
  });

  /** BC and DAgger tables at horizon H: the limits, or what the MLP learns (BC = DAgger's round-0 fit). */
  const policiesAt = async (H: number, k: number): Promise<{ bc: number[]; dagger: number[] }> => {
    if (!trained) return { bc: stayTable, dagger: expertTable };
    const task = laneTask({ epsilon: p.epsilon, encoding });
    const result = await runDagger(
      task,
      {
        nDemos: p.nDemos,
        horizon: H,
        nRounds: p.rounds,
        rolloutsPerRound: p.rolloutsPerRound,
        learner: DEFAULT_LEARNER,
      },
      root.stream(`H/${H}`),
      { signal, onProgress: (ap) => report((k + ap.fraction) / horizons.length, `H = ${H}: ${ap.message}`, partial) },
    );
    const tables = {
      bc: laneGreedyTable(result.rounds[0].weights, encoding),
      dagger: laneGreedyTable(result.weights, encoding),
    };
    learned.set(H, tables);
    return tables;
  };

  for (const [k, H] of horizons.entries()) {
    await checkpoint(signal);
    const { bc, dagger } = await policiesAt(H, k);
    const J = (table: readonly number[]) => laneEvaluate(table, { horizon: H, epsilon: p.epsilon }).J;
    series.bc.push({ x: H, y: J(bc) });
    series.dagger.push({ x: H, y: J(dagger) });
    series.expert.push({ x: H, y: J(expertTable) });
    series['theory/bc'].push({ x: H, y: (p.epsilon * H * H) / 3 });
    series['theory/dagger'].push({ x: H, y: ((2 * p.epsilon) / 3) * H });
    report((k + 1) / horizons.length, `H = ${H}: done`, partial, k === 0);
  }

  // The heatmap: in trained mode, the policies learned at the grid horizon nearest to heatmapH.
  const nearest = horizons.reduce(
    (best, H) => (Math.abs(H - p.heatmapH) < Math.abs(best - p.heatmapH) ? H : best),
    horizons[0],
  );
  const heat = learned.get(nearest) ?? { bc: stayTable, dagger: expertTable };
  const lastH = horizons[horizons.length - 1];
  const last = (key: 'bc' | 'dagger' | 'expert') => series[key][series[key].length - 1].y;

  const visitation = {
    expert: visitationRows(expertTable, p.heatmapH, p.epsilon),
    bc: visitationRows(heat.bc, p.heatmapH, p.epsilon),
    dagger: visitationRows(heat.dagger, p.heatmapH, p.epsilon),
  };
  const metrics: LaneHorizonResult['metrics'] = finiteOnly({
    'offCentre/bc': offCentreShare(visitation.bc),
    'offCentre/dagger': offCentreShare(visitation.dagger),
    'offCentre/expert': offCentreShare(visitation.expert),
    'slope/bc': slopeOrNaN(series.bc),
    'slope/dagger': slopeOrNaN(series.dagger),
    'slope/expert': slopeOrNaN(series.expert),
    'ratio/bcOverDagger': last('dagger') > 0 ? last('bc') / last('dagger') : NaN,
    'cost/bc': last('bc'),
    'cost/dagger': last('dagger'),
    'cost/expert': last('expert'),
  });
  if (trained) {
    const tables = [...learned.values()];
    metrics['trained/bcIsStay'] = tables.filter((t) => t.bc.every((a) => a === STAY)).length / tables.length;
    metrics['trained/daggerIsExpert'] = tables.filter((t) => matchesExpertNearCentre(t.dagger)).length / tables.length;
  }
  const finalTables = learned.get(lastH) ?? { bc: stayTable, dagger: expertTable };
  const result: LaneHorizonResult = {
    metrics,
    series,
    extras: {
      horizons,
      visitation: {
        horizon: p.heatmapH,
        trainedAtHorizon: trained ? nearest : null,
        offsets: [...LANE_OFFSETS],
        ...visitation,
      },
      tables: {
        offsets: [...LANE_OFFSETS],
        bc: finalTables.bc,
        dagger: finalTables.dagger,
        expert: expertTable,
      },
    },
  };
  report(1, 'done', () => result, true);
  return result;
});
