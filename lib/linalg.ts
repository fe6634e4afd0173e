/**
 * Small dense linear algebra for controllers and toy dynamics: matrices are plain `number[][]` (row-major, rows of
 * equal length), a few entries on a side. The numerical work is ml-matrix's (LU solves, inverse and determinant; the
 * eigenvalue decomposition, EISPACK `orthes` + `hqr2` for a general real matrix); this file keeps the project's
 * plain-array interface, its shape checks and messages, the spectral radius, and the discrete algebraic Riccati
 * equation solved by iterating the Riccati recursion, which gives the LQR gain.
 *
 * Nothing here is tuned for large n. Inputs are never mutated.
 */
import { EigenvalueDecomposition, LuDecomposition, Matrix as Dense } from 'ml-matrix';

export type Matrix = number[][];
export type Vector = number[];

export interface Complex {
  re: number;
  im: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Construction and shape
// ---------------------------------------------------------------------------------------------------------------

export function zeros(rows: number, cols: number): Matrix {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}

export function identity(n: number): Matrix {
  const I = zeros(n, n);
  for (let i = 0; i < n; i++) I[i][i] = 1;
  return I;
}

/** A diagonal matrix with the given diagonal. */
export function diag(values: readonly number[]): Matrix {
  const D = zeros(values.length, values.length);
  values.forEach((v, i) => (D[i][i] = v));
  return D;
}

/** A deep copy. */
export function clone(A: readonly (readonly number[])[]): Matrix {
  return A.map((row) => [...row]);
}

/** [rows, cols]; throws if the rows have different lengths. */
export function shape(A: readonly (readonly number[])[]): [number, number] {
  const cols = A.length === 0 ? 0 : A[0].length;
  for (const row of A) if (row.length !== cols) throw new RangeError('linalg: ragged matrix (rows differ in length)');
  return [A.length, cols];
}

function requireSquare(A: readonly (readonly number[])[], what: string): number {
  const [r, c] = shape(A);
  if (r !== c) throw new RangeError(`${what} needs a square matrix, got ${r}×${c}`);
  return r;
}

// ---------------------------------------------------------------------------------------------------------------
// Arithmetic
// ---------------------------------------------------------------------------------------------------------------

export function transpose(A: readonly (readonly number[])[]): Matrix {
  const [r, c] = shape(A);
  const T = zeros(c, r);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) T[j][i] = A[i][j];
  return T;
}

export function matmul(A: readonly (readonly number[])[], B: readonly (readonly number[])[]): Matrix {
  const [ra, ca] = shape(A);
  const [rb, cb] = shape(B);
  if (ca !== rb) throw new RangeError(`matmul: ${ra}×${ca} times ${rb}×${cb} does not conform`);
  const C = zeros(ra, cb);
  for (let i = 0; i < ra; i++) {
    for (let k = 0; k < ca; k++) {
      const a = A[i][k];
      if (a === 0) continue;
      for (let j = 0; j < cb; j++) C[i][j] += a * B[k][j];
    }
  }
  return C;
}

/** A·x for a vector x. */
export function matvec(A: readonly (readonly number[])[], x: readonly number[]): Vector {
  const [r, c] = shape(A);
  if (c !== x.length) throw new RangeError(`matvec: ${r}×${c} times a vector of length ${x.length}`);
  const y = new Array<number>(r).fill(0);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) y[i] += A[i][j] * x[j];
  return y;
}

function elementwise(
  A: readonly (readonly number[])[],
  B: readonly (readonly number[])[],
  f: (a: number, b: number) => number,
  what: string,
): Matrix {
  const [ra, ca] = shape(A);
  const [rb, cb] = shape(B);
  if (ra !== rb || ca !== cb) throw new RangeError(`${what}: shapes ${ra}×${ca} and ${rb}×${cb} differ`);
  return A.map((row, i) => row.map((a, j) => f(a, B[i][j])));
}

export function add(A: readonly (readonly number[])[], B: readonly (readonly number[])[]): Matrix {
  return elementwise(A, B, (a, b) => a + b, 'add');
}

export function sub(A: readonly (readonly number[])[], B: readonly (readonly number[])[]): Matrix {
  return elementwise(A, B, (a, b) => a - b, 'sub');
}

export function scale(A: readonly (readonly number[])[], s: number): Matrix {
  return A.map((row) => row.map((a) => a * s));
}

/** Largest absolute entry (the max norm). */
export function maxAbs(A: readonly (readonly number[])[]): number {
  let m = 0;
  for (const row of A) for (const a of row) m = Math.max(m, Math.abs(a));
  return m;
}

// ---------------------------------------------------------------------------------------------------------------
// Solving
// ---------------------------------------------------------------------------------------------------------------

/** The LU factors of A, refusing a matrix that is singular to working precision (a pivot ≤ 1e-14·max|A|). */
function luOf(A: readonly (readonly number[])[], what: string): LuDecomposition {
  const n = requireSquare(A, what);
  const lu = new LuDecomposition(new Dense(A as number[][]));
  const tiny = 1e-14 * Math.max(maxAbs(A), Number.MIN_VALUE);
  for (let i = 0; i < n; i++) {
    if (!(Math.abs(lu.upperTriangularMatrix.get(i, i)) > tiny)) throw new RangeError(`${what}: the matrix is singular to working precision`);
  }
  return lu;
}

/**
 * Solves A·X = B for X (LU with partial pivoting). B may be a matrix (n×m) or a vector (length n; the result is then
 * a vector). Throws if A is singular to working precision.
 */
export function solve(A: readonly (readonly number[])[], B: readonly (readonly number[])[]): Matrix;
export function solve(A: readonly (readonly number[])[], b: readonly number[]): Vector;
export function solve(
  A: readonly (readonly number[])[],
  B: readonly (readonly number[])[] | readonly number[],
): Matrix | Vector {
  const n = requireSquare(A, 'solve');
  const isVector = B.length > 0 && typeof B[0] === 'number';
  const rhs = isVector ? Dense.columnVector(B as number[]) : new Dense(B as number[][]);
  if (rhs.rows !== n) throw new RangeError(`solve: A is ${n}×${n} but the right-hand side has ${rhs.rows} rows`);
  if (n === 0) return isVector ? [] : [];
  const X = luOf(A, 'solve').solve(rhs);
  return isVector ? X.getColumn(0) : X.to2DArray();
}

/** The inverse of a square matrix (throws if singular). */
export function inverse(A: readonly (readonly number[])[]): Matrix {
  return solve(A, identity(requireSquare(A, 'inverse')));
}

/** The determinant, by LU elimination with partial pivoting. */
export function det(A: readonly (readonly number[])[]): number {
  const n = requireSquare(A, 'det');
  return n === 0 ? 1 : new LuDecomposition(new Dense(A as number[][])).determinant;
}

// ---------------------------------------------------------------------------------------------------------------
// Eigenvalues
// ---------------------------------------------------------------------------------------------------------------

/**
 * All eigenvalues of a real square matrix, as complex numbers (conjugate pairs adjacent, in no particular order):
 * ml-matrix's eigenvalue decomposition (Householder reduction to Hessenberg form and the shifted QR iteration;
 * the symmetric QL algorithm when A is symmetric).
 */
export function eigenvalues(A: readonly (readonly number[])[]): Complex[] {
  const n = requireSquare(A, 'eigenvalues');
  if (n === 0) return [];
  for (const row of A)
    for (const v of row) if (!Number.isFinite(v)) throw new RangeError('eigenvalues: non-finite entry');
  const evd = new EigenvalueDecomposition(new Dense(A as number[][]));
  return evd.realEigenvalues.map((re, i) => ({ re, im: evd.imaginaryEigenvalues[i] }));
}

/** The largest eigenvalue modulus: a discrete-time system x' = A·x is asymptotically stable iff this is < 1. */
export function spectralRadius(A: readonly (readonly number[])[]): number {
  let rho = 0;
  for (const { re, im } of eigenvalues(A)) rho = Math.max(rho, Math.hypot(re, im));
  return rho;
}

// ---------------------------------------------------------------------------------------------------------------
// Discrete algebraic Riccati equation and LQR
// ---------------------------------------------------------------------------------------------------------------

export interface RiccatiOptions {
  /** Stop when successive iterates differ by at most tol·(1 + max|P|) entrywise. Default 1e-12. */
  tol?: number;
  /** Give up (throw) after this many Riccati steps. Default 100 000. */
  maxIterations?: number;
}

export interface LqrSolution {
  /** The stabilising solution of the discrete algebraic Riccati equation (n×n, symmetric). */
  P: Matrix;
  /** The optimal feedback gain (m×n): u = −K·x. */
  K: Matrix;
  /** Number of Riccati steps taken. */
  iterations: number;
}

/**
 * Infinite-horizon discrete LQR for x' = A·x + B·u with stage cost x'Qx + u'Ru (Q ⪰ 0, R ≻ 0): iterates the
 * Riccati recursion
 *   P ← Q + A'PA − A'PB (R + B'PB)⁻¹ B'PA,
 * from P = Q until it stops moving, and returns P and K = (R + B'PB)⁻¹ B'PA, so that u = −K·x and the closed loop
 * is x' = (A − BK)·x. The recursion is the finite-horizon value iteration run backwards: it converges to the
 * stabilising solution when (A, B) is stabilisable and (A, Q^½) detectable. Throws if it has not converged after
 * `maxIterations` steps.
 */
export function solveDiscreteRiccati(
  A: readonly (readonly number[])[],
  B: readonly (readonly number[])[],
  Q: readonly (readonly number[])[],
  R: readonly (readonly number[])[],
  options: RiccatiOptions = {},
): LqrSolution {
  const { tol = 1e-12, maxIterations = 100_000 } = options;
  const n = requireSquare(A, 'solveDiscreteRiccati (A)');
  const [bRows, m] = shape(B);
  if (bRows !== n) throw new RangeError(`solveDiscreteRiccati: B has ${bRows} rows, A is ${n}×${n}`);
  if (requireSquare(Q, 'solveDiscreteRiccati (Q)') !== n) throw new RangeError('solveDiscreteRiccati: Q must be n×n');
  if (requireSquare(R, 'solveDiscreteRiccati (R)') !== m) throw new RangeError('solveDiscreteRiccati: R must be m×m');
  const [a, b, q, r] = [A, B, Q, R].map((M) => new Dense(M as number[][]));
  const at = a.transpose();
  const bt = b.transpose();
  let P = q.clone();
  for (let it = 1; it <= maxIterations; it++) {
    const PA = P.mmul(a);
    const BtPA = bt.mmul(PA);
    const S = Dense.add(r, bt.mmul(P).mmul(b));
    const K = new Dense(solve(S.to2DArray(), BtPA.to2DArray()));
    // P_next = Q + A'PA − (B'PA)' K, symmetrised against round-off.
    const raw = Dense.add(q, at.mmul(PA)).sub(BtPA.transpose().mmul(K));
    const next = Dense.add(raw, raw.transpose()).mul(0.5);
    const size = next.clone().abs().max();
    if (!Number.isFinite(size)) throw new Error('solveDiscreteRiccati: the recursion diverged');
    const change = Dense.sub(next, P).abs().max();
    P = next;
    if (change <= tol * (1 + size)) {
      const Kfinal = solve(Dense.add(r, bt.mmul(P).mmul(b)).to2DArray(), bt.mmul(P).mmul(a).to2DArray());
      return { P: P.to2DArray(), K: Kfinal, iterations: it };
    }
  }
  throw new Error(`solveDiscreteRiccati: no convergence after ${maxIterations} iterations (is (A, B) stabilisable?)`);
}

/** The LQR gain K (u = −K·x) for x' = A·x + B·u and stage cost x'Qx + u'Ru; see `solveDiscreteRiccati`. */
export function lqrGain(
  A: readonly (readonly number[])[],
  B: readonly (readonly number[])[],
  Q: readonly (readonly number[])[],
  R: readonly (readonly number[])[],
  options?: RiccatiOptions,
): Matrix {
  return solveDiscreteRiccati(A, B, Q, R, options).K;
}
