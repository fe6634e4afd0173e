'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * `value`, but changing at most once every `ms` milliseconds: the first change after a quiet spell passes at once,
 * later ones within the window collapse into one trailing update carrying the latest value. Charts use it to
 * redraw at most 10 times a second (DESIGN.md, "Rendering") however often partial results arrive.
 */
export function useThrottled<T>(value: T, ms: number = 100): T {
  const [throttled, setThrottled] = useState(value);
  const lastEmit = useRef(-Infinity);

  useEffect(() => {
    const wait = lastEmit.current + ms - performance.now();
    if (wait <= 0) {
      lastEmit.current = performance.now();
      setThrottled(() => value);
      return;
    }
    // A newer value replaces this timer (cleanup below), so the trailing update always carries the latest value.
    const id = setTimeout(() => {
      lastEmit.current = performance.now();
      setThrottled(() => value);
    }, wait);
    return () => clearTimeout(id);
  }, [value, ms]);

  return throttled;
}
