/**
 * `exposure-bias` — exposure bias in a bounded-depth bracket language (SCIENCE-NOTES §2(b) Toy 2B, SCIENCE.md
 * "Chapter: Compounding error"). A teacher writes depth-capped bracket strings; two students learn it by next-token
 * prediction and then write strings of their own at temperature τ:
 *   - bc:        teacher forcing — every prefix of teacher strings, labelled by the teacher (behaviour cloning);
 *   - onPolicy:  on-policy distillation (DAgger for language models) — the same first teacher strings, then for a
 *                few rounds the student writes strings at the deployment temperature, the teacher labels every
 *                prefix (the recovery token at invalid depths included), the labels are aggregated and it refits.
 * Both get the same label budget (`nStrings` labelled strings of `stringLength` tokens): with count-based students
 * a larger dataset alone lowers the per-token error, so only equal budgets isolate what the data's *distribution*
 * does (sims/algos/dyckStudents.ts). The students are the count-based tables of that file: on one-hot features they
 * are the notes' model class fitted in closed form (Laplace smoothing; an unseen context stays at ½/½). Both
 * metrics are exact for every H (the joint distribution of depth and context is propagated; no sampling noise):
 *   - dense:  E[number of invalid tokens among the first H] — compounds for BC (slope ≈ 1.5, toward 2), ≈ linear
 *             for on-policy distillation, which learnt to come back;
 *   - sparse: P(the first H tokens are all valid) — about the same for both: the first mistake kills it either way.
 *
 * Result
 *   series   invalid/bc, invalid/onPolicy: {x: H, y: expected invalid tokens}; pValid/bc, pValid/onPolicy: {x: H,
 *            y: P(valid)}; failure/bc, failure/onPolicy: {x: H, y: 1 − P(valid)}; H = 1 … maxH, all exact
 *   metrics  slope/invalid/bc, slope/invalid/onPolicy, slope/failure/bc, slope/failure/onPolicy (least-squares slope
 *            of log y on log H over H ∈ {maxH/8, maxH/4, maxH/2, maxH}); ratio/invalid (bc ÷ onPolicy at maxH);
 *            invalid/bc, invalid/onPolicy, invalidFraction/bc, invalidFraction/onPolicy, pValid/bc, pValid/onPolicy
 *            (at maxH); pValid/maxGap (max over H of |P_valid(bc) − P_valid(onPolicy)|); invalidPerFailure/bc, …/onPolicy
 *            (expected invalid tokens in a string of length maxH that has at least one: red runs vs isolated red
 *            tokens); tokenError/bc (ε_tok = (1 − P_valid(bc)) / maxH: the per-token error on valid prefixes that
 *            the sparse metric implies); randomWalk/invalid/bc ((2/3)·√(8/π)·ε_tok·maxH^{3/2}: the invalid count the
 *            random-walk argument predicts for BC, to set against invalid/bc); labels/bc, labels/onPolicy
 *            (teacher labels each student was fitted on); sampled/errorFraction/bc, …/onPolicy (share of the
 *            sampled display strings with at least one invalid token). Undefined ones (a zero count) are omitted.
 *   extras   horizons (the four slope horizons); tau and maxH (what the strings were sampled with); strings: { bc, onPolicy: { samples, withErrors, nSampled,
 *            nWithErrors } } where a string is { text, invalid: positions of invalid tokens, depths } (first few
 *            sampled strings of length maxH, and the first few that contain a mistake); students: { bc, onPolicy,
 *            teacher: { kind, depthCap, windowK, probOpen: number[] } } (the fitted tables at temperature 1, so a
 *            page can sample more strings with sims/envs/dyck.ts); depthLabels (depth of each depth context)
 */
import { makeRng, type Rng } from '../../lib/rng';
import { logLogSlope } from '../../lib/stats';
import {
  DEPTH_MARGIN,
  depthTrace,
  exactDyckMetrics,
  invalidMask,
  nDepthContexts,
  sampleString,
  tokensToString,
  type DyckMetrics,
  type DyckStudentKind,
  type DyckTablePolicy,
} from '../envs/dyck';
import { trainBcDyck, trainOnPolicyDyck, type DyckCounts } from '../algos/dyckStudents';
import { teacherTable } from '../experts/dyck';
import {
  exposureBiasInfo,
  type ExposureBiasResult,
  type GeneratedString,
  type StudentStrings,
  type StudentTable,
} from './exposure-bias.params';
import { progressReporter } from './progress';
import { defineExperiment, throwIfAborted, type Point } from './types';

export type { GeneratedString, StudentStrings, StudentTable };

/** Display strings kept per student, and how many are sampled to find the ones with a mistake. */
const N_SHOWN = 4;
const N_SAMPLED = 200;

/** The slope horizons: maxH/8, maxH/4, maxH/2, maxH (the notes' 16…128 for maxH = 128). */
export function slopeHorizons(maxH: number): number[] {
  return [8, 4, 2, 1].map((d) => Math.max(1, Math.round(maxH / d)));
}

function curve(values: Float64Array, maxH: number, map: (v: number) => number = (v) => v): Point[] {
  return Array.from({ length: maxH }, (_, i) => ({ x: i + 1, y: map(values[i + 1]) }));
}

function slopeAt(values: Float64Array, horizons: readonly number[], map: (v: number) => number = (v) => v): number {
  const ys = horizons.map((h) => map(values[h]));
  return ys.every((y) => y > 0) ? logLogSlope(horizons, ys) : NaN;
}

function labelCount(counts: DyckCounts): number {
  let n = 0;
  for (let i = 0; i < counts.open.length; i++) n += counts.open[i] + counts.close[i];
  return n;
}

function generate(policy: DyckTablePolicy, length: number, tau: number, rng: Rng): StudentStrings {
  const samples: GeneratedString[] = [];
  const withErrors: GeneratedString[] = [];
  let nWithErrors = 0;
  for (let n = 0; n < N_SAMPLED; n++) {
    const tokens = sampleString(policy, length, tau, rng);
    const mask = invalidMask(tokens, policy.depthCap);
    const invalid: number[] = [];
    mask.forEach((m, i) => {
      if (m) invalid.push(i);
    });
    const s: GeneratedString = { text: tokensToString(tokens), invalid, depths: Array.from(depthTrace(tokens)) };
    if (samples.length < N_SHOWN) samples.push(s);
    if (invalid.length > 0) {
      nWithErrors++;
      if (withErrors.length < N_SHOWN) withErrors.push(s);
    }
  }
  return { samples, withErrors, nSampled: N_SAMPLED, nWithErrors };
}

function tableJson(t: DyckTablePolicy): StudentTable {
  return { kind: t.kind, depthCap: t.depthCap, windowK: t.windowK, probOpen: Array.from(t.probOpen) };
}

/** The optional metrics that are defined: a NaN would make the worker flag the run as diverged. */
function definedOnly<K extends string>(metrics: Record<K, number>): Partial<Record<K, number>> {
  return Object.fromEntries(Object.entries<number>(metrics).filter(([, v]) => Number.isFinite(v))) as Partial<
    Record<K, number>
  >;
}

export const exposureBiasExperiment = defineExperiment(exposureBiasInfo, async (p, { seed, signal, onProgress }) => {
  const kind: DyckStudentKind = p.student;
  const { tau, depthCap, windowK, hMax: maxH, rounds } = p;
  const report = progressReporter<ExposureBiasResult>(onProgress);
  const root = makeRng(seed);

  // 1. Train both students on the same label budget. They share one rng stream, so on-policy distillation's first
  //    teacher strings (and their labels) are exactly the first strings of BC's larger teacher set.
  report(0, 'training the students', undefined, true);
  const perStage = Math.max(1, Math.round(p.nStrings / (rounds + 1)));
  const common = { kind, depthCap, windowK, stringLength: p.stringLength, labelsPerPosition: 2, smoothing: 1 };
  const bc = trainBcDyck({ ...common, nStrings: perStage * (rounds + 1) }, root.stream('students'));
  const onPolicy = trainOnPolicyDyck(
    { ...common, nStrings: perStage, rounds, nRolloutStrings: perStage, rolloutTau: tau },
    root.stream('students'),
  );
  throwIfAborted(signal);

  // 2. Both metrics, exactly, at every length up to maxH.
  report(0.3, 'evaluating BC exactly', undefined, true);
  const mBc: DyckMetrics = exactDyckMetrics(bc.student, maxH, tau);
  throwIfAborted(signal);
  report(0.6, 'evaluating on-policy distillation exactly', undefined, true);
  const mOn: DyckMetrics = exactDyckMetrics(onPolicy.student, maxH, tau);
  throwIfAborted(signal);

  // 3. Strings to look at, sampled at the deployment temperature.
  const display = root.stream('display');
  const strings = {
    bc: generate(bc.student, maxH, tau, display.stream('bc')),
    onPolicy: generate(onPolicy.student, maxH, tau, display.stream('onPolicy')),
  };

  const horizons = slopeHorizons(maxH);
  const failure = (v: number) => 1 - v;
  let maxGap = 0;
  for (let h = 1; h <= maxH; h++) maxGap = Math.max(maxGap, Math.abs(mBc.pValid[h] - mOn.pValid[h]));
  // The chapter's deep dive: ε_tok from the sparse metric, and the count a symmetric random walk after each first
  // mistake predicts, ε_tok · Σ_t √(8 (H − t) / π) ≈ (2/3) √(8/π) ε_tok H^{3/2}.
  const tokenError = (1 - mBc.pValid[maxH]) / maxH;
  const result: ExposureBiasResult = {
    metrics: {
      ...definedOnly({
        'slope/invalid/bc': slopeAt(mBc.expectedInvalid, horizons),
        'slope/invalid/onPolicy': slopeAt(mOn.expectedInvalid, horizons),
        'slope/failure/bc': slopeAt(mBc.pValid, horizons, failure),
        'slope/failure/onPolicy': slopeAt(mOn.pValid, horizons, failure),
        'ratio/invalid': mBc.expectedInvalid[maxH] / mOn.expectedInvalid[maxH],
      }),
      'invalid/bc': mBc.expectedInvalid[maxH],
      'invalid/onPolicy': mOn.expectedInvalid[maxH],
      'invalidFraction/bc': mBc.expectedInvalid[maxH] / maxH,
      'invalidFraction/onPolicy': mOn.expectedInvalid[maxH] / maxH,
      'pValid/bc': mBc.pValid[maxH],
      'pValid/onPolicy': mOn.pValid[maxH],
      'pValid/maxGap': maxGap,
      'tokenError/bc': tokenError,
      'randomWalk/invalid/bc': (2 / 3) * Math.sqrt(8 / Math.PI) * tokenError * maxH * Math.sqrt(maxH),
      ...definedOnly({
        'invalidPerFailure/bc': mBc.expectedInvalid[maxH] / (1 - mBc.pValid[maxH]),
        'invalidPerFailure/onPolicy': mOn.expectedInvalid[maxH] / (1 - mOn.pValid[maxH]),
      }),
      'labels/bc': labelCount(bc.counts),
      'labels/onPolicy': labelCount(onPolicy.counts),
      'sampled/errorFraction/bc': strings.bc.nWithErrors / strings.bc.nSampled,
      'sampled/errorFraction/onPolicy': strings.onPolicy.nWithErrors / strings.onPolicy.nSampled,
    },
    series: {
      'invalid/bc': curve(mBc.expectedInvalid, maxH),
      'invalid/onPolicy': curve(mOn.expectedInvalid, maxH),
      'pValid/bc': curve(mBc.pValid, maxH),
      'pValid/onPolicy': curve(mOn.pValid, maxH),
      'failure/bc': curve(mBc.pValid, maxH, failure),
      'failure/onPolicy': curve(mOn.pValid, maxH, failure),
    },
    extras: {
      horizons,
      tau,
      maxH,
      strings,
      students: {
        bc: tableJson(bc.student),
        onPolicy: tableJson(onPolicy.student),
        teacher: tableJson(teacherTable(depthCap)),
      },
      depthLabels: Array.from({ length: nDepthContexts(depthCap) }, (_, c) => c - DEPTH_MARGIN),
    },
  };
  report(1, 'done', () => result, true);
  return result;
});
