/**
 * `misspecification` — Toy 7B "The model that cannot remember" (SCIENCE-NOTES-ch7 §7(b); Rohatgi et al. 2025).
 * EXACT: closed forms, no sampling, so the seed changes nothing.
 *
 * Truth: y ∈ {0,1}^H is 0^H ("route A") with probability 1 − ε and 1^H ("route B") with probability ε — the expert
 * commits at the first token. Class: memoryless next-token models π_q(y_h = 1 | y_<h) = q (a context window of 0, or
 * a BC policy that cannot see its own earlier choice). Next-token prediction (teacher-forced log-loss) fits q = ε
 * with infinite data, and q̂ = (route-B demos)/n from n demonstrations.
 *
 * Sequence-level distances of π_q from the truth:
 *   D²(q) = 2 − 2[√((1−ε)(1−q)^H) + √(ε q^H)]      squared Hellinger
 *   TV(q) = ½[|1−ε−(1−q)^H| + |ε−q^H| + 1 − (1−q)^H − q^H]
 *   1 − J(q), J(q) = (1−q)^H + q^H                  sparse-reward regret (the chance of a committed sequence)
 * The best in class q* minimises D² over a grid of q ∈ [0, 1] (it is q* = 0, "always route A", for H ≥ 2), and the
 * approximation factor is C = D²(q_NTP)/D²(q*) ≈ H + 1 while Hε ≪ 1: to give route B its ε of next-token mass, the
 * memoryless model risks a switch at every step; ignoring route B costs ε once.
 *
 * Result
 *   series   factor, factor/tv: {x: H, y: C}; guide: H + 1; regret/ntp, regret/best: {x: H, y: 1 − J};
 *            landscape: {x: q, y: D²(q)} at H = horizon, q ∈ [0, 20ε]
 *   metrics  factor, factor/tv, factorOverHPlus1, d2/ntp, d2/best, regret/ntp, regret/best at H = horizon;
 *            maxDeviation = max over H ∈ {2, 4, …, 64} of |C/(H + 1) − 1|; probLucky = P[q̂ = 0] (0 for infinite data)
 *   extras   horizons; qNtp (ε), qBest (q* at H = horizon); data
 */
import { powInt } from '../../lib/detmath';
import { checkpoint } from '../core/abort';
import { misspecificationInfo, type MisspecificationResult } from './misspecification.params';
import { progressReporter } from './progress';
import { defineExperiment, type Point } from './types';

/** The horizons of the sweep (H = 1 is left out: there every model in the class is exact and C is 0/0). */
const HORIZONS = [2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128];
/** Where the maxDeviation metric is read: the notes' test horizons. */
const TEST_HORIZONS = [2, 4, 8, 16, 32, 64];
/** Points of the landscape D²(q). */
const LANDSCAPE_POINTS = 201;

/** The q grid on which the best in class is searched: 0 and 4000 log-spaced points from 10⁻⁹ to 1. */
const Q_GRID = [0, ...Array.from({ length: 4000 }, (_, k) => Math.exp(Math.log(1e-9) * (1 - k / 3999)))];

export function hellinger2(q: number, eps: number, H: number): number {
  return 2 - 2 * (Math.sqrt((1 - eps) * powInt(1 - q, H)) + Math.sqrt(eps * powInt(q, H)));
}

export function totalVariation(q: number, eps: number, H: number): number {
  const p0 = powInt(1 - q, H);
  const p1 = powInt(q, H);
  return 0.5 * (Math.abs(1 - eps - p0) + Math.abs(eps - p1) + Math.max(0, 1 - p0 - p1));
}

export function sparseRegret(q: number, H: number): number {
  return 1 - (powInt(1 - q, H) + powInt(q, H));
}

function argminOnGrid(f: (q: number) => number): { q: number; value: number } {
  let best = { q: 0, value: Infinity };
  for (const q of Q_GRID) {
    const value = f(q);
    if (value < best.value) best = { q, value };
  }
  return best;
}

/** The exact law of q̂ = k/n, k ~ Binomial(n, ε): weights over k = 0 … n (log-space, so n = 10⁴ is fine). */
function binomialLaw(n: number, eps: number): Float64Array {
  const logW = new Float64Array(n + 1);
  let logChoose = 0;
  for (let k = 0; k <= n; k++) {
    if (k > 0) logChoose += Math.log((n - k + 1) / k);
    logW[k] = logChoose + k * Math.log(eps) + (n - k) * Math.log1p(-eps);
  }
  let top = -Infinity;
  for (const w of logW) top = Math.max(top, w);
  const w = new Float64Array(n + 1);
  let total = 0;
  for (let k = 0; k <= n; k++) {
    w[k] = Math.exp(logW[k] - top);
    total += w[k];
  }
  for (let k = 0; k <= n; k++) w[k] /= total;
  return w;
}

export const misspecificationExperiment = defineExperiment(misspecificationInfo, async (p, { signal, onProgress }) => {
  const report = progressReporter(onProgress);
  const eps = p.epsilon;
  const finite = p.data === 'finite';
  const n = p.nDemos;
  const law = finite ? binomialLaw(n, eps) : null;
  // The next-token fit's expected distance: at q = ε, or averaged over the sampling law of q̂.
  const expected = (f: (q: number) => number): number => {
    if (!law) return f(eps);
    let s = 0;
    for (let k = 0; k <= n; k++) if (law[k] > 1e-16) s += law[k] * f(k / n);
    return s;
  };

  const series: Record<'factor' | 'factor/tv' | 'guide' | 'regret/ntp' | 'regret/best', Point[]> = {
    factor: [],
    'factor/tv': [],
    guide: [],
    'regret/ntp': [],
    'regret/best': [],
  };
  const at = (H: number) => {
    const d2Best = argminOnGrid((q) => hellinger2(q, eps, H));
    const tvBest = argminOnGrid((q) => totalVariation(q, eps, H));
    const d2Ntp = expected((q) => hellinger2(q, eps, H));
    return {
      d2Ntp,
      d2Best: d2Best.value,
      qBest: d2Best.q,
      factor: d2Ntp / d2Best.value,
      factorTv: expected((q) => totalVariation(q, eps, H)) / tvBest.value,
      regretNtp: expected((q) => sparseRegret(q, H)),
      regretBest: sparseRegret(d2Best.q, H),
    };
  };

  for (const [k, H] of HORIZONS.entries()) {
    await checkpoint(signal);
    const c = at(H);
    series.factor.push({ x: H, y: c.factor });
    series['factor/tv'].push({ x: H, y: c.factorTv });
    series.guide.push({ x: H, y: H + 1 });
    series['regret/ntp'].push({ x: H, y: c.regretNtp });
    series['regret/best'].push({ x: H, y: c.regretBest });
    report((k + 1) / (HORIZONS.length + 1), `H = ${H}`);
  }

  const here = at(p.horizon);
  const qMax = Math.min(1, Math.max(0.005, 20 * eps));
  const landscape = Array.from({ length: LANDSCAPE_POINTS }, (_, i) => {
    const q = (qMax * i) / (LANDSCAPE_POINTS - 1);
    return { x: q, y: hellinger2(q, eps, p.horizon) };
  });
  const deviation = (H: number) => Math.abs(series.factor.find((pt) => pt.x === H)!.y / (H + 1) - 1);

  const result: MisspecificationResult = {
    metrics: {
      factor: here.factor,
      'factor/tv': here.factorTv,
      factorOverHPlus1: here.factor / (p.horizon + 1),
      maxDeviation: Math.max(...TEST_HORIZONS.map(deviation)),
      'd2/ntp': here.d2Ntp,
      'd2/best': here.d2Best,
      'regret/ntp': here.regretNtp,
      'regret/best': here.regretBest,
      probLucky: law ? law[0] : 0,
    },
    series: { ...series, landscape },
    extras: { horizons: HORIZONS, qNtp: eps, qBest: here.qBest, data: p.data },
  };
  report(1, 'done', () => result, true);
  return result;
});
