'use client';

import { useEffect, useState } from 'react';
import { currentSection } from './outline';

export interface OutlineItem {
  id: string;
  text: string;
  depth: 2 | 3;
}

export interface ChapterOutlineProps {
  /** The chapter's sections, in document order (from the build-time compile). */
  items: readonly OutlineItem[];
}

/**
 * The "on this page" list; the link of the section being read carries aria-current="location" (and is
 * highlighted). An IntersectionObserver watches the headings, so scrolling runs no handler of ours.
 */
export function ChapterOutline({ items }: ChapterOutlineProps) {
  const current = useCurrentSection(items.map((i) => i.id).join(' '));
  return (
    <ol>
      {items.map((h) => (
        <li key={h.id} className={`depth-${h.depth}`}>
          <a href={`#${h.id}`} aria-current={h.id === current ? 'location' : undefined}>
            {h.text}
          </a>
        </li>
      ))}
    </ol>
  );
}

/** The id of the section being read; `ids` is the space-separated list of heading ids in document order. */
function useCurrentSection(ids: string): string | null {
  const [current, setCurrent] = useState<string | null>(null);
  useEffect(() => {
    const order = ids.split(' ').filter(Boolean);
    const headings = order.map((id) => document.getElementById(id)).filter((h): h is HTMLElement => h !== null);
    if (headings.length === 0 || typeof IntersectionObserver === 'undefined') return;
    // The band: below the sticky header (~4.5rem), down to 45% of the viewport. An observer says when a heading
    // enters or leaves it; a jump (End, a link, a fast fling) can carry headings across without either, so every
    // update re-reads which headings are above the band — on those events and when a scroll ends, never per frame.
    const BAND_TOP = 72;
    const update = () => {
      const bandBottom = window.innerHeight * 0.45;
      const inBand = new Set<string>();
      const above = new Set<string>();
      for (const h of headings) {
        const top = h.getBoundingClientRect().top;
        if (top < BAND_TOP) above.add(h.id);
        else if (top <= bandBottom) inBand.add(h.id);
      }
      setCurrent(currentSection(order, inBand, above));
    };
    const observer = new IntersectionObserver(update, { rootMargin: `-${BAND_TOP}px 0px -55% 0px` });
    for (const h of headings) observer.observe(h);
    window.addEventListener('scrollend', update);
    return () => {
      observer.disconnect();
      window.removeEventListener('scrollend', update);
    };
  }, [ids]);
  return current;
}
