'use client';

import { LineChart } from '@/components/viz/LineChart';
import { vizColor } from '@/components/viz/palette';
import { OffStage } from '@/components/viz/projector';
import { coverageInfo, type CoverageResult } from '@/sims/experiments/coverage.params';
import type { PartialResult, Point } from '@/sims/experiments/types';
import { ExperimentFrame } from './ExperimentFrame';
import type { WidgetProps } from './types';
import styles from './widgets.module.css';

/** Colour by quantity, the same in every chart of the figure. */
const KL = vizColor(1);
const COVERAGE = vizColor(0);
const BEST_OF_N = vizColor(2);
const PER_STEP = vizColor(1);
const SHARED = vizColor(0);
const SHARED_SAME = vizColor(3);

/** The answer lengths of the sweep (the experiment's grid). */
const H_TICKS = [2, 4, 8, 16, 32, 64, 128, 256];
const H_DOMAIN: [number, number] = [2, 256];

const fixed = (x: number | undefined, digits = 2) => (x === undefined ? '—' : x.toFixed(digits));
const percent = (x: number | undefined) => (x === undefined ? '—' : `${(100 * x).toFixed(1)}%`);

/** 1 − y: Best-of-N's failure rate from its success rate, so that it sits beside the coverage miss. */
const failure = (points: readonly Point[] | undefined): Point[] => (points ?? []).map((p) => ({ x: p.x, y: 1 - p.y }));

function CoverageSummary({ result, N }: { result: CoverageResult; N: number }) {
  const m = result.metrics;
  return (
    <>
      From H = 8 to 128 the sequence cross-entropy grows with log-log slope <strong>{fixed(m['slope/kl'])}</strong>,
      while the coverage miss at N = {N} changes by a factor <strong>{fixed(m['ratio/coverage'])}</strong>. It stays at
      the mass of prompts the corpus never showed (<strong>{percent(m.missingMass)}</strong>), and Best-of-{N} fails on
      the same prompts (largest gap {fixed(m['gap/passVsCoverage'], 4)}).
    </>
  );
}

function MissingMassSummary({ result }: { result: CoverageResult }) {
  const m = result.metrics;
  return (
    <>
      The same kind of missing mass costs regret growing with log-log slope <strong>{fixed(m['slope/perStep'])}</strong>{' '}
      in H for per-step tabular BC, and <strong>{fixed(m['slope/shared'])}</strong> for one table shared across steps,
      even on its own worst case.
    </>
  );
}

function CoveragePanel({
  r,
  values,
}: {
  r: CoverageResult | PartialResult<CoverageResult> | null;
  values: { N: number; horizon: number; nDemos: number };
}) {
  const missing = r?.series.missingMass?.[0]?.y;
  const missingLine = missing === undefined ? [] : [{ y: missing, label: 'missing mass' }];
  return (
    <>
      <div className={styles.grid}>
        <LineChart
          title="Sequence cross-entropy against answer length"
          series={[
            { key: 'kl', label: 'sequence cross-entropy', color: KL, dashed: false, points: r?.series.kl ?? [] },
          ]}
          xLabel="answer length H (tokens)"
          yLabel="cross-entropy (nats per answer)"
          logX
          logY
          xDomain={H_DOMAIN}
          xTicks={H_TICKS}
          height={280}
          endLabels={false}
        />
        <LineChart
          title={`Coverage miss and Best-of-${values.N} failure against answer length`}
          series={[
            {
              key: 'coverageMiss',
              label: `coverage miss P_{cov,${values.N}}`,
              color: COVERAGE,
              dashed: false,
              points: r?.series.coverageMiss ?? [],
            },
            {
              key: 'passMiss',
              label: `Best-of-${values.N} failure`,
              color: BEST_OF_N,
              dashed: true,
              points: failure(r?.series.passAtN),
            },
          ]}
          xLabel="answer length H (tokens)"
          yLabel="probability (share of prompts)"
          logX
          xDomain={H_DOMAIN}
          xTicks={H_TICKS}
          yDomain={[0, Math.max(0.05, 1.6 * (missing ?? 0.05))]}
          referenceLines={missingLine}
          height={280}
          endLabels={false}
        />
      </div>
      {/* A lecture scene keeps the two charts that make the point; the profile over N is the chapter's detail. */}
      <OffStage>
        <div style={{ marginTop: '1rem' }}>
          <LineChart
            title={`Coverage profile at H = ${values.horizon}`}
            series={[
              {
                key: 'profile',
                label: 'coverage miss P_{cov,N}',
                color: COVERAGE,
                dashed: false,
                points: r?.series.profile ?? [],
              },
              {
                key: 'profilePass',
                label: 'Best-of-N failure',
                color: BEST_OF_N,
                dashed: true,
                points: r?.series['profile/passMiss'] ?? [],
              },
            ]}
            xLabel="Best-of-N budget N (samples)"
            yLabel="probability (share of prompts)"
            logX
            yDomain={[0, Math.max(0.05, 1.6 * (missing ?? 0.05))]}
            referenceLines={[...missingLine, { x: values.N, label: `N = ${values.N}` }]}
            height={260}
            endLabels={false}
          />
        </div>
      </OffStage>
      <OffStage>
        <p className={styles.caption}>
          {`Exact given each corpus of n = ${values.nDemos} prompt–answer pairs, averaged over the corpora. Cross-entropy is the ` +
            'expected −log of the probability the model gives the whole correct answer; the coverage miss at level N is the share ' +
            'of prompts whose answer gets less than 1/N of it; Best-of-N draws N answers and a perfect verifier keeps a correct one. ' +
            'The profile chart shows the coverage miss as a function of N at one answer length: a plateau at the missing mass, and a drop once N is large enough to guess short unseen answers.'}
        </p>
      </OffStage>
    </>
  );
}

function MissingMassPanel({
  r,
  values,
}: {
  r: CoverageResult | PartialResult<CoverageResult> | null;
  values: { nDemos: number; states: number };
}) {
  const states = r && 'extras' in r && r.extras?.states !== undefined ? r.extras.states : values.states;
  return (
    <>
      <LineChart
        title="Regret of tabular behavior cloning against horizon on the rare-states MDP"
        series={[
          {
            key: 'theory-perStep',
            label: 'first order, per step',
            role: 'guide',
            points: r?.series['theory/perStep'] ?? [],
          },
          {
            key: 'theory-shared',
            label: 'first order, shared',
            role: 'guide',
            points: r?.series['theory/shared'] ?? [],
          },
          {
            key: 'sharedSame',
            label: 'shared, same states',
            color: SHARED_SAME,
            dashed: true,
            points: r?.series['missing/sharedSameStates'] ?? [],
          },
          {
            key: 'perStep',
            label: 'per-step tables',
            color: PER_STEP,
            dashed: false,
            points: r?.series['missing/perStep'] ?? [],
          },
          {
            key: 'shared',
            label: 'one shared table (its worst case)',
            color: SHARED,
            dashed: false,
            points: r?.series['missing/shared'] ?? [],
          },
        ]}
        xLabel="horizon H (steps)"
        yLabel="regret (expected lost steps)"
        logX
        logY
        height={320}
        endLabels={false}
      />
      <OffStage>
        <p className={styles.caption}>
          {`At every step a fresh state is drawn: one common state and ${states - 1} rare ones. A wrong action ends the episode and the reward is 1 per step alive. ` +
            `Per-step tables learn each step from its own n = ${values.nDemos} trajectories, so a rare state of mass 1/n goes unseen at every step with probability ≈ 1/e (exact). ` +
            'A shared table sees n·H states, so its worst case has rare states of mass 1/(nH) (Monte Carlo, 400 data sets); on the per-step learner’s states it has nothing left to miss. ' +
            'On log-log axes a slope of 2 is quadratic growth, a slope of 1 linear.'}
        </p>
      </OffStage>
    </>
  );
}

/**
 * Toy 7A: after next-token maximum likelihood on Zipf-distributed prompts, the sequence cross-entropy grows with the
 * answer length while coverage (what Best-of-N needs) does not; panel C: the same missing mass in tabular BC.
 */
export function CoverageWidget({ urlKey, preset, shipped }: WidgetProps<CoverageResult>) {
  return (
    <ExperimentFrame
      info={coverageInfo}
      urlKey={urlKey}
      preset={preset}
      shipped={shipped}
      allowCompare={false}
      mainParams={(v) =>
        v.panel === 'missingMass' ? ['panel', 'states', 'nDemos'] : ['panel', 'nDemos', 'horizon', 'N']
      }
    >
      {({ state, values }) => {
        const done = state.result && !state.stale ? state.result : null;
        const live = state.partial ?? state.result;
        const panelC = values.panel === 'missingMass';
        return (
          <>
            <p className={styles.summary}>
              {done ? (
                panelC ? (
                  <MissingMassSummary result={done} />
                ) : (
                  <CoverageSummary result={done} N={values.N} />
                )
              ) : (
                'Fitting the count model to every corpus and scoring every answer exactly…'
              )}
            </p>
            {panelC ? <MissingMassPanel r={live} values={values} /> : <CoveragePanel r={live} values={values} />}
          </>
        );
      }}
    </ExperimentFrame>
  );
}
