/**
 * `bc-lane` — behavior cloning on LaneKeep (SCIENCE.md "Chapter: Behavior cloning"; SCIENCE-NOTES §2(b) Toy 2A).
 * The expert −sign(y) demonstrates without trembling, so every demonstration is "stay in the centre lane"; the MLP
 * (y/6 or one-hot → 32 tanh → 3 logits, log-loss, Adam) fits those pairs perfectly, and is then deployed with a
 * trembling hand ε. The first tremble pushes it off the centre, into lanes it has never seen, and it stays there.
 * Costs are exact (the greedy network is read out as a 13-entry table and its state distribution propagated).
 *
 * Result
 *   series   loss/train: {x: optimiser step, y: minibatch log-loss};
 *            visitation/expert, visitation/bc: {x: lane y, y: fraction of the H steps spent in lane y} (exact, deployed)
 *   metrics  accuracy/demoStates (greedy network = expert on the demonstration pairs), cost/bc, cost/expert (exact J
 *            under the tremble ε), ratio/bcOverExpert (omitted when the expert's cost is 0), loss/final, data/size,
 *            demo/distinctStates, animation/episode; animation/firstPush (the step t at which the animated BC car
 *            first leaves the centre lane) and animation/nextMove (the step of its next change of lane), each omitted
 *            when the episode has no such step
 *   trajectories  expert, bc: the lane y at t = 0 … H, dims [H + 1, 1], one sampled episode with the same tremble
 *            stream for both cars: the first episode of the seed in which a tremble pushes the car off the centre
 *            (without one, both cars sit still and the animation shows nothing)
 *   extras   offsets (−6…6), actionLabels, actionProbs (number[13][3], softmax of the network per lane), bcTable and
 *            expertTable (greedy action per lane), demoCounts (demonstration pairs per lane), inDemos (boolean[13]),
 *            animation: { episode, reason }
 */
import { makeRng, type Rng } from '../../lib/rng';
import { rollout } from '../core/rollout';
import type { Trajectory as EnvTrajectory } from '../core/trajectory';
import { trainBc, trainBcSeeds, type BcResult } from '../algos/bc';
import { laneActionProbs, laneGreedyTable, laneTask } from '../algos/laneTask';
import { DEFAULT_LEARNER, greedyPolicy, labelAccuracy, type ImitationTask } from '../algos/task';
import {
  LANE_ACTION_LABELS,
  LANE_N_STATES,
  LANE_OFFSETS,
  laneEnv,
  laneEvaluate,
  laneOffsetFromObservation,
  laneStateIndex,
  type LaneEncoding,
  type LaneState,
} from '../envs/lane';
import { laneExpertPolicy, laneExpertTable } from '../experts/lane';
import { bcLaneInfo, type BcLaneResult } from './bc-lane.params';
import { progressReporter } from './progress';
import type { ParamValues } from '../../lib/params';
import {
  defineExperiment,
  throwIfAborted,
  type PartialResult,
  type Point,
  type RunContext,
  type SeedsContext,
  type Trajectory,
} from './types';

/** How many of the seed's episodes the animation looks through for one in which the car is pushed off centre. */
const ANIMATION_SEARCH = 64;

/** Fraction of the steps t = 1 … H spent in each lane, from the exact visitation d_t. */
function timeInLane(table: readonly number[], horizon: number, epsilon: number): Point[] {
  const { visitation } = laneEvaluate(table, { horizon, epsilon });
  return LANE_OFFSETS.map((y, s) => {
    let total = 0;
    for (let t = 1; t <= horizon; t++) total += visitation[t * LANE_N_STATES + s];
    return { x: y, y: horizon > 0 ? total / horizon : 0 };
  });
}

function laneFrames(traj: EnvTrajectory<LaneState>): Trajectory {
  const states = traj.states ?? [];
  return { data: Float32Array.from(states, (s) => s.y), dims: [states.length, 1], labels: ['y (lanes)'] };
}

type BcLaneParams = ParamValues<typeof bcLaneInfo.params>;

/** The task and the BC configuration of a parameter set (shared by one seed's run and a band of seeds). */
function bcLaneSetup(p: BcLaneParams) {
  const task = laneTask({ epsilon: p.epsilon, encoding: p.encoding });
  const learner = { ...DEFAULT_LEARNER, train: { ...DEFAULT_LEARNER.train, steps: p.trainSteps } };
  return { task, config: { nDemos: p.nDemos, horizon: p.horizon, learner } };
}

/** One seed: BC trained on clean demonstrations, then evaluated and animated under the tremble. */
async function runBcLane(p: BcLaneParams, { seed, signal, onProgress }: RunContext<BcLaneResult>): Promise<BcLaneResult> {
  const root = makeRng(seed);
  const report = progressReporter<BcLaneResult>(onProgress);
  const losses: Point[] = [];
  const partial = (): PartialResult<BcLaneResult> => ({ metrics: {}, series: { 'loss/train': [...losses] } });

  // 1. Behavior cloning on clean demonstrations.
  const { task, config } = bcLaneSetup(p);
  const bc = await trainBc(task, config, root.stream('bc'), {
    signal,
    onProgress: (ap) => {
      const step = ap.metrics['train/step'];
      if (step !== undefined) losses.push({ x: step, y: ap.metrics['loss/train'] });
      report(0.05 + 0.85 * ap.fraction, ap.message, partial);
    },
  });
  throwIfAborted(signal);
  const result = bcLaneResult(p, root, task, bc);
  report(1, 'done', () => result, true);
  return result;
}

/**
 * Several seeds at once, their networks trained as one (issue #15, "seeds as a batch dimension"): result k equals
 * `runBcLane(p, { seed: seeds[k] })` exactly. The worker calls it for a "compare over N seeds" band.
 */
export async function runBcLaneSeeds(
  p: BcLaneParams,
  seeds: number[],
  { signal, onProgress }: SeedsContext = {},
): Promise<BcLaneResult[]> {
  const roots = seeds.map((seed) => makeRng(seed));
  const { task, config } = bcLaneSetup(p);
  const bcs = await trainBcSeeds(task, config, roots.map((root) => root.stream('bc')), {
    signal,
    onProgress: (ap) => onProgress?.({ fraction: 0.9 * ap.fraction, message: ap.message }),
  });
  throwIfAborted(signal);
  const results = bcs.map((bc, k) => bcLaneResult(p, roots[k], task, bc));
  onProgress?.({ fraction: 1, message: 'done' });
  return results;
}

export const bcLaneExperiment = defineExperiment(bcLaneInfo, runBcLane, runBcLaneSeeds);

/** Everything after training: what the network learned, what it costs deployed, and the animation. */
function bcLaneResult(p: BcLaneParams, root: Rng, task: ImitationTask, bc: BcResult): BcLaneResult {
  const encoding: LaneEncoding = p.encoding;
  const { epsilon, horizon } = p;

  // 2. What it learned, state by state, and what that costs when deployed with the tremble (exact).
  const bcTable = laneGreedyTable(bc.weights, encoding);
  const expertTable = laneExpertTable();
  const costBc = laneEvaluate(bcTable, { horizon, epsilon }).J;
  const costExpert = laneEvaluate(expertTable, { horizon, epsilon }).J;
  const demoCounts = new Array<number>(LANE_N_STATES).fill(0);
  const d = task.obsDim;
  for (let i = 0; i < bc.data.n; i++)
    demoCounts[laneStateIndex(laneOffsetFromObservation(bc.data.x.subarray(i * d, (i + 1) * d)))]++;

  // 3. One episode for the animation: both cars meet the same trembles (the env draws from the same stream).
  const params = { epsilon, encoding };
  const bcPolicy = greedyPolicy(bc.weights);
  const animationRng = root.stream('animation');
  let episode = 0;
  let bcEpisode = rollout(laneEnv, bcPolicy, {
    rng: animationRng.stream('episode/0'),
    params,
    horizon,
    recordStates: true,
  });
  for (let i = 1; i < ANIMATION_SEARCH && !bcEpisode.states?.some((s) => s.y !== 0); i++) {
    episode = i;
    bcEpisode = rollout(laneEnv, bcPolicy, {
      rng: animationRng.stream(`episode/${i}`),
      params,
      horizon,
      recordStates: true,
    });
  }
  if (!bcEpisode.states?.some((s) => s.y !== 0)) {
    episode = 0;
    bcEpisode = rollout(laneEnv, bcPolicy, {
      rng: animationRng.stream('episode/0'),
      params,
      horizon,
      recordStates: true,
    });
  }
  const expertEpisode = rollout(laneEnv, laneExpertPolicy, {
    rng: animationRng.stream(`episode/${episode}`),
    params,
    horizon,
    recordStates: true,
  });

  // The animated BC car's first step off the centre and its next change of lane (what the prose describes).
  const bcLanes = (bcEpisode.states ?? []).map((s) => s.y);
  const firstPush = bcLanes.findIndex((y) => y !== 0);
  const nextMove = firstPush > 0 ? bcLanes.findIndex((y, t) => t > firstPush && y !== bcLanes[t - 1]) : -1;

  const result: BcLaneResult = {
    metrics: {
      // ratio/bcOverExpert is left out when the expert's cost is 0 (ε = 0): a NaN would read as a diverged run.
      'accuracy/demoStates': labelAccuracy(bc.weights, bc.data),
      'cost/bc': costBc,
      'cost/expert': costExpert,
      ...(costExpert > 0 ? { 'ratio/bcOverExpert': costBc / costExpert } : {}),
      'loss/final': bc.losses[bc.losses.length - 1]?.loss ?? NaN,
      'data/size': bc.data.n,
      'demo/distinctStates': demoCounts.filter((c) => c > 0).length,
      'animation/episode': episode,
      ...(firstPush > 0 ? { 'animation/firstPush': firstPush } : {}),
      ...(nextMove > 0 ? { 'animation/nextMove': nextMove } : {}),
    },
    series: {
      'loss/train': bc.losses.map((l) => ({ x: l.step, y: l.loss })),
      'visitation/expert': timeInLane(expertTable, horizon, epsilon),
      'visitation/bc': timeInLane(bcTable, horizon, epsilon),
    },
    trajectories: { expert: laneFrames(expertEpisode), bc: laneFrames(bcEpisode) },
    extras: {
      offsets: [...LANE_OFFSETS],
      actionLabels: [...LANE_ACTION_LABELS],
      actionProbs: laneActionProbs(bc.weights, encoding),
      bcTable,
      expertTable,
      demoCounts,
      inDemos: demoCounts.map((c) => c > 0),
      animation: {
        episode,
        reason:
          'the first episode of this seed in which a tremble pushes the car off the centre line (episode 0 if none does)',
      },
    },
  };
  return result;
}
