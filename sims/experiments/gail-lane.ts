/**
 * `gail-lane` — tabular GAIL on LaneKeep (SCIENCE.md "Additions to chapters 2–4"; SCIENCE-NOTES §3(b) Toy 3C, §3.7).
 * Occupancy matching with environment rollouts and no expert queries, run twice from the same random initial policy:
 *   - pessimistic:   the optimal discriminator D_E = ρ_E/(ρ_E + ρ_π + δ); pairs off both supports score 0;
 *   - uninformative: D_E = (ρ_E + δ)/(ρ_E + ρ_π + 2δ); pairs nobody visits score ½ (the pitfall).
 * The expert's occupancy comes from clean demonstrations, ρ_E(y = 0, stay) = 1; the learner's is computed exactly under
 * its trembling hand ε (it stands in for rollouts in a simulator); the RL step is soft value iteration
 * (sims/algos/gail.ts). Every iteration's greedy policy is evaluated exactly under the tremble; the task's cost is used
 * only for this evaluation, never by GAIL.
 *
 * Seeds: the only randomness is the initial policy, softmax of standard-normal logits per lane (as a randomly
 * initialised network would be). The pessimistic run ends at the expert's table from every initial policy tried; the
 * uninformative one does not settle: it cycles between the expert's table and tables that steer away from the
 * centre, so its cost at any one iteration depends on the phase of the cycle. The metrics therefore also report the
 * worst and the mean over the last third of the iterations.
 *
 * Result
 *   series   cost/pessimistic, cost/uninformative: {x: iteration (0 = the initial policy), y: exact J of the greedy
 *            policy}; cost/expert (the expert under the same tremble) and cost/bc (BC's “stay” table), flat
 *   metrics  cost/pessimistic, cost/uninformative (last iteration), cost/expert, cost/bc,
 *            regret/pessimistic, regret/uninformative (J − the trembling expert's J, last iteration),
 *            pessimistic/matchesExpert (1 if the final greedy table is the expert's in every lane),
 *            pessimistic/firstIterationAtExpert (first iteration within 5% of the expert's cost; omitted if none),
 *            late/pessimistic/max, late/uninformative/max, late/uninformative/min, late/uninformative/mean: the greedy
 *            cost's maximum, minimum and mean over the last third of the iterations
 *   extras   GailLaneExtras (gail-lane.params.ts): tables, visitation per lane, last-iteration reward per action
 */
import { makeRng } from '../../lib/rng';
import { DEFAULT_GAIL, greedyTable, randomStochasticPolicy, runTabularGail, type GailIteration } from '../algos/gail';
import { LANE_N_ACTIONS, LANE_N_STATES, LANE_OFFSETS, STAY, laneConstantTable, laneEvaluate, laneModel } from '../envs/lane';
import { laneExpertTable } from '../experts/lane';
import { GAIL_PRIORS, gailLaneInfo, type GailLaneExtras, type GailLaneResult, type GailPriorKey } from './gail-lane.params';
import { progressReporter } from './progress';
import { defineExperiment, type PartialResult } from './types';

/** Time-averaged visitation per lane over t = 1 … H (where the car is after each step). */
function visitationPerLane(table: number[], horizon: number, epsilon: number): number[] {
  const { visitation } = laneEvaluate(table, { horizon, epsilon });
  const out = new Array<number>(LANE_N_STATES).fill(0);
  for (let t = 1; t <= horizon; t++)
    for (let s = 0; s < LANE_N_STATES; s++) out[s] += visitation[t * LANE_N_STATES + s] / horizon;
  return out;
}

/** reward[a][s] from a flat s × a array. */
function perAction(flat: Float64Array): number[][] {
  return Array.from({ length: LANE_N_ACTIONS }, (_, a) =>
    Array.from({ length: LANE_N_STATES }, (_, s) => flat[s * LANE_N_ACTIONS + a]),
  );
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export const gailLaneExperiment = defineExperiment(gailLaneInfo, async (p, { seed, signal, onProgress }) => {
  const { epsilon, horizon, iterations, temperature } = p;
  const report = progressReporter<GailLaneResult>(onProgress);
  const costOf = (table: number[]) => laneEvaluate(table, { horizon, epsilon }).J;

  // The expert's occupancy, from clean demonstrations: it never leaves (y = 0, stay).
  const expertTable = laneExpertTable();
  const expertOccupancy = laneEvaluate(expertTable, { horizon, epsilon: 0 }).occupancy;
  const expertCost = costOf(expertTable);
  const bcCost = costOf(laneConstantTable(STAY));

  // The learner is rolled out with its trembling hand: the dynamics GAIL's rollouts see.
  const model = laneModel(epsilon);
  const initial = randomStochasticPolicy(LANE_N_STATES, LANE_N_ACTIONS, makeRng(seed).stream('gail/init'));

  const series: GailLaneResult['series'] = {
    'cost/pessimistic': [{ x: 0, y: costOf(greedyTable(initial)) }],
    'cost/uninformative': [{ x: 0, y: costOf(greedyTable(initial)) }],
    'cost/expert': [],
    'cost/bc': [],
  };
  const partial = (): PartialResult<GailLaneResult> => ({
    metrics: {},
    series: Object.fromEntries(Object.entries(series).map(([k, v]) => [k, [...v]])),
  });

  const last: Partial<Record<GailPriorKey, GailIteration>> = {};
  for (const [i, prior] of GAIL_PRIORS.entries()) {
    const key = `cost/${prior}` as const;
    const run = await runTabularGail(
      model,
      expertOccupancy,
      initial,
      { ...DEFAULT_GAIL, horizon, iterations, temperature, prior },
      {
        signal,
        onIteration: (record) => {
          series[key].push({ x: record.iteration, y: costOf(greedyTable(record.policy)) });
          report((i + record.iteration / iterations) / GAIL_PRIORS.length, `${prior} discriminator: iteration ${record.iteration}/${iterations}`, partial);
        },
      },
    );
    last[prior] = run.iterations[run.iterations.length - 1];
  }
  for (let k = 0; k <= iterations; k++) {
    series['cost/expert'].push({ x: k, y: expertCost });
    series['cost/bc'].push({ x: k, y: bcCost });
  }

  const tables = {
    pessimistic: greedyTable(last.pessimistic!.policy),
    uninformative: greedyTable(last.uninformative!.policy),
  };
  const lateFrom = iterations - Math.max(1, Math.floor(iterations / 3)) + 1;
  const late = (prior: GailPriorKey) => series[`cost/${prior}`].filter((p) => p.x >= lateFrom).map((p) => p.y);
  const final = (prior: GailPriorKey) => series[`cost/${prior}`][iterations].y;
  const firstAtExpert = series['cost/pessimistic'].find((p) => p.x > 0 && Math.abs(p.y - expertCost) <= 0.05 * expertCost);

  const extras: GailLaneExtras = {
    offsets: [...LANE_OFFSETS],
    expertTable,
    tables,
    visitation: {
      expert: visitationPerLane(expertTable, horizon, epsilon),
      bc: visitationPerLane(laneConstantTable(STAY), horizon, epsilon),
      pessimistic: visitationPerLane(tables.pessimistic, horizon, epsilon),
      uninformative: visitationPerLane(tables.uninformative, horizon, epsilon),
    },
    reward: { pessimistic: perAction(last.pessimistic!.reward), uninformative: perAction(last.uninformative!.reward) },
  };
  const result: GailLaneResult = {
    metrics: {
      'cost/pessimistic': final('pessimistic'),
      'cost/uninformative': final('uninformative'),
      'cost/expert': expertCost,
      'cost/bc': bcCost,
      'regret/pessimistic': final('pessimistic') - expertCost,
      'regret/uninformative': final('uninformative') - expertCost,
      'pessimistic/matchesExpert': tables.pessimistic.every((a, s) => a === expertTable[s]) ? 1 : 0,
      ...(firstAtExpert ? { 'pessimistic/firstIterationAtExpert': firstAtExpert.x } : {}),
      'late/pessimistic/max': Math.max(...late('pessimistic')),
      'late/uninformative/max': Math.max(...late('uninformative')),
      'late/uninformative/min': Math.min(...late('uninformative')),
      'late/uninformative/mean': mean(late('uninformative')),
    },
    series,
    extras,
  };
  report(1, 'done', () => result, true);
  return result;
});
