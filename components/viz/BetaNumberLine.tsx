'use client';
/**
 * The learned gain β̂ on a number line (two-worlds, SCIENCE-NOTES §2(c) Toy 2C): for each world the gains that make
 * its z-errors grow (|a + σβ̂| ≥ 1) are shaded in that world's colour; the gap between them is the band
 * |β̂| < 1 − a where both worlds are stable (empty once a ≥ 1). Diamonds mark the two experts' gains (−k in world +1,
 * +k in world −1), which the demonstrations cannot tell apart; the dot is what the network extrapolated. An SVG
 * with `data-export` (figure export) and a text alternative.
 */
import { useId, useRef } from 'react';
import { useElementWidth } from './hooks';
import paletteStyles from './palette.module.css';
import { formatTick } from './ticks';

export interface BetaNumberLineProps {
  /** The learned gain β̂ = ∂û_z/∂z. */
  betaHat: number;
  /** The open-loop rate a. */
  a: number;
  /** The expert gain k (the experts' z-gains are −k and +k). */
  k: number;
  /** Colour of world σ = +1 (CSS colour or `var(--viz-…)`). */
  plusColor: string;
  /** Colour of world σ = −1. */
  minusColor: string;
  /** Colour of the band stable in both worlds. */
  bandColor?: string;
  /** Label size in px. */
  fontSize?: number;
}

const HEIGHT = 150;
const GUTTER = 78;
const PAD_RIGHT = 14;
const LANE = { label: 16, plus: 26, axis: 58, minus: 76, ticks: 108, experts: 128 } as const;
const BAR = 14;

/** [lo, hi] ∩ [−R, R], or null when empty. */
function clip(lo: number, hi: number, R: number): [number, number] | null {
  const l = Math.max(lo, -R);
  const h = Math.min(hi, R);
  return l < h ? [l, h] : null;
}

export function BetaNumberLine({
  betaHat,
  a,
  k,
  plusColor,
  minusColor,
  bandColor = 'var(--viz-expert)',
  fontSize = 14,
}: BetaNumberLineProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(boxRef);
  const titleId = useId();
  const descId = useId();
  const R = Math.ceil(Math.max(1, 1.15 * Math.abs(betaHat), 1.15 * k) * 2) / 2;
  const w = width ?? 0;
  const plotW = Math.max(40, w - GUTTER - PAD_RIGHT);
  const x = (beta: number) => GUTTER + ((Math.max(-R, Math.min(R, beta)) + R) / (2 * R)) * plotW;
  const half = 1 - a;
  // World σ diverges where |a + σβ| ≥ 1.
  const plusBad = [clip(1 - a, Infinity, R), clip(-Infinity, -1 - a, R)].filter((s): s is [number, number] => s !== null);
  const minusBad = [clip(-Infinity, a - 1, R), clip(a + 1, Infinity, R)].filter((s): s is [number, number] => s !== null);
  const band = half > 0 ? clip(-half, half, R) : null;
  const ticks = Array.from({ length: Math.round((2 * R) / 0.5) + 1 }, (_, i) => -R + 0.5 * i);
  const rPlus = Math.abs(a + betaHat);
  const rMinus = Math.abs(a - betaHat);
  const labelX = Math.min(Math.max(x(betaHat), GUTTER + 40), GUTTER + plotW - 40);
  const bandText =
    half > 0
      ? `Both worlds are stable only for |β̂| < 1 − a = ${formatTick(half)}.`
      : `With a = ${formatTick(a)} ≥ 1 no gain is stable in both worlds.`;
  const description =
    `The learned gain β̂ = ${betaHat.toFixed(3)}. ${bandText} ` +
    `World σ = +1 grows errors for β̂ ≥ ${formatTick(1 - a)}, world σ = −1 for β̂ ≤ ${formatTick(a - 1)}. ` +
    `Per-step rates at this β̂: ${rPlus.toFixed(2)} in world +1, ${rMinus.toFixed(2)} in world −1. ` +
    `The experts' gains are −${formatTick(k)} (world +1) and +${formatTick(k)} (world −1).`;

  return (
    <div className={paletteStyles.palette} style={{ fontFamily: 'var(--sans)', color: 'var(--fg)' }}>
      <div ref={boxRef} style={{ width: '100%', minWidth: 0, height: HEIGHT }}>
        {w > 0 ? (
          <svg
            data-export="number-line"
            width={w}
            height={HEIGHT}
            viewBox={`0 0 ${w} ${HEIGHT}`}
            role="img"
            aria-labelledby={`${titleId} ${descId}`}
            style={{ display: 'block', fontFamily: 'var(--sans)' }}
          >
            <title id={titleId}>The learned gain β̂ against the gains each world tolerates</title>
            <desc id={descId}>{description}</desc>
            {/* Lane labels */}
            <text x={4} y={LANE.plus + BAR / 2} dominantBaseline="central" fontSize={fontSize} fill={plusColor} fontWeight={600}>
              world +1
            </text>
            <text x={4} y={LANE.minus + BAR / 2} dominantBaseline="central" fontSize={fontSize} fill={minusColor} fontWeight={600}>
              world −1
            </text>
            <text x={4} y={LANE.axis} dominantBaseline="central" fontSize={fontSize} fill="var(--muted)">
              gain β̂
            </text>
            {/* Where each world diverges */}
            {[
              { key: 'p', spans: plusBad, y: LANE.plus, color: plusColor },
              { key: 'm', spans: minusBad, y: LANE.minus, color: minusColor },
            ].map((lane) =>
              lane.spans.map(([lo, hi], i) => (
                <g key={`${lane.key}${i}`}>
                  <rect x={x(lo)} y={lane.y} width={x(hi) - x(lo)} height={BAR} fill={lane.color} fillOpacity={0.3} stroke={lane.color} />
                  {x(hi) - x(lo) > fontSize * 6 ? (
                    <text
                      x={(x(lo) + x(hi)) / 2}
                      y={lane.y + BAR / 2}
                      dominantBaseline="central"
                      textAnchor="middle"
                      fontSize={fontSize - 1}
                      fill="var(--fg)"
                    >
                      errors grow
                    </text>
                  ) : null}
                </g>
              )),
            )}
            {/* The band stable in both worlds */}
            {band ? (
              <rect x={x(band[0])} y={LANE.axis - 9} width={Math.max(2, x(band[1]) - x(band[0]))} height={18} fill={bandColor} fillOpacity={0.35} stroke={bandColor} />
            ) : null}
            {/* Axis and ticks */}
            <line x1={GUTTER} x2={GUTTER + plotW} y1={LANE.axis} y2={LANE.axis} stroke="var(--muted)" strokeWidth={1.5} />
            {ticks.map((t) => (
              <g key={t}>
                <line x1={x(t)} x2={x(t)} y1={LANE.axis - 4} y2={LANE.axis + 4} stroke="var(--muted)" />
                <text x={x(t)} y={LANE.ticks} textAnchor="middle" fontSize={fontSize} fill="var(--muted)">
                  {formatTick(t)}
                </text>
              </g>
            ))}
            {/* The experts' gains: the demonstrations cannot say which one is right */}
            {[
              { beta: -k, label: 'expert, σ = +1', color: plusColor },
              { beta: k, label: 'expert, σ = −1', color: minusColor },
            ].map((e) => (
              <g key={e.label}>
                <path
                  d={`M ${x(e.beta)} ${LANE.axis - 6} l 6 6 l -6 6 l -6 -6 z`}
                  fill="var(--bg)"
                  stroke={e.color}
                  strokeWidth={2}
                />
                <text
                  x={Math.min(Math.max(x(e.beta), GUTTER + 36), GUTTER + plotW - 36)}
                  y={LANE.experts}
                  textAnchor="middle"
                  fontSize={fontSize}
                  fill={e.color}
                >
                  {e.label}
                </text>
              </g>
            ))}
            {/* The learner */}
            <line x1={x(betaHat)} x2={x(betaHat)} y1={LANE.label + 4} y2={LANE.axis} stroke="var(--fg)" strokeWidth={1.5} />
            <circle cx={x(betaHat)} cy={LANE.axis} r={6.5} fill="var(--fg)" stroke="var(--bg)" strokeWidth={2} />
            <text x={labelX} y={LANE.label - 4} textAnchor="middle" fontSize={fontSize + 1} fontWeight={700} fill="var(--fg)">
              learned β̂ = {betaHat.toFixed(3)}
            </text>
            <text x={GUTTER + plotW / 2} y={HEIGHT - 4} textAnchor="middle" fontSize={fontSize} fill="var(--muted)">
              β̂ = ∂û
              <tspan baselineShift="sub" fontSize="0.85em">
                z
              </tspan>
              /∂z, the network&apos;s gain on z
            </text>
          </svg>
        ) : null}
      </div>
    </div>
  );
}
