import { describe, expect, it } from 'vitest';
import { Rng } from '@/lib/rng';
import { zodSchema, type ParamSchema } from '@/lib/params';
import { MAX_SEED, readFigureState, writeFigureState } from '@/lib/urlState';

const schema = {
  eps: { kind: 'number', default: 0.02, min: 0, max: 0.5, step: 0.01, label: 'Tremble ε' },
  demos: { kind: 'number', default: 10, min: 1, max: 200, step: 1, integer: true, label: 'Demonstrations' },
  onehot: { kind: 'boolean', default: false, label: 'One-hot input' },
  loss: {
    kind: 'choice',
    default: 'log',
    options: [
      { value: 'log', label: 'log-loss' },
      { value: 'mse', label: 'squared' },
    ],
    label: 'Loss',
  },
} satisfies ParamSchema;

describe('readFigureState', () => {
  it('reads valid values and the seed', () => {
    const s = readFigureState(schema, '?f.eps=0.1&f.demos=30&f.onehot=true&f.loss=mse&f.seed=7', 'f', 1);
    expect(s.values).toEqual({ eps: 0.1, demos: 30, onehot: true, loss: 'mse' });
    expect(s.seed).toBe(7);
    expect(s.notices).toEqual([]);
    expect(s.present).toBe(true);
  });

  it('clamps out-of-range numbers and replaces garbage, with a notice each', () => {
    const s = readFigureState(schema, '?f.eps=9&f.demos=banana&f.loss=hinge&f.seed=-3', 'f', 1);
    expect(s.values).toEqual({ eps: 0.5, demos: 10, onehot: false, loss: 'log' });
    expect(s.seed).toBe(1);
    expect(s.notices.map((n) => n.key).sort()).toEqual(['demos', 'eps', 'loss', 'seed']);
    expect(s.notices.find((n) => n.key === 'eps')?.message).toMatch(/clamped to 0\.50/);
  });

  it('ignores other figures and tells about unknown keys of its own', () => {
    const s = readFigureState(schema, '?g.eps=0.3&f.colour=red', 'f', 1);
    expect(s.values.eps).toBe(0.02);
    expect(s.notices).toHaveLength(1);
    expect(s.notices[0].message).toMatch(/Unknown parameter "colour"/);
  });

  it('round-trips through writeFigureState, writing only changed values', () => {
    const values = { eps: 0.25, demos: 10, onehot: true, loss: 'log' };
    const search = writeFigureState(schema, '?g.x=1', 'f', values, 42, 1);
    expect(search).toContain('g.x=1');
    expect(search).not.toContain('f.demos');
    const back = readFigureState(schema, search, 'f', 1);
    expect(back.values).toEqual(values);
    expect(back.seed).toBe(42);
  });

  it('survives 2,000 random malformed query strings: never throws, every value valid', () => {
    const rng = new Rng(2024);
    const alphabet = 'f.g=&?%#+ -_epsdmonhtlsx0123456789.eE∞NaN[]{}"\'\\/<>é\u0000\u202e';
    const keys = ['f.eps', 'f.demos', 'f.onehot', 'f.loss', 'f.seed', 'f.', 'f', 'f.unknown', '%66.eps', 'f.eps%'];
    const validate = zodSchema(schema);
    for (let i = 0; i < 2000; i++) {
      let query = rng.bernoulli(0.5) ? '?' : '';
      const parts = 1 + rng.int(6);
      for (let p = 0; p < parts; p++) {
        const key = rng.bernoulli(0.7) ? keys[rng.int(keys.length)] : '';
        let value = '';
        const len = rng.int(12);
        for (let c = 0; c < len; c++) value += alphabet[rng.int(alphabet.length)];
        if (rng.bernoulli(0.2)) value = ['1e309', '-0', 'Infinity', 'NaN', '', '%E0%A4%A', '0x10', ' 3 '][rng.int(8)];
        query += `${p > 0 ? '&' : ''}${key}${rng.bernoulli(0.9) ? '=' : ''}${value}`;
      }
      const state = readFigureState(schema, query, 'f', 5);
      expect(validate.safeParse(state.values).success, query).toBe(true);
      expect(Number.isInteger(state.seed) && state.seed >= 0 && state.seed <= MAX_SEED, query).toBe(true);
    }
  });
});
