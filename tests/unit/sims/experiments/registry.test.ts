// The catalog (page-safe infos) and the runnable registry list the same experiments with the same schemas, every
// *.params.ts file is in the catalog and imports no tfjs, and every parameter is fully described. The two registries
// cannot drift: each catalog entry has exactly one runnable experiment, defined in its own <id>.ts from the words and
// schema of <id>.params.ts — never the catalog object passed through without a run function.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { catalog, getExperimentInfo } from '@/sims/experiments/catalog';
import { experiments, getExperiment } from '@/sims/experiments/index';
import type { Experiment, ExperimentInfo } from '@/sims/experiments/types';

const dir = fileURLToPath(new URL('../../../../sims/experiments/', import.meta.url));

/**
 * What is wrong with a pair of registries, in words (empty when they agree): a catalog entry with no runnable
 * experiment or with several, a runnable one unknown to the catalog, one whose words or schema differ, and one that is
 * the catalog's own object (or has no run function) rather than an experiment built beside it.
 */
function registryProblems(infos: readonly ExperimentInfo[], runnables: readonly Experiment[]): string[] {
  const problems: string[] = [];
  for (const info of infos) {
    const matches = runnables.filter((e) => e.id === info.id);
    if (matches.length === 0) problems.push(`${info.id}: in the catalog but not in index.ts`);
    if (matches.length > 1) problems.push(`${info.id}: listed ${matches.length} times in index.ts`);
    for (const e of matches) {
      if (e === info) problems.push(`${info.id}: index.ts lists the catalog entry itself`);
      if (typeof e.run !== 'function') problems.push(`${info.id}: the runnable entry has no run function`);
      if (e.title !== info.title || e.description !== info.description)
        problems.push(`${info.id}: title or description differ`);
      if (!isDeepStrictEqual(e.params, info.params)) problems.push(`${info.id}: parameter schemas differ`);
    }
    if ('run' in info) problems.push(`${info.id}: the catalog entry carries a run function (it must stay page-safe)`);
  }
  for (const e of runnables) {
    if (!infos.some((info) => info.id === e.id)) problems.push(`${e.id}: in index.ts but not in the catalog`);
  }
  return problems;
}

describe('experiment registries', () => {
  it('ids are unique and both lists name the same experiments', () => {
    const infoIds = catalog.map((e) => e.id);
    const runIds = experiments.map((e) => e.id);
    expect(new Set(infoIds).size).toBe(infoIds.length);
    expect(new Set(runIds).size).toBe(runIds.length);
    expect([...runIds].sort()).toEqual([...infoIds].sort());
    expect(infoIds).toEqual(expect.arrayContaining(['lane-horizon', 'bc-lane']));
  });

  it('every catalog entry has a runnable entry with the same id, words and parameter schema, and vice versa', () => {
    for (const info of catalog) {
      const runnable = getExperiment(info.id);
      expect(runnable, info.id).toBeDefined();
      expect(runnable!.params).toEqual(info.params);
      expect(runnable!.title).toBe(info.title);
      expect(runnable!.description).toBe(info.description);
      expect(typeof runnable!.run).toBe('function');
    }
    for (const e of experiments) expect(getExperimentInfo(e.id)?.params).toEqual(e.params);
    expect(getExperiment('no-such-experiment')).toBeUndefined();
  });

  it('the registries agree: one runnable experiment per catalog entry, built beside it, not from it', () => {
    expect(registryProblems(catalog, experiments)).toEqual([]);
  });

  it('the agreement check catches a missing, a duplicated, a stray and a passed-through entry', () => {
    const [first, second] = experiments;
    const firstInfo = getExperimentInfo(first.id)!;
    expect(registryProblems(catalog, experiments.slice(1))).toEqual([
      `${first.id}: in the catalog but not in index.ts`,
    ]);
    expect(registryProblems(catalog, [...experiments, first])).toEqual([`${first.id}: listed 2 times in index.ts`]);
    expect(registryProblems(catalog.slice(1), experiments)).toEqual([
      `${first.id}: in index.ts but not in the catalog`,
    ]);
    const passedThrough = [firstInfo as Experiment, ...experiments.slice(1)];
    expect(registryProblems(catalog, passedThrough)).toEqual([
      `${first.id}: index.ts lists the catalog entry itself`,
      `${first.id}: the runnable entry has no run function`,
    ]);
    const drifted = { ...second, title: `${second.title}!`, params: {} };
    expect(registryProblems(catalog, [first, drifted, ...experiments.slice(2)])).toEqual([
      `${second.id}: title or description differ`,
      `${second.id}: parameter schemas differ`,
    ]);
  });

  it('each runnable experiment is the one its <id>.ts exports, made from the info of <id>.params.ts', async () => {
    const index = readFileSync(dir + 'index.ts', 'utf8');
    const indexImports = [...index.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
    // index.ts lists the runnable modules; it does not derive anything from the catalog.
    expect(indexImports).not.toContain('./catalog');
    for (const info of catalog) {
      expect(indexImports, info.id).toContain(`./${info.id}`);
      const module: Record<string, unknown> = await import(`../../../../sims/experiments/${info.id}.ts`);
      expect(Object.values(module), `${info.id}.ts exports the registered experiment`).toContain(
        getExperiment(info.id),
      );
      // The words and the schema are written once, in <id>.params.ts: the runnable half imports them from there.
      const source = readFileSync(dir + `${info.id}.ts`, 'utf8');
      expect(source, `${info.id}.ts imports ./${info.id}.params`).toContain(`from './${info.id}.params'`);
      const paramsModule: Record<string, unknown> = await import(`../../../../sims/experiments/${info.id}.params.ts`);
      expect(Object.values(paramsModule), `${info.id}.params.ts exports the catalog entry`).toContain(info);
    }
  });

  it('every sims/experiments/*.params.ts is in the catalog and imports nothing heavier than ./types', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.params.ts'));
    expect(files.length).toBe(catalog.length);
    for (const file of files) {
      const text = readFileSync(dir + file, 'utf8');
      const imports = [...text.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
      expect(
        imports.every((path) => path === './types' || path.startsWith('../../lib/')),
        `${file}: ${imports.join(', ')}`,
      ).toBe(true);
      expect(
        catalog.some((info) => file === `${info.id}.params.ts`),
        file,
      ).toBe(true);
    }
  });

  it('each experiment has a title, a one-line description and fully described parameters', () => {
    for (const info of catalog) {
      expect(info.title.length).toBeGreaterThan(5);
      expect(info.description).not.toContain('\n');
      for (const [key, spec] of Object.entries(info.params)) {
        const where = `${info.id}.${key}`;
        expect(spec.label, where).toBeTruthy();
        expect(spec.help, where).toBeTruthy();
        if (spec.kind === 'number') {
          expect(spec.min, where).toBeLessThan(spec.max);
          expect(spec.default, where).toBeGreaterThanOrEqual(spec.min);
          expect(spec.default, where).toBeLessThanOrEqual(spec.max);
          expect(spec.step, where).toBeGreaterThan(0);
          if (spec.integer) expect(Number.isInteger(spec.default), where).toBe(true);
        } else if (spec.kind === 'choice') {
          expect(
            spec.options.map((o: { value: string }) => o.value),
            where,
          ).toContain(spec.default);
        }
      }
    }
  });
});
