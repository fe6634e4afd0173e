'use client';

import { useRef } from 'react';
import { LineChart } from '@/components/viz/LineChart';
import { download, svgString } from '@/components/viz/export';
import { vizColor } from '@/components/viz/palette';
import paletteStyles from '@/components/viz/palette.module.css';
import { OffStage } from '@/components/viz/projector';
import { toCsv } from '@/lib/csv';
import type { ParamValues } from '@/lib/params';
import {
  noiseInjectionInfo,
  type NoiseInjectionExtras,
  type NoiseInjectionResult,
} from '@/sims/experiments/noise-injection.params';
import { ExperimentFrame } from './ExperimentFrame';
import type { WidgetProps } from './types';
import styles from './widgets.module.css';

type Values = ParamValues<typeof noiseInjectionInfo.params>;

/** World σ = +1 blue, σ = −1 reddish purple (as in the two-worlds figure); clean BC orange, noisy BC green. */
const PLUS = vizColor(0);
const MINUS = vizColor(3);
const CLEAN = vizColor(1);
const NOISY = vizColor(2);

const fmtJ = (j: number | undefined) => (j === undefined ? '—' : j >= 0.1 ? j.toFixed(1) : j.toExponential(1));
const fmtB = (b: number | undefined) => (b === undefined ? '—' : (b < 0 ? '−' : '+') + Math.abs(b).toFixed(2));

/**
 * Noise injection on two worlds (figure 2 of "DAgger"): the gain β̂ each world's network learns against the noise
 * level, with the experts' gains −σk as targets; the worst-world imitation cost of clean vs noise-injected BC; and
 * the demonstration cloud in (p, z): a line at z = 0 when clean, a band around it with noise.
 */
export function NoiseInjectionWidget({ urlKey, preset, shipped }: WidgetProps<NoiseInjectionResult>) {
  return (
    <ExperimentFrame info={noiseInjectionInfo} urlKey={urlKey} preset={preset} shipped={shipped} allowCompare={false}>
      {({ state, shownValues }) => {
        const r = state.result;
        // The numbers and panels of the result on screen (during a rerun, the previous one, dimmed); the chart also
        // draws a run in flight.
        const final = r !== null;
        const live = state.partial ?? r;
        const k = r?.extras.k;
        return (
          <>
            <p className={styles.summary} style={{ fontSize: '1.1em' }}>
              {final ? summary(r, shownValues) : 'Training clean BC and one noise-injected network per world…'}
            </p>
            <LineChart
              title="The learned gain β̂ = ∂û_z/∂z against the injected noise"
              series={[
                { key: 'plus', label: 'β̂, world σ = +1', color: PLUS, markersOnly: true, points: live?.series['betaHat/plus'] ?? [] },
                { key: 'minus', label: 'β̂, world σ = −1', color: MINUS, markersOnly: true, points: live?.series['betaHat/minus'] ?? [] },
              ]}
              referenceLines={
                k === undefined
                  ? []
                  : [
                      { y: -k, label: `−k (world +1's expert)`, color: PLUS, dashed: true },
                      { y: k, label: `+k (world −1's expert)`, color: MINUS, dashed: true },
                    ]
              }
              xLabel="injected noise σ_u (0 = clean BC)"
              yLabel="learned gain β̂"
              yDomain={[-1, 1]}
              height={280}
              fontSize={15}
              caption="Each point is a network trained on that noise level's demonstrations (world −1 only at 0 and the chosen σ_u). Dashed: the targets −σk. At σ_u = 0 the data are the same in both worlds and β̂ is an accident of the initialisation."
            />
            {final ? (
              <OffStage>
              <div className={`${styles.grid} ${paletteStyles.palette}`}>
                <CostBars clean={r.metrics['J/worst/clean']} noisy={r.metrics['J/worst/noisy']} />
                <Cloud extras={r.extras} />
              </div>
              </OffStage>
            ) : null}
          </>
        );
      }}
    </ExperimentFrame>
  );
}

function summary(r: NoiseInjectionResult, v: Values) {
  const m = r.metrics;
  return (
    <>
      Clean BC learns β̂ = <strong>{fmtB(m['betaHat/clean'])}</strong> — the same in both worlds — and its worse world
      costs J = <strong>{fmtJ(m['J/worst/clean'])}</strong> over {r.extras.horizon} steps. With noise σ_u = {v.noise} on{' '}
      {Math.round((1 - v.cleanFraction) * 100)}% of the demonstrations, each world&apos;s network learns β̂ ={' '}
      <strong>{fmtB(m['betaHat/plus'])}</strong> (σ = +1) and <strong>{fmtB(m['betaHat/minus'])}</strong> (σ = −1),
      against the experts&apos; ∓{m['target/minus'].toFixed(2)}, and the worse world costs{' '}
      <strong>{fmtJ(m['J/worst/noisy'])}</strong>.
    </>
  );
}

/** Worst-world J of clean vs noisy BC on a log scale (10⁻⁵ … 100), as two horizontal bars. */
function CostBars({ clean, noisy }: { clean: number | undefined; noisy: number | undefined }) {
  const W = 320;
  const pos = (j: number | undefined) => {
    const v = Math.log10(Math.max(1e-5, j ?? 1e-5));
    return ((v + 5) / 7) * (W - 110);
  };
  const rows = [
    { label: 'clean BC', j: clean, color: CLEAN },
    { label: 'noisy BC', j: noisy, color: NOISY },
  ];
  return (
    <figure style={{ margin: 0 }}>
      <p className={styles.panelTitle}>Worst-world imitation cost J (log scale)</p>
      <svg
        viewBox={`0 0 ${W} 110`}
        width="100%"
        role="img"
        aria-label={`Worst-world J: clean BC ${fmtJ(clean)}, noise-injected BC ${fmtJ(noisy)}`}
        style={{ maxWidth: 420, fontSize: 13 }}
      >
        {rows.map((row, i) => (
          <g key={row.label} transform={`translate(0, ${10 + i * 38})`}>
            <text x={0} y={19} fill="currentColor">
              {row.label}
            </text>
            <rect x={75} y={4} width={Math.max(2, pos(row.j))} height={22} fill={row.color} />
            <text x={80 + Math.max(2, pos(row.j))} y={19} fill="currentColor" fontWeight={700}>
              {fmtJ(row.j)}
            </text>
          </g>
        ))}
        <text x={75} y={104} fill="currentColor">
          10⁻⁵
        </text>
        <text x={W - 60} y={104} fill="currentColor">
          100
        </text>
      </svg>
    </figure>
  );
}

/** The demonstration states (p, z) of world +1: clean ones on z = 0, noise-injected ones in a band around it. */
function Cloud({ extras }: { extras: NoiseInjectionExtras }) {
  const ref = useRef<SVGSVGElement>(null);
  const { clean, noisy } = extras.cloud;
  const W = 320;
  const H = 200;
  const zMax = Math.max(0.1, ...noisy.map(([, z]) => Math.abs(z)));
  const x = (p: number) => 30 + ((p + 1.1) / 2.2) * (W - 40);
  const y = (z: number) => H / 2 - (z / zMax) * (H / 2 - 20);
  const csv = () =>
    toCsv(['set', 'p', 'z'], [...clean.map(([p, z]) => ['clean', p, z]), ...noisy.map(([p, z]) => ['noisy', p, z])]);
  return (
    <figure style={{ margin: 0 }}>
      <p className={styles.panelTitle}>The demonstrations in (p, z), world +1</p>
      <svg
        ref={ref}
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        role="img"
        aria-label={`Demonstration states: ${clean.length} clean points all on z = 0, ${noisy.length} noise-injected points spread up to |z| = ${zMax.toFixed(2)}`}
        style={{ maxWidth: 420, fontSize: 13 }}
      >
        <line x1={30} x2={W - 10} y1={y(0)} y2={y(0)} stroke="currentColor" opacity={0.4} />
        <line x1={x(0)} x2={x(0)} y1={10} y2={H - 10} stroke="currentColor" opacity={0.4} />
        {noisy.map(([p, z], i) => (
          <circle key={`n${i}`} cx={x(p)} cy={y(z)} r={2.2} fill={NOISY} opacity={0.75} />
        ))}
        {clean.map(([p, z], i) => (
          <circle key={`c${i}`} cx={x(p)} cy={y(z)} r={2.2} fill={CLEAN} opacity={0.75} />
        ))}
        <text x={W - 12} y={y(0) - 4} textAnchor="end" fill="currentColor">
          p
        </text>
        <text x={x(0) + 4} y={18} fill="currentColor">
          z (±{zMax.toFixed(2)})
        </text>
      </svg>
      <p style={{ margin: '0.25rem 0', fontSize: '0.9em' }}>
        <span style={{ color: CLEAN }}>●</span> clean (a line at z = 0) <span style={{ color: NOISY }}>●</span> noisy (a
        band){' '}
        <button type="button" className="btn" onClick={() => download('noise-injection-cloud.csv', csv(), 'text/csv')}>
          Data (CSV)
        </button>{' '}
        <button
          type="button"
          className="btn"
          onClick={() => ref.current && download('noise-injection-cloud.svg', svgString(ref.current), 'image/svg+xml')}
        >
          SVG
        </button>
      </p>
    </figure>
  );
}
