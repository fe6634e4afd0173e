/**
 * The registry of runnable experiments: the one code path from a slider, the CLI, a test or the benchmark to a
 * number. Loaded by the worker and in Node; never by the page bundle (it reaches tfjs).
 */
import { averagingQuadraticExperiment } from './averaging-quadratic';
import { bcCarExperiment } from './bc-car';
import { bcLaneExperiment } from './bc-lane';
import { cotParityExperiment } from './cot-parity';
import { coverageExperiment } from './coverage';
import { chunkingExperiment } from './chunking';
import { cliffRoadExperiment } from './cliff-road';
import { daggerCarExperiment } from './dagger-car';
import { daggerLaneExperiment } from './dagger-lane';
import { exposureBiasExperiment } from './exposure-bias';
import { forkInTheRoadExperiment } from './fork-in-the-road';
import { gailLaneExperiment } from './gail-lane';
import { humanDaggerExperiment } from './human-dagger';
import { gvaPendulumExperiment } from './gva-pendulum';
import { gatewalkHorizonExperiment } from './gatewalk-horizon';
import { laneHorizonExperiment } from './lane-horizon';
import { misspecificationExperiment } from './misspecification';
import { noiseInjectionExperiment } from './noise-injection';
import { tasilExperiment } from './tasil';
import { twoWorldsExperiment } from './two-worlds';
import type { Experiment } from './types';

// Experiments are typed by their own schemas; the registry holds them behind the general interface.
export const experiments: readonly Experiment[] = [
  bcLaneExperiment,
  gatewalkHorizonExperiment,
  laneHorizonExperiment,
  exposureBiasExperiment,
  twoWorldsExperiment,
  bcCarExperiment,
  daggerLaneExperiment,
  noiseInjectionExperiment,
  chunkingExperiment,
  forkInTheRoadExperiment,
  daggerCarExperiment,
  humanDaggerExperiment,
  gailLaneExperiment,
  coverageExperiment,
  misspecificationExperiment,
  cotParityExperiment,
  cliffRoadExperiment,
  tasilExperiment,
  gvaPendulumExperiment,
  averagingQuadraticExperiment,
];

export function getExperiment(id: string): Experiment | undefined {
  return experiments.find((e) => e.id === id);
}
