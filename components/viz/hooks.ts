'use client';
/**
 * Small browser hooks the viz components share: the element's width, the site theme, the reduced-motion
 * preference, and a value that keeps its identity while its content is unchanged.
 */
import { useLayoutEffect, useRef, useState, useSyncExternalStore, type RefObject } from 'react';
import type { Theme } from './palette';

/** The element's content-box width in CSS pixels, following resizes; null until measured (and on the server). */
export function useElementWidth(ref: RefObject<HTMLElement | null>): number | null {
  const [width, setWidth] = useState<number | null>(null);
  // A layout effect: the first measurement renders before paint (and inside a synchronous print render).
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = (w: number) =>
      setWidth((prev) => (prev !== null && Math.abs(prev - w) < 0.5 ? prev : Math.floor(w)));
    update(el.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      for (const entry of entries) update(entry.contentRect.width);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

function subscribeTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

/** The site theme (`<html data-theme>`, set by the theme toggle); 'light' on the server. */
export function useTheme(): Theme {
  return useSyncExternalStore(
    subscribeTheme,
    () => (document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light'),
    () => 'light',
  );
}

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

function subscribeReducedMotion(onChange: () => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => {};
  const query = window.matchMedia(REDUCED_MOTION);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** Whether the reader asked the system for reduced motion; true on the server, so nothing starts moving early. */
export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(
    subscribeReducedMotion,
    () => typeof window.matchMedia === 'function' && window.matchMedia(REDUCED_MOTION).matches,
    () => true,
  );
}

/**
 * `value` with a stable identity while its JSON form is unchanged: lets a parent pass literals such as
 * `xDomain={[0, 1]}` without invalidating memoised chart data on every render. For small plain values only.
 */
export function useStable<T>(value: T): T {
  const ref = useRef<{ key: string; value: T } | null>(null);
  const key = JSON.stringify(value) ?? 'undefined';
  if (ref.current === null || ref.current.key !== key) ref.current = { key, value };
  return ref.current.value;
}
