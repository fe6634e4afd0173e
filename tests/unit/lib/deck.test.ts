import { describe, expect, it } from 'vitest';
import {
  formatDeck,
  lectureSearch,
  parseDeck,
  parseSceneNumber,
  presentLink,
  readLectureUrl,
  MAX_DECK,
} from '@/lib/deck';

const catalog = new Map<string, readonly string[]>([
  ['bc-lane', ['default', 'demos-100']],
  ['lane-horizon', ['default', 'eps-001', 'eps-005']],
  ['dagger-car', ['default', 'no-slips']],
]);

describe('parseDeck', () => {
  it('reads scenes in order, each with its preset (the first when none is named)', () => {
    const { entries, notices } = parseDeck('bc-lane,lane-horizon@eps-001,dagger-car', catalog);
    expect(notices).toEqual([]);
    expect(entries).toEqual([
      { experiment: 'bc-lane', preset: 'default' },
      { experiment: 'lane-horizon', preset: 'eps-001' },
      { experiment: 'dagger-car', preset: 'default' },
    ]);
  });

  it('keeps the valid part of a malformed deck and says what it dropped', () => {
    const { entries, notices } = parseDeck(
      ' bc-lane ,,nonsense,lane-horizon@nope,<script>,dagger-car@no-slips',
      catalog,
    );
    expect(entries).toEqual([
      { experiment: 'bc-lane', preset: 'default' },
      { experiment: 'lane-horizon', preset: 'default' },
      { experiment: 'dagger-car', preset: 'no-slips' },
    ]);
    expect(notices).toHaveLength(3);
    expect(notices[0]).toContain('“nonsense” is not a figure');
    expect(notices[1]).toContain('lane-horizon has no preset “nope”');
    expect(notices[2]).toContain('“<script>”');
  });

  it('allows a scene twice, is empty for no deck, and cuts very long decks', () => {
    expect(parseDeck('bc-lane,bc-lane@demos-100', catalog).entries).toHaveLength(2);
    expect(parseDeck(null, catalog)).toEqual({ entries: [], notices: [] });
    expect(parseDeck('', catalog)).toEqual({ entries: [], notices: [] });
    const long = parseDeck(Array.from({ length: MAX_DECK + 5 }, () => 'bc-lane').join(','), catalog);
    expect(long.entries).toHaveLength(MAX_DECK);
    expect(long.notices[0]).toContain(`longer than ${MAX_DECK}`);
  });

  it('shortens absurdly long names in notices', () => {
    const { notices } = parseDeck('x'.repeat(5000), catalog);
    expect(notices[0].length).toBeLessThan(120);
  });

  it('round-trips through formatDeck, leaving default presets implicit', () => {
    const text = 'bc-lane,lane-horizon@eps-001,dagger-car@no-slips';
    expect(formatDeck(parseDeck(text, catalog).entries, catalog)).toBe(text);
    expect(formatDeck(parseDeck('bc-lane@default', catalog).entries, catalog)).toBe('bc-lane');
  });
});

describe('parseSceneNumber / readLectureUrl', () => {
  it('accepts 1…N and nothing else', () => {
    expect(parseSceneNumber('2', 3)).toEqual({ scene: 2 });
    expect(parseSceneNumber(null, 3)).toEqual({ scene: null });
    for (const bad of ['0', '4', '1.5', 'abc', '-1']) {
      const r = parseSceneNumber(bad, 3);
      expect(r.scene).toBeNull();
      expect(r.notice).toBeTruthy();
    }
  });

  it('reads deck, scene and presenter from a query string', () => {
    const s = readLectureUrl('?deck=bc-lane,lane-horizon@eps-005&scene=2&presenter=1', catalog);
    expect(s.deck.map((e) => e.preset)).toEqual(['default', 'eps-005']);
    expect(s.scene).toBe(2);
    expect(s.presenter).toBe(true);
    expect(s.notices).toEqual([]);
    const bad = readLectureUrl('?deck=bc-lane,zzz&scene=9', catalog);
    expect(bad.scene).toBeNull();
    expect(bad.deck).toHaveLength(1);
    expect(bad.notices).toHaveLength(2);
  });
});

describe('lectureSearch', () => {
  it('writes a readable deck and keeps or drops scenes’ figure parameters', () => {
    const deck = [
      { experiment: 'bc-lane', preset: 'default' },
      { experiment: 'lane-horizon', preset: 'eps-001' },
    ];
    const before = '?deck=x&s1.epsilon=0.1&s2.hMax=100&other=1';
    expect(lectureSearch(before, catalog, { deck, scene: 2 })).toBe(
      '?deck=bc-lane,lane-horizon@eps-001&scene=2&s1.epsilon=0.1&s2.hMax=100',
    );
    expect(lectureSearch(before, catalog, { deck, scene: 2 }, 2)).toBe(
      '?deck=bc-lane,lane-horizon@eps-001&scene=2&s1.epsilon=0.1',
    );
    expect(lectureSearch(before, catalog, { deck: [], scene: null }, 'all')).toBe('');
  });
});

describe('presentLink', () => {
  it('opens a one-scene deck with the reader’s parameters and seed', () => {
    expect(presentLink('', 'lane-horizon', { epsilon: 0.05 }, 7)).toBe(
      '/lecture/?deck=lane-horizon&scene=1&s1.epsilon=0.05&s1.seed=7',
    );
    expect(presentLink('/il', 'bc-lane', {}, null)).toBe('/il/lecture/?deck=bc-lane&scene=1');
  });
});
