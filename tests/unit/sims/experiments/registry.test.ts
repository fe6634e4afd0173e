// The catalog (page-safe infos) and the runnable registry list the same experiments with the same schemas, every
// *.params.ts file is in the catalog and imports no tfjs, and every parameter is fully described.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalog, getExperimentInfo } from '@/sims/experiments/catalog';
import { experiments, getExperiment } from '@/sims/experiments/index';

const dir = fileURLToPath(new URL('../../../../sims/experiments/', import.meta.url));

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
