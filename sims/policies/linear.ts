/**
 * A linear policy fitted in closed form: the simplest smooth Markov learner for the two-worlds system (SCIENCE-NOTES
 * §2(b) Toy 2C, §3(b) Toy 3B). It extrapolates off the demonstrations with the gain β̂ = K_zz, which is the whole
 * story of the two-worlds figure: on clean demonstrations the data fix nothing about K_zz, with noise-injected ones
 * they reveal it.
 */
import type { TwoWorldsPolicy } from '../envs/twoworlds';

export interface LinearPolicyFit {
  /** û = K·x + b with K = [[K_pp, K_pz], [K_zp, K_zz]]. */
  K: [[number, number], [number, number]];
  b: [number, number];
  /** K_zz = ∂û_z/∂z, the extrapolated gain. */
  betaHat: number;
  policy: TwoWorldsPolicy;
}

/**
 * Ridge least squares of actions on (p, z, 1): the simplest smooth Markov learner. On clean demonstrations the z
 * column is all zeros, so the data say nothing about K_zz and the ridge sets it to 0 — the minimum-norm choice,
 * stable only while a < 1. With noise-injected demonstrations it recovers −σk.
 * `states` and `actions` are flat [p, z, p, z, …] and [u_p, u_z, …] of n pairs.
 */
export function fitLinearPolicy(states: Float64Array, actions: Float64Array, ridge = 1e-9): LinearPolicyFit {
  const n = states.length >> 1;
  // Normal equations (XᵀX + λI) w = Xᵀy over features (p, z, 1); the bias is not penalised.
  const A = [
    [ridge, 0, 0],
    [0, ridge, 0],
    [0, 0, 0],
  ];
  const rhs = [
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (let i = 0; i < n; i++) {
    const f = [states[2 * i], states[2 * i + 1], 1];
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) A[r][c] += f[r] * f[c];
      rhs[0][r] += f[r] * actions[2 * i];
      rhs[1][r] += f[r] * actions[2 * i + 1];
    }
  }
  const wp = solve3(A, rhs[0]);
  const wz = solve3(A, rhs[1]);
  const K: [[number, number], [number, number]] = [
    [wp[0], wp[1]],
    [wz[0], wz[1]],
  ];
  const b: [number, number] = [wp[2], wz[2]];
  const policy: TwoWorldsPolicy = (x) => [
    K[0][0] * x[0] + K[0][1] * x[1] + b[0],
    K[1][0] * x[0] + K[1][1] * x[1] + b[1],
  ];
  return { K, b, betaHat: K[1][1], policy };
}

/** Gaussian elimination with partial pivoting on a 3×3 system (inputs are copied). */
function solve3(A: number[][], y: number[]): number[] {
  const M = A.map((row, i) => [...row, y[i]]);
  for (let col = 0; col < 3; col++) {
    let pivot = col;
    for (let r = col + 1; r < 3; r++) if (Math.abs(M[r][col]) > Math.abs(M[pivot][col])) pivot = r;
    [M[col], M[pivot]] = [M[pivot], M[col]];
    if (M[col][col] === 0) throw new Error('fitLinearPolicy: singular normal equations (use ridge > 0)');
    for (let r = col + 1; r < 3; r++) {
      const f = M[r][col] / M[col][col];
      for (let c = col; c < 4; c++) M[r][c] -= f * M[col][c];
    }
  }
  const x = [0, 0, 0];
  for (let r = 2; r >= 0; r--) {
    let s = M[r][3];
    for (let c = r + 1; c < 3; c++) s -= M[r][c] * x[c];
    x[r] = s / M[r][r];
  }
  return x;
}
