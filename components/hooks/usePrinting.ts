'use client';

import { useSyncExternalStore } from 'react';
import { flushSync } from 'react-dom';

/*
 * Whether the page is being printed. Figures draw only once near the viewport, so a printed chapter would show
 * empty frames for the figures the reader never scrolled to. `beforeprint` fires just before the browser lays the
 * page out for paper and does not wait for anything asynchronous: the change is rendered inside `flushSync`, so
 * every figure has drawn its result by the time the handler returns (see useExperiment, which draws a loaded
 * build-time result during render, without waiting for an effect).
 */

let printing = false;
const listeners = new Set<() => void>();

function set(next: boolean) {
  if (next === printing) return;
  printing = next;
  flushSync(() => {
    for (const listener of listeners) listener();
  });
}

let installed = false;

function install() {
  if (installed || typeof window === 'undefined') return;
  installed = true;
  window.addEventListener('beforeprint', () => set(true));
  // Print media (a print preview, or emulated print media) also counts. Figures stay drawn after printing.
  if (typeof window.matchMedia === 'function') {
    const query = window.matchMedia('print');
    query.addEventListener('change', (e) => {
      if (e.matches) set(true);
    });
  }
}

function subscribe(onChange: () => void): () => void {
  install();
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}

/** True from the first `beforeprint` (or print media) on: every figure then draws, on screen or not. */
export function usePrinting(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => printing,
    () => false,
  );
}
