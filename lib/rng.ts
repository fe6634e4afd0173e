/**
 * Seeded, splittable pseudo-random numbers.
 *
 * Every random number in the project comes from an `Rng`. A run starts from one integer seed; each consumer takes
 * its own named stream with `rng.stream('env')`, `rng.stream('init')`, `rng.stream('sampling')`, so adding a draw in
 * one place never shifts the numbers another place sees. The generator is sfc32 (32-bit state words, only integer
 * arithmetic), so Node and every browser produce the same sequence bit for bit.
 */

/** 32-bit FNV-1a over a string, then mixed with the parent state: the key of a named child stream. */
function hashString(text: string, salt: number): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** splitmix32: turns any 32-bit integer into a well-mixed one; used to expand a seed into generator state. */
function splitmix32(x: number): number {
  x = (x + 0x9e3779b9) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** Fixed at creation: the identity of this generator that its named child streams are derived from. */
  private streamKey: number;
  private spareNormal: number | null = null;

  /** A generator for `seed` (any finite number; it is reduced to 32 bits). */
  constructor(seed: number) {
    const s = Number.isFinite(seed) ? Math.trunc(seed) >>> 0 : 0;
    this.a = splitmix32(s);
    this.b = splitmix32(this.a ^ 0x6a09e667);
    this.c = splitmix32(this.b ^ 0xbb67ae85);
    this.d = 1;
    this.streamKey = splitmix32(this.c ^ 0xa54ff53a);
    // Warm up so that nearby seeds decorrelate.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /**
   * An independent child stream named `name`. The child depends on this generator's seed and the name only, not
   * on how many numbers this generator has drawn, so `rng.stream('env')` is the same wherever it is called.
   */
  stream(name: string): Rng {
    // Derived from the fixed key, not the live state words: drawing from this generator never moves its children.
    const key = hashString(name, this.streamKey) ^ splitmix32(this.streamKey ^ 0x510e527f);
    const child = new Rng(0);
    child.streamKey = splitmix32(key ^ 0x9b05688c);
    child.spareNormal = null;
    child.a = splitmix32(key);
    child.b = splitmix32(child.a ^ hashString(name, 0x243f6a88));
    child.c = splitmix32(child.b ^ 0x13198a2e);
    child.d = 1;
    for (let i = 0; i < 12; i++) child.nextUint32();
    return child;
  }

  /** Uniform in [0, 1), 32 bits of resolution. */
  uniform(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /** Uniform integer in {0, …, n − 1}. */
  int(n: number): number {
    if (!(n >= 1)) throw new RangeError(`Rng.int needs n ≥ 1, got ${n}`);
    return Math.floor(this.uniform() * n);
  }

  /** true with probability p. */
  bernoulli(p: number): boolean {
    return this.uniform() < p;
  }

  /** Standard normal N(0, 1) by the Box–Muller transform (the second value is kept for the next call). */
  normal(): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return z;
    }
    let u = this.uniform();
    while (u <= 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** N(mean, std²). */
  gaussian(mean: number, std: number): number {
    return mean + std * this.normal();
  }

  /** An index drawn with probabilities proportional to `weights` (non-negative, not all zero). */
  categorical(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i];
    if (!(total > 0)) throw new RangeError('Rng.categorical needs a positive total weight');
    let u = this.uniform() * total;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) return i;
    }
    return weights.length - 1;
  }

  /** Fisher–Yates shuffle in place; returns the same array. */
  shuffle<T extends { length: number; [i: number]: unknown }>(items: T): T {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }
}

/** The root generator of a run. */
export function makeRng(seed: number): Rng {
  return new Rng(seed);
}
