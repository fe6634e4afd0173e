/**
 * Combining runs of one experiment over several seeds into one result: each curve becomes the mean over seeds with
 * a band from the lowest to the highest seed (honest with few seeds), each metric the mean. Pure and tfjs-free, so
 * the page can use it.
 */
import type { Point, Result } from './types';

export function aggregateOverSeeds(results: readonly Result[]): Result {
  if (results.length === 0) return { metrics: {}, series: {} };
  if (results.length === 1) return results[0];
  const metrics: Record<string, number> = {};
  for (const key of Object.keys(results[0].metrics)) {
    const values = results.map((r) => r.metrics[key]).filter((v): v is number => v !== undefined);
    metrics[key] = values.reduce((a, b) => a + b, 0) / values.length;
  }
  const series: Record<string, Point[]> = {};
  for (const key of Object.keys(results[0].series)) {
    const runs = results.map((r) => r.series[key] ?? []);
    const length = Math.min(...runs.map((r) => r.length));
    const points: Point[] = [];
    for (let i = 0; i < length; i++) {
      const ys = runs.map((r) => r[i].y);
      const mean = ys.reduce((a, b) => a + b, 0) / ys.length;
      points.push({ x: runs[0][i].x, y: mean, lo: Math.min(...ys), hi: Math.max(...ys) });
    }
    series[key] = points;
  }
  // Trajectories and extras of the first seed stand for the animation.
  return { metrics, series, trajectories: results[0].trajectories, extras: results[0].extras };
}
