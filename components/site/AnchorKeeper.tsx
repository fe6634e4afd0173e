'use client';

import { useEffect } from 'react';

/** How long after arriving the target is kept in place, unless the reader takes over sooner. */
const KEEP_MS = 10_000;
const READER_INPUT = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

/**
 * Keeps the element a link points at (`#fig-…`, `#eq-…`, a heading) where the browser put it while the page
 * settles. Figures above it draw their results after the browser has scrolled, and each one that grows pushes
 * the target down; without this a shared link to a figure opened thousands of pixels away from it. Stops for good
 * the moment the reader scrolls, types or touches, or after ten seconds.
 */
export function AnchorKeeper() {
  useEffect(() => {
    let stopKeeping: (() => void) | null = null;
    const keep = () => {
      stopKeeping?.();
      const id = decodeURIComponent(window.location.hash.slice(1));
      const target = id ? document.getElementById(id) : null;
      if (!target || typeof ResizeObserver === 'undefined') return;
      // Where the target belongs (below the sticky header, per its scroll-margin).
      target.scrollIntoView({ block: 'start', behavior: 'instant' });
      const home = target.getBoundingClientRect().top;
      const realign = () => {
        if (Math.abs(target.getBoundingClientRect().top - home) > 1) target.scrollIntoView({ block: 'start', behavior: 'instant' });
      };
      // Anything above the target that changes height changes the document's height.
      const observer = new ResizeObserver(realign);
      observer.observe(document.body);
      const timer = window.setTimeout(stop, KEEP_MS);
      function stop() {
        observer.disconnect();
        window.clearTimeout(timer);
        for (const type of READER_INPUT) window.removeEventListener(type, stop);
        stopKeeping = null;
      }
      for (const type of READER_INPUT) window.addEventListener(type, stop, { passive: true });
      stopKeeping = stop;
    };
    keep();
    window.addEventListener('hashchange', keep);
    return () => {
      window.removeEventListener('hashchange', keep);
      stopKeeping?.();
    };
  }, []);
  return null;
}
