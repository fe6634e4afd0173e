/**
 * The catalog: every experiment's page-safe description (id, title, one line, parameter schema), in the order the
 * lab shows them. Imports only `*.params.ts` files, which import no tfjs, so widgets and the URL parser can use it.
 * Each entry must have a runnable counterpart in index.ts (a unit test checks both lists agree).
 */
import { averagingQuadraticInfo } from './averaging-quadratic.params';
import { bcCarInfo } from './bc-car.params';
import { bcLaneInfo } from './bc-lane.params';
import { cotParityInfo } from './cot-parity.params';
import { coverageInfo } from './coverage.params';
import { chunkingInfo } from './chunking.params';
import { cliffRoadInfo } from './cliff-road.params';
import { daggerCarInfo } from './dagger-car.params';
import { daggerLaneInfo } from './dagger-lane.params';
import { exposureBiasInfo } from './exposure-bias.params';
import { forkInTheRoadInfo } from './fork-in-the-road.params';
import { gailLaneInfo } from './gail-lane.params';
import { humanDaggerInfo } from './human-dagger.params';
import { gvaPendulumInfo } from './gva-pendulum.params';
import { gatewalkHorizonInfo } from './gatewalk-horizon.params';
import { laneHorizonInfo } from './lane-horizon.params';
import { misspecificationInfo } from './misspecification.params';
import { noiseInjectionInfo } from './noise-injection.params';
import { tasilInfo } from './tasil.params';
import { twoWorldsInfo } from './two-worlds.params';
import type { ExperimentInfo, ParamsOf, ResultOf } from './types';

export const catalog = [
  bcLaneInfo,
  gatewalkHorizonInfo,
  laneHorizonInfo,
  exposureBiasInfo,
  twoWorldsInfo,
  bcCarInfo,
  daggerLaneInfo,
  noiseInjectionInfo,
  chunkingInfo,
  forkInTheRoadInfo,
  daggerCarInfo,
  humanDaggerInfo,
  gailLaneInfo,
  coverageInfo,
  misspecificationInfo,
  cotParityInfo,
  cliffRoadInfo,
  tasilInfo,
  gvaPendulumInfo,
  averagingQuadraticInfo,
] as const;

/** One entry of the catalog, with its own parameter and result types. */
export type CatalogEntry = (typeof catalog)[number];
/** Every experiment id: a typo in a registry key or a typed call is a compile error. */
export type ExperimentId = CatalogEntry['id'];
export type InfoOf<Id extends ExperimentId> = Extract<CatalogEntry, { id: Id }>;
export type ResultOfId<Id extends ExperimentId> = ResultOf<InfoOf<Id>>;
export type ParamsOfId<Id extends ExperimentId> = ParamsOf<InfoOf<Id>>;

export function isExperimentId(id: string): id is ExperimentId {
  return catalog.some((e) => e.id === id);
}

export function getExperimentInfo(id: string): ExperimentInfo | undefined {
  return catalog.find((e) => e.id === id);
}
