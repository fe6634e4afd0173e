/**
 * The teacher of the bracket language (SCIENCE-NOTES §2(b), Toy 2B): the "expert language model".
 *
 * It is uniform over the valid next tokens — both "(" and ")" when 0 < h < B, only "(" when h ≤ 0, only ")" when
 * h ≥ B — and the same rule holds at invalid depths (h < 0 or h > B), where it gives the recovery token. So the
 * teacher can label any prefix, including the ones only a mistaken student reaches: that is what on-policy
 * distillation (DAgger for language models) needs. It depends on the depth alone, so it lies in the depth
 * student's class (`teacherTable`).
 */
import type { Rng } from '../../lib/rng';
import {
  CLOSE,
  DEPTH_MARGIN,
  OPEN,
  nDepthContexts,
  nextDepth,
  type DyckParams,
  type DyckState,
  type DyckTablePolicy,
} from '../envs/dyck';

/** P("(" | depth h) under the teacher: 1 if h ≤ 0, 0 if h ≥ B, ½ in between. */
export function teacherProbOpen(depth: number, depthCap: number): number {
  if (depth <= 0) return 1;
  if (depth >= depthCap) return 0;
  return 0.5;
}

/** The teacher's next token in an environment state (samples when both tokens are allowed). */
export function teacherAction(state: DyckState, params: Pick<DyckParams, 'depthCap'>, rng: Rng): number {
  return rng.uniform() < teacherProbOpen(state.depth, params.depthCap) ? OPEN : CLOSE;
}

/** The teacher as a depth-context table: exact, since the clipped depth already decides its distribution. */
export function teacherTable(depthCap: number): DyckTablePolicy {
  const probOpen = new Float64Array(nDepthContexts(depthCap));
  for (let c = 0; c < probOpen.length; c++) probOpen[c] = teacherProbOpen(c - DEPTH_MARGIN, depthCap);
  return { kind: 'depth', depthCap, windowK: 0, probOpen };
}

/** A teacher string of `length` tokens from the empty prefix (always valid). */
export function sampleTeacherString(depthCap: number, length: number, rng: Rng): Uint8Array {
  const out = new Uint8Array(length);
  let h = 0;
  for (let t = 0; t < length; t++) {
    const token = rng.uniform() < teacherProbOpen(h, depthCap) ? OPEN : CLOSE;
    out[t] = token;
    h = nextDepth(h, token);
  }
  return out;
}
