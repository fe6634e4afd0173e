/**
 * A lecture deck in a URL: `?deck=bc-lane,lane-horizon@eps-001,dagger-car` — scenes in order, each an experiment id
 * with an optional preset id after `@`. The text is untrusted input: parsing never throws, keeps every valid entry
 * and says, in words, what it dropped or fixed.
 */

export interface DeckEntry {
  /** Experiment id of the scene. */
  experiment: string;
  /** The preset it opens with (always one of that experiment's presets). */
  preset: string;
}

/** What the parser needs to know about each scene: its presets, the first being the default. */
export type DeckCatalog = ReadonlyMap<string, readonly string[]>;

export interface ParsedDeck {
  entries: DeckEntry[];
  /** One sentence per problem, for a visible notice. */
  notices: string[];
}

/** At most this many scenes in one deck (a longer list is cut, with a notice). */
export const MAX_DECK = 40;

const SHOWN = 40;

function quote(text: string): string {
  const t = text.length > SHOWN ? `${text.slice(0, SHOWN)}…` : text;
  return `“${t}”`;
}

/** Parses the `deck` parameter's value against the known scenes and presets. */
export function parseDeck(text: string | null | undefined, catalog: DeckCatalog): ParsedDeck {
  const entries: DeckEntry[] = [];
  const notices: string[] = [];
  if (!text) return { entries, notices };
  const parts = text.split(',');
  for (const raw of parts) {
    const part = raw.trim();
    if (!part) continue;
    if (entries.length >= MAX_DECK) {
      notices.push(`The deck is longer than ${MAX_DECK} scenes; the rest was left out.`);
      break;
    }
    const at = part.indexOf('@');
    const experiment = (at < 0 ? part : part.slice(0, at)).trim();
    const preset = at < 0 ? '' : part.slice(at + 1).trim();
    const presets = catalog.get(experiment);
    if (!presets || presets.length === 0) {
      notices.push(`${quote(experiment)} is not a figure of this site; that scene was left out.`);
      continue;
    }
    if (preset && !presets.includes(preset)) {
      notices.push(`${experiment} has no preset ${quote(preset)}; the scene opens with “${presets[0]}” instead.`);
      entries.push({ experiment, preset: presets[0] });
      continue;
    }
    entries.push({ experiment, preset: preset || presets[0] });
  }
  return { entries, notices };
}

/** The `deck` parameter's value for these scenes (a default preset is left implicit). */
export function formatDeck(entries: readonly DeckEntry[], catalog: DeckCatalog): string {
  return entries
    .map((e) => (catalog.get(e.experiment)?.[0] === e.preset ? e.experiment : `${e.experiment}@${e.preset}`))
    .join(',');
}

/**
 * The scene number from the URL (1-based, as the footer shows it): anything that is not a whole number in range
 * becomes null (the deck overview), with a notice.
 */
export function parseSceneNumber(
  text: string | null | undefined,
  deckLength: number,
): { scene: number | null; notice?: string } {
  if (text === null || text === undefined || text === '') return { scene: null };
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > deckLength) {
    return {
      scene: null,
      notice:
        deckLength === 0
          ? `Scene ${quote(text)} was asked for, but the deck is empty.`
          : `Scene ${quote(text)} is not a number from 1 to ${deckLength}.`,
    };
  }
  return { scene: n };
}

/** The URL prefix of scene n's figure state in a deck link (`s1.epsilon=0.05`): one per scene, so a deck can show
 * the same experiment twice. */
export function scenePrefix(scene: number): string {
  return `s${scene}`;
}

/**
 * The link "Present this figure" opens: a one-scene deck with the reader's parameters (those that differ from the
 * experiment's defaults) and seed.
 */
export function presentLink(
  basePath: string,
  experiment: string,
  changed: Readonly<Record<string, unknown>>,
  seed: number | null,
): string {
  const params = new URLSearchParams();
  params.set('deck', experiment);
  params.set('scene', '1');
  const prefix = scenePrefix(1);
  for (const [key, value] of Object.entries(changed)) params.set(`${prefix}.${key}`, String(value));
  if (seed !== null) params.set(`${prefix}.seed`, String(seed));
  return `${basePath}/lecture/?${params.toString()}`;
}

/** Everything lecture mode reads from its URL. */
export interface LectureUrl {
  deck: DeckEntry[];
  /** The scene shown (1-based), or null for the deck overview. */
  scene: number | null;
  /** This window is the presenter view. */
  presenter: boolean;
  notices: string[];
}

export function readLectureUrl(search: string, catalog: DeckCatalog): LectureUrl {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    params = new URLSearchParams();
  }
  const { entries, notices } = parseDeck(params.get('deck'), catalog);
  const { scene, notice } = parseSceneNumber(params.get('scene'), entries.length);
  if (notice) notices.push(`${notice} Showing the deck instead.`);
  return { deck: entries, scene, presenter: params.get('presenter') === '1', notices };
}

/**
 * The query string for a lecture state, keeping the scenes' figure parameters (`s1.epsilon=…`) of `search` unless
 * `dropScene` names a scene whose parameters are to be cleared (`'all'` clears every scene's).
 */
export function lectureSearch(
  search: string,
  catalog: DeckCatalog,
  state: { deck: readonly DeckEntry[]; scene: number | null; presenter?: boolean },
  dropScene?: number | 'all',
): string {
  const old = new URLSearchParams(search);
  const out = new URLSearchParams();
  const deck = formatDeck(state.deck, catalog);
  if (deck) out.set('deck', deck);
  if (state.scene !== null) out.set('scene', String(state.scene));
  if (state.presenter) out.set('presenter', '1');
  old.forEach((value, name) => {
    const m = /^s(\d+)\./.exec(name);
    if (!m) return;
    if (dropScene === 'all' || Number(m[1]) === dropScene) return;
    out.append(name, value);
  });
  // Commas and @ are safe in a query string: keep the deck readable (`deck=bc-lane,lane-horizon@eps-001`).
  const text = out.toString().replace(/^deck=[^&]*/, (m) => m.replace(/%2C/gi, ',').replace(/%40/g, '@'));
  return text ? `?${text}` : '';
}
