'use client';

/**
 * The car's track seen from above with trails and cars drawn as given — no clock, no playback: what the reader is
 * driving right now, or a clone's lap frozen at the state it asks about. (Playback of recorded races is
 * TrajectoryPlayer's job.) Draws on every prop change; one frame is a few hundred path segments.
 */
import { useEffect, useRef } from 'react';
import { carTrackGeometry, carDefaults } from '@/sims/envs/car';
import { fitView } from './renderers/car';
import { useElementWidth, useTheme } from './hooks';
import { useProjector } from './projector';
import { paletteHex, type VizRole } from './palette';

export interface StageTrail {
  key: string;
  /** Rows [x (m), y (m), θ (rad), e (m)], flat. */
  frames: Float32Array;
  /** Rows drawn (default all). */
  upTo?: number;
  role: VizRole;
  /** A faint, thin trail (the demonstration's ghost). */
  ghost?: boolean;
  /** Draw the car at the trail's last drawn row. */
  car?: boolean;
  /** The letter on the car. */
  badge?: string;
}

export interface CarStageProps {
  trails: readonly StageTrail[];
  /** A pose to mark with a ring (the state a question is about): x, y (m). */
  marker?: { x: number; y: number } | null;
  /** Accessible name of the picture. */
  label: string;
  /** Height / width. */
  aspect?: number;
}

const GEOMETRY = carTrackGeometry(carDefaults.halfWidth);

export function CarStage({ trails, marker = null, label, aspect = 0.68 }: CarStageProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = useElementWidth(wrapRef);
  const theme = useTheme();
  // In a lecture scene the picture is at most the stage's height tall: its width shrinks to keep the aspect.
  const projector = useProjector();
  const maxWidth = projector ? Math.round(projector.stageMaxHeight / aspect) : undefined;

  useEffect(() => {
    const canvas = canvasRef.current;
    const wrap = wrapRef.current;
    if (!canvas || !wrap || !width) return;
    const height = Math.round(width * aspect);
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    canvas.style.height = `${height}px`;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const css = getComputedStyle(wrap);
    const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
    const dark = theme === 'dark';
    const fg = v('--fg', dark ? '#e6e4e0' : '#1c1c1f');
    const surface = v('--surface', dark ? '#1a1d22' : '#f3f1ec');
    const border = v('--border', dark ? '#30343b' : '#dedbd5');
    const roles = paletteHex(theme).roles;
    ctx.clearRect(0, 0, width, height);

    const view = fitView(GEOMETRY.bounds, width, height, 2, 4);
    const sx = (x: number) => view.ox + view.k * x;
    const sy = (y: number) => view.oy - view.k * y;
    const loop = (pts: Float64Array) => {
      ctx.beginPath();
      for (let i = 0; i < pts.length / 2; i++) {
        if (i === 0) ctx.moveTo(sx(pts[0]), sy(pts[1]));
        else ctx.lineTo(sx(pts[2 * i]), sy(pts[2 * i + 1]));
      }
      ctx.closePath();
    };
    // Asphalt: the band between the edges, drawn as a thick centre line; then the edges and a dashed centre.
    ctx.lineJoin = 'round';
    loop(GEOMETRY.centre);
    ctx.strokeStyle = surface;
    ctx.lineWidth = 2 * GEOMETRY.halfWidth * view.k;
    ctx.stroke();
    ctx.strokeStyle = border;
    ctx.lineWidth = 1;
    ctx.setLineDash([6, 6]);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.strokeStyle = fg;
    ctx.lineWidth = 2;
    loop(GEOMETRY.left);
    ctx.stroke();
    loop(GEOMETRY.right);
    ctx.stroke();

    for (const trail of trails) {
      const rows = Math.min(trail.upTo ?? Infinity, Math.floor(trail.frames.length / 4));
      if (rows <= 0) continue;
      const color = roles[trail.role];
      ctx.strokeStyle = color;
      ctx.globalAlpha = trail.ghost ? 0.35 : 1;
      ctx.lineWidth = trail.ghost ? 2 : 3;
      ctx.beginPath();
      for (let t = 0; t < rows; t++) {
        const x = sx(trail.frames[4 * t]);
        const y = sy(trail.frames[4 * t + 1]);
        if (t === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
      ctx.stroke();
      ctx.globalAlpha = 1;
      if (trail.car) {
        const t = rows - 1;
        const x = sx(trail.frames[4 * t]);
        const y = sy(trail.frames[4 * t + 1]);
        const th = trail.frames[4 * t + 2];
        const size = Math.max(9, view.k * 0.9);
        ctx.save();
        ctx.translate(x, y);
        ctx.rotate(-th);
        ctx.fillStyle = color;
        ctx.strokeStyle = fg;
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        ctx.moveTo(size, 0);
        ctx.lineTo(-size * 0.7, size * 0.6);
        ctx.lineTo(-size * 0.7, -size * 0.6);
        ctx.closePath();
        ctx.fill();
        ctx.stroke();
        ctx.restore();
        if (trail.badge) {
          ctx.fillStyle = fg;
          ctx.font = `700 ${Math.round(size * 1.1)}px system-ui, sans-serif`;
          ctx.textBaseline = 'bottom';
          // Right of the car, unless that runs off the canvas (a small drawing, the car near its right edge): then left.
          const fitsRight = x + size * 0.9 + ctx.measureText(trail.badge).width <= width - 2;
          ctx.textAlign = fitsRight ? 'left' : 'right';
          ctx.fillText(trail.badge, fitsRight ? x + size * 0.9 : x - size * 0.9, y - size * 0.5);
        }
      }
    }
    if (marker) {
      ctx.strokeStyle = fg;
      ctx.lineWidth = 2.5;
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.arc(sx(marker.x), sy(marker.y), Math.max(16, view.k * 1.8), 0, 2 * Math.PI);
      ctx.stroke();
      ctx.setLineDash([]);
    }
  }, [trails, marker, width, aspect, theme]);

  return (
    <div ref={wrapRef} style={{ width: '100%', ...(maxWidth !== undefined ? { maxWidth, marginInline: 'auto' } : {}) }}>
      <canvas ref={canvasRef} role="img" aria-label={label} style={{ width: '100%', display: 'block' }} />
    </div>
  );
}
