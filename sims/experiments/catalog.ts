/**
 * The catalog: every experiment's page-safe description (id, title, one line, parameter schema), in the order the
 * lab shows them. Imports only `*.params.ts` files, which import no tfjs, so widgets and the URL parser can use it.
 * Each entry must have a runnable counterpart in index.ts (a unit test checks both lists agree).
 */
import { bcCarInfo } from './bc-car.params';
import { bcLaneInfo } from './bc-lane.params';
import { daggerCarInfo } from './dagger-car.params';
import { daggerLaneInfo } from './dagger-lane.params';
import { exposureBiasInfo } from './exposure-bias.params';
import { gailLaneInfo } from './gail-lane.params';
import { gatewalkHorizonInfo } from './gatewalk-horizon.params';
import { laneHorizonInfo } from './lane-horizon.params';
import { noiseInjectionInfo } from './noise-injection.params';
import { twoWorldsInfo } from './two-worlds.params';
import type { ExperimentInfo } from './types';

export const catalog: readonly ExperimentInfo[] = [
  bcLaneInfo,
  gatewalkHorizonInfo,
  laneHorizonInfo,
  exposureBiasInfo,
  twoWorldsInfo,
  bcCarInfo,
  daggerLaneInfo,
  noiseInjectionInfo,
  daggerCarInfo,
  gailLaneInfo,
];

export function getExperimentInfo(id: string): ExperimentInfo | undefined {
  return catalog.find((e) => e.id === id);
}
