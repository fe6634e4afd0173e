import { describe, expect, it } from 'vitest';
import { seriesToCsv, toCsv } from '@/lib/csv';

describe('seriesToCsv', () => {
  it('writes long format: a header, then one row per point with empty lo/hi when absent', () => {
    const csv = seriesToCsv({
      bc: [
        { x: 10, y: 1, lo: 0.8, hi: 1.2 },
        { x: 20, y: 4 },
      ],
      dagger: [{ x: 10, y: 0.25 }],
    });
    expect(csv).toBe('series,x,y,lo,hi\nbc,10,1,0.8,1.2\nbc,20,4,,\ndagger,10,0.25,,\n');
  });

  it('keeps full precision and writes NaN and infinities readably', () => {
    const csv = seriesToCsv({ s: [{ x: 1 / 3, y: Number.NaN, lo: -Infinity, hi: Infinity }] });
    expect(csv.split('\n')[1]).toBe('s,0.3333333333333333,NaN,-inf,inf');
  });

  it('quotes series names that contain commas, quotes or line breaks', () => {
    const csv = seriesToCsv({
      'cost, BC': [{ x: 1, y: 2 }],
      'say "hi"': [{ x: 1, y: 2 }],
      'invalid/bc': [{ x: 1, y: 2 }],
    });
    expect(csv.split('\n').slice(1, 4)).toEqual(['"cost, BC",1,2,,', '"say ""hi""",1,2,,', 'invalid/bc,1,2,,']);
  });

  it('is just the header for no data', () => {
    expect(seriesToCsv({})).toBe('series,x,y,lo,hi\n');
    expect(seriesToCsv({ empty: [] })).toBe('series,x,y,lo,hi\n');
  });
});

describe('toCsv', () => {
  it('writes a header and rows, numbers in full precision, text quoted only when needed', () => {
    const csv = toCsv(
      ['set', 'p', 'z'],
      [
        ['clean', 0.1, 0],
        ['noisy, injected', -1 / 3, Number.NaN],
        [' padded', undefined, -Infinity],
      ],
    );
    expect(csv).toBe('set,p,z\nclean,0.1,0\n"noisy, injected",-0.3333333333333333,NaN\n" padded",,-inf\n');
  });

  it('quotes header fields too, and ends every line with a newline', () => {
    expect(toCsv(['a,b', 'c'], [])).toBe('"a,b",c\n');
  });
});
