// One vocabulary for parameter keys (sims/experiments/vocabulary.ts): a key shared by experiments means the same
// thing everywhere and is listed; no schema uses a key the vocabulary names as a synonym to avoid.
import { describe, expect, it } from 'vitest';
import { catalog } from '@/sims/experiments/catalog';
import type { ExperimentInfo } from '@/sims/experiments/types';
import { PARAM_VOCABULARY, avoidedKeys } from '@/sims/experiments/vocabulary';

const infos = catalog as readonly ExperimentInfo[];

describe('parameter vocabulary', () => {
  it('no experiment uses a synonym the vocabulary rules out', () => {
    const avoided = avoidedKeys();
    const offenders = infos.flatMap((info) =>
      Object.keys(info.params)
        .filter((key) => avoided.has(key))
        .map((key) => `${info.id}.${key} → use ${avoided.get(key)}`),
    );
    expect(offenders).toEqual([]);
  });

  it('every key that two experiments share is in the vocabulary', () => {
    const users = new Map<string, string[]>();
    for (const info of infos) for (const key of Object.keys(info.params)) users.set(key, [...(users.get(key) ?? []), info.id]);
    const shared = [...users].filter(([, ids]) => ids.length > 1).map(([key]) => key);
    expect(shared.filter((key) => !(key in PARAM_VOCABULARY))).toEqual([]);
  });

  it('a synonym is never itself a vocabulary key', () => {
    for (const [synonym, key] of avoidedKeys()) expect(synonym in PARAM_VOCABULARY, `${synonym} (for ${key})`).toBe(false);
  });
});
