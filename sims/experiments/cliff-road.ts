/**
 * `cliff-road` — imitating actions vs imitating cost-to-go, and a recoverability switch (SCIENCE-NOTES-ch7 §7(b)
 * Toy 7D; SCIENCE.md "Chapter: Beyond behavior cloning"). Everything is EXACT (dynamic programming over state
 * distributions, sims/algos/aggrevate.ts); the seed is not used.
 *
 * Panel A, cliff road (sims/envs/cliffRoad.ts): the racer or the careful expert; a learner with one action per
 * observation (full or coarse sensor); BC, DAgger, AggreVaTe, API and the best policy of the class, exhaustively.
 * Panel B, LaneKeep with tremble ε as a road (recoverable) or a bridge (every lane but the centre is a fall): the
 * exact cost of BC ("stay", what clean demonstrations teach) and of the fixed point of the on-policy families — DAgger
 * (on-policy Q-moments, queryable expert) and GAIL (reward moments, simulator) both converge to the expert's table
 * executed under the learner's tremble (Toys 3A, 3C) — over H ∈ {10, 20, 40, 80}. The clean expert costs 0, so the
 * cost is the regret.
 *
 * Result
 *   metrics  J/expert, J/bc, J/dagger, J/aggrevate, J/api (the `report`ed iterate), J/bestInClass, epsClass
 *            (AggreVaTe's ε_class per step), ratio/aggrevateOverExpert, labels/dagger (expert actions queried: one per
 *            step of one roll-in per iteration, iterations·H), labels/aggrevate (expert steps in the roll-outs this
 *            exact version uses: from every step t and action of one roll-in per iteration, iterations·3·H(H+1)/2),
 *            slope/bc, slope/onPolicy (log-log slope of panel B's regret over H 10–40), regret/bc, regret/onPolicy
 *            (panel B at H = 80)
 *   series   iter/dagger, iter/aggrevate, iter/api: {x: iteration 1 … I, y: exact J}; iter/expert, iter/bestInClass
 *            flat; regret/bc, regret/onPolicy: {x: H, y: regret} for the chosen panel
 *   extras   CliffRoadExtras (cliff-road.params.ts)
 */
import { logLogSlope } from '../../lib/stats';
import { deterministicPolicy, evaluatePolicy } from '../core/tabular';
import {
  behaviorCloneExact,
  bestInClass,
  evaluateActions,
  runInteractiveExact,
  stateActions,
  type CostToGoConfig,
  type Iterate,
} from '../algos/aggrevate';
import {
  CLIFF_N_ACTIONS,
  CLIFF_N_STATES,
  CLIFF_OBSERVATION,
  FALLEN,
  KEEP_LANE,
  cliffRoadModel,
} from '../envs/cliffRoad';
import { STAY, laneBridgeModel, laneConstantTable, laneModel } from '../envs/lane';
import { cliffExpertTable } from '../experts/cliffRoad';
import { laneExpertTable } from '../experts/lane';
import { CLIFF_METHODS, cliffRoadInfo, type CliffMethod, type CliffRoadResult } from './cliff-road.params';
import { progressReporter } from './progress';
import { checkpoint, defineExperiment, type Point } from './types';

/** Panel B's horizons (the notes' table). The slope is fitted over the first three. */
export const PANEL_B_HORIZONS = [10, 20, 40, 80];

/** Time-averaged occupancy of (fallen, lanes 1 … 4) over t = 0 … H − 1. */
function occupancy(visitation: Float64Array, horizon: number): number[] {
  const out = new Array<number>(CLIFF_N_STATES).fill(0);
  for (let t = 0; t < horizon; t++)
    for (let s = 0; s < CLIFF_N_STATES; s++) out[s] += visitation[t * CLIFF_N_STATES + s] / horizon;
  return out;
}

export const cliffRoadExperiment = defineExperiment(cliffRoadInfo, async (p, { signal, onProgress }) => {
  const report = progressReporter<CliffRoadResult>(onProgress);
  const { horizon, iterations } = p;

  // ---- Panel A: the cliff road --------------------------------------------------------------------------------
  const model = cliffRoadModel(p.gust);
  const expert = cliffExpertTable(p.expert, p.gust, horizon);
  const observation = CLIFF_OBSERVATION[p.sensor];
  const cfg: CostToGoConfig = {
    model,
    expert,
    observation,
    horizon,
    iterations,
    defaultAction: KEEP_LANE,
    ignoredObservations: [observation[FALLEN]],
  };
  const expertEval = evaluateActions(model, expert, horizon);
  const bc = behaviorCloneExact(cfg);
  const dagger = runInteractiveExact('dagger', cfg);
  const aggrevate = runInteractiveExact('aggrevate', cfg);
  const api = runInteractiveExact('api', cfg);
  const best = bestInClass(cfg);
  await checkpoint(signal);

  const pick = (run: { best: Iterate; last: Iterate }) => (p.report === 'best' ? run.best : run.last);
  const reported: Record<CliffMethod, Iterate> = {
    bc,
    dagger: pick(dagger),
    aggrevate: pick(aggrevate),
    api: pick(api),
    bestInClass: best,
  };
  const iterSeries = (iterates: Iterate[]): Point[] => iterates.map((it, i) => ({ x: i + 1, y: it.J }));
  const flat = (y: number): Point[] => Array.from({ length: iterations }, (_, i) => ({ x: i + 1, y }));

  // ---- Panel B: recoverability switch on LaneKeep -------------------------------------------------------------
  const laneWorld = p.panel === 'bridge' ? laneBridgeModel(p.epsilon) : laneModel(p.epsilon);
  const regretOf = (table: number[], H: number) =>
    evaluatePolicy(laneWorld, deterministicPolicy(table, laneWorld.nActions), H).J;
  const stay = laneConstantTable(STAY);
  const expertLane = laneExpertTable();
  const regretBc: Point[] = PANEL_B_HORIZONS.map((H) => ({ x: H, y: regretOf(stay, H) }));
  const regretOn: Point[] = PANEL_B_HORIZONS.map((H) => ({ x: H, y: regretOf(expertLane, H) }));
  const slope = (pts: Point[]) =>
    logLogSlope(
      pts.slice(0, 3).map((q) => q.x),
      pts.slice(0, 3).map((q) => q.y),
    );

  const observations = p.sensor === 'full' ? ['lane 1', 'lane 2', 'lane 3', 'lane 4'] : ['edge (1–2)', 'inner (3–4)'];
  const learned = (policy: number[]) => policy.slice(1); // observation 0 is the fallen car
  const occupancyOf = (policy: number[]) =>
    occupancy(evaluateActions(model, stateActions(policy, observation), horizon).visitation, horizon);
  const whichIteration = (run: { iterates: Iterate[]; best: Iterate }) =>
    p.report === 'best' ? run.iterates.indexOf(run.best) + 1 : run.iterates.length;

  const result: CliffRoadResult = {
    metrics: {
      'J/expert': expertEval.J,
      'J/bc': reported.bc.J,
      'J/dagger': reported.dagger.J,
      'J/aggrevate': reported.aggrevate.J,
      'J/api': reported.api.J,
      'J/bestInClass': best.J,
      epsClass: aggrevate.epsClass,
      'ratio/aggrevateOverExpert': reported.aggrevate.J / expertEval.J,
      'labels/dagger': iterations * horizon,
      'labels/aggrevate': (iterations * CLIFF_N_ACTIONS * horizon * (horizon + 1)) / 2,
      'slope/bc': slope(regretBc),
      'slope/onPolicy': slope(regretOn),
      'regret/bc': regretBc[regretBc.length - 1].y,
      'regret/onPolicy': regretOn[regretOn.length - 1].y,
    },
    series: {
      'iter/dagger': iterSeries(dagger.iterates),
      'iter/aggrevate': iterSeries(aggrevate.iterates),
      'iter/api': iterSeries(api.iterates),
      'iter/expert': flat(expertEval.J),
      'iter/bestInClass': flat(best.J),
      'regret/bc': regretBc,
      'regret/onPolicy': regretOn,
    },
    extras: {
      observations,
      policies: Object.fromEntries(CLIFF_METHODS.map((m) => [m, learned(reported[m].policy)])) as Record<
        CliffMethod,
        number[]
      >,
      expertFirstStep: expert[0].slice(1),
      reportedIteration: {
        dagger: whichIteration(dagger),
        aggrevate: whichIteration(aggrevate),
        api: whichIteration(api),
      },
      occupancy: {
        expert: occupancy(expertEval.visitation, horizon),
        ...(Object.fromEntries(CLIFF_METHODS.map((m) => [m, occupancyOf(reported[m].policy)])) as Record<
          CliffMethod,
          number[]
        >),
      },
      horizonsB: [...PANEL_B_HORIZONS],
    },
  };
  report(1, 'done', () => result, true);
  return result;
});
