'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { defaults, type ParamNotice, type ParamSchema, type ParamValues } from '@/lib/params';
import { readFigureState, writeFigureState } from '@/lib/urlState';

export interface UrlState<S extends ParamSchema> {
  values: ParamValues<S>;
  seed: number;
  /** What had to be fixed in the URL (clamped or replaced values), for a visible notice. */
  notices: ParamNotice[];
  setValue<K extends keyof S & string>(key: K, value: ParamValues<S>[K]): void;
  setValues(values: Partial<ParamValues<S>>): void;
  setSeed(seed: number): void;
  /** Back to the defaults (and the default seed). */
  reset(): void;
  dismissNotices(): void;
  /** True once the URL has been read (before that, values are the defaults). */
  ready: boolean;
}

/**
 * A figure's parameters and seed, kept in the page URL under `prefix` so the state can be shared as a link.
 * The static page renders the defaults; the URL is read after hydration. Writes use replaceState (no history spam).
 */
export function useUrlState<S extends ParamSchema>(schema: S, prefix: string, defaultSeed = 1): UrlState<S> {
  const [values, setValuesState] = useState<ParamValues<S>>(() => defaults(schema));
  const [seed, setSeedState] = useState(defaultSeed);
  const [notices, setNotices] = useState<ParamNotice[]>([]);
  const [ready, setReady] = useState(false);
  const latest = useRef({ values, seed });
  latest.current = { values, seed };

  useEffect(() => {
    const state = readFigureState(schema, window.location.search, prefix, defaultSeed);
    setValuesState(state.values);
    setSeedState(state.seed);
    setNotices(state.notices);
    setReady(true);
    if (state.notices.length > 0) {
      // Show the corrected state in the address bar too, so a copied link is valid.
      const search = writeFigureState(schema, window.location.search, prefix, state.values, state.seed, defaultSeed);
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`);
    }
  }, [schema, prefix, defaultSeed]);

  const commit = useCallback(
    (nextValues: ParamValues<S>, nextSeed: number) => {
      setValuesState(nextValues);
      setSeedState(nextSeed);
      const search = writeFigureState(schema, window.location.search, prefix, nextValues, nextSeed, defaultSeed);
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`);
    },
    [schema, prefix, defaultSeed],
  );

  return {
    values,
    seed,
    notices,
    ready,
    setValue: (key, value) => commit({ ...latest.current.values, [key]: value }, latest.current.seed),
    setValues: (partial) => commit({ ...latest.current.values, ...partial }, latest.current.seed),
    setSeed: (next) => commit(latest.current.values, next),
    reset: () => commit(defaults(schema), defaultSeed),
    dismissNotices: () => setNotices([]),
  };
}
