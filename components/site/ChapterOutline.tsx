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
    const inBand = new Set<string>();
    const above = new Set<string>();
    // The band: below the sticky header (~4.5rem), down to 45% of the viewport.
    const observer = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          const id = e.target.id;
          if (e.isIntersecting) {
            inBand.add(id);
            above.delete(id);
          } else {
            inBand.delete(id);
            const top = e.rootBounds?.top ?? 0;
            if (e.boundingClientRect.top < top) above.add(id);
            else above.delete(id);
          }
        }
        setCurrent(currentSection(order, inBand, above));
      },
      { rootMargin: '-72px 0px -55% 0px' },
    );
    for (const h of headings) observer.observe(h);
    return () => observer.disconnect();
  }, [ids]);
  return current;
}
