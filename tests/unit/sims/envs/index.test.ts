/**
 * Every registered environment passes the conformance check and is deterministic under a seed. Environments added
 * to sims/envs/index.ts are covered here automatically.
 */
import { describe, expect, it } from 'vitest';
import { checkEnv } from '../../../../sims/core/checkEnv';
import { rollout, type Policy } from '../../../../sims/core/rollout';
import type { Action, Space } from '../../../../sims/core/env';
import { envIds, envs, getEnv } from '../../../../sims/envs';
import type { Rng } from '../../../../lib/rng';

function randomAction(space: Space, rng: Rng): Action {
  if (space.kind === 'discrete') return rng.int(space.n);
  return Float64Array.from(space.low, (lo, i) =>
    Number.isFinite(lo) && Number.isFinite(space.high[i]) ? rng.range(lo, space.high[i]) : rng.normal(),
  );
}

describe('environment registry', () => {
  it('holds lane, gatewalk and pendulum under their ids', () => {
    for (const id of ['lane', 'gatewalk', 'pendulum']) expect(envIds).toContain(id);
    for (const id of envIds) expect(getEnv(id).id).toBe(id);
    expect(() => getEnv('nope')).toThrow(/Unknown environment 'nope'. Registered: /);
  });

  describe.each(envIds)('%s', (id) => {
    const spec = getEnv(id);

    it('passes checkEnv with its defaults', () => {
      expect(checkEnv(spec)).toEqual([]);
    });

    it('gives the same trajectory for the same seed and a different one for another seed', () => {
      const params = spec.defaults as Record<string, unknown>;
      const space = spec.actionSpace(params);
      const policy: Policy = (_obs, _t, rng) => randomAction(space, rng);
      const run = (seed: number) => rollout(spec, policy, { rng: seed, horizon: 50 });
      const a = run(11);
      const b = run(11);
      expect(Array.from(a.observations)).toEqual(Array.from(b.observations));
      expect(Array.from(a.actions)).toEqual(Array.from(b.actions));
      expect(Array.from(a.costs)).toEqual(Array.from(b.costs));
      const others = [12, 13, 14].map(run);
      expect(
        others.some((o) => JSON.stringify(Array.from(o.observations)) !== JSON.stringify(Array.from(a.observations))),
      ).toBe(true);
    });
  });

  it('has one entry per distinct spec id', () => {
    const ids = Object.values(envs).map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
