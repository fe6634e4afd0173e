/**
 * `dagger-lane` — DAgger and interactive data collection on LaneKeep (SCIENCE.md "Chapter: DAgger"; SCIENCE-NOTES
 * §3(b) Toy 3A, sliders §3(c)). Three ways to spend the same number of expert labels, compared round by round:
 *   - dagger:        nDemos clean demonstrations (round 0), then each round the learner drives (with the expert taking
 *                    the wheel with probability β_i), the expert labels every state it visited, the data are
 *                    aggregated and the learner retrained (sims/algos/dagger.ts);
 *   - bcEqualLabels: behavior cloning on clean demonstrations, given as many labels as DAgger has used: each round adds
 *                    `rolloutsPerRound` demonstrations of H steps. The clean expert never leaves the centre lane, so
 *                    every new label is another (y = 0, stay): more of the same data;
 *   - dart:          the same, but the demonstrating expert's hand shakes (executed action uniformly random with
 *                    probability ε_D), so its demonstrations include recoveries; labels are its intended actions.
 * Every learner is deployed with the trembling hand ε and its cost is exact (the greedy network is read out as a
 * 13-entry table and its state distribution propagated; no sampling). The expert under the same tremble is the floor.
 *
 * Training budget: every fit is TRAIN_STEPS Adam steps, and every method retrains warm-started from its previous
 * round, as DAgger's retraining does, so the three curves differ only in their data. BC given as many labels is DART's
 * loop with a steady hand (runDart with ε_D = 0: the same demonstrations and streams as trainBc, so it *is* BC given
 * more demonstrations each round); its round 0 is also DAgger's round 0, which runDagger receives instead of fitting
 * it again (`initialLearner`). Each method is one call to its algorithm in sims/algos/.
 *
 * Result
 *   series   cost/dagger, cost/bcEqualLabels, cost/dart: {x: round, y: exact J of that round's learner};
 *            cost/expert: {x: round, y: J of the expert under the same tremble} (flat);
 *            labels/dagger, labels/bcEqualLabels, labels/dart: {x: round, y: expert labels used so far} (equal by
 *            construction: the label budget);
 *            collection/dagger: {x: round, y: mean episode cost while collecting that round's data} (the demonstrator's
 *            in round 0, the β-mixture's after), collection/dart: the shaking demonstrator's mean episode cost while
 *            demonstrating that round's data
 *   metrics  cost/dagger, cost/bcEqualLabels, cost/dart (last round), cost/expert, ratio/bcOverDagger (omitted when
 *            DAgger's cost is 0), labels/perMethod (expert labels each method used in all),
 *            labels/daggerFromRollouts (DAgger's labels on the states its β-mixture rollouts visited),
 *            dagger/firstRoundAtExpert and dart/firstRoundAtExpert (first round within 5% of the expert's cost; omitted
 *            if none), collection/dagger (mean over rounds ≥ 1; omitted with no rounds), collection/dart (sampled:
 *            the mean over all of DART's demonstrations), dart/demonstratorCost (exact: the expected cost of the
 *            expert whose hand shakes at ε_D, over H steps — what collection/dart estimates; 8.83 at the defaults,
 *            above (2ε_D/3)·H = 8 because a shaken expert is sometimes pushed twice before it recovers), dart/noise,
 *            dart/offCentreLabels/round0 (DART's round-0 demonstration labels in a lane y ≠ 0: its recovery data before
 *            any learner drives; 139 of 800 at the defaults, 1 at ε_D = 0.01), dagger/offCentreLabels/round1 (labels
 *            in a lane y ≠ 0 among the states DAgger's first rollouts visited: 184 of 800 at the defaults; omitted
 *            with no rounds), dagger/offCentreLabels/laterMean (the same count per round, averaged over rounds 2 …
 *            N, once the learner drives like the expert: ≈ 10 at the defaults; omitted with fewer than 2 rounds)
 *   extras   DaggerLaneExtras (dagger-lane.params.ts): offsets (−6 … 6), actionLabels, expertTable, expertCost,
 *            trainSteps, rounds: one DaggerLaneRound per round: β, labels used so far, labels per lane added in the
 *            round and held after it, the greedy action per lane (0 left, 1 stay, 2 right) and the exact cost, each
 *            keyed by method
 */
import { makeRng } from '../../lib/rng';
import { betaSchedule, runDagger } from '../algos/dagger';
import { runDart, type DartConfig } from '../algos/dart';
import { laneGreedyTable, laneTask } from '../algos/laneTask';
import { DEFAULT_LEARNER, type LearnerConfig } from '../algos/task';
import {
  LANE_ACTION_LABELS,
  LANE_N_STATES,
  LANE_OFFSETS,
  laneEvaluate,
  laneOffsetFromObservation,
  laneStateIndex,
} from '../envs/lane';
import { laneExpertTable } from '../experts/lane';
import type { MlpWeights } from '../policies/mlp';
import {
  DAGGER_LANE_METHODS,
  daggerLaneInfo,
  type DaggerLaneMethod,
  type DaggerLaneResult,
  type DaggerLaneRound,
} from './dagger-lane.params';
import { progressReporter } from './progress';
import { defineExperiment, type PartialResult, type Point } from './types';

// ---------------------------------------------------------------------------------------------------------------
// The learner and its training budget
// ---------------------------------------------------------------------------------------------------------------

/** Adam steps per fit (the first and every warm-started retraining, for every method). */
export const TRAIN_STEPS = 40;

/**
 * Toy 2A's network (y/6 → 32 tanh → 3 logits), trained for a browser budget: 17 fits of 40 steps at the default
 * settings. The learning rate is 0.1 instead of the default 0.02 so that a short warm-started retraining can move a
 * network that fit "stay" with near-certainty; at 0.02 DAgger needs several more steps per round to use round 1's
 * recovery labels, and the per-round curve would show the optimiser's lag rather than what the data allow.
 */
export const DAGGER_LANE_LEARNER: LearnerConfig = {
  ...DEFAULT_LEARNER,
  train: { ...DEFAULT_LEARNER.train, steps: TRAIN_STEPS, learningRate: 0.1 },
};

// ---------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------

/** Labels per lane among rows [from, to) of a lane data set (observations of the scalar encoding). */
function countsPerLane(x: Float32Array, obsDim: number, from: number, to: number): number[] {
  const counts = new Array<number>(LANE_N_STATES).fill(0);
  for (let i = from; i < to; i++)
    counts[laneStateIndex(laneOffsetFromObservation(x.subarray(i * obsDim, (i + 1) * obsDim)))]++;
  return counts;
}

/** Keeps only finite metrics: a NaN would make the worker flag the run as diverged. */
function finiteOnly<M extends Record<string, number>>(metrics: M): M {
  return Object.fromEntries(Object.entries(metrics).filter(([, v]) => Number.isFinite(v))) as M;
}

/** The first round whose cost is within 5% of the expert's (the notes' test margin), or NaN. */
function firstRoundAt(points: readonly Point[], expertCost: number): number {
  const hit = points.find((p) => Math.abs(p.y - expertCost) <= 0.05 * expertCost + 1e-12);
  return hit ? hit.x : NaN;
}

/** What the round records need of any of the three runs: its learners, and where each round's rows end in D. */
interface MethodRun {
  data: { x: Float32Array };
  rounds: readonly { weights: MlpWeights; dataSize: number; cost?: number }[];
}

// ---------------------------------------------------------------------------------------------------------------
// The experiment
// ---------------------------------------------------------------------------------------------------------------

export const daggerLaneExperiment = defineExperiment(daggerLaneInfo, async (p, { seed, signal, onProgress }) => {
  const { rounds: nRounds, rolloutsPerRound, epsilon, horizon, nDemos, noise } = p;
  const encoding = 'scalar' as const;
  const task = laneTask({ epsilon, encoding });
  const root = makeRng(seed);
  const report = progressReporter<DaggerLaneResult>(onProgress);

  const expertTable = laneExpertTable();
  const expertCost = laneEvaluate(expertTable, { horizon, epsilon }).J;
  const labelsAfter = (k: number) => (nDemos + k * rolloutsPerRound) * horizon;

  const series: DaggerLaneResult['series'] = {
    'cost/dagger': [],
    'cost/bcEqualLabels': [],
    'cost/dart': [],
    'cost/expert': [],
    'labels/dagger': [],
    'labels/bcEqualLabels': [],
    'labels/dart': [],
    'collection/dagger': [],
    'collection/dart': [],
  };
  const partial = (): PartialResult<DaggerLaneResult> => ({
    metrics: {},
    series: Object.fromEntries(Object.entries(series).map(([k, v]) => [k, [...v]])),
  });
  // Progress in units of fits: BC nRounds + 1, DAgger nRounds (its round 0 is BC's), DART nRounds + 1.
  const totalFits = 3 * nRounds + 2;
  /** Options for one method's run: its abort signal, its share of the progress bar, its cost curve as it grows. */
  const tracked = (method: DaggerLaneMethod, label: string, fitsBefore: number, skipsFirstFit = false) => ({
    signal,
    onProgress: (ap: { fraction: number; message: string }) => {
      const fits = Math.max(0, ap.fraction * (nRounds + 1) - (skipsFirstFit ? 1 : 0));
      report((fitsBefore + fits) / totalFits, `${label}: ${ap.message}`, partial);
    },
    onRound: (r: { round: number; cost?: number }) => series[`cost/${method}`].push({ x: r.round, y: r.cost! }),
  });

  // 1. BC given as many expert labels: nDemos clean demonstrations, then `rolloutsPerRound` more each round,
  //    aggregated and retrained warm — DART's loop with ε_D = 0, which is BC (same demonstrations, same streams).
  //    The clean expert never leaves the centre lane, so every new label is another (y = 0, stay).
  const demonstrationRounds: Partial<DartConfig> = {
    nDemos,
    horizon,
    nRounds,
    demosPerRound: rolloutsPerRound,
    warmStart: true,
    learner: DAGGER_LANE_LEARNER,
  };
  const bc = await runDart(task, { ...demonstrationRounds, noise: 0 }, root, tracked('bcEqualLabels', 'BC', 0));

  // 2. DAgger: the same demonstrations and first learner (BC's), then nRounds of roll out → label → aggregate →
  //    retrain.
  const dagger = await runDagger(
    task,
    {
      nDemos,
      horizon,
      nRounds,
      rolloutsPerRound,
      beta: betaSchedule(p.beta, nRounds),
      warmStart: true,
      learner: DAGGER_LANE_LEARNER,
      initialLearner: bc.rounds[0].weights,
    },
    root,
    tracked('dagger', 'DAgger', nRounds + 1, true),
  );

  // 3. DART: the same rounds of demonstrations, with the demonstrator's hand shaking at ε_D.
  const dart = await runDart(task, { ...demonstrationRounds, noise }, root, tracked('dart', 'DART', 2 * nRounds + 1));

  // 4. The curves, the label budget, the expert's floor and the per-round records for the round stepper.
  const runs: Record<DaggerLaneMethod, MethodRun> = { dagger, bcEqualLabels: bc, dart };
  for (const m of DAGGER_LANE_METHODS) series[`cost/${m}`] = runs[m].rounds.map((r, k) => ({ x: k, y: r.cost! }));
  series['collection/dagger'] = dagger.rounds.map((r) => ({ x: r.round, y: r.collectionCost }));
  series['collection/dart'] = dart.rounds.map((r) => ({ x: r.round, y: r.collectionCost }));
  for (let k = 0; k <= nRounds; k++) {
    for (const m of DAGGER_LANE_METHODS) series[`labels/${m}`].push({ x: k, y: labelsAfter(k) });
    series['cost/expert'].push({ x: k, y: expertCost });
  }
  const obsDim = task.obsDim;
  const perMethod = <T>(f: (run: MethodRun) => T) =>
    Object.fromEntries(DAGGER_LANE_METHODS.map((m) => [m, f(runs[m])])) as Record<DaggerLaneMethod, T>;
  const rounds: DaggerLaneRound[] = dagger.rounds.map((r, k) => {
    const from = (run: MethodRun) => (k === 0 ? 0 : run.rounds[k - 1].dataSize);
    return {
      round: k,
      beta: r.beta,
      labels: perMethod((run) => run.rounds[k].dataSize),
      newLabels: perMethod((run) => countsPerLane(run.data.x, obsDim, from(run), run.rounds[k].dataSize)),
      data: perMethod((run) => countsPerLane(run.data.x, obsDim, 0, run.rounds[k].dataSize)),
      tables: perMethod((run) => laneGreedyTable(run.rounds[k].weights, encoding)),
      cost: perMethod((run) => run.rounds[k].cost!),
    };
  });

  const last = rounds[rounds.length - 1];
  /** Labels in lanes y ≠ 0 among the counts per lane. */
  const offCentre = (counts: readonly number[]) => counts.reduce((sum, c, s) => sum + (LANE_OFFSETS[s] !== 0 ? c : 0), 0);
  const daggerLater = rounds.slice(2).map((r) => offCentre(r.newLabels.dagger));
  const daggerCollection = series['collection/dagger'].slice(1).map((q) => q.y);
  const result: DaggerLaneResult = {
    metrics: finiteOnly<DaggerLaneResult['metrics']>({
      'cost/dagger': last.cost.dagger,
      'cost/bcEqualLabels': last.cost.bcEqualLabels,
      'cost/dart': last.cost.dart,
      'cost/expert': expertCost,
      'ratio/bcOverDagger': last.cost.dagger > 0 ? last.cost.bcEqualLabels / last.cost.dagger : NaN,
      'labels/perMethod': labelsAfter(nRounds),
      'labels/daggerFromRollouts': labelsAfter(nRounds) - nDemos * horizon,
      'dagger/firstRoundAtExpert': firstRoundAt(series['cost/dagger'], expertCost),
      'dart/firstRoundAtExpert': firstRoundAt(series['cost/dart'], expertCost),
      'collection/dagger': daggerCollection.length
        ? daggerCollection.reduce((a, b) => a + b, 0) / daggerCollection.length
        : NaN,
      'collection/dart': dart.metrics['cost/demonstrator'],
      'dart/demonstratorCost': laneEvaluate(expertTable, { horizon, epsilon: noise }).J,
      'dart/noise': noise,
      'dart/offCentreLabels/round0': offCentre(rounds[0].newLabels.dart),
      'dagger/offCentreLabels/round1': nRounds >= 1 ? offCentre(rounds[1].newLabels.dagger) : NaN,
      'dagger/offCentreLabels/laterMean': daggerLater.length
        ? daggerLater.reduce((a, b) => a + b, 0) / daggerLater.length
        : NaN,
    }),
    series,
    extras: {
      offsets: [...LANE_OFFSETS],
      actionLabels: [...LANE_ACTION_LABELS],
      expertTable,
      expertCost,
      trainSteps: TRAIN_STEPS,
      rounds,
    },
  };
  report(1, 'done', () => result, true);
  return result;
});
