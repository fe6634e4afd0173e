'use client';

import { useEffect, useState, type RefObject } from 'react';

/**
 * "Near the viewport": within a screen and a half. A figure's code loads there (LiveWidget) and it draws its
 * build-time result there (ExperimentFrame), so it is ready before the reader arrives without every figure of a long
 * page working at once.
 */
export const NEAR_MARGIN = '150% 0px';

/**
 * Whether the element has come on screen (with a margin, so work starts just before it scrolls into view). Once
 * seen, it stays true unless `track` is set, so a figure that scrolled past keeps its result.
 */
export function useOnScreen(ref: RefObject<Element | null>, { rootMargin = '200px', track = false } = {}): boolean {
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    if (typeof IntersectionObserver === 'undefined') {
      setVisible(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        const isIn = entries.some((e) => e.isIntersecting);
        if (isIn) setVisible(true);
        else if (track) setVisible(false);
        if (isIn && !track) observer.disconnect();
      },
      { rootMargin },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, rootMargin, track]);
  return visible;
}
