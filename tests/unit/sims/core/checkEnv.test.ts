import { describe, expect, it } from 'vitest';
import { assertEnv, checkEnv } from '../../../../sims/core/checkEnv';
import { box, discrete, type EnvSpec } from '../../../../sims/core/env';

interface Counter {
  n: number;
}

/** A tiny well-behaved env: a noisy counter that ends at 5. */
const counter: EnvSpec<Counter, { horizon: number }> = {
  id: 'counter',
  description: 'A counter for testing the checker.',
  defaults: { horizon: 10 },
  actionSpace: () => discrete(2),
  observationSpace: () => box([0], [10]),
  initial: (rng) => ({ n: rng.int(2) }),
  transition: (s, a, rng) => ({ n: Math.min(10, s.n + (a as number) + (rng.bernoulli(0.5) ? 1 : 0)) }),
  observe: (s) => Float64Array.of(s.n),
  cost: (_s, _a, next) => (next.n >= 5 ? 1 : 0),
  isTerminal: (s) => s.n >= 5,
  horizon: (p) => p.horizon,
};

describe('checkEnv', () => {
  it('passes a conforming env', () => {
    expect(checkEnv(counter)).toEqual([]);
    expect(() => assertEnv(counter)).not.toThrow();
  });

  it('reports observations outside the space', () => {
    const bad = { ...counter, observationSpace: () => box([0], [3]) };
    expect(checkEnv(bad).join('\n')).toMatch(/outside the observation space/);
  });

  it('reports the wrong observation kind', () => {
    const bad = { ...counter, observe: (s: Counter) => s.n } as unknown as typeof counter;
    expect(checkEnv(bad).join('\n')).toMatch(/not a Float64Array/);
  });

  it('reports costs outside [0, 1] or the declared bounds, and non-finite costs', () => {
    const big = { ...counter, cost: () => 2 };
    expect(checkEnv(big).join('\n')).toMatch(/outside \[0, 1\]/);
    expect(checkEnv({ ...big, costBounds: () => [0, 2] as const })).toEqual([]);
    expect(checkEnv({ ...counter, cost: () => NaN }).join('\n')).toMatch(/not a finite number/);
  });

  it('reports mutation of the state', () => {
    const mutating = {
      ...counter,
      transition: (s: Counter, a: unknown) => {
        s.n += a as number;
        return { n: s.n };
      },
    } as typeof counter;
    expect(checkEnv(mutating).join('\n')).toMatch(/mutated the state/);
  });

  it('reports hidden nondeterminism and seed-independence of a stochastic env', () => {
    let calls = 0;
    const impure = { ...counter, initial: () => ({ n: calls++ % 2 }) };
    expect(checkEnv(impure).join('\n')).toMatch(/same seed and actions gave two different/);
    const ignoresSeed = {
      ...counter,
      initial: (rng: { uniform(): number }) => (rng.uniform(), { n: 0 }),
      transition: counter.transition,
    };
    const deterministicDynamics = {
      ...ignoresSeed,
      transition: (s: Counter, a: unknown, rng: { uniform(): number }) => (
        rng.uniform(),
        { n: Math.min(10, s.n + (a as number)) }
      ),
    } as unknown as typeof counter;
    expect(checkEnv(deterministicDynamics).join('\n')).toMatch(/different seeds gave identical/);
    expect(checkEnv(deterministicDynamics, {}, { stochastic: false })).toEqual([]);
  });

  it('reports bad spaces and horizons, and prefixes problems with the id', () => {
    const bad = { ...counter, actionSpace: () => discrete(0), horizon: () => 2.5 };
    const problems = checkEnv(bad);
    expect(problems[0]).toMatch(/^counter: action space: discrete n = 0/);
    expect(() => assertEnv(bad)).toThrow(/Environment 'counter' failed the conformance check/);
  });

  it('turns a throwing env into a problem, not a crash', () => {
    const throwing = {
      ...counter,
      transition: () => {
        throw new Error('boom');
      },
    };
    expect(checkEnv(throwing).join('\n')).toMatch(/threw: boom/);
  });
});
