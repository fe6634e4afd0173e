/**
 * Drawing for the linearised inverted pendulum (sims/envs/linearPendulum.ts, Toy 5A): one pole per track, side by
 * side on a common floor, each hinged at the bottom and leaning by its angle θ (0 = upright); a pole at ±π/2 lies on
 * the ground. Each pole is in its track's colour with its label under it, and turns into a "fallen" marker once it
 * is down. Data: one coordinate per step, θ (rad).
 */
import { valueAt, type TrajectoryFrame, type TrajectoryRenderer } from './types';

const FONT_STACK = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
const FALLEN = Math.PI / 2 - 1e-3;

export const pendulumRenderer: TrajectoryRenderer = (ctx, frame: TrajectoryFrame) => {
  const { width, height, tracks, colors, t } = frame;
  const n = Math.max(1, tracks.length);
  const floorY = height * 0.78;
  const len = Math.min(height * 0.6, (width / n) * 0.42);
  const font = Math.max(12, Math.min(20, width / 30));
  ctx.strokeStyle = colors.border;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(width * 0.04, floorY);
  ctx.lineTo(width * 0.96, floorY);
  ctx.stroke();
  tracks.forEach((track, i) => {
    const cx = (width * (i + 0.5)) / n;
    const theta = valueAt(track.trajectory, t);
    const angle = Number.isFinite(theta) ? theta : 0;
    const fallen = Math.abs(angle) >= FALLEN;
    const color = colors.tracks[i] ?? colors.fg;
    // Upright guide.
    ctx.setLineDash([4, 6]);
    ctx.strokeStyle = colors.muted;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(cx, floorY);
    ctx.lineTo(cx, floorY - len);
    ctx.stroke();
    ctx.setLineDash([]);
    // The pole.
    const tipX = cx + len * Math.sin(angle);
    const tipY = floorY - len * Math.cos(angle);
    ctx.strokeStyle = color;
    ctx.lineWidth = Math.max(5, len / 14);
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(cx, floorY);
    ctx.lineTo(tipX, tipY);
    ctx.stroke();
    ctx.fillStyle = color;
    ctx.beginPath();
    ctx.arc(tipX, tipY, Math.max(7, len / 9), 0, 2 * Math.PI);
    ctx.fill();
    // Hinge.
    ctx.fillStyle = colors.fg;
    ctx.beginPath();
    ctx.arc(cx, floorY, 5, 0, 2 * Math.PI);
    ctx.fill();
    // Label and state.
    ctx.fillStyle = colors.fg;
    ctx.font = `600 ${font}px ${FONT_STACK}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.fillText(track.label, cx, floorY + 8);
    ctx.font = `${font * 0.9}px ${FONT_STACK}`;
    ctx.fillStyle = fallen ? colors.fg : colors.muted;
    ctx.fillText(fallen ? 'fallen' : `θ = ${angle.toFixed(2)} rad`, cx, floorY + 10 + font * 1.2);
  });
};
