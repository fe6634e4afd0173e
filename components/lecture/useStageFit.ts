'use client';
/**
 * Fitting a lecture scene's figure to its stage. The figure's charts and animations are drawn `shrink` px shorter
 * than the projector scale asks (text never shrinks); the figure's height falls with `shrink` piecewise linearly
 * (one chart row or two, until each part reaches its floor). The search measures the overflow at one shrink, then
 * steps along the secant and brackets: it ends at the smallest shrink that fits, with at most a few px to spare,
 * in a handful of renders. A fixed step (shrink by the overflow) would overshoot a two-row figure by the whole
 * overflow and leave that much of the screen empty.
 */
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** The most a figure is ever shrunk, in px. */
export const MAX_SHRINK = 2000;
/** A fit may leave this much room unused rather than search on. */
const SLACK = 8;
/** Renders a search may take before it settles on the best fit it has seen. */
const MAX_STEPS = 12;
/** Searches a settled figure may start again (it grew, or shrank while shrunk): bounded, so an animation whose
 * height keeps changing cannot keep the figure resizing. */
const MAX_RESTARTS = 6;

interface Sample {
  shrink: number;
  /** Figure height minus stage height, px: positive overflows, ≤ 1 fits. */
  over: number;
}

export interface FitSearch {
  /** The largest shrink measured to overflow, and the smallest measured to fit. */
  tooTall: Sample | null;
  fits: Sample | null;
  steps: number;
  done: boolean;
  /** Searches started again since the last reset (see MAX_RESTARTS). */
  restarts: number;
}

export const newFitSearch = (): FitSearch => ({ tooTall: null, fits: null, steps: 0, done: false, restarts: 0 });

const fitsIn = (over: number) => over <= 1;

/**
 * One step of the search: `over` was measured with the figure drawn at `shrink`. Returns the updated search and the
 * shrink to draw next (the same one when the search is done).
 */
export function fitStep(search: FitSearch, shrink: number, over: number): { search: FitSearch; next: number } {
  if (search.done) {
    // Settled, but the figure changed since (a result replaced the loading view, a legend line came or went): search
    // on from here if it now overflows, or leaves room while shrunk.
    const settled = fitsIn(over) && (over >= -3 * SLACK || shrink === 0);
    if (settled) return { search, next: shrink };
    // Out of restarts: never leave it overflowing — shrink by the overflow (only ever more, so this ends).
    if (search.restarts >= MAX_RESTARTS)
      return { search, next: fitsIn(over) ? shrink : Math.min(MAX_SHRINK, shrink + Math.ceil(over)) };
    search = { ...newFitSearch(), restarts: search.restarts + 1 };
  }
  const sample = { shrink, over };
  let { tooTall, fits } = search;
  if (fitsIn(over)) {
    if (!fits || shrink <= fits.shrink) fits = sample;
    if (tooTall && tooTall.shrink >= shrink) tooTall = null;
  } else {
    if (!tooTall || shrink >= tooTall.shrink) tooTall = sample;
    if (fits && fits.shrink <= shrink) fits = null;
  }
  const steps = search.steps + 1;
  const restarts = search.restarts;
  const settle = (next: number) => ({ search: { tooTall, fits, steps, done: true, restarts }, next });
  // Fits as drawn with little room to spare, or fits undrunk: done.
  if (fitsIn(over) && (over >= -SLACK || shrink === 0)) return settle(shrink);
  if (steps >= MAX_STEPS) return settle(fits?.shrink ?? MAX_SHRINK);
  let next: number;
  if (tooTall && fits) {
    if (fits.shrink - tooTall.shrink <= 2) return settle(fits.shrink);
    // Regula falsi between the bracket's ends, kept off the ends so that the bracket always narrows.
    const width = fits.shrink - tooTall.shrink;
    const t = tooTall.over / (tooTall.over - fits.over);
    next = tooTall.shrink + Math.min(0.9, Math.max(0.1, t)) * width;
    next = Math.min(fits.shrink - 1, Math.max(tooTall.shrink + 1, Math.round(next)));
  } else if (tooTall) {
    if (tooTall.shrink >= MAX_SHRINK) return settle(MAX_SHRINK);
    // Step along the slope seen so far (px of figure per px of shrink), 1 before there is one; past the figure's
    // floors the slope is small and the steps grow.
    const prev = search.tooTall;
    const slope =
      prev && prev.shrink !== tooTall.shrink ? (prev.over - tooTall.over) / (tooTall.shrink - prev.shrink) : 1;
    next = Math.min(
      MAX_SHRINK,
      Math.ceil(tooTall.shrink + (tooTall.over + SLACK / 2) / Math.min(8, Math.max(0.25, slope))),
    );
  } else {
    // Only fits seen, with room to spare: give some back.
    next = Math.floor(fits!.shrink / 2);
  }
  return { search: { tooTall, fits, steps, done: false, restarts }, next };
}

/**
 * The shrink that makes the children of `stageRef` (together) fit the stage. Starts over (at 0) whenever `key` changes and
 * whenever a figure in the stage finishes a run or enters another phase (`data-phase`): what it draws is measured afresh.
 */
export function useStageFit(stageRef: RefObject<HTMLElement | null>, key: string): number {
  const [shrink, setShrink] = useState(0);
  const drawn = useRef(0);
  const search = useRef(newFitSearch());
  useLayoutEffect(() => {
    drawn.current = shrink;
  }, [shrink]);
  const measure = useRef<() => void>(() => undefined);

  useEffect(() => {
    search.current = newFitSearch();
    setShrink(0);
    const stage = stageRef.current;
    if (!stage || typeof ResizeObserver === 'undefined') return;
    stage.dataset.fit = 'searching';
    // The figure's height: from the top of the stage's first child to the bottom of its last (a figure may render
    // several blocks side by side in the stage, e.g. a session panel above its chart's frame).
    const contentHeight = (): number | null => {
      let top = Infinity;
      let bottom = -Infinity;
      for (const child of stage.children) {
        const r = child.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        top = Math.min(top, r.top);
        bottom = Math.max(bottom, r.bottom);
      }
      return bottom >= top ? bottom - top : null;
    };
    const check = () => {
      const height = contentHeight();
      if (height === null) return;
      const overflow = stage.scrollHeight - stage.clientHeight;
      const over = Math.max(height - stage.clientHeight, overflow > 1 ? overflow : -Infinity);
      const step = fitStep(search.current, drawn.current, over);
      search.current = step.search;
      // Done only once the figure as drawn fits: a search that settles on another shrink (the best fit it measured)
      // is still searching until that shrink is drawn and measured.
      const settled = step.search.done && step.next === drawn.current && fitsIn(over);
      stage.dataset.fit = settled ? 'done' : 'searching';
      setShrink(step.next);
    };
    measure.current = check;
    const observer = new ResizeObserver(check);
    observer.observe(stage);
    for (const child of stage.children) observer.observe(child);
    const children = new MutationObserver(() => {
      for (const child of stage.children) observer.observe(child);
      check();
    });
    children.observe(stage, { childList: true });
    // A new result, or a figure entering another phase (the human-DAgger session: driving, a question, the results),
    // changes what the figure draws: search again from full size.
    const status = new MutationObserver((records) => {
      if (records.some((r) => r.attributeName === 'data-phase' || (r.target as Element).getAttribute('data-status') === 'done')) {
        search.current = newFitSearch();
        stage.dataset.fit = 'searching';
        setShrink(0);
        requestAnimationFrame(check);
      }
    });
    status.observe(stage, { subtree: true, attributes: true, attributeFilter: ['data-status', 'data-phase'] });
    // Observers miss some changes (a figure's root replaced by its result, a player's text reflowing): look again a few
    // times a second as well. Two rectangle reads; a settled figure does not re-render.
    const poll = window.setInterval(check, 250);
    return () => {
      window.clearInterval(poll);
      measure.current = () => undefined;
      observer.disconnect();
      children.disconnect();
      status.disconnect();
    };
  }, [stageRef, key]);

  // A shrink that changed nothing's size fires no ResizeObserver: measure after every draw as well.
  useEffect(() => {
    let inner = 0;
    const outer = requestAnimationFrame(() => {
      inner = requestAnimationFrame(() => measure.current());
    });
    return () => {
      cancelAnimationFrame(outer);
      cancelAnimationFrame(inner);
    };
  }, [shrink]);

  return shrink;
}
