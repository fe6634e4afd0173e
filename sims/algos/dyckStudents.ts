/**
 * Count-based students for the bracket language (Toy 2B), in plain TypeScript.
 *
 * The notes' students are networks on one-hot features: the depth student sees one-hot(clip(h, −3, B + 3)), the
 * window-k student the last k tokens. On one-hot inputs a network is a lookup table with one next-token
 * distribution per context, so the maximum-likelihood table — label counts per context, smoothed — is the same
 * model class fitted in closed form. Smoothing plays the part of finite training: a context with no data stays at
 * ½/½ (the network's "random-ish" behaviour at depths it never saw), and a deterministic context seen n times puts
 * probability α/(n + 2α) on the wrong token, a small per-token error ε_tok that the temperature τ then inflates.
 *
 * Two ways to fit, as in the notes:
 *   - behaviour cloning (teacher forcing): label every prefix of teacher strings;
 *   - on-policy distillation (DAgger for language models): then, for a few rounds, sample strings from the current
 *     student, let the teacher label every prefix (including the recovery token at invalid depths), aggregate all
 *     the labels and refit.
 * Two things differ from the notes' networks, and the figure should know them:
 *   - a count student's per-token error shrinks as labels accumulate (α/(n + 2α)), while a network's is set by its
 *     training budget. On-policy distillation ends with 4× the labels of behaviour cloning on 200 strings, so its
 *     per-token error is smaller too and its sequence-level P(valid) somewhat higher (Toy 2B at τ = 1.5, H = 128:
 *     0.94 vs 0.85; the notes' networks: 0.735 vs 0.693). Behaviour cloning with equal labels (`nStrings` = 800)
 *     isolates the lesson: the same P(valid) to two decimals, and still 10× the invalid tokens.
 *   - write the on-policy strings at the deployment temperature (`rolloutTau`): at τ = 1 the count student errs so
 *     rarely that its strings contain almost no off-language prefixes, and it learns almost no recovery.
 * A tfjs network can replace the table: read it out at every context with `contextFeatures` and build a
 * `DyckTablePolicy`; the sampler and the exact evaluator in `sims/envs/dyck.ts` accept either.
 */
import type { Rng } from '../../lib/rng';
import { sampleTeacherString, teacherProbOpen } from '../experts/dyck';
import {
  depthContext,
  nDepthContexts,
  nWindowContexts,
  nextDepth,
  pushRecent,
  sampleString,
  windowContext,
  type DyckStudentKind,
  type DyckTablePolicy,
} from '../envs/dyck';

// ---------------------------------------------------------------------------------------------------------------
// Label counts per context (the dataset) and the fitted table
// ---------------------------------------------------------------------------------------------------------------

/** The aggregated dataset of a table student: how often each context was labelled "(" and ")". */
export interface DyckCounts {
  kind: DyckStudentKind;
  depthCap: number;
  windowK: number;
  open: Float64Array;
  close: Float64Array;
}

export function emptyCounts(kind: DyckStudentKind, depthCap: number, windowK: number): DyckCounts {
  const n = kind === 'depth' ? nDepthContexts(depthCap) : nWindowContexts(windowK);
  return { kind, depthCap, windowK, open: new Float64Array(n), close: new Float64Array(n) };
}

/**
 * Teacher labels for every prefix of every string: before token t, the context of the first t tokens gets
 * `labelsPerPosition` labels sampled from the teacher at that prefix's depth (the notes use 2, "soft labels realised
 * as sampled labels"); `labelsPerPosition = 0` adds the teacher's probabilities themselves (exact soft labels).
 * The strings may come from the teacher (behaviour cloning) or from a student (on-policy distillation).
 */
export function countTeacherLabels(
  kind: DyckStudentKind,
  depthCap: number,
  windowK: number,
  strings: readonly ArrayLike<number>[],
  labelsPerPosition: number,
  rng: Rng,
): DyckCounts {
  const counts = emptyCounts(kind, depthCap, windowK);
  for (const s of strings) {
    let depth = 0;
    let recent = 0;
    for (let t = 0; t < s.length; t++) {
      const ctx = kind === 'depth' ? depthContext(depth, depthCap) : windowContext(recent, windowK);
      const p = teacherProbOpen(depth, depthCap);
      if (labelsPerPosition <= 0) {
        counts.open[ctx] += p;
        counts.close[ctx] += 1 - p;
      } else {
        for (let j = 0; j < labelsPerPosition; j++) {
          if (rng.uniform() < p) counts.open[ctx] += 1;
          else counts.close[ctx] += 1;
        }
      }
      depth = nextDepth(depth, s[t]);
      recent = pushRecent(recent, s[t]);
    }
  }
  return counts;
}

/** The union of two datasets (DAgger's aggregation). */
export function mergeCounts(a: DyckCounts, b: DyckCounts): DyckCounts {
  if (a.kind !== b.kind || a.depthCap !== b.depthCap || (a.kind === 'window' && a.windowK !== b.windowK)) {
    throw new Error('mergeCounts: the datasets are for different students');
  }
  const open = a.open.map((v, i) => v + b.open[i]);
  const close = a.close.map((v, i) => v + b.close[i]);
  return { ...a, open, close };
}

/**
 * The smoothed maximum-likelihood table: P("(" | c) = (n_open + α) / (n_open + n_close + 2α). α = 1 is Laplace's
 * rule; contexts never labelled get ½.
 */
export function fitCountStudent(counts: DyckCounts, smoothing = 1): DyckTablePolicy {
  const probOpen = counts.open.map((o, i) => (o + smoothing) / (o + counts.close[i] + 2 * smoothing));
  // α = 0 on an unlabelled context would give 0/0.
  for (let i = 0; i < probOpen.length; i++) if (!Number.isFinite(probOpen[i])) probOpen[i] = 0.5;
  return { kind: counts.kind, depthCap: counts.depthCap, windowK: counts.windowK, probOpen };
}

// ---------------------------------------------------------------------------------------------------------------
// Training: behaviour cloning and on-policy distillation
// ---------------------------------------------------------------------------------------------------------------

export interface DyckTrainingConfig {
  /** Which student: the realisable depth feature or the misspecified window of the last k tokens. */
  kind: DyckStudentKind;
  /** B, the depth cap. */
  depthCap: number;
  /** k for the window student. */
  windowK: number;
  /** Teacher strings for behaviour cloning (notes: 200). */
  nStrings: number;
  /** Their length in tokens (notes: 64). */
  stringLength: number;
  /** Sampled teacher labels per prefix (notes: 2); 0 = exact soft labels. */
  labelsPerPosition: number;
  /** α of the add-α smoothing (1 = Laplace). */
  smoothing: number;
  /** On-policy rounds after behaviour cloning (notes: 3). */
  rounds: number;
  /** Student strings sampled per on-policy round (notes: 200, of length `stringLength`). */
  nRolloutStrings: number;
  /** Temperature at which the student writes its on-policy strings (normally the deployment τ). */
  rolloutTau: number;
}

export const dyckTrainingDefaults: DyckTrainingConfig = {
  kind: 'depth',
  depthCap: 3,
  windowK: 2,
  nStrings: 200,
  stringLength: 64,
  labelsPerPosition: 2,
  smoothing: 1,
  rounds: 3,
  nRolloutStrings: 200,
  rolloutTau: 1,
};

export interface DyckTrainingResult {
  /** The final student. */
  student: DyckTablePolicy;
  /** The aggregated dataset it was fitted on. */
  counts: DyckCounts;
  /** The student after each stage: [BC, after round 1, …] (length 1 for behaviour cloning). */
  history: DyckTablePolicy[];
}

/** Behaviour cloning by teacher forcing: count teacher labels on teacher strings, fit the table. */
export function trainBcDyck(config: Partial<DyckTrainingConfig>, rng: Rng): DyckTrainingResult {
  const c = { ...dyckTrainingDefaults, ...config };
  const teacherRng = rng.stream('teacher-strings');
  const strings: Uint8Array[] = [];
  for (let i = 0; i < c.nStrings; i++) strings.push(sampleTeacherString(c.depthCap, c.stringLength, teacherRng));
  const counts = countTeacherLabels(c.kind, c.depthCap, c.windowK, strings, c.labelsPerPosition, rng.stream('labels'));
  const student = fitCountStudent(counts, c.smoothing);
  return { student, counts, history: [student] };
}

/**
 * On-policy distillation: behaviour cloning, then `rounds` times — the student writes strings at `rolloutTau`, the
 * teacher labels every prefix, the labels join the dataset, the table is refitted.
 */
export function trainOnPolicyDyck(config: Partial<DyckTrainingConfig>, rng: Rng): DyckTrainingResult {
  const c = { ...dyckTrainingDefaults, ...config };
  const bc = trainBcDyck(c, rng);
  let counts = bc.counts;
  let student = bc.student;
  const history = [student];
  for (let round = 1; round <= c.rounds; round++) {
    const roundRng = rng.stream(`round-${round}`);
    const strings: Uint8Array[] = [];
    const sampling = roundRng.stream('student-strings');
    for (let i = 0; i < c.nRolloutStrings; i++)
      strings.push(sampleString(student, c.stringLength, c.rolloutTau, sampling));
    const labels = countTeacherLabels(
      c.kind,
      c.depthCap,
      c.windowK,
      strings,
      c.labelsPerPosition,
      roundRng.stream('labels'),
    );
    counts = mergeCounts(counts, labels);
    student = fitCountStudent(counts, c.smoothing);
    history.push(student);
  }
  return { student, counts, history };
}
