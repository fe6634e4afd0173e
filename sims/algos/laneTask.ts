/**
 * LaneKeep as an imitation task (SCIENCE-NOTES §2(b) Toy 2A, §3(b) Toy 3A): the clean expert −sign(y) demonstrates,
 * the learner is deployed with a trembling hand (probability ε of a uniformly random executed action), and DART's
 * demonstrator is the same expert trembling with ε_D. Because LaneKeep is tabular, the learner's cost is exact: the
 * greedy network is read out as a 13-entry action table and evaluated by propagating the state distribution.
 */
import { LANE_OFFSETS, laneEnv, laneEvaluate, laneObservation, type LaneEncoding } from '../envs/lane';
import { laneExpertPolicy } from '../experts/lane';
import { argmax, forward, softmax } from '../policies/forward';
import type { MlpWeights } from '../policies/weights';
import { envTask, type ImitationTask } from './task';

export interface LaneTaskConfig {
  /** ε: the learner's tremble when deployed (probability of a uniformly random executed action). */
  epsilon: number;
  /** What the learner sees: y/6 ('scalar') or a one-hot over the 13 lanes. */
  encoding: LaneEncoding;
}

/** The greedy network as a LaneKeep action table: entry s = y + 6 is its action at offset y. */
export function laneGreedyTable(weights: MlpWeights, encoding: LaneEncoding): number[] {
  const out = new Float32Array(weights.spec.outputDim);
  return LANE_OFFSETS.map((y) => argmax(forward(weights, laneObservation(y, encoding), out)));
}

/** The network's action probabilities softmax(logits) at each offset y = −6 … 6, as rows [p(left), p(stay), p(right)]. */
export function laneActionProbs(weights: MlpWeights, encoding: LaneEncoding): number[][] {
  return LANE_OFFSETS.map((y) => Array.from(softmax(forward(weights, laneObservation(y, encoding)))));
}

/** Exact J of the greedy network deployed with tremble ε for `horizon` steps. */
export function laneLearnerCost(weights: MlpWeights, config: LaneTaskConfig, horizon: number): number {
  return laneEvaluate(laneGreedyTable(weights, config.encoding), { horizon, epsilon: config.epsilon }).J;
}

/** LaneKeep with the clean expert, deployment tremble ε and DART noise = the expert's own tremble ε_D. */
export function laneTask(config: LaneTaskConfig): ImitationTask {
  return envTask({
    spec: laneEnv,
    params: { epsilon: config.epsilon, encoding: config.encoding },
    demoParams: (noise) => ({ epsilon: noise }),
    expert: laneExpertPolicy,
    evaluate: (weights, horizon) => laneLearnerCost(weights, config, horizon),
  });
}
