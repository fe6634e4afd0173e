import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../../lib/rng';
import { checkEnv } from '../../../../sims/core/checkEnv';
import { contains, makeEnv } from '../../../../sims/core/env';
import {
  CLOSE,
  OPEN,
  countInvalid,
  depthContext,
  depthFeatures,
  depthTrace,
  dyckEnv,
  exactDyckMetrics,
  invalidMask,
  isValidString,
  nDepthContexts,
  nWindowContexts,
  parseTokens,
  probOpenFromLogits,
  recentOf,
  sampleString,
  sampledDyckMetrics,
  temperedProbOpen,
  tokensToString,
  windowContext,
  windowFeatures,
  type DyckTablePolicy,
} from '../../../../sims/envs/dyck';
import { teacherAction, teacherTable } from '../../../../sims/experts/dyck';

describe('dyck language helpers', () => {
  it('tracks the depth and counts invalid positions as the notes define them', () => {
    const s = parseTokens('())((');
    expect(Array.from(depthTrace(s))).toEqual([1, 0, -1, 0, 1]);
    expect(Array.from(invalidMask(s, 3))).toEqual([0, 0, 1, 0, 0]);
    expect(countInvalid(s, 3)).toBe(1);
    expect(isValidString(s, 3)).toBe(false);
    // Staying out of range counts at every step; the recovery token itself is valid.
    expect(Array.from(invalidMask(parseTokens('))(('), 3))).toEqual([1, 1, 1, 0]);
    expect(countInvalid(parseTokens('(((()'), 3)).toBe(1);
    expect(countInvalid(parseTokens('((((('), 3)).toBe(2);
    expect(isValidString(parseTokens('((()))()'), 3)).toBe(true);
    expect(isValidString(parseTokens(''), 3)).toBe(true);
  });

  it('round-trips text and rejects other characters', () => {
    expect(tokensToString(parseTokens('(()))('))).toBe('(()))(');
    expect(() => parseTokens('(a)')).toThrow();
  });

  it('encodes depth and window contexts and their one-hot features', () => {
    expect(nDepthContexts(3)).toBe(10);
    expect(depthContext(-7, 3)).toBe(0);
    expect(depthContext(0, 3)).toBe(3);
    expect(depthContext(3, 3)).toBe(6);
    expect(depthContext(99, 3)).toBe(9);
    expect(Array.from(depthFeatures(1, 3))).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);

    // "(()" → last two tokens, most recent first: ")", "(" → digits 2, 1 → 2 + 3·1 = 5.
    const recent = recentOf(parseTokens('(()'));
    expect(windowContext(recent, 2)).toBe(5);
    expect(Array.from(windowFeatures(recent, 2))).toEqual([0, 1, 1, 0]);
    // Zero padding where the string is shorter than k.
    expect(Array.from(windowFeatures(recentOf(parseTokens('(')), 3))).toEqual([1, 0, 0, 0, 0, 0]);
    expect(nWindowContexts(4)).toBe(81);
  });

  it('applies the temperature as p^(1/τ) / Σ p^(1/τ)', () => {
    expect(temperedProbOpen(0.7, 1)).toBeCloseTo(0.7, 12);
    const p = 0.9;
    const tau = 1.5;
    const expected = p ** (1 / tau) / (p ** (1 / tau) + (1 - p) ** (1 / tau));
    expect(temperedProbOpen(p, tau)).toBeCloseTo(expected, 12);
    expect(temperedProbOpen(0.9, 2)).toBeLessThan(0.9);
    expect(temperedProbOpen(0.9, 0.5)).toBeGreaterThan(0.9);
    expect(temperedProbOpen(1, 3)).toBe(1);
    expect(temperedProbOpen(0, 3)).toBe(0);
    expect(temperedProbOpen(0.6, 0)).toBe(1);
    expect(probOpenFromLogits(2, 0, 1)).toBeCloseTo(1 / (1 + Math.exp(-2)), 12);
    expect(probOpenFromLogits(2, 0, 2)).toBeCloseTo(temperedProbOpen(1 / (1 + Math.exp(-2)), 2), 12);
  });
});

describe('dyck environment', () => {
  it('charges exactly the invalid tokens and matches its spaces', () => {
    const env = makeEnv(dyckEnv, { horizon: 6 }, 0);
    const { observation } = env.reset({ seed: 1 });
    expect(contains(dyckEnv.observationSpace(env.params), observation)).toBe(true);
    const tokens = parseTokens('()))((');
    const costs: number[] = [];
    let truncated = false;
    for (const tk of tokens) {
      const r = env.step(tk);
      costs.push(r.cost);
      truncated = r.truncated;
      expect(contains(dyckEnv.observationSpace(env.params), r.observation)).toBe(true);
    }
    expect(costs).toEqual(Array.from(invalidMask(tokens, 3)));
    expect(truncated).toBe(true);
    expect(env.state.depth).toBe(0);

    const windowEnv = makeEnv(dyckEnv, { student: 'window', windowK: 4 }, 0);
    const obs = windowEnv.reset().observation as Float64Array;
    expect(obs.length).toBe(8);
    expect(dyckEnv.observationSpace(windowEnv.params)).toMatchObject({ kind: 'box', shape: [8] });
  });

  it('is deterministic for a seed when the teacher writes', () => {
    const run = (seed: number) => {
      const env = makeEnv(dyckEnv, { horizon: 40 }, seed);
      const rng = makeRng(seed).stream('teacher');
      env.reset({ seed });
      const tokens: number[] = [];
      for (let t = 0; t < 40; t++) {
        const a = teacherAction(env.state, env.params, rng);
        tokens.push(a);
        expect(env.step(a).cost).toBe(0); // the teacher never writes an invalid token
      }
      return tokens;
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it('passes checkEnv for both observation kinds and other depth caps', () => {
    expect(checkEnv(dyckEnv)).toEqual([]);
    expect(checkEnv(dyckEnv, { student: 'window', windowK: 8 })).toEqual([]);
    expect(checkEnv(dyckEnv, { depthCap: 5, horizon: 16 })).toEqual([]);
  });

  it('rejects actions that are not a token', () => {
    const env = makeEnv(dyckEnv);
    expect(() => env.step(2)).toThrow();
  });
});

describe('dyck metrics of table policies', () => {
  const uniformDepth: DyckTablePolicy = {
    kind: 'depth',
    depthCap: 3,
    windowK: 0,
    probOpen: new Float64Array(10).fill(0.5),
  };

  it('gives the teacher no invalid tokens at any temperature', () => {
    for (const tau of [0.5, 1, 2]) {
      const m = exactDyckMetrics(teacherTable(3), 64, tau);
      expect(m.expectedInvalid[64]).toBe(0);
      expect(m.pValid[64]).toBeCloseTo(1, 12);
    }
    const rng = makeRng(0);
    for (let i = 0; i < 50; i++) expect(isValidString(sampleString(teacherTable(3), 64, 2, rng), 3)).toBe(true);
  });

  it('computes small cases exactly', () => {
    // A fair coin: the first token is invalid with probability ½ (")" from depth 0).
    const m = exactDyckMetrics(uniformDepth, 2, 1);
    expect(m.expectedInvalid[1]).toBeCloseTo(0.5, 12);
    expect(m.pValid[1]).toBeCloseTo(0.5, 12);
    // Two tokens: "((" and "()" are valid; ")(" has one invalid token, "))" two → E = (0 + 0 + 1 + 2) / 4.
    expect(m.expectedInvalid[2]).toBeCloseTo(0.75, 12);
    expect(m.pValid[2]).toBeCloseTo(0.5, 12);
  });

  it('agrees with sampling for depth and window policies', () => {
    const rng = makeRng(11);
    const probOpen = new Float64Array(nWindowContexts(3));
    for (let i = 0; i < probOpen.length; i++) probOpen[i] = 0.2 + 0.6 * rng.uniform();
    const windowPolicy: DyckTablePolicy = { kind: 'window', depthCap: 3, windowK: 3, probOpen };
    const depthPolicy: DyckTablePolicy = {
      kind: 'depth',
      depthCap: 3,
      windowK: 0,
      probOpen: Float64Array.from([0.6, 0.6, 0.6, 0.99, 0.55, 0.45, 0.02, 0.4, 0.4, 0.4]),
    };
    for (const policy of [depthPolicy, windowPolicy]) {
      const exact = exactDyckMetrics(policy, 48, 1.3);
      const sampled = sampledDyckMetrics(policy, [12, 48], 1.3, 4000, makeRng(3));
      sampled.horizons.forEach((h, i) => {
        expect(Math.abs(sampled.meanInvalid[i] - exact.expectedInvalid[h])).toBeLessThan(
          4 * sampled.stderrInvalid[i] + 1e-3,
        );
        const se = Math.sqrt((exact.pValid[h] * (1 - exact.pValid[h])) / 4000);
        expect(Math.abs(sampled.pValid[i] - exact.pValid[h])).toBeLessThan(4 * se + 1e-3);
      });
    }
  });

  it('samples deterministically for a seed', () => {
    const a = sampleString(uniformDepth, 32, 1, makeRng(9));
    const b = sampleString(uniformDepth, 32, 1, makeRng(9));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(a.every((t) => t === OPEN || t === CLOSE)).toBe(true);
  });
});
