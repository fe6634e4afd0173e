'use client';

import { useEffect, useRef, useState, type ComponentType } from 'react';
import { loadShipped, type ShippedResult } from '@/components/hooks/useExperiment';
import { NEAR_MARGIN, useOnScreen } from '@/components/hooks/useOnScreen';
import { usePrinting } from '@/components/hooks/usePrinting';
import type { ExperimentId } from '@/sims/experiments/catalog';
import { loadGenericFigure, widgetLoaders } from './registry';
import type { WidgetProps } from './types';

export interface LiveWidgetProps extends WidgetProps {
  /** Experiment id from the catalog. */
  id: ExperimentId;
}

type AnyWidget = ComponentType<WidgetProps & { id: ExperimentId }>;

// Widget modules per experiment id, once per page: the promise while loading, the component once it has arrived (so
// a figure renders it synchronously, e.g. inside the flushSync of `beforeprint`).
const loading = new Map<ExperimentId, Promise<AnyWidget>>();
const loaded = new Map<ExperimentId, AnyWidget>();

function loadWidget(id: ExperimentId): Promise<AnyWidget> {
  let hit = loading.get(id);
  if (!hit) {
    const load = (widgetLoaders[id] ?? loadGenericFigure) as () => Promise<AnyWidget>;
    hit = load().then((Widget) => {
      loaded.set(id, Widget);
      return Widget;
    });
    hit.catch(() => loading.delete(id)); // a later attempt may succeed (e.g. after a network hiccup)
    loading.set(id, hit);
  }
  return hit;
}

// ---------------------------------------------------------------------------------------------------------------
// Printing: a printed page shows every figure, and `beforeprint` waits for nothing, so every figure on the page must
// be mounted, with its code and build-time result in memory, by then. From the reader's first scroll, key or touch
// on (a page load alone loads nothing beyond the figures near the viewport), the figures further away are loaded
// and mounted one at a time in idle time (they draw when they near the viewport, or for print). When all are,
// <html data-figures-prefetched> is set.
// ---------------------------------------------------------------------------------------------------------------

interface OnPage {
  id: ExperimentId;
  shipped?: ShippedResult;
  mount: () => void;
}

const onPage = new Set<OnPage>();
let prefetchArmed = false;

const whenIdle = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 1000 });
    else setTimeout(resolve, 50);
  });

async function prefetchAll(): Promise<void> {
  for (const figure of [...onPage]) {
    await whenIdle();
    await loadWidget(figure.id).catch(() => undefined);
    if (figure.shipped) await loadShipped(figure.shipped).catch(() => undefined);
    await whenIdle();
    figure.mount();
  }
  document.documentElement.dataset.figuresPrefetched = 'true';
}

function armPrefetch(): void {
  if (prefetchArmed || typeof window === 'undefined') return;
  prefetchArmed = true;
  const events = ['scroll', 'keydown', 'pointerdown', 'touchstart'] as const;
  const start = () => {
    for (const e of events) window.removeEventListener(e, start, true);
    void prefetchAll();
  };
  for (const e of events) window.addEventListener(e, start, { capture: true, passive: true });
}

/**
 * The widget for experiment `id` (the generic figure when it has none of its own). Used by the lab, chapters and
 * lecture scenes. Until the figure nears the viewport it is a placeholder of the figure's name; then its code loads
 * and the widget replaces it.
 */
export function LiveWidget({ id, urlKey, preset, shipped }: LiveWidgetProps) {
  const slot = useRef<HTMLDivElement>(null);
  const near = useOnScreen(slot, { rootMargin: NEAR_MARGIN });
  const printing = usePrinting();
  const [prefetched, mount] = useState(false);
  const [, arrived] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const Widget = loaded.get(id);

  useEffect(() => {
    const figure: OnPage = { id, shipped, mount: () => mount(true) };
    onPage.add(figure);
    armPrefetch();
    return () => void onPage.delete(figure);
  }, [id, shipped]);

  useEffect(() => {
    if (Widget !== undefined || !(near || printing || prefetched)) return;
    let live = true;
    loadWidget(id).then(
      () => live && arrived((n) => n + 1),
      (error: unknown) => live && setFailure(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [id, Widget, near, printing, prefetched]);

  // One element throughout, the placeholder and then the figure's box: a scroll or a link that found the placeholder
  // (by its data-experiment) still holds an element in the page when the figure replaces the placeholder's content.
  if (Widget !== undefined) {
    return (
      <div ref={slot}>
        <Widget id={id} urlKey={urlKey} preset={preset} shipped={shipped} />
      </div>
    );
  }
  return (
    <div ref={slot} className="widget-loading" role="status" data-experiment={id}>
      {failure === null ? 'Loading the figure…' : `This figure’s code did not load (${failure}). Reload the page to try again.`}
    </div>
  );
}
