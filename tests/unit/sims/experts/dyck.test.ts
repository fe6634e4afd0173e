import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../../lib/rng';
import { depthContext, depthTrace, isValidString } from '../../../../sims/envs/dyck';
import { sampleTeacherString, teacherProbOpen, teacherTable } from '../../../../sims/experts/dyck';

describe('dyck teacher', () => {
  it('is uniform over the valid next tokens and gives the recovery token at invalid depths', () => {
    const B = 3;
    expect(teacherProbOpen(0, B)).toBe(1);
    expect(teacherProbOpen(1, B)).toBe(0.5);
    expect(teacherProbOpen(2, B)).toBe(0.5);
    expect(teacherProbOpen(3, B)).toBe(0);
    expect(teacherProbOpen(-2, B)).toBe(1); // below the floor: open
    expect(teacherProbOpen(5, B)).toBe(0); // above the cap: close
  });

  it('is exactly a depth-context table', () => {
    const table = teacherTable(3);
    for (let h = -6; h <= 9; h++) expect(table.probOpen[depthContext(h, 3)]).toBe(teacherProbOpen(h, 3));
  });

  it('writes valid strings that visit every allowed depth, deterministically for a seed', () => {
    const rng = makeRng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const s = sampleTeacherString(3, 64, rng);
      expect(isValidString(s, 3)).toBe(true);
      for (const h of depthTrace(s)) seen.add(h);
    }
    expect([...seen].sort()).toEqual([0, 1, 2, 3]);
    expect(Array.from(sampleTeacherString(3, 30, makeRng(4)))).toEqual(
      Array.from(sampleTeacherString(3, 30, makeRng(4))),
    );
  });
});
