import { describe, expect, it } from 'vitest';
import {
  det,
  diag,
  eigenvalues,
  identity,
  inverse,
  lqrGain,
  matmul,
  matvec,
  maxAbs,
  solve,
  solveDiscreteRiccati,
  spectralRadius,
  sub,
  transpose,
  type Complex,
  type Matrix,
} from '../../../lib/linalg';
import { makeRng } from '../../../lib/rng';

function sortEigs(eigs: Complex[]): Complex[] {
  return [...eigs].sort((a, b) => a.re - b.re || a.im - b.im);
}

function expectEigs(actual: Complex[], expected: Complex[], tol = 1e-9) {
  const a = sortEigs(actual);
  const e = sortEigs(expected);
  expect(a.length).toBe(e.length);
  a.forEach((z, i) => {
    expect(Math.abs(z.re - e[i].re)).toBeLessThan(tol);
    expect(Math.abs(z.im - e[i].im)).toBeLessThan(tol);
  });
}

/** S·D·S⁻¹ for a random well-conditioned S: a matrix with the spectrum of the block-diagonal D. */
function similar(D: Matrix, seed: number): Matrix {
  const rng = makeRng(seed);
  const n = D.length;
  const S = identity(n).map((row) => row.map((v) => v + 0.3 * rng.normal()));
  return matmul(matmul(S, D), inverse(S));
}

describe('basic products and solves', () => {
  it('multiplies, transposes and inverts', () => {
    const A = [
      [1, 2],
      [3, 4],
    ];
    expect(matmul(A, identity(2))).toEqual(A);
    expect(transpose([[1, 2, 3]])).toEqual([[1], [2], [3]]);
    expect(matmul(A, [[1], [1]])).toEqual([[3], [7]]);
    expect(matvec(A, [1, 1])).toEqual([3, 7]);
    expect(maxAbs(sub(matmul(A, inverse(A)), identity(2)))).toBeLessThan(1e-14);
    expect(det(A)).toBeCloseTo(-2, 12);
    expect(() => matmul(A, [[1, 2, 3]])).toThrow(/conform/);
  });

  it('solves linear systems with pivoting and rejects singular ones', () => {
    const A = [
      [0, 2, 1],
      [1, 1, 1],
      [2, 1, 0],
    ];
    const x = [1, -2, 3];
    const b = matvec(A, x);
    solve(A, b).forEach((v, i) => expect(v).toBeCloseTo(x[i], 12));
    expect(() =>
      solve(
        [
          [1, 2],
          [2, 4],
        ],
        [1, 1],
      ),
    ).toThrow(/singular/);
  });
});

describe('eigenvalues', () => {
  it('handles 1×1, triangular and rotation matrices', () => {
    expectEigs(eigenvalues([[-3]]), [{ re: -3, im: 0 }]);
    expectEigs(
      eigenvalues([
        [2, 5, 1],
        [0, -1, 4],
        [0, 0, 0.5],
      ]),
      [
        { re: 2, im: 0 },
        { re: -1, im: 0 },
        { re: 0.5, im: 0 },
      ],
    );
    const th = 0.7;
    const rot = [
      [0.9 * Math.cos(th), -0.9 * Math.sin(th)],
      [0.9 * Math.sin(th), 0.9 * Math.cos(th)],
    ];
    expectEigs(eigenvalues(rot), [
      { re: 0.9 * Math.cos(th), im: -0.9 * Math.sin(th) },
      { re: 0.9 * Math.cos(th), im: 0.9 * Math.sin(th) },
    ]);
    expect(spectralRadius(rot)).toBeCloseTo(0.9, 12);
  });

  it('recovers a known spectrum (real and complex pairs) from similar matrices', () => {
    // Eigenvalues 1.2, −0.4, 0.3 ± 0.8i, 0.05.
    const D = [
      [1.2, 0, 0, 0, 0],
      [0, -0.4, 0, 0, 0],
      [0, 0, 0.3, -0.8, 0],
      [0, 0, 0.8, 0.3, 0],
      [0, 0, 0, 0, 0.05],
    ];
    const expected = [
      { re: 1.2, im: 0 },
      { re: -0.4, im: 0 },
      { re: 0.3, im: 0.8 },
      { re: 0.3, im: -0.8 },
      { re: 0.05, im: 0 },
    ];
    for (const seed of [1, 2, 3, 4]) {
      expectEigs(eigenvalues(similar(D, seed)), expected, 1e-8);
      expect(spectralRadius(similar(D, seed))).toBeCloseTo(1.2, 9);
    }
  });

  it('matches the trace and determinant on random matrices', () => {
    const rng = makeRng(9);
    for (let k = 0; k < 20; k++) {
      const n = 2 + (k % 5);
      const A = Array.from({ length: n }, () => Array.from({ length: n }, () => rng.normal()));
      const eigs = eigenvalues(A);
      let sumRe = 0;
      let sumIm = 0;
      let prodRe = 1;
      let prodIm = 0;
      for (const z of eigs) {
        sumRe += z.re;
        sumIm += z.im;
        [prodRe, prodIm] = [prodRe * z.re - prodIm * z.im, prodRe * z.im + prodIm * z.re];
      }
      const trace = A.reduce((s, row, i) => s + row[i], 0);
      expect(sumRe).toBeCloseTo(trace, 9);
      expect(Math.abs(sumIm)).toBeLessThan(1e-9);
      expect(prodRe).toBeCloseTo(det(A), 8);
      expect(Math.abs(prodIm)).toBeLessThan(1e-8);
    }
  });

  it('handles a repeated eigenvalue and the zero matrix', () => {
    expectEigs(
      eigenvalues([
        [1, 1],
        [0, 1],
      ]),
      [
        { re: 1, im: 0 },
        { re: 1, im: 0 },
      ],
    );
    expect(
      spectralRadius([
        [0, 0],
        [0, 0],
      ]),
    ).toBe(0);
  });
});

describe('discrete Riccati / LQR', () => {
  it('matches the closed form in the scalar case', () => {
    for (const [a, b, q, r] of [
      [1.1, 0.5, 1, 0.1],
      [0.5, 1, 2, 3],
      [2, 0.2, 1, 0.01],
    ]) {
      // b²P² + (r − q b² − a² r) P − q r = 0, positive root; K = a b P / (r + b² P).
      const c1 = r - q * b * b - a * a * r;
      const P = (-c1 + Math.sqrt(c1 * c1 + 4 * b * b * q * r)) / (2 * b * b);
      const K = (a * b * P) / (r + b * b * P);
      const sol = solveDiscreteRiccati([[a]], [[b]], [[q]], [[r]]);
      expect(sol.P[0][0]).toBeCloseTo(P, 9);
      expect(sol.K[0][0]).toBeCloseTo(K, 9);
      expect(Math.abs(a - b * K)).toBeLessThan(1);
    }
  });

  it('stabilises an unstable system and satisfies the Riccati equation', () => {
    const dt = 0.05;
    // Linearised inverted pendulum (notes Toy 5A): open-loop eigenvalues ≈ 1.158 and 0.842.
    const A = [
      [1, dt],
      [10 * dt, 1],
    ];
    const B = [[0], [dt]];
    expect(spectralRadius(A)).toBeGreaterThan(1.15);
    const Q = diag([1, 0.1]);
    const R = [[0.01]];
    const { P, K } = solveDiscreteRiccati(A, B, Q, R);
    const closed = sub(A, matmul(B, K));
    expect(spectralRadius(closed)).toBeLessThan(1);
    // Residual of P = Q + A'PA − A'PB (R + B'PB)⁻¹ B'PA.
    const At = transpose(A);
    const BtPA = matmul(transpose(B), matmul(P, A));
    const rhs = sub(
      matmul(At, matmul(P, A)),
      matmul(transpose(BtPA), solve([[R[0][0] + matmul(transpose(B), matmul(P, B))[0][0]]], BtPA)),
    ).map((row, i) => row.map((v, j) => v + Q[i][j]));
    expect(maxAbs(sub(P, rhs))).toBeLessThan(1e-8 * (1 + maxAbs(P)));
  });

  it('stabilises a random unstable multi-input system', () => {
    const rng = makeRng(21);
    const n = 4;
    const A = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => (i === j ? 1.05 : 0) + 0.3 * rng.normal()),
    );
    const B = Array.from({ length: n }, () => [rng.normal(), rng.normal()]);
    expect(spectralRadius(A)).toBeGreaterThan(1);
    const K = lqrGain(A, B, identity(n), identity(2));
    expect(spectralRadius(sub(A, matmul(B, K)))).toBeLessThan(1);
  });
});
