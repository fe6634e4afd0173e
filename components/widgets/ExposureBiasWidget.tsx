'use client';

import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ExperimentState } from '@/components/hooks/useExperiment';
import { Heatmap } from '@/components/viz/Heatmap';
import { LineChart, type LineSeries } from '@/components/viz/LineChart';
import { usePrefersReducedMotion } from '@/components/viz/hooks';
import { roleColor } from '@/components/viz/palette';
import { OffStage } from '@/components/viz/projector';
import type { ParamValues } from '@/lib/params';
import { makeRng, type Rng } from '@/lib/rng';
import { depthTrace, invalidMask, sampleString, tokensToString, type DyckTablePolicy } from '@/sims/envs/dyck';
import {
  exposureBiasInfo,
  type DyckStudent as Student,
  type ExposureBiasResult,
  type GeneratedString,
  type StudentStrings,
  type StudentTable,
} from '@/sims/experiments/exposure-bias.params';
import type { Point } from '@/sims/experiments/types';
import { ExperimentFrame } from './ExperimentFrame';
import type { WidgetProps } from './types';
import styles from './widgets.module.css';
import css from './ExposureBiasWidget.module.css';

type Values = ParamValues<typeof exposureBiasInfo.params>;

type Result = ExposureBiasResult;

const STUDENTS: readonly Student[] = ['bc', 'onPolicy'];
const NAMES: Record<Student, string> = { bc: 'Teacher forcing (BC)', onPolicy: 'On-policy distillation' };
const SHORT: Record<Student, string> = { bc: 'BC', onPolicy: 'on-policy' };

/** Typing speed of the generator panel. */
const TOKENS_PER_SECOND = 48;

const fixed = (x: number | undefined, digits = 2) => (x === undefined ? '—' : x.toFixed(digits));
const pct = (x: number | undefined) => (x === undefined ? '—' : `${Math.round(x * 100)}%`);

/**
 * Exposure bias in the bracket language (figure 2 of "Compounding error"): strings written by the teacher-forced
 * and the on-policy student with their invalid tokens marked, the dense or sparse metric against string length,
 * and what each student does at each depth.
 */
export function ExposureBiasWidget({ urlKey, preset, shipped }: WidgetProps<ExposureBiasResult>) {
  return (
    <ExperimentFrame info={exposureBiasInfo} urlKey={urlKey} preset={preset} shipped={shipped}>
      {({ state, shownValues, seed }) => <ExposureBiasFigure state={state} values={shownValues} seed={seed} />}
    </ExperimentFrame>
  );
}

interface ExposureBiasFigureProps {
  /** The experiment's state (the last result stays up while a rerun computes). */
  state: ExperimentState<ExposureBiasResult>;
  /** The parameters being computed or shown. */
  values: Values;
  /** The figure's seed: fresh strings are drawn from it, so a link reproduces them too. */
  seed: number;
}

function ExposureBiasFigure({ state, values, seed }: ExposureBiasFigureProps) {
  // The last complete result (this experiment reports no partial curves); kept while a rerun computes.
  const r = state.result;
  return (
    <>
      <p className={styles.summary}>{r ? summary(r, values) : 'Training both students and evaluating them exactly…'}</p>
      <OffStage>
        <TextGenerator result={r} seed={seed} />
      </OffStage>
      {values.metric === 'sparse' ? <SparseChart r={r} /> : <DenseChart r={r} />}
      {r?.extras.students.bc.kind === 'depth' ? (
        <OffStage>
          <DepthTable students={r.extras.students} depthLabels={r.extras.depthLabels} />
        </OffStage>
      ) : null}
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The sentence
// ---------------------------------------------------------------------------------------------------------------

function summary(r: Result, values: Values): ReactNode {
  const m = r.metrics;
  const H = r.extras.maxH;
  if (values.student === 'window') {
    return (
      <>
        Seeing only its last {values.windowK} token{values.windowK === 1 ? '' : 's'}, neither student can know the depth: at
        H = {H} BC writes <strong>{pct(m['invalidFraction/bc'])}</strong> invalid tokens and on-policy distillation{' '}
        <strong>{pct(m['invalidFraction/onPolicy'])}</strong>. Training on its own strings fixes exposure bias, not a
        model that cannot represent the teacher.
      </>
    );
  }
  const dense = (
    <>
      BC&apos;s invalid tokens grow like H<sup>{fixed(m['slope/invalid/bc'])}</sup>, on-policy distillation&apos;s like H
      <sup>{fixed(m['slope/invalid/onPolicy'])}</sup>: at H = {H} BC writes{' '}
      <strong>{fixed(m['ratio/invalid'], 1)}×</strong> as many ({fixed(m['invalid/bc'])} vs {fixed(m['invalid/onPolicy'], 3)}{' '}
      per string)
    </>
  );
  const sparse = (
    <>
      the chance that a whole string is valid is the same for both (<strong>{fixed(m['pValid/bc'], 3)}</strong> vs{' '}
      <strong>{fixed(m['pValid/onPolicy'], 3)}</strong>)
    </>
  );
  return values.metric === 'sparse' ? (
    <>
      Judged by whole strings the students are alike: {sparse}. Counted token by token they are not: {dense}.
    </>
  ) : (
    <>
      {dense}. Yet {sparse}.
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The text generator
// ---------------------------------------------------------------------------------------------------------------

function toGenerated(tokens: Uint8Array, depthCap: number): GeneratedString {
  const mask = invalidMask(tokens, depthCap);
  const invalid: number[] = [];
  mask.forEach((bad, i) => {
    if (bad) invalid.push(i);
  });
  return { text: tokensToString(tokens), invalid, depths: Array.from(depthTrace(tokens)) };
}

/**
 * A fresh draw on the main thread (≈ 25 000 table look-ups): like the worker's, from the same student tables, and
 * as many strings as the worker's draw `like` sampled and showed.
 */
function drawStrings(table: StudentTable, length: number, tau: number, rng: Rng, like: StudentStrings): StudentStrings {
  const policy: DyckTablePolicy = { ...table, probOpen: Float64Array.from(table.probOpen) };
  const nShown = like.samples.length;
  const samples: GeneratedString[] = [];
  const withErrors: GeneratedString[] = [];
  let nWithErrors = 0;
  for (let n = 0; n < like.nSampled; n++) {
    const s = toGenerated(sampleString(policy, length, tau, rng), table.depthCap);
    if (samples.length < nShown) samples.push(s);
    if (s.invalid.length > 0) {
      nWithErrors++;
      if (withErrors.length < nShown) withErrors.push(s);
    }
  }
  return { samples, withErrors, nSampled: like.nSampled, nWithErrors };
}

interface Typewriter {
  /** Tokens written so far. */
  shown: number;
  playing: boolean;
  toggle(): void;
  restart(): void;
}

/** Reveals `length` tokens at TOKENS_PER_SECOND, from the start whenever `key` changes; all at once for reduced motion. */
function useTypewriter(length: number, key: string): Typewriter {
  const reduced = usePrefersReducedMotion();
  const [state, setState] = useState({ key, shown: 0, playing: true });
  // A new set of strings starts writing from the beginning (state adjusted during render, not in an effect).
  if (state.key !== key) setState({ key, shown: 0, playing: true });
  const shown = reduced ? length : Math.min(state.shown, length);
  const playing = !reduced && state.playing && shown < length;

  useEffect(() => {
    if (!playing) return;
    const id = window.setInterval(() => {
      setState((s) => {
        const next = s.shown + 1;
        return next >= length ? { ...s, shown: length, playing: false } : { ...s, shown: next };
      });
    }, 1000 / TOKENS_PER_SECOND);
    return () => window.clearInterval(id);
  }, [playing, length]);

  return {
    shown,
    playing,
    toggle: () => setState((s) => (s.shown >= length ? { ...s, shown: 0, playing: true } : { ...s, playing: !s.playing })),
    restart: () => setState((s) => ({ ...s, shown: 0, playing: true })),
  };
}

interface TextGeneratorProps {
  /** The result the strings belong to (a new one discards any fresh draws). */
  result: Result | null;
  seed: number;
}

function TextGenerator({ result, seed }: TextGeneratorProps) {
  const [onlyMistakes, setOnlyMistakes] = useState(true);
  const [draw, setDraw] = useState({ result, n: 0 });
  if (draw.result !== result) setDraw({ result, n: 0 });
  const extras = result?.extras;

  const shown = useMemo((): Record<Student, StudentStrings> | null => {
    if (!extras) return null;
    const { strings, students, tau, maxH } = extras;
    if (draw.n === 0) return strings;
    const rng = makeRng(seed).stream(`page-draw/${draw.n}`);
    return {
      bc: drawStrings(students.bc, maxH, tau, rng.stream('bc'), strings.bc),
      onPolicy: drawStrings(students.onPolicy, maxH, tau, rng.stream('onPolicy'), strings.onPolicy),
    };
  }, [extras, seed, draw.n]);

  // Nothing is written before there is a result.
  const length = extras ? extras.maxH : 0;
  const tau = extras?.tau;
  // Writing starts over whenever the strings on show change (a new result, a new draw, the other selection).
  const showing = shown ? STUDENTS.flatMap((who) => (onlyMistakes ? shown[who].withErrors : shown[who].samples)) : [];
  const writer = useTypewriter(length, showing.map((g) => g.text).join('|'));
  if (!shown) return <div className={styles.placeholder}>The students&apos; strings appear when training finishes.</div>;

  return (
    <section className={css.generator} aria-label="Strings the two students write">
      <div className={css.toolbar}>
        <button type="button" className="btn" onClick={writer.toggle}>
          {writer.playing ? 'Pause' : writer.shown >= length ? 'Write again' : 'Resume'}
        </button>
        <button type="button" className="btn" onClick={() => setDraw((d) => ({ ...d, n: d.n + 1 }))} disabled={!extras}>
          New strings
        </button>
        <label>
          <input type="checkbox" checked={onlyMistakes} onChange={(e) => setOnlyMistakes(e.target.checked)} />
          Only strings with a mistake
        </label>
      </div>
      <p className={css.legend}>
        Each student writes {length} brackets at τ = {tau}. <span className={css.bad}>Red, underlined</span> tokens are
        invalid: the depth after them is below 0 or above B.
      </p>
      <div className={css.columns}>
        {STUDENTS.map((who) => {
          const s = shown[who];
          const list = onlyMistakes ? s.withErrors : s.samples;
          return (
            <div key={who}>
              <p className={css.columnTitle}>{NAMES[who]}</p>
              <p className={css.columnNote}>
                {s.nWithErrors} of {s.nSampled} sampled strings contain a mistake;{' '}
                {onlyMistakes ? `the first ${list.length} of them` : `the first ${list.length} strings`}.
              </p>
              {list.length === 0 ? (
                <p className={css.empty}>None of the {s.nSampled} strings has a mistake.</p>
              ) : (
                <ol className={css.strings}>
                  {list.map((g, i) => (
                    <li key={i}>
                      <TokenString s={g} shown={writer.shown} label={`${NAMES[who]}, string ${i + 1}`} />
                    </li>
                  ))}
                </ol>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}

/** "41–51, 60": invalid positions (1-based) as ranges. */
function ranges(positions: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < positions.length; ) {
    let j = i;
    while (j + 1 < positions.length && positions[j + 1] === positions[j] + 1) j++;
    out.push(i === j ? `${positions[i] + 1}` : `${positions[i] + 1}–${positions[j] + 1}`);
    i = j + 1;
  }
  return out.join(', ');
}

interface TokenStringProps {
  s: GeneratedString;
  /** Tokens written so far (the typewriter). */
  shown: number;
  /** What a screen reader calls this string. */
  label: string;
}

/** One string: the tokens (invalid ones red, bold and underlined) for the eye, a sentence for screen readers. */
function TokenString({ s, shown, label }: TokenStringProps) {
  const n = Math.min(shown, s.text.length);
  const bad = new Set(s.invalid);
  const runs: { text: string; bad: boolean }[] = [];
  for (let start = 0, i = 1; i <= n; i++) {
    if (i === n || bad.has(i) !== bad.has(start)) {
      runs.push({ text: s.text.slice(start, i), bad: bad.has(start) });
      start = i;
    }
  }
  const soFar = s.invalid.filter((p) => p < n).length;
  const all = s.invalid.length;
  return (
    <div className={css.string}>
      <span aria-hidden="true">
        {runs.map((run, i) =>
          run.bad ? (
            <span key={i} className={css.bad}>
              {run.text}
            </span>
          ) : (
            <span key={i}>{run.text}</span>
          ),
        )}
        {n < s.text.length ? <span className={css.cursor}>▍</span> : null}
        <span className={`${css.meta} ${soFar > 0 ? css.metaBad : ''}`}>
          {soFar === 0 ? 'no invalid token' : `${soFar} invalid token${soFar === 1 ? '' : 's'}`}
          {n < s.text.length ? ` in ${n} so far` : ''}
        </span>
      </span>
      <span className="visually-hidden">
        {label}: {s.text.length} brackets,{' '}
        {all === 0 ? 'all valid.' : `${all} invalid, at position${all === 1 ? '' : 's'} ${ranges(s.invalid)}.`}
      </span>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The charts
// ---------------------------------------------------------------------------------------------------------------

/** c·(H/H₀)^power through the curve's value at H₀, for H₀ … the last H: a slope guide on log-log axes. */
function guide(points: readonly Point[], from: number, power: number): Point[] {
  const anchor = points.find((p) => p.x === from);
  if (!anchor || !(anchor.y > 0)) return [];
  return points.filter((p) => p.x >= from).map((p) => ({ x: p.x, y: anchor.y * (p.x / from) ** power }));
}

/** 1, 2, 4, … up to `max`: the x ticks of the length axis. */
function powersOfTwo(max: number): number[] {
  const out: number[] = [];
  for (let h = 1; h <= max; h *= 2) out.push(h);
  return out;
}

function DenseChart({ r }: { r: Result | null }) {
  const bc = r?.series['invalid/bc'] ?? [];
  const maxH = Math.max(2, r ? r.extras.maxH : bc.length);
  const on = r?.series['invalid/onPolicy'] ?? [];
  // H₀, the first slope horizon (maxH/8).
  const from = r?.extras.horizons[0];
  // Each guide in its curve's colour, dotted: H² through BC's value at H₀, H through on-policy's.
  const series: LineSeries[] = [
    { key: 'guide-h2', label: '∝ H² (from BC at H₀)', endLabel: '∝ H²', role: 'guide', color: roleColor('bc'), points: from === undefined ? [] : guide(bc, from, 2), showBand: false },
    { key: 'guide-h', label: '∝ H (from on-policy at H₀)', endLabel: '∝ H', role: 'guide', color: roleColor('dagger'), points: from === undefined ? [] : guide(on, from, 1), showBand: false },
    { key: 'onPolicy', label: 'On-policy distillation', endLabel: 'on-policy', role: 'dagger', points: on },
    { key: 'bc', label: 'Teacher forcing (BC)', endLabel: 'BC', role: 'bc', points: bc },
  ];
  return (
    <LineChart
      title="Dense metric: expected invalid tokens against string length"
      series={series}
      xLabel="string length H (tokens)"
      yLabel="expected invalid tokens"
      logX
      logY
      xDomain={[1, maxH]}
      xTicks={powersOfTwo(maxH)}
      height={320}
      caption={`Exact expectations (no sampling). On log-log axes a slope of 2 is quadratic growth, 1 linear; the dotted guides start at H₀ = ${from ?? 'H/8'}.`}
    />
  );
}

function SparseChart({ r }: { r: Result | null }) {
  const maxH = Math.max(2, r ? r.extras.maxH : 2);
  const bc = r?.series['pValid/bc'] ?? [];
  const on = r?.series['pValid/onPolicy'] ?? [];
  // From the tenth below the lowest value up to 1, so a decline from 1 to 0.94 is visible.
  const low = Math.min(1, ...bc.map((p) => p.lo ?? p.y), ...on.map((p) => p.lo ?? p.y));
  const yFloor = Math.max(0, Math.floor(low * 10 - 1e-9) / 10);
  return (
    <LineChart
      title="Sparse metric: probability that the whole string is valid"
      series={[
        { key: 'onPolicy', label: 'On-policy distillation', endLabel: 'on-policy', role: 'dagger', points: on },
        { key: 'bc', label: 'Teacher forcing (BC)', endLabel: 'BC', role: 'bc', points: bc },
      ]}
      xLabel="string length H (tokens)"
      yLabel="P(every token valid)"
      logX
      xDomain={[1, maxH]}
      xTicks={powersOfTwo(maxH)}
      yDomain={[yFloor, 1]}
      height={320}
      caption={`Exact probabilities (the axis starts at ${yFloor}). The first mistake makes a string invalid whatever follows, so recovering does not help this metric.`}
    />
  );
}

function DepthTable({ students, depthLabels }: { students: Record<Student | 'teacher', StudentTable>; depthLabels: number[] }) {
  const last = depthLabels.length - 1;
  const columns = depthLabels.map((d, i) => (i === 0 ? `≤${d}` : i === last ? `≥${d}` : String(d)));
  return (
    <div style={{ marginTop: '1rem' }}>
      <p className={styles.panelTitle}>What each student does at each depth</p>
      <Heatmap
        title="Probability of writing “(” at each depth: teacher, BC and on-policy student"
        rows={[
          { key: 'teacher', label: 'teacher', values: students.teacher.probOpen, role: 'expert' },
          { key: 'bc', label: SHORT.bc, values: students.bc.probOpen, role: 'bc' },
          { key: 'onPolicy', label: SHORT.onPolicy, values: students.onPolicy.probOpen, role: 'dagger' },
        ]}
        columns={columns}
        columnLabel="depth h (open minus closed brackets so far)"
        valueLabel="P(“(”)"
        max={1}
        showValues
        format={(v) => v.toFixed(2)}
        cellHeight={30}
        caption="Below 0 the teacher must open, above B it must close. Teacher forcing never reaches those depths, so BC stays at ½ there; the on-policy student learnt the way back."
      />
    </div>
  );
}
