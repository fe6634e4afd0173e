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
 * round, as DAgger's retraining does, so the three curves differ only in their data. BC's and DART's per-round
 * growth is written here with trainMlp (trainBc and runDart fit once, from scratch); with ε_D = 0 it is BC exactly
 * (same demonstrations, same streams), and BC's round 0 *is* DAgger's round 0 (the same fit, reused).
 *
 * Result
 *   series   cost/dagger, cost/bcEqualLabels, cost/dart: {x: round, y: exact J of that round's learner};
 *            cost/expert: {x: round, y: J of the expert under the same tremble} (flat);
 *            labels/dagger, labels/bcEqualLabels, labels/dart: {x: round, y: expert labels used so far} (equal by
 *            construction: the label budget);
 *            collection/dagger: {x: round, y: mean episode cost while collecting that round's data} (the demonstrator's
 *            in round 0, the β-mixture's after), collection/dart: the shaking demonstrator's mean episode cost
 *   metrics  cost/dagger, cost/bcEqualLabels, cost/dart (last round), cost/expert, ratio/bcOverDagger (omitted when
 *            DAgger's cost is 0), labels/perMethod (expert labels each method used in all),
 *            labels/daggerFromRollouts (DAgger's labels on the states its β-mixture rollouts visited),
 *            dagger/firstRoundAtExpert and dart/firstRoundAtExpert (first round within 5% of the expert's cost; omitted
 *            if none), collection/dagger (mean over rounds ≥ 1), collection/dart, dart/noise
 *   extras   offsets (−6 … 6), actionLabels, expertTable, expertCost, trainSteps, rounds: one DaggerLaneRound per
 *            round (dagger-lane.params.ts): β, labels used so far, labels per lane added in the round and held after
 *            it, the greedy action per lane (0 left, 1 stay, 2 right) and the exact cost, each keyed by method
 */
import { parseParams } from '../../lib/params';
import { makeRng, type Rng } from '../../lib/rng';
import { betaSchedule, runDagger, type BetaScheduleName } from '../algos/dagger';
import { laneGreedyTable, laneLearnerCost, laneTask } from '../algos/laneTask';
import { DEFAULT_LEARNER, learnerSpec, type ImitationTask, type LearnerConfig } from '../algos/task';
import {
  LANE_ACTION_LABELS,
  LANE_N_STATES,
  LANE_OFFSETS,
  laneEvaluate,
  laneOffsetFromObservation,
  laneStateIndex,
} from '../envs/lane';
import { laneExpertTable } from '../experts/lane';
import { trainMlp, type MlpWeights } from '../policies/mlp';
import { DAGGER_LANE_METHODS, daggerLaneInfo, type DaggerLaneRound } from './dagger-lane.params';
import { progressReporter } from './progress';
import { checkpoint, defineExperiment, type Point, type Result } from './types';

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
function finiteOnly(metrics: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(metrics).filter(([, v]) => Number.isFinite(v)));
}

/** The first round whose cost is within 5% of the expert's (the notes' test margin), or NaN. */
function firstRoundAt(points: readonly Point[], expertCost: number): number {
  const hit = points.find((p) => Math.abs(p.y - expertCost) <= 0.05 * expertCost + 1e-12);
  return hit ? hit.x : NaN;
}

interface GrowingRound {
  weights: MlpWeights;
  /** Rows of the data set held after this round, and where this round's new rows start. */
  dataSize: number;
  newFrom: number;
  x: Float32Array;
  /** The demonstrator's mean episode cost over the demonstrations so far. */
  demonstratorCost: number;
}

/**
 * BC (noise 0) or DART (noise ε_D) given `rolloutsPerRound` more demonstrations each round: round k trains on the
 * first nDemos + k·rolloutsPerRound demonstrations of the 'demos' stream (episode i is the same whatever the count,
 * so each round's data contain the previous round's), warm-started from round k − 1. Round 0 uses the streams of
 * trainBc / runDart / DAgger's first fit; `round0` hands in that fit when it has already been made.
 */
async function growingDemonstrations(
  task: ImitationTask,
  opts: { nDemos: number; perRound: number; nRounds: number; horizon: number; noise: number; round0?: MlpWeights },
  rng: Rng,
  onRound: (k: number, round: GrowingRound) => void,
  signal?: AbortSignal,
): Promise<GrowingRound[]> {
  const spec = learnerSpec(task, DAGGER_LANE_LEARNER);
  const rounds: GrowingRound[] = [];
  let weights: MlpWeights | undefined;
  for (let k = 0; k <= opts.nRounds; k++) {
    await checkpoint(signal);
    const data = task.demonstrate(opts.nDemos + k * opts.perRound, opts.horizon, rng.stream('demos'), opts.noise);
    if (k === 0 && opts.round0) weights = opts.round0;
    else {
      const trainRng = k === 0 ? rng.stream('train') : rng.stream(`grown/${k}/train`);
      weights = (await trainMlp(spec, data, DAGGER_LANE_LEARNER.train, trainRng, { signal, init: weights })).weights;
    }
    const newFrom = k === 0 ? 0 : rounds[k - 1].dataSize;
    const round = { weights, dataSize: data.n, newFrom, x: data.x, demonstratorCost: data.meanEpisodeCost ?? NaN };
    rounds.push(round);
    onRound(k, round);
  }
  return rounds;
}

// ---------------------------------------------------------------------------------------------------------------
// The experiment
// ---------------------------------------------------------------------------------------------------------------

export const daggerLaneExperiment = defineExperiment(daggerLaneInfo, async (raw, { seed, signal, onProgress }) => {
  const p = parseParams(daggerLaneInfo.params, raw).values;
  const { rounds: nRounds, rolloutsPerRound, epsilon, horizon, nDemos, noise } = p;
  const encoding = 'scalar' as const;
  const task = laneTask({ epsilon, encoding });
  const root = makeRng(seed);
  const report = progressReporter(onProgress);

  const expertTable = laneExpertTable();
  const expertCost = laneEvaluate(expertTable, { horizon, epsilon }).J;
  const costOf = (weights: MlpWeights) => laneLearnerCost(weights, { epsilon, encoding }, horizon);
  const labelsAfter = (k: number) => (nDemos + k * rolloutsPerRound) * horizon;

  const series: Record<string, Point[]> = {
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
  const partial = (): Result => ({
    metrics: {},
    series: Object.fromEntries(Object.entries(series).map(([k, v]) => [k, [...v]])),
  });
  // Progress in units of fits: DAgger nRounds + 1, BC nRounds (its round 0 is DAgger's), DART nRounds + 1.
  const totalFits = 3 * nRounds + 2;

  // 1. DAgger: demonstrations, then nRounds of roll out → label → aggregate → retrain.
  const dagger = await runDagger(
    task,
    {
      nDemos,
      horizon,
      nRounds,
      rolloutsPerRound,
      beta: betaSchedule(p.beta as BetaScheduleName, nRounds),
      warmStart: true,
      learner: DAGGER_LANE_LEARNER,
    },
    root,
    {
      signal,
      onProgress: (ap) => {
        const round = ap.metrics['dagger/round'];
        const cost = ap.metrics['eval/cost'];
        // One report per finished round ('round i/N done') carries eval/cost; the final 'done' repeats the last.
        if (cost !== undefined && ap.message !== 'done' && series['cost/dagger'].length === round)
          series['cost/dagger'].push({ x: round, y: cost });
        report((ap.fraction * (nRounds + 1)) / totalFits, `DAgger ${ap.message}`, partial);
      },
    },
  );
  series['cost/dagger'] = dagger.rounds.map((r) => ({ x: r.round, y: r.cost ?? costOf(r.weights) }));
  series['collection/dagger'] = dagger.rounds.map((r) => ({ x: r.round, y: r.collectionCost }));

  // 2. BC and DART, given the same number of expert labels each round.
  const grow = (noise: number, key: 'cost/bcEqualLabels' | 'cost/dart', fitsBefore: number, round0?: MlpWeights) =>
    growingDemonstrations(
      task,
      { nDemos, perRound: rolloutsPerRound, nRounds, horizon, noise, round0 },
      root,
      (k, round) => {
        series[key].push({ x: k, y: costOf(round.weights) });
        const fitsDone = fitsBefore + (round0 ? k : k + 1);
        report(fitsDone / totalFits, `${key === 'cost/dart' ? 'DART' : 'BC'}: round ${k}/${nRounds}`, partial);
      },
      signal,
    );
  const bc = await grow(0, 'cost/bcEqualLabels', nRounds + 1, dagger.rounds[0].weights);
  const dart = await grow(noise, 'cost/dart', 2 * nRounds + 1);
  series['collection/dart'] = dart.map((r, k) => ({ x: k, y: r.demonstratorCost }));

  // 3. The label budget, the expert's floor and the per-round records for the round stepper.
  for (let k = 0; k <= nRounds; k++) {
    for (const m of DAGGER_LANE_METHODS) series[`labels/${m}`].push({ x: k, y: labelsAfter(k) });
    series['cost/expert'].push({ x: k, y: expertCost });
  }
  const obsDim = task.obsDim;
  const daggerX = dagger.data.x;
  const rounds: DaggerLaneRound[] = dagger.rounds.map((r, k) => {
    const from = k === 0 ? 0 : dagger.rounds[k - 1].dataSize;
    const lanes = (g: GrowingRound[]) => ({
      fresh: countsPerLane(g[k].x, obsDim, g[k].newFrom, g[k].dataSize),
      all: countsPerLane(g[k].x, obsDim, 0, g[k].dataSize),
    });
    const bcLanes = lanes(bc);
    const dartLanes = lanes(dart);
    return {
      round: k,
      beta: r.beta,
      labels: { dagger: r.expertLabels, bcEqualLabels: bc[k].dataSize, dart: dart[k].dataSize },
      newLabels: {
        dagger: countsPerLane(daggerX, obsDim, from, r.dataSize),
        bcEqualLabels: bcLanes.fresh,
        dart: dartLanes.fresh,
      },
      data: { dagger: countsPerLane(daggerX, obsDim, 0, r.dataSize), bcEqualLabels: bcLanes.all, dart: dartLanes.all },
      tables: {
        dagger: laneGreedyTable(r.weights, encoding),
        bcEqualLabels: laneGreedyTable(bc[k].weights, encoding),
        dart: laneGreedyTable(dart[k].weights, encoding),
      },
      cost: {
        dagger: series['cost/dagger'][k].y,
        bcEqualLabels: series['cost/bcEqualLabels'][k].y,
        dart: series['cost/dart'][k].y,
      },
    };
  });

  const last = rounds[rounds.length - 1];
  const daggerCollection = series['collection/dagger'].slice(1).map((q) => q.y);
  const result: Result = {
    metrics: finiteOnly({
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
      'collection/dart': dart[dart.length - 1].demonstratorCost,
      'dart/noise': noise,
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
