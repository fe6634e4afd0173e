'use client';
/**
 * Lecture mode (DESIGN.md, "Lecture mode"): one page, three views chosen by the URL.
 * - the deck (no `scene`): every figure as a scene card, grouped by chapter; pick scenes and presets to build a deck,
 *   which lives in the URL (`?deck=bc-lane,lane-horizon@eps-001`);
 * - a scene (`&scene=n`): the live figure full screen, scaled for a projector, driven by keys or a clicker;
 * - the presenter view (`&presenter=1`, a second window): notes, the next scene, a timer and the presets, synced with
 *   the audience window over a BroadcastChannel. The audience window owns the state; the presenter sends commands.
 * Scenes are the same React widgets as the chapters (no iframes), sharing the page's worker.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { offlineStatus, type OfflineStatus } from '@/components/site/ServiceWorker';
import { LiveWidget } from '@/components/widgets/LiveWidget';
import { ProjectorProvider, projectorScale } from '@/components/viz/projector';
import {
  lectureSearch,
  readLectureUrl,
  scenePrefix,
  type DeckCatalog,
  type DeckEntry,
  type LectureUrl,
} from '@/lib/deck';
import { FIGURE_SEED, MAX_SEED } from '@/lib/urlState';
import type { ExperimentId } from '@/sims/experiments/catalog';
import { Thumbnail } from './Thumbnail';
import { useStageFit } from './useStageFit';
import type { SceneData } from './types';
import styles from './lecture.module.css';

export interface LectureAppProps {
  /** Every scene, in chapter order, with presets, results and thumbnails (built on the server). */
  scenes: SceneData[];
}

/** What a key, a clicker, a button or the presenter view asks the audience window to do. */
export type LectureCommand =
  | { kind: 'next' }
  | { kind: 'prev' }
  | { kind: 'preset'; index: number }
  | { kind: 'reset' }
  | { kind: 'seed' }
  | { kind: 'play' }
  | { kind: 'blank' }
  | { kind: 'theme' }
  | { kind: 'goto'; scene: number };

type Message =
  { type: 'state'; search: string; blank: boolean } | { type: 'command'; command: LectureCommand } | { type: 'hello' };

const CHANNEL = 'il-lecture';

const KEYS: readonly [string, string][] = [
  ['→  PageDown', 'next scene'],
  ['←  PageUp', 'previous scene'],
  ['Space', 'play / pause the animation (next scene when there is none)'],
  ['1 – 9', 'apply a preset'],
  ['r', 'reset to the preset'],
  ['s', 'new seed'],
  ['b  .', 'blank the screen, and back'],
  ['d', 'dark / projector theme'],
  ['f', 'full screen'],
  ['p', 'presenter view (second window)'],
  ['Esc', 'back to the deck'],
  ['?', 'this help'],
];

/** Where the lecture page lives (respects the site's base path). */
function lecturePath(): string {
  return `${process.env.NEXT_PUBLIC_BASE_PATH ?? ''}/lecture/`;
}

function useWindowSize(): { width: number; height: number } | null {
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useEffect(() => {
    const update = () => setSize({ width: window.innerWidth, height: window.innerHeight });
    update();
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, []);
  return size;
}

function formatClock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function LectureApp({ scenes }: LectureAppProps) {
  const catalog: DeckCatalog = useMemo(
    () => new Map(scenes.map((s) => [s.experiment, s.presets.map((p) => p.id)])),
    [scenes],
  );
  const byId = useMemo(() => new Map(scenes.map((s) => [s.experiment, s])), [scenes]);
  // The URL is read after hydration (a static page cannot know it); `search` is the last one this page wrote or read.
  const [search, setSearch] = useState<string | null>(null);
  const [dismissed, setDismissed] = useState<string | null>(null);
  useEffect(() => {
    const read = () => setSearch(window.location.search);
    read();
    window.addEventListener('popstate', read);
    return () => window.removeEventListener('popstate', read);
  }, []);
  const state: LectureUrl | null = useMemo(
    () => (search === null ? null : readLectureUrl(search, catalog)),
    [search, catalog],
  );

  /** Writes a new lecture state to the address bar (replacing: Back leaves lecture mode, as a reader expects). */
  const go = useCallback(
    (
      next: { deck: readonly DeckEntry[]; scene: number | null; presenter?: boolean },
      dropScene?: number | 'all',
      push = false,
    ) => {
      const text = lectureSearch(window.location.search, catalog, next, dropScene);
      window.history[push ? 'pushState' : 'replaceState'](null, '', `${window.location.pathname}${text}`);
      setSearch(text);
    },
    [catalog],
  );

  if (state === null) {
    return (
      <main id="main" className={`page ${styles.page}`}>
        <h1>Lecture mode</h1>
        <p role="status">Loading the deck…</p>
      </main>
    );
  }
  const notices = state.notices.filter(() => dismissed !== search);
  if (state.presenter) return <Presenter state={state} byId={byId} catalog={catalog} onState={(s) => go(s)} />;
  if (state.scene !== null) {
    return (
      <Audience key="audience" state={state as LectureUrl & { scene: number }} byId={byId} catalog={catalog} go={go} />
    );
  }
  return (
    <DeckBuilder
      scenes={scenes}
      byId={byId}
      deck={state.deck}
      notices={notices}
      onDismiss={() => setDismissed(search)}
      onDeck={(deck) => go({ deck, scene: null }, 'all')}
      onPresent={(scene) => go({ deck: state.deck, scene }, undefined, true)}
    />
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The deck

interface DeckBuilderProps {
  scenes: SceneData[];
  byId: ReadonlyMap<string, SceneData>;
  deck: DeckEntry[];
  notices: string[];
  onDismiss(): void;
  onDeck(deck: DeckEntry[]): void;
  onPresent(scene: number): void;
}

function DeckBuilder({ scenes, byId, deck, notices, onDismiss, onDeck, onPresent }: DeckBuilderProps) {
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [copied, setCopied] = useState(false);
  const chapters = useMemo(() => {
    const out: { chapter: SceneData['chapter']; scenes: SceneData[] }[] = [];
    for (const s of scenes) {
      const last = out.at(-1);
      if (last && last.chapter.slug === s.chapter.slug) last.scenes.push(s);
      else out.push({ chapter: s.chapter, scenes: [s] });
    }
    return out;
  }, [scenes]);
  const move = (i: number, by: number) => {
    const next = [...deck];
    const [item] = next.splice(i, 1);
    next.splice(i + by, 0, item);
    onDeck(next);
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      window.prompt('Copy this link:', window.location.href);
    }
  };

  return (
    <main id="main" className={`page ${styles.page}`} data-lecture="deck">
      <h1>Lecture mode</h1>
      <p className={styles.intro}>
        Every figure of the tutorial is a scene you can project: pick scenes and a starting preset for each to build a
        deck, then present it full screen with the keyboard or a clicker (→ / PageDown next, ← / PageUp back, 1–9
        presets, <kbd>?</kbd> for every key). The deck is the address of this page: bookmark it or send it to a
        colleague. Open the presenter view with <kbd>p</kbd> for notes, the next scene and a timer.
      </p>
      <OfflineLine />
      {notices.length > 0 ? (
        <div className={styles.notice} role="alert" data-testid="deck-notice">
          <p>
            <strong>Part of this deck link could not be used:</strong>
          </p>
          <ul>
            {notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          <button type="button" className="btn" onClick={onDismiss}>
            Dismiss
          </button>
        </div>
      ) : null}

      <section className={styles.deck} aria-labelledby="deck-heading">
        <h2 id="deck-heading">
          Your deck{deck.length > 0 ? ` (${deck.length} ${deck.length === 1 ? 'scene' : 'scenes'})` : ''}
        </h2>
        {deck.length === 0 ? (
          <p>No scenes yet: add some from the list below.</p>
        ) : (
          <ol className={styles.deckList} data-testid="deck-list">
            {deck.map((entry, i) => {
              const scene = byId.get(entry.experiment)!;
              return (
                <li key={`${i}-${entry.experiment}`} className={styles.deckItem}>
                  <span className={styles.deckTitle}>{scene.title}</span>
                  <label className={styles.inlineField}>
                    <span>Preset</span>
                    <select
                      value={entry.preset}
                      onChange={(e) => onDeck(deck.map((d, j) => (j === i ? { ...d, preset: e.target.value } : d)))}
                    >
                      {scene.presets.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.label}
                        </option>
                      ))}
                    </select>
                  </label>
                  <span className={styles.deckButtons}>
                    <button
                      type="button"
                      className="btn"
                      onClick={() => onPresent(i + 1)}
                      aria-label={`Present from scene ${i + 1}: ${scene.title}`}
                    >
                      Present
                    </button>
                    <button
                      type="button"
                      className="btn"
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                      aria-label={`Move scene ${i + 1} up`}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="btn"
                      disabled={i === deck.length - 1}
                      onClick={() => move(i, 1)}
                      aria-label={`Move scene ${i + 1} down`}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="btn"
                      onClick={() => onDeck(deck.filter((_, j) => j !== i))}
                      aria-label={`Remove scene ${i + 1}`}
                    >
                      Remove
                    </button>
                  </span>
                </li>
              );
            })}
          </ol>
        )}
        <p className={styles.deckActions}>
          <button
            type="button"
            className={`btn ${styles.primary}`}
            disabled={deck.length === 0}
            onClick={() => onPresent(1)}
          >
            Start presenting
          </button>
          <button type="button" className="btn" disabled={deck.length === 0} onClick={copy}>
            {copied ? 'Link copied' : 'Copy deck link'}
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => onDeck(scenes.map((s) => ({ experiment: s.experiment, preset: s.presets[0].id })))}
          >
            Every figure
          </button>
          <button type="button" className="btn" disabled={deck.length === 0} onClick={() => onDeck([])}>
            Clear
          </button>
        </p>
      </section>

      {chapters.map(({ chapter, scenes: list }) => (
        <section key={chapter.slug} aria-labelledby={`ch-${chapter.slug}`}>
          <h2 id={`ch-${chapter.slug}`}>
            Chapter {chapter.number}. {chapter.title}
          </h2>
          <ul className={styles.cards}>
            {list.map((scene) => {
              const preset = choice[scene.experiment] ?? scene.presets[0].id;
              const p = scene.presets.find((x) => x.id === preset) ?? scene.presets[0];
              return (
                <li key={scene.experiment} className={styles.card} data-scene-card={scene.experiment}>
                  <Thumbnail paths={p.thumbnail} labels={scene.thumbnailLabels} title={scene.title} />
                  <h3 className={styles.cardTitle}>{scene.title}</h3>
                  <p className={styles.cardTakeaway}>{scene.takeaway}</p>
                  <div className={styles.cardControls}>
                    <label className={styles.inlineField}>
                      <span>Preset</span>
                      <select
                        value={preset}
                        onChange={(e) => setChoice((c) => ({ ...c, [scene.experiment]: e.target.value }))}
                      >
                        {scene.presets.map((x) => (
                          <option key={x.id} value={x.id}>
                            {x.label}
                          </option>
                        ))}
                      </select>
                    </label>
                    <button
                      type="button"
                      className="btn"
                      onClick={() => onDeck([...deck, { experiment: scene.experiment, preset }])}
                      aria-label={`Add to deck: ${scene.title}`}
                    >
                      Add to deck
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </main>
  );
}

/** Says whether this browser can run the lecture with the network off (the service worker has cached the site). */
function OfflineLine() {
  const [status, setStatus] = useState<OfflineStatus | null>(null);
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const s = await offlineStatus().catch((): OfflineStatus => ({ kind: 'unsupported' }));
      if (stop) return;
      setStatus(s);
      if (s.kind === 'caching' || s.kind === 'off') timer = setTimeout(poll, 1000);
    };
    void poll();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, []);
  const text = !status
    ? 'Checking whether lecture mode works offline…'
    : status.kind === 'ready'
      ? `Ready offline: every page, figure, the worker and all ${status.files} files of this version (${status.version}) are stored in this browser. You can present with the network off.`
      : status.kind === 'caching'
        ? 'Storing the site for offline use… (keep this page open a moment)'
        : status.kind === 'off'
          ? 'Not ready offline yet: the site is being registered for offline use.'
          : 'Not available offline in this browser (no service workers): keep the network on.';
  return (
    <p
      className={styles.offline}
      role="status"
      data-testid="offline-status"
      data-ready={status?.kind === 'ready' || undefined}
    >
      {text}
    </p>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The audience window: one scene full screen

interface AudienceProps {
  state: LectureUrl & { scene: number };
  byId: ReadonlyMap<string, SceneData>;
  catalog: DeckCatalog;
  go(next: { deck: readonly DeckEntry[]; scene: number | null }, dropScene?: number | 'all'): void;
}

/** The seed of scene n in the current URL. */
function sceneSeed(scene: number): number {
  const raw = new URLSearchParams(window.location.search).get(`${scenePrefix(scene)}.seed`);
  const n = Number(raw);
  return raw !== null && Number.isInteger(n) && n >= 0 && n <= MAX_SEED ? n : FIGURE_SEED;
}

/**
 * Which keys lecture mode takes, and when a focused control keeps them (the rule, also in the help overlay):
 * PageUp/PageDown (what clickers send) always change the scene, whatever has focus; the arrows do too, except on a
 * slider or a select the presenter focused on purpose, which they adjust, or on a figure's area that steers with
 * them (`data-keys="own"`, which keeps Space too); letters and Space are left alone while
 * typing in a text field. Listened to in the capture phase, before any control sees the key.
 */
export function lectureKey(
  e: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey'>,
  target: Element | null,
): LectureCommand | 'exit' | 'help' | 'fullscreen' | 'presenter' | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  const typing =
    target?.matches(
      'input:not([type=range]):not([type=checkbox]):not([type=radio]), textarea, [contenteditable="true"]',
    ) ?? false;
  // A slider or a menu, or an area of a figure that steers with the arrows and Space (`data-keys="own"`: the
  // driving area of the human-DAgger figure), keeps the arrows when focused.
  const owns = target?.closest('[data-keys="own"]') != null;
  const adjusting = (target?.matches('input[type=range], select') ?? false) || owns;
  switch (e.key) {
    case 'PageDown':
      return { kind: 'next' };
    case 'PageUp':
      return { kind: 'prev' };
    case 'ArrowRight':
      return adjusting || typing ? null : { kind: 'next' };
    case 'ArrowLeft':
      return adjusting || typing ? null : { kind: 'prev' };
    case 'Escape':
      return 'exit';
  }
  if (typing) return null;
  if (e.key === ' ')
    return owns || target?.matches('input[type=checkbox], input[type=radio], select, summary') ? null : { kind: 'play' };
  if (/^[1-9]$/.test(e.key)) return { kind: 'preset', index: Number(e.key) - 1 };
  switch (e.key) {
    case 'r':
      return { kind: 'reset' };
    case 's':
      return { kind: 'seed' };
    case 'b':
    case '.':
      return { kind: 'blank' };
    case 'd':
      return { kind: 'theme' };
    case 'f':
      return 'fullscreen';
    case 'p':
      return 'presenter';
    case '?':
      return 'help';
  }
  return null;
}

function Audience({ state, byId, catalog, go }: AudienceProps) {
  const { deck, scene: n } = state;
  const entry = deck[n - 1];
  const scene = byId.get(entry.experiment)!;
  const preset = scene.presets.find((p) => p.id === entry.preset) ?? scene.presets[0];
  const size = useWindowSize();
  const [version, setVersion] = useState(0);
  const [blank, setBlank] = useState(false);
  const [dark, setDark] = useState(false);
  const [help, setHelp] = useState(false);
  // What the deck link got wrong (shown until dismissed; the valid scenes play meanwhile).
  const [showNotices, setShowNotices] = useState(true);
  const stageRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLElement>(null);
  const channel = useRef<BroadcastChannel | null>(null);

  // The projector theme while a scene is up (white, high contrast), the dark one a key away; the reader's own
  // theme comes back on leaving.
  useEffect(() => {
    const root = document.documentElement;
    const before = root.dataset.theme;
    root.dataset.theme = dark ? 'dark' : 'projector';
    root.dataset.lecture = 'scene';
    return () => {
      if (before) root.dataset.theme = before;
      delete root.dataset.lecture;
    };
  }, [dark]);

  useEffect(() => rootRef.current?.focus({ preventScroll: true }), [n]);

  // The page behind the scene (site header, footer) is covered: keep Tab and screen readers out of it too.
  useEffect(() => {
    const scene = rootRef.current;
    const covered = [...document.body.children].filter(
      (el): el is HTMLElement => el instanceof HTMLElement && !el.contains(scene) && !el.inert,
    );
    for (const el of covered) el.inert = true;
    return () => {
      for (const el of covered) el.inert = false;
    };
  }, []);

  // Commands read the deck and scene from the address bar, which `go` writes at once: two quick presses of a
  // clicker move two scenes even before React has re-rendered.
  const act = useCallback(
    (command: LectureCommand) => {
      const now = readLectureUrl(window.location.search, catalog);
      const deck = now.deck;
      const n = now.scene ?? 1;
      const scene = deck[n - 1] ? byId.get(deck[n - 1].experiment) : undefined;
      if (!scene) return;
      switch (command.kind) {
        case 'next':
          if (n < deck.length) go({ deck, scene: n + 1 });
          break;
        case 'prev':
          if (n > 1) go({ deck, scene: n - 1 });
          break;
        case 'goto':
          if (command.scene >= 1 && command.scene <= deck.length) go({ deck, scene: command.scene });
          break;
        case 'preset': {
          const p = scene.presets[command.index];
          if (!p) break;
          go({ deck: deck.map((d, i) => (i === n - 1 ? { ...d, preset: p.id } : d)), scene: n }, n);
          setVersion((v) => v + 1);
          break;
        }
        case 'reset':
          go({ deck, scene: n }, n);
          setVersion((v) => v + 1);
          break;
        case 'seed': {
          const seed = (sceneSeed(n) + 1) % (MAX_SEED + 1);
          const params = new URLSearchParams(window.location.search);
          params.set(`${scenePrefix(n)}.seed`, String(seed));
          window.history.replaceState(null, '', `${window.location.pathname}?${params.toString()}`);
          go({ deck, scene: n });
          setVersion((v) => v + 1);
          break;
        }
        case 'play': {
          const toggle = stageRef.current?.querySelector<HTMLButtonElement>('[data-player-toggle]:not(:disabled)');
          if (toggle) toggle.click();
          else if (n < deck.length) go({ deck, scene: n + 1 });
          break;
        }
        case 'blank':
          setBlank((b) => !b);
          break;
        case 'theme':
          setDark((d) => !d);
          break;
      }
    },
    [catalog, byId, go],
  );
  const helpRef = useRef(help);
  const blankRef = useRef(blank);
  useLayoutEffect(() => {
    helpRef.current = help;
    blankRef.current = blank;
  });

  // The presenter view: it says hello, we answer with the state, and it sends commands.
  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return;
    const ch = new BroadcastChannel(CHANNEL);
    channel.current = ch;
    ch.onmessage = (event: MessageEvent<Message>) => {
      const msg = event.data;
      if (msg.type === 'command') act(msg.command);
      if (msg.type === 'hello')
        ch.postMessage({ type: 'state', search: window.location.search, blank } satisfies Message);
    };
    return () => {
      ch.close();
      channel.current = null;
    };
  }, [act, blank]);
  useEffect(() => {
    channel.current?.postMessage({ type: 'state', search: window.location.search, blank } satisfies Message);
  }, [state, blank, version]);

  const openPresenter = useCallback(() => {
    const params = new URLSearchParams(window.location.search);
    params.set('presenter', '1');
    window.open(
      `${window.location.pathname}?${params.toString()}`,
      'il-lecture-presenter',
      'popup,width=1100,height=720',
    );
  }, []);

  // A layout effect: the keys work from the moment the scene is on the screen (a passive effect left a gap after the
  // first paint in which a clicker's PageDown did nothing).
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const what = lectureKey(e, e.target instanceof Element ? e.target : null);
      if (what === null) return;
      e.preventDefault();
      e.stopPropagation();
      if (what === 'exit') {
        if (helpRef.current) setHelp(false);
        else if (blankRef.current) setBlank(false);
        else go({ deck: readLectureUrl(window.location.search, catalog).deck, scene: null });
      } else if (what === 'help') setHelp((h) => !h);
      else if (what === 'fullscreen') {
        if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
        else void document.documentElement.requestFullscreen?.().catch(() => undefined);
      } else if (what === 'presenter') openPresenter();
      else act(what);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [act, go, catalog, openPresenter]);

  // Touch: a horizontal swipe changes the scene (not when it starts on a control).
  const touch = useRef<{ x: number; y: number } | null>(null);
  const onTouchStart = (e: React.TouchEvent) => {
    const t = e.target as Element;
    touch.current = t.closest('input, select, button, canvas')
      ? null
      : { x: e.touches[0].clientX, y: e.touches[0].clientY };
  };
  const onTouchEnd = (e: React.TouchEvent) => {
    const start = touch.current;
    touch.current = null;
    if (!start) return;
    const dx = e.changedTouches[0].clientX - start.x;
    const dy = e.changedTouches[0].clientY - start.y;
    if (Math.abs(dx) > 60 && Math.abs(dx) > 2 * Math.abs(dy)) act({ kind: dx < 0 ? 'next' : 'prev' });
  };

  // Fit: charts and animations get exactly as much shorter as the stage needs (never text), so nothing is clipped,
  // nothing scrolls and no room is left empty. Starts over for each scene, preset, size and result.
  const fitKey = `${n}:${preset.id}:${version}:${size?.width}x${size?.height}:${dark}`;
  const shrink = useStageFit(stageRef, fitKey);
  const scale = useMemo(() => {
    if (!size) return null;
    const base = projectorScale(size.width, size.height);
    return {
      ...base,
      chartHeight: Math.max(190, base.chartHeight - shrink),
      stageMaxHeight: Math.max(120, base.stageMaxHeight - shrink),
    };
  }, [size, shrink]);
  return (
    <main
      ref={rootRef}
      id="main"
      aria-label={`Scene ${n} of ${deck.length}: ${scene.title}`}
      className={styles.scene}
      data-lecture="scene"
      data-scene={n}
      data-preset={preset.id}
      data-theme-mode={dark ? 'dark' : 'projector'}
      tabIndex={-1}
      onTouchStart={onTouchStart}
      onTouchEnd={onTouchEnd}
      style={scale ? ({ '--scene-font': `${scale.fontSize}px` } as React.CSSProperties) : undefined}
    >
      <div className={styles.sceneMain}>
        <header className={styles.sceneHeader}>
          {showNotices && state.notices.length > 0 ? (
            <div className={styles.sceneNotice} role="alert" data-testid="deck-notice">
              <span>Part of this deck link could not be used: {state.notices.join(' ')}</span>
              <button type="button" className="btn" onClick={() => setShowNotices(false)}>
                Dismiss
              </button>
            </div>
          ) : null}
          <h1 className={styles.sceneTitle}>{scene.title}</h1>
          <p className={styles.sceneTakeaway}>{scene.takeaway}</p>
        </header>
        <div className={styles.stage} ref={stageRef} data-scene-stage="">
          {scale ? (
            <ProjectorProvider scale={scale}>
              <LiveWidget
                key={`${n}:${preset.id}:${version}`}
                id={scene.experiment as ExperimentId}
                urlKey={scenePrefix(n)}
                preset={preset.values}
                shipped={preset.shipped}
              />
            </ProjectorProvider>
          ) : null}
        </div>
      </div>
      <div className={styles.sceneFooter}>
        <nav className={styles.presets} aria-label="Presets">
          {scene.presets.map((p, i) => (
            <button
              key={p.id}
              type="button"
              className={`btn ${styles.presetButton}`}
              aria-pressed={p.id === preset.id}
              onClick={() => act({ kind: 'preset', index: i })}
            >
              <kbd>{i + 1}</kbd> {p.label}
            </button>
          ))}
        </nav>
        <span className={styles.footerInfo}>
          <span title={scene.chapter.title}>Chapter {scene.chapter.number}</span> ·{' '}
          <span data-testid="scene-counter">
            scene {n}/{deck.length}
          </span>
        </span>
        <span className={styles.footerNav}>
          <button
            type="button"
            className="btn"
            onClick={() => act({ kind: 'prev' })}
            disabled={n <= 1}
            aria-label="Previous scene"
          >
            ←
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => act({ kind: 'next' })}
            disabled={n >= deck.length}
            aria-label="Next scene"
          >
            →
          </button>
          <button type="button" className="btn" onClick={() => setHelp(true)} aria-label="Keyboard shortcuts">
            ?
          </button>
          <button type="button" className="btn" onClick={() => go({ deck, scene: null })}>
            Deck
          </button>
        </span>
      </div>
      {blank ? (
        <div className={styles.blank} data-testid="blank" aria-label="Blank screen (press b to return)" role="img" />
      ) : null}
      {help ? <HelpOverlay onClose={() => setHelp(false)} /> : null}
    </main>
  );
}

function HelpOverlay({ onClose }: { onClose(): void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <div className={styles.help} role="dialog" aria-modal="true" aria-labelledby="lecture-help-title">
      <div className={styles.helpBody}>
        <h2 id="lecture-help-title">Keys</h2>
        <dl className={styles.keys}>
          {KEYS.map(([k, what]) => (
            <div key={k}>
              <dt>
                <kbd>{k}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <p>
          PageUp / PageDown (what a clicker sends) always change the scene, even with a slider focused. The arrow keys
          change the scene too, except while a slider, a menu or a driving area has focus: then they adjust it or steer
          (Tab away or click the chart to give them back). Swipe left or right on a touch screen.
        </p>
        <button ref={closeRef} type="button" className="btn" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The presenter view

interface PresenterProps {
  state: LectureUrl;
  byId: ReadonlyMap<string, SceneData>;
  catalog: DeckCatalog;
  onState(next: { deck: readonly DeckEntry[]; scene: number | null; presenter: boolean }): void;
}

function Presenter({ state, byId, catalog, onState }: PresenterProps) {
  const channel = useRef<BroadcastChannel | null>(null);
  const [connected, setConnected] = useState(false);
  const [blank, setBlank] = useState(false);
  const [started, setStarted] = useState<number | null>(null);
  const [now, setNow] = useState(0);
  const scene = state.scene ?? 1;
  const entry = state.deck[scene - 1];
  const current = entry ? byId.get(entry.experiment) : undefined;
  const nextEntry = state.deck[scene];
  const next = nextEntry ? byId.get(nextEntry.experiment) : undefined;
  const nextPreset = next?.presets.find((p) => p.id === nextEntry.preset) ?? next?.presets[0];

  useEffect(() => {
    setStarted(Date.now());
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);

  const send = useCallback((command: LectureCommand) => {
    channel.current?.postMessage({ type: 'command', command } satisfies Message);
  }, []);

  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return;
    const ch = new BroadcastChannel(CHANNEL);
    channel.current = ch;
    ch.onmessage = (event: MessageEvent<Message>) => {
      const msg = event.data;
      if (msg.type !== 'state') return;
      setConnected(true);
      setBlank(msg.blank);
      const s = readLectureUrl(msg.search, catalog);
      onState({ deck: s.deck, scene: s.scene, presenter: true });
    };
    ch.postMessage({ type: 'hello' } satisfies Message);
    return () => {
      ch.close();
      channel.current = null;
    };
    // onState changes identity every render of the parent; the channel is opened once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalog]);

  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const what = lectureKey(e, e.target instanceof Element ? e.target : null);
      if (what === null || typeof what === 'string') return;
      e.preventDefault();
      e.stopPropagation();
      send(what);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [send]);

  return (
    <main id="main" className={styles.presenter} data-lecture="presenter">
      <header className={styles.presenterHeader}>
        <h1>
          Presenter view{' '}
          <span className={styles.presenterStatus} role="status">
            {connected
              ? blank
                ? '· audience screen blanked'
                : '· connected'
              : '· waiting for the audience window (open a scene there)'}
          </span>
        </h1>
        <p className={styles.timer}>
          <span aria-label="Elapsed time" data-testid="presenter-timer">
            {started === null ? '0:00' : formatClock(Math.max(0, now - started))}
          </span>{' '}
          <button type="button" className="btn" onClick={() => setStarted(Date.now())}>
            Restart timer
          </button>
        </p>
      </header>
      {current ? (
        <div className={styles.presenterGrid}>
          <section aria-labelledby="presenter-current">
            <p className={styles.presenterKicker} data-testid="presenter-scene">
              Scene {scene} of {state.deck.length} · Chapter {current.chapter.number}
            </p>
            <h2 id="presenter-current">{current.title}</h2>
            <p className={styles.presenterTakeaway}>{current.takeaway}</p>
            <h3>Ask the room</h3>
            <p className={styles.ask}>{current.ask}</p>
            <h3>Say</h3>
            <ul className={styles.say}>
              {current.say.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            <h3>Presets</h3>
            <div className={styles.presets}>
              {current.presets.map((p, i) => (
                <button
                  key={p.id}
                  type="button"
                  className={`btn ${styles.presetButton}`}
                  aria-pressed={p.id === entry.preset}
                  onClick={() => send({ kind: 'preset', index: i })}
                >
                  <kbd>{i + 1}</kbd> {p.label}
                </button>
              ))}
            </div>
          </section>
          <aside aria-labelledby="presenter-next">
            <h2 id="presenter-next">Next</h2>
            {next && nextPreset ? (
              <>
                <Thumbnail paths={nextPreset.thumbnail} labels={next.thumbnailLabels} title={next.title} />
                <p>
                  <strong>{next.title}</strong> — {nextPreset.label}
                </p>
              </>
            ) : (
              <p>End of the deck.</p>
            )}
            <p className={styles.presenterNav}>
              <button type="button" className="btn" onClick={() => send({ kind: 'prev' })} disabled={scene <= 1}>
                ← Previous
              </button>
              <button
                type="button"
                className="btn"
                onClick={() => send({ kind: 'next' })}
                disabled={scene >= state.deck.length}
              >
                Next →
              </button>
              <button type="button" className="btn" onClick={() => send({ kind: 'blank' })}>
                Blank
              </button>
              <button type="button" className="btn" onClick={() => send({ kind: 'reset' })}>
                Reset
              </button>
            </p>
          </aside>
        </div>
      ) : (
        <p>This deck is empty. Build one on the lecture page, open a scene, then press p there.</p>
      )}
      <p className={styles.presenterHint}>
        Keys work here too: → / PageDown next, ← / PageUp previous, 1–9 presets, b blank, r reset.{' '}
        <a href={lecturePath()}>All scenes</a>
      </p>
    </main>
  );
}
