'use client';

import { useEffect, useId, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { ParamControls } from '@/components/controls/ParamControls';
import { SeedControl } from '@/components/controls/SeedControl';
import { useExperiment, type ExperimentState, type ShippedResult } from '@/components/hooks/useExperiment';
import { NEAR_MARGIN, useOnScreen } from '@/components/hooks/useOnScreen';
import { usePrinting } from '@/components/hooks/usePrinting';
import { useUrlState } from '@/components/hooks/useUrlState';
import { useProjector } from '@/components/viz/projector';
import { canvasToPngBlob, download, seriesToCsv, svgString, svgToPngBlob } from '@/components/viz/export';
import { presentLink } from '@/lib/deck';
import { withDefaults, type ParamSchema, type ParamValues } from '@/lib/params';
import { fnv1a } from '@/lib/resultJson';
import { FIGURE_SEED } from '@/lib/urlState';
import { getSharedClient } from '@/sims/worker/client';
import type { ExperimentInfo, Result } from '@/sims/experiments/types';
import { figureAnchor, linkWithAnchor } from './figureLink';
import styles from './frame.module.css';

export interface FrameRenderProps<S extends ParamSchema, R extends Result = Result> {
  state: ExperimentState<R>;
  /** The parameters as the reader set them (what is computing now, during a rerun). */
  values: ParamValues<S>;
  /**
   * The parameters of the result on screen: during a rerun, the previous ones, so the kept (dimmed) result's words
   * describe it and not the run in flight. Equal to `values` otherwise.
   */
  shownValues: ParamValues<S>;
  seed: number;
  /** Sets parameters as the controls do (URL, rerun): for a figure that is itself a control, e.g. a draggable probe. */
  setValues: (values: Partial<ParamValues<S>>) => void;
}

export interface ExperimentFrameProps<S extends ParamSchema, R extends Result> {
  /** The experiment's page-safe description (from the catalog). */
  info: ExperimentInfo<S, R>;
  /** The build-time result of this figure's default configuration (drawn at once, no worker run). */
  shipped?: ShippedResult<R>;
  /** URL prefix for this figure's state; defaults to the experiment id. */
  urlKey?: string;
  /** The seed a reader who touches nothing sees. */
  defaultSeed?: number;
  /** Offer "mean of 5 seeds". */
  allowCompare?: boolean;
  /** Parameters the widget shows its own way (left out of the generated controls). */
  hiddenParams?: readonly string[];
  /** Parameter values this figure starts from instead of the experiment's defaults (a chapter's preset). */
  preset?: Record<string, unknown>;
  /**
   * The parameters that matter most, shown first and always in reach (beside the chart on wide screens, in the
   * docked bar on narrow ones); the rest sit behind "More settings". Default: all of them when there are at most
   * four, else the first three of the schema. A function when it depends on the view (a `panel` parameter).
   */
  mainParams?: readonly string[] | ((values: ParamValues<S>) => readonly string[]);
  /** Draws the result; gets the experiment state and the current parameters. */
  children: (props: FrameRenderProps<S, R>) => ReactNode;
}

/** Starts the shared worker if it is not running yet (a no-op after the first call). */
function warmWorker(): void {
  getSharedClient().warm();
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The frame every live figure shares: the drawing, a status line with progress, the error states (diverged, worker
 * restarted, invalid link values), generated controls, a seed control, export (PNG, SVG, CSV, JSON), copy link and
 * a small info panel. The figure computes only once it is on screen.
 */
export function ExperimentFrame<S extends ParamSchema, R extends Result>({
  info,
  shipped,
  urlKey,
  defaultSeed = FIGURE_SEED,
  allowCompare = true,
  hiddenParams = [],
  preset,
  mainParams,
  children,
}: ExperimentFrameProps<S, R>) {
  const presetKey = JSON.stringify(preset ?? {});
  const schema = useMemo(() => withDefaults(info.params, JSON.parse(presetKey) as Record<string, unknown>).schema, [info.params, presetKey]);
  const rootRef = useRef<HTMLDivElement>(null);
  const exportMenu = useRef<HTMLDetailsElement>(null);
  const plotRef = useRef<HTMLDivElement>(null);
  const onScreen = useOnScreen(rootRef);
  // Within a screen and a half: draw the build-time result now, so it is there before the reader arrives, without
  // every figure of a long page rendering at once when it loads.
  const nearScreen = useOnScreen(rootRef, { rootMargin: NEAR_MARGIN });
  // A printed page shows every figure, not only the ones the reader scrolled to.
  const printing = usePrinting();
  const near = nearScreen || printing;
  const url = useUrlState(schema, urlKey ?? info.id, defaultSeed);
  const [seeds, setSeeds] = useState(1);
  const [copied, setCopied] = useState(false);
  const state = useExperiment<R>(info.id, url.values, url.seed, {
    enabled: onScreen && url.ready,
    ready: url.ready && near,
    seeds,
    shipped,
  });
  const stem = `${info.id}-seed${url.seed}`;
  const mainKeys = typeof mainParams === 'function' ? mainParams(url.values) : mainParams;
  const { main, more } = splitParams(Object.keys(schema), hiddenParams, mainKeys);
  const [moreOpen, setMoreOpen] = useState(false);
  // On a phone the docked controls fold into one line under the chart until the reader opens them.
  const [sheetOpen, setSheetOpen] = useState(false);
  const sheetId = useId();
  const rerunning = state.status === 'running' && state.stale;
  // In a lecture scene the scene itself offers seed, reset and presets (keys and buttons): no toolbar, and only the
  // main controls.
  const projector = useProjector();
  // (A lecture scene sizes its figure to the screen itself: there the plot may get shorter.)
  useStableHeight(plotRef, projector === null);
  const presentHref = presentLink(
    process.env.NEXT_PUBLIC_BASE_PATH ?? '',
    info.id,
    Object.fromEntries(Object.entries(url.values).filter(([k, v]) => info.params[k]?.default !== v)),
    url.seed === FIGURE_SEED ? null : url.seed,
  );
  // A fingerprint of the final result, so a test (or a curious reader) can tell two results apart at a glance.
  const resultKey = useMemo(
    () => (state.status === 'done' && state.result ? fnv1a(JSON.stringify([state.result.metrics, state.result.series])) : ''),
    [state.status, state.result],
  );

  const exportPng = async () => {
    exportMenu.current?.removeAttribute('open');
    const svg = plotRef.current?.querySelector('svg.recharts-surface, svg[data-export]') as SVGSVGElement | null;
    const canvas = plotRef.current?.querySelector('canvas');
    const blob = svg ? await svgToPngBlob(svg) : canvas ? await canvasToPngBlob(canvas) : null;
    if (blob) download(`${stem}.png`, blob, 'image/png');
  };
  const exportSvg = () => {
    exportMenu.current?.removeAttribute('open');
    const svg = plotRef.current?.querySelector('svg.recharts-surface, svg[data-export]') as SVGSVGElement | null;
    if (svg) download(`${stem}.svg`, svgString(svg), 'image/svg+xml');
  };
  const exportCsv = () => {
    exportMenu.current?.removeAttribute('open');
    if (state.result) download(`${stem}.csv`, seriesToCsv(state.result.series), 'text/csv');
  };
  const exportJson = () => {
    exportMenu.current?.removeAttribute('open');
    if (!state.result) return;
    const { trajectories, ...rest } = state.result;
    const payload = {
      experiment: info.id,
      params: url.values,
      seed: url.seed,
      seeds: state.info?.seeds ?? [url.seed],
      ...rest,
      trajectories: trajectories
        ? Object.fromEntries(Object.entries(trajectories).map(([k, t]) => [k, { dims: t.dims, labels: t.labels, data: Array.from(t.data) }]))
        : undefined,
    };
    download(`${stem}.json`, JSON.stringify(payload, null, 1), 'application/json');
  };
  const copyLink = async () => {
    const link = linkWithAnchor(window.location.href, figureAnchor(rootRef.current));
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      window.prompt('Copy this link:', link);
    }
  };

  const statusText = (() => {
    switch (state.status) {
      case 'idle':
        return onScreen ? 'Starting…' : 'Waiting until the figure is on screen.';
      case 'running':
        return `Computing${state.message ? `: ${state.message}` : ''} — ${Math.round(state.progress * 100)}%${
          state.etaMs !== null ? `, about ${formatMs(state.etaMs)} left` : ''
        }`;
      case 'done':
        if (state.info?.shipped) return 'Computed at build time with these settings; change any to recompute.';
        return `Done${state.info ? ` in ${formatMs(state.info.wallMs)}` : ''}${
          state.info && state.info.seeds.length > 1 ? ` · mean of ${state.info.seeds.length} seeds (band: min–max)` : ''
        }.`;
      case 'diverged':
        return 'Diverged: the run produced non-finite numbers (NaN or ∞). Try a smaller learning rate or another seed.';
      case 'error':
        return `Error: ${state.error}`;
    }
  })();

  const toolbar = (
    <div className={styles.toolbar}>
      <SeedControl seed={url.seed} onChange={url.setSeed} seeds={seeds} onSeedsChange={setSeeds} allowCompare={allowCompare} />
      <div className={styles.actions}>
        <button
          type="button"
          className="btn"
          onClick={() => {
            url.reset();
            plotRef.current?.style.removeProperty('min-height');
          }}
        >
          Reset
        </button>
        <details className={styles.menu} ref={exportMenu}>
          <summary className="btn">Export</summary>
          <div className={styles.menuBody}>
            <button type="button" className="btn" onClick={exportPng}>
              PNG image
            </button>
            <button type="button" className="btn" onClick={exportSvg}>
              SVG image
            </button>
            <button type="button" className="btn" onClick={exportCsv} disabled={!state.result}>
              CSV data
            </button>
            <button type="button" className="btn" onClick={exportJson} disabled={!state.result}>
              JSON data
            </button>
          </div>
        </details>
        <button type="button" className="btn" onClick={copyLink}>
          {copied ? 'Link copied' : 'Copy link'}
        </button>
        <a className="btn" href={presentHref} title="Open this figure full screen in lecture mode, with these settings">
          Present this figure
        </a>
        <details className={styles.menu}>
          <summary className="btn">Info</summary>
          <dl className={styles.info}>
            <dt>Experiment</dt>
            <dd>
              <code>{info.id}</code> — {info.description}
            </dd>
            <dt>Seed</dt>
            <dd>{state.info ? state.info.seeds.join(', ') : url.seed}</dd>
            <dt>Backend</dt>
            <dd data-testid="figure-backend">{state.info?.backend ?? '—'}</dd>
            <dt>Run time</dt>
            <dd data-testid="figure-runtime">
              {state.info?.shipped
                ? 'computed at build time'
                : state.info
                  ? `${formatMs(state.info.elapsedMs)} in the worker${
                      state.info.batched ? ` (${state.info.seeds.length} seeds trained as one network)` : ''
                    }`
                  : '—'}
            </dd>
            <dt>Command line</dt>
            <dd>
              <code>
                npm run sim -- run {info.id} --seed {url.seed}
                {Object.entries(url.values)
                  .filter(([k, v]) => info.params[k]?.default !== v)
                  .map(([k, v]) => ` --set ${k}=${String(v)}`)
                  .join('')}
              </code>
            </dd>
          </dl>
        </details>
      </div>
    </div>
  );

  return (
    <div
      ref={rootRef}
      className={styles.frame}
      // A reader reaching for the figure (pointer over it, focus in it) is about to run it: start the worker now.
      onPointerEnter={warmWorker}
      onFocus={warmWorker}
      data-experiment={info.id}
      data-status={state.status}
      data-result-key={resultKey}
    >
      {url.notices.length > 0 ? (
        <div className={styles.notice} role="alert">
          <p>
            <strong>The link had values this figure cannot use; they were fixed:</strong>
          </p>
          <ul>
            {url.notices.map((n) => (
              <li key={n.key}>{n.message}</li>
            ))}
          </ul>
          <button type="button" className="btn" onClick={url.dismissNotices}>
            Dismiss
          </button>
        </div>
      ) : null}
      {state.crashNotice ? (
        <div className={styles.notice} role="alert">
          {state.crashNotice}
        </div>
      ) : null}
      <div className={styles.layout}>
        <div
          ref={plotRef}
          className={styles.plot}
          data-figure-plot=""
          data-diverged={state.status === 'diverged' || undefined}
          data-rerunning={rerunning || undefined}
        >
          {children({
            state,
            values: url.values,
            shownValues: state.stale && state.resultParams ? (state.resultParams as ParamValues<S>) : url.values,
            seed: url.seed,
            setValues: url.setValues,
          })}
          {rerunning ? (
            <div className={styles.rerun} aria-hidden="true">
              Recomputing… {Math.round(state.progress * 100)}%
            </div>
          ) : null}
        </div>
        <div className={styles.panel} data-figure-controls="" aria-label={`Settings: ${info.title}`} role="group">
          <div className={styles.dock} data-figure-dock="" data-open={sheetOpen || undefined}>
            <div className={styles.dockBar}>
              <div
                className={styles.status}
                role="status"
                aria-live="polite"
                data-testid="figure-status"
                data-alert={state.status === 'error' || state.status === 'diverged' || undefined}
              >
                <span className={styles.statusText}>{statusText}</span>
                {state.status === 'running' ? (
                  <progress className={styles.progress} max={1} value={state.progress} aria-label="Progress" />
                ) : null}
                {state.status === 'error' || state.status === 'diverged' ? (
                  <button type="button" className="btn" onClick={state.rerun}>
                    Run again
                  </button>
                ) : null}
              </div>
              {main.length + more.length > 0 ? (
                <button
                  type="button"
                  className={`btn ${styles.sheetToggle}`}
                  aria-expanded={sheetOpen}
                  aria-controls={sheetId}
                  onClick={() => setSheetOpen((open) => !open)}
                >
                  {sheetOpen ? 'Hide settings' : 'Settings'}
                </button>
              ) : null}
            </div>
            <div id={sheetId} className={styles.sheet}>
              {main.length > 0 ? (
                <ParamControls schema={schema} values={url.values} onChange={url.setValue} only={main} compact />
              ) : null}
              {more.length > 0 && !projector ? (
                <details className={styles.more} open={moreOpen} onToggle={(e) => setMoreOpen(e.currentTarget.open)}>
                  <summary>More settings ({more.length})</summary>
                  <ParamControls schema={schema} values={url.values} onChange={url.setValue} only={more} />
                </details>
              ) : null}
            </div>
          </div>
        </div>
      </div>
      {projector ? null : toolbar}
    </div>
  );
}

/** Which parameters sit in reach (`main`) and which behind "More settings" (`more`), in schema order. */
export function splitParams(
  keys: readonly string[],
  hidden: readonly string[],
  mainParams?: readonly string[],
): { main: string[]; more: string[] } {
  const visible = keys.filter((k) => !hidden.includes(k));
  const main = mainParams ? visible.filter((k) => mainParams.includes(k)) : visible.length <= 4 ? visible : visible.slice(0, 3);
  return { main, more: visible.filter((k) => !main.includes(k)) };
}

/**
 * Keeps the plot from ever getting shorter while its width stays the same: a rerun, a figure waiting for its new
 * result or a shorter summary never collapses the figure and moves the page (or the slider under the pointer).
 * Written to the element directly: it is layout, not state.
 */
function useStableHeight(ref: RefObject<HTMLDivElement | null>, enabled = true) {
  useEffect(() => {
    const el = ref.current;
    if (!el || !enabled || typeof ResizeObserver === 'undefined') return;
    let width = el.clientWidth;
    let tallest = 0;
    const observer = new ResizeObserver(() => {
      const w = el.clientWidth;
      if (Math.abs(w - width) > 1) {
        // A new width reflows everything: start over from the natural height.
        width = w;
        tallest = 0;
        el.style.removeProperty('min-height');
        return;
      }
      const h = el.getBoundingClientRect().height;
      if (h > tallest + 0.5) {
        tallest = h;
        el.style.minHeight = `${Math.ceil(h)}px`;
      }
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, enabled]);
}
