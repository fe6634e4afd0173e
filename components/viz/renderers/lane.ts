/**
 * Drawing for LaneKeep (sims/envs/lane.ts): a road of 13 lanes, lateral offset y ∈ {−6, …, 6}, centre lane y = 0.
 *
 * Each track gets its own stretch of road, stacked top to bottom and aligned lane for lane, so the reader can
 * compare where the expert and the learner are. The road is seen from above with the car driving up the screen:
 * lanes are columns, the car sits near the top, and its past positions trail below it, fading with age (one row per
 * step, scrolling smoothly while playing). The centre lane is tinted; the edges are walls. Big shapes and thick
 * lines, so it reads from the back of a lecture hall.
 *
 * Data: coordinate `coordinate` (default 0) of each trajectory row is y, in lanes.
 */
import { valueAt, stepCount, type TrajectoryFrame, type TrajectoryRenderer } from './types';

export interface LaneRendererOptions {
  /** Lanes span y ∈ {−halfWidth, …, halfWidth} (LANE_HALF_WIDTH = 6 in sims/envs/lane.ts). */
  halfWidth?: number;
  /** Which trajectory coordinate holds y. */
  coordinate?: number;
  /** How many past steps the trail shows at most. */
  trailSteps?: number;
}

const FONT_STACK = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** A LaneKeep renderer with the given geometry. */
export function makeLaneRenderer({
  halfWidth = 6,
  coordinate = 0,
  trailSteps = 12,
}: LaneRendererOptions = {}): TrajectoryRenderer {
  return (ctx, frame) => drawLane(ctx, frame, halfWidth, coordinate, trailSteps);
}

/** The renderer for the standard 13-lane road. */
export const laneRenderer: TrajectoryRenderer = makeLaneRenderer();

function drawLane(
  ctx: CanvasRenderingContext2D,
  frame: TrajectoryFrame,
  halfWidth: number,
  coordinate: number,
  trailSteps: number,
): void {
  const { width, height, tracks, colors, t } = frame;
  const nLanes = 2 * halfWidth + 1;
  const font = Math.round(Math.max(frame.minFont ?? 13, Math.min(24, Math.max(13, width / 36))));
  const pad = Math.max(8, Math.round(width * 0.02));
  const axisH = Math.round(font * 1.6);
  const roadLeft = pad;
  const roadWidth = Math.max(1, width - 2 * pad);
  const cellW = roadWidth / nLanes;
  const laneX = (y: number) => roadLeft + (Math.min(Math.max(y, -halfWidth), halfWidth) + halfWidth + 0.5) * cellW;

  const nTracks = Math.max(1, tracks.length);
  const bandGap = Math.round(font * 0.6);
  const bandH = (height - axisH - bandGap * (nTracks - 1)) / nTracks;
  const headerH = Math.round(font * 1.5);

  tracks.forEach((track, i) => {
    const top = i * (bandH + bandGap);
    const roadTop = top + headerH;
    const roadH = Math.max(1, bandH - headerH);
    const color = colors.tracks[i] ?? colors.fg;

    // ---- the road: centre stripe, lane lines, walls
    ctx.fillStyle = colors.accentSoft;
    ctx.fillRect(laneX(0) - cellW / 2, roadTop, cellW, roadH);
    ctx.strokeStyle = colors.accent;
    ctx.lineWidth = Math.max(1.5, cellW * 0.05);
    ctx.setLineDash([]);
    strokeLine(ctx, laneX(0) - cellW / 2, roadTop, laneX(0) - cellW / 2, roadTop + roadH);
    strokeLine(ctx, laneX(0) + cellW / 2, roadTop, laneX(0) + cellW / 2, roadTop + roadH);

    ctx.strokeStyle = colors.border;
    ctx.lineWidth = Math.max(1, cellW * 0.04);
    ctx.setLineDash([Math.max(4, cellW * 0.3), Math.max(4, cellW * 0.3)]);
    for (let k = 1; k < nLanes; k++) {
      if (k === halfWidth || k === halfWidth + 1) continue; // the centre lane's edges are drawn above
      const x = roadLeft + k * cellW;
      strokeLine(ctx, x, roadTop, x, roadTop + roadH);
    }
    ctx.setLineDash([]);
    ctx.strokeStyle = colors.fg;
    ctx.lineWidth = Math.max(3, cellW * 0.12);
    strokeLine(ctx, roadLeft, roadTop, roadLeft, roadTop + roadH);
    strokeLine(ctx, roadLeft + roadWidth, roadTop, roadLeft + roadWidth, roadTop + roadH);

    // ---- label
    ctx.fillStyle = colors.fg;
    ctx.font = `600 ${font}px ${FONT_STACK}`;
    ctx.textBaseline = 'alphabetic';
    ctx.textAlign = 'left';
    ctx.fillText(track.label, roadLeft, top + font * 1.05);

    const n = stepCount(track.trajectory);
    if (n === 0) return;
    const tt = Math.min(t, n - 1);
    const ended = t > n - 1;
    if (ended) {
      ctx.fillStyle = colors.muted;
      ctx.textAlign = 'right';
      ctx.font = `${font}px ${FONT_STACK}`;
      ctx.fillText('ended', roadLeft + roadWidth, top + font * 1.05);
    }

    // ---- the car and its trail: row for step s sits (tt − s) rows below the car
    const carH = Math.min(roadH * 0.3, cellW * 1.2);
    const carW = Math.min(cellW * 0.72, carH * 0.75);
    const carY = roadTop + carH / 2 + Math.max(2, roadH * 0.04);
    const rowH = Math.max(6, (roadH - carH) / trailSteps);
    const visible = Math.min(trailSteps, Math.floor((roadTop + roadH - carY) / rowH));
    const yNow = valueAt(track.trajectory, tt, coordinate);

    const lineW = Math.max(3, Math.min(cellW * 0.16, rowH * 0.6));
    const dotR = Math.max(2, Math.min(lineW * 0.8, rowH * 0.38));
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    let prevX = laneX(yNow);
    let prevY = carY;
    const s0 = Math.floor(tt);
    for (let s = s0; s >= 0 && tt - s <= visible; s--) {
      const y = track.trajectory.data[s * track.trajectory.dims[1] + coordinate];
      const px = laneX(y);
      const py = carY + (tt - s) * rowH;
      const alpha = Math.max(0.08, 1 - (tt - s) / (visible + 1));
      ctx.globalAlpha = alpha;
      ctx.strokeStyle = color;
      ctx.lineWidth = lineW;
      if (Number.isFinite(y) && Number.isFinite(prevX)) strokeLine(ctx, prevX, prevY, px, py);
      if (Number.isFinite(y)) {
        ctx.fillStyle = color;
        ctx.beginPath();
        ctx.arc(px, py, dotR, 0, 2 * Math.PI);
        ctx.fill();
      }
      prevX = px;
      prevY = py;
    }
    ctx.globalAlpha = 1;

    if (Number.isFinite(yNow)) drawCar(ctx, laneX(yNow), carY, carW, carH, color, colors.fg);
  });

  // ---- lane numbers under the last road
  ctx.fillStyle = colors.muted;
  ctx.font = `${font}px ${FONT_STACK}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  const every = cellW >= font * 2.2 ? 1 : cellW >= font * 1.2 ? 2 : halfWidth;
  for (let y = -halfWidth; y <= halfWidth; y++) {
    if (y % every !== 0) continue;
    ctx.fillText(y < 0 ? `\u2212${-y}` : String(y), laneX(y), height - font * 0.35);
  }
}

function strokeLine(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number): void {
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
}

/** A car seen from above, nose up: a rounded body in the track colour with a dark outline and a windscreen. */
function drawCar(
  ctx: CanvasRenderingContext2D,
  cx: number,
  cy: number,
  w: number,
  h: number,
  fill: string,
  outline: string,
): void {
  const r = Math.min(w, h) * 0.28;
  const x = cx - w / 2;
  const y = cy - h / 2;
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineWidth = Math.max(2, w * 0.08);
  ctx.strokeStyle = outline;
  ctx.stroke();
  // Windscreen near the nose, so the direction of travel reads at a glance.
  ctx.fillStyle = outline;
  ctx.globalAlpha = 0.55;
  ctx.fillRect(x + w * 0.2, y + h * 0.18, w * 0.6, h * 0.16);
  ctx.globalAlpha = 1;
}
