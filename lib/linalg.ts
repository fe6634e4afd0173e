/**
 * Small dense linear algebra for controllers and toy dynamics: matrices are plain `number[][]` (row-major, rows of
 * equal length), a few entries on a side. Products, transposes, Gauss–Jordan inverse and solve, eigenvalues of a
 * real matrix (Hessenberg reduction + shifted QR, the EISPACK `hqr` algorithm), the spectral radius, and the
 * discrete algebraic Riccati equation solved by iterating the Riccati recursion, which gives the LQR gain.
 *
 * Nothing here is tuned for large n; everything is O(n³) and allocates freely. Inputs are never mutated.
 */

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

/**
 * Solves A·X = B for X by Gauss–Jordan elimination with partial pivoting. B may be a matrix (n×m) or a vector
 * (length n; the result is then a vector). Throws if A is singular to working precision.
 */
export function solve(A: readonly (readonly number[])[], B: readonly (readonly number[])[]): Matrix;
export function solve(A: readonly (readonly number[])[], b: readonly number[]): Vector;
export function solve(
  A: readonly (readonly number[])[],
  B: readonly (readonly number[])[] | readonly number[],
): Matrix | Vector {
  const n = requireSquare(A, 'solve');
  const isVector = B.length > 0 && typeof B[0] === 'number';
  const rhs: Matrix = isVector ? (B as readonly number[]).map((b) => [b]) : clone(B as readonly (readonly number[])[]);
  if (rhs.length !== n) throw new RangeError(`solve: A is ${n}×${n} but the right-hand side has ${rhs.length} rows`);
  const m = rhs.length === 0 ? 0 : rhs[0].length;
  const M = clone(A);
  const tiny = 1e-14 * Math.max(maxAbs(A), Number.MIN_VALUE);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(M[r][col]) > Math.abs(M[pivot][col])) pivot = r;
    if (!(Math.abs(M[pivot][col]) > tiny)) throw new RangeError('solve: the matrix is singular to working precision');
    [M[col], M[pivot]] = [M[pivot], M[col]];
    [rhs[col], rhs[pivot]] = [rhs[pivot], rhs[col]];
    const inv = 1 / M[col][col];
    for (let j = 0; j < n; j++) M[col][j] *= inv;
    for (let j = 0; j < m; j++) rhs[col][j] *= inv;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = M[r][col];
      if (f === 0) continue;
      for (let j = 0; j < n; j++) M[r][j] -= f * M[col][j];
      for (let j = 0; j < m; j++) rhs[r][j] -= f * rhs[col][j];
    }
  }
  return isVector ? rhs.map((row) => row[0]) : rhs;
}

/** The inverse of a square matrix (throws if singular). */
export function inverse(A: readonly (readonly number[])[]): Matrix {
  return solve(A, identity(requireSquare(A, 'inverse')));
}

/** The determinant, by LU elimination with partial pivoting. */
export function det(A: readonly (readonly number[])[]): number {
  const n = requireSquare(A, 'det');
  const M = clone(A);
  let d = 1;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(M[r][col]) > Math.abs(M[pivot][col])) pivot = r;
    if (M[pivot][col] === 0) return 0;
    if (pivot !== col) {
      [M[col], M[pivot]] = [M[pivot], M[col]];
      d = -d;
    }
    d *= M[col][col];
    for (let r = col + 1; r < n; r++) {
      const f = M[r][col] / M[col][col];
      for (let j = col; j < n; j++) M[r][j] -= f * M[col][j];
    }
  }
  return d;
}

// ---------------------------------------------------------------------------------------------------------------
// Eigenvalues
// ---------------------------------------------------------------------------------------------------------------

/**
 * All eigenvalues of a real square matrix, as complex numbers (conjugate pairs adjacent, in no particular order).
 * Reduction to upper Hessenberg form by stabilised elementary similarity transforms, then the Francis double-shift
 * QR iteration (EISPACK `hqr`, as in Numerical Recipes §11.5–11.6), written 1-indexed to stay line-for-line
 * checkable against the reference. Throws if the iteration fails to converge (which does not happen for
 * reasonable small matrices).
 */
export function eigenvalues(A: readonly (readonly number[])[]): Complex[] {
  const n = requireSquare(A, 'eigenvalues');
  if (n === 0) return [];
  for (const row of A)
    for (const v of row) if (!Number.isFinite(v)) throw new RangeError('eigenvalues: non-finite entry');
  // 1-indexed working copy: a[i][j] for i, j in 1..n.
  const a: number[][] = Array.from({ length: n + 1 }, (_, i) =>
    Array.from({ length: n + 1 }, (_, j) => (i > 0 && j > 0 ? A[i - 1][j - 1] : 0)),
  );
  toHessenberg(a, n);
  for (let i = 3; i <= n; i++) for (let j = 1; j <= i - 2; j++) a[i][j] = 0; // drop the elimination multipliers
  return hessenbergQr(a, n);
}

/** In-place reduction to upper Hessenberg form by Gaussian elimination with pivoting (NR `elmhes`), 1-indexed. */
function toHessenberg(a: number[][], n: number): void {
  for (let m = 2; m < n; m++) {
    let x = 0;
    let i = m;
    for (let j = m; j <= n; j++) {
      if (Math.abs(a[j][m - 1]) > Math.abs(x)) {
        x = a[j][m - 1];
        i = j;
      }
    }
    if (i !== m) {
      for (let j = m - 1; j <= n; j++) [a[i][j], a[m][j]] = [a[m][j], a[i][j]];
      for (let j = 1; j <= n; j++) [a[j][i], a[j][m]] = [a[j][m], a[j][i]];
    }
    if (x !== 0) {
      for (i = m + 1; i <= n; i++) {
        let y = a[i][m - 1];
        if (y !== 0) {
          y /= x;
          a[i][m - 1] = y;
          for (let j = m; j <= n; j++) a[i][j] -= y * a[m][j];
          for (let j = 1; j <= n; j++) a[j][m] += y * a[j][i];
        }
      }
    }
  }
}

const sign = (a: number, b: number) => (b >= 0 ? Math.abs(a) : -Math.abs(a));

/** Eigenvalues of an upper Hessenberg matrix by the shifted QR algorithm (NR `hqr`), 1-indexed, destroys `a`. */
function hessenbergQr(a: number[][], n: number): Complex[] {
  const wr = new Array<number>(n + 1).fill(0);
  const wi = new Array<number>(n + 1).fill(0);
  let anorm = 0;
  for (let i = 1; i <= n; i++) for (let j = Math.max(i - 1, 1); j <= n; j++) anorm += Math.abs(a[i][j]);
  let nn = n;
  let t = 0;
  // The scratch scalars of the reference algorithm; every path assigns them before reading them.
  let p = 0;
  let q = 0;
  let r = 0;
  let s: number;
  let w: number;
  let x: number;
  let y: number;
  let z: number;
  while (nn >= 1) {
    let its = 0;
    let l: number;
    do {
      // Look for a single small subdiagonal element to split the matrix.
      for (l = nn; l >= 2; l--) {
        s = Math.abs(a[l - 1][l - 1]) + Math.abs(a[l][l]);
        if (s === 0) s = anorm;
        if (Math.abs(a[l][l - 1]) + s === s) {
          a[l][l - 1] = 0;
          break;
        }
      }
      x = a[nn][nn];
      if (l === nn) {
        // One root found.
        wr[nn] = x + t;
        wi[nn--] = 0;
      } else {
        y = a[nn - 1][nn - 1];
        w = a[nn][nn - 1] * a[nn - 1][nn];
        if (l === nn - 1) {
          // Two roots found.
          p = 0.5 * (y - x);
          q = p * p + w;
          z = Math.sqrt(Math.abs(q));
          x += t;
          if (q >= 0) {
            z = p + sign(z, p);
            wr[nn - 1] = wr[nn] = x + z;
            if (z) wr[nn] = x - w / z;
            wi[nn - 1] = wi[nn] = 0;
          } else {
            wr[nn - 1] = wr[nn] = x + p;
            wi[nn] = z;
            wi[nn - 1] = -z;
          }
          nn -= 2;
        } else {
          // No roots found yet: continue iterating.
          if (its === 60) throw new Error('eigenvalues: the QR iteration did not converge');
          if (its === 10 || its === 20 || its === 40) {
            // Exceptional shift.
            t += x;
            for (let i = 1; i <= nn; i++) a[i][i] -= x;
            s = Math.abs(a[nn][nn - 1]) + Math.abs(a[nn - 1][nn - 2]);
            y = x = 0.75 * s;
            w = -0.4375 * s * s;
          }
          ++its;
          let m: number;
          // Form the shift and look for two consecutive small subdiagonal elements.
          for (m = nn - 2; m >= l; m--) {
            z = a[m][m];
            r = x - z;
            s = y - z;
            p = (r * s - w) / a[m + 1][m] + a[m][m + 1];
            q = a[m + 1][m + 1] - z - r - s;
            r = a[m + 2][m + 1];
            s = Math.abs(p) + Math.abs(q) + Math.abs(r);
            p /= s;
            q /= s;
            r /= s;
            if (m === l) break;
            const u = Math.abs(a[m][m - 1]) * (Math.abs(q) + Math.abs(r));
            const v = Math.abs(p) * (Math.abs(a[m - 1][m - 1]) + Math.abs(z) + Math.abs(a[m + 1][m + 1]));
            if (u + v === v) break;
          }
          for (let i = m + 2; i <= nn; i++) {
            a[i][i - 2] = 0;
            if (i !== m + 2) a[i][i - 3] = 0;
          }
          // Double QR step on rows l..nn and columns m..nn.
          for (let k = m; k <= nn - 1; k++) {
            if (k !== m) {
              p = a[k][k - 1];
              q = a[k + 1][k - 1];
              r = 0;
              if (k !== nn - 1) r = a[k + 2][k - 1];
              if ((x = Math.abs(p) + Math.abs(q) + Math.abs(r)) !== 0) {
                p /= x;
                q /= x;
                r /= x;
              }
            }
            if ((s = sign(Math.sqrt(p * p + q * q + r * r), p)) !== 0) {
              if (k === m) {
                if (l !== m) a[k][k - 1] = -a[k][k - 1];
              } else a[k][k - 1] = -s * x;
              p += s;
              x = p / s;
              y = q / s;
              z = r / s;
              q /= p;
              r /= p;
              for (let j = k; j <= nn; j++) {
                p = a[k][j] + q * a[k + 1][j];
                if (k !== nn - 1) {
                  p += r * a[k + 2][j];
                  a[k + 2][j] -= p * z;
                }
                a[k + 1][j] -= p * y;
                a[k][j] -= p * x;
              }
              const mmin = nn < k + 3 ? nn : k + 3;
              for (let i = l; i <= mmin; i++) {
                p = x * a[i][k] + y * a[i][k + 1];
                if (k !== nn - 1) {
                  p += z * a[i][k + 2];
                  a[i][k + 2] -= p * r;
                }
                a[i][k + 1] -= p * q;
                a[i][k] -= p;
              }
            }
          }
        }
      }
    } while (l < nn - 1);
  }
  const out: Complex[] = [];
  for (let i = 1; i <= n; i++) out.push({ re: wr[i], im: wi[i] });
  return out;
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
  const At = transpose(A);
  const Bt = transpose(B);
  let P = clone(Q);
  for (let it = 1; it <= maxIterations; it++) {
    const PA = matmul(P, A);
    const BtPA = matmul(Bt, PA);
    const S = add(R, matmul(Bt, matmul(P, B)));
    const K = solve(S, BtPA);
    // P_next = Q + A'PA − (B'PA)' K, symmetrised against round-off.
    const raw = sub(add(Q, matmul(At, PA)), matmul(transpose(BtPA), K));
    const next = raw.map((row, i) => row.map((_, j) => 0.5 * (raw[i][j] + raw[j][i])));
    if (!Number.isFinite(maxAbs(next))) throw new Error('solveDiscreteRiccati: the recursion diverged');
    const change = maxAbs(sub(next, P));
    P = next;
    if (change <= tol * (1 + maxAbs(P))) {
      const Kfinal = solve(add(R, matmul(Bt, matmul(P, B))), matmul(Bt, matmul(P, A)));
      return { P, K: Kfinal, iterations: it };
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
