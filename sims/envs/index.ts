/**
 * The registry of environments: id → spec. Widgets, experiments, the CLI and the conformance test
 * (tests/unit/sims/envs/registry.test.ts runs `checkEnv` on every entry) all look environments up here, so an env
 * registered once is checked automatically.
 */
import type { EnvSpec } from '../core/env';
import { carEnv } from './car';
import { cliffRoadEnv } from './cliffRoad';
import { curvyRoadEnv } from './curvyRoad';
import { dyckEnv } from './dyck';
import { gatewalkEnv } from './gatewalk';
import { laneEnv } from './lane';
import { pendulumEnv } from './pendulum';
import { twoWorldsEnv } from './twoworlds';

/** Any registered environment, whatever its state and parameter types. */
export type AnyEnvSpec = EnvSpec<unknown, unknown>;

export const envs = {
  lane: laneEnv,
  gatewalk: gatewalkEnv,
  pendulum: pendulumEnv,
  dyck: dyckEnv,
  twoworlds: twoWorldsEnv,
  car: carEnv,
  cliffroad: cliffRoadEnv,
  curvyroad: curvyRoadEnv,
} satisfies Record<string, AnyEnvSpec>;

export type EnvId = keyof typeof envs;

/** All registered ids, in registration order. */
export const envIds = Object.keys(envs) as EnvId[];

/** The spec registered under `id`; throws with the known ids when there is none. */
export function getEnv(id: string): AnyEnvSpec {
  if (!Object.prototype.hasOwnProperty.call(envs, id)) {
    throw new Error(`Unknown environment '${id}'. Registered: ${envIds.join(', ')}.`);
  }
  return envs[id as EnvId];
}
