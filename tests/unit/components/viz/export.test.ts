import { afterEach, describe, expect, it, vi } from 'vitest';
import { download, seriesToCsv } from '@/components/viz/export';

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

describe('download', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('clicks a temporary <a download> on an object URL, removes it, and revokes the URL afterwards', async () => {
    vi.useFakeTimers();
    const anchor = { href: '', download: '', rel: '', style: { display: '' }, click: vi.fn(), remove: vi.fn() };
    const appendChild = vi.fn();
    vi.stubGlobal('document', { createElement: vi.fn(() => anchor), body: { appendChild } });
    const created: Blob[] = [];
    const revoke = vi.fn();
    vi.stubGlobal('URL', {
      createObjectURL: (b: Blob) => {
        created.push(b);
        return 'blob:fake';
      },
      revokeObjectURL: revoke,
    });

    download('fig.csv', 'a,b\n1,2\n', 'text/csv');

    expect(anchor.download).toBe('fig.csv');
    expect(anchor.href).toBe('blob:fake');
    expect(appendChild).toHaveBeenCalledWith(anchor);
    expect(anchor.click).toHaveBeenCalledOnce();
    expect(anchor.remove).toHaveBeenCalledOnce();
    expect(created[0].type).toBe('text/csv;charset=utf-8');
    expect(await created[0].text()).toBe('a,b\n1,2\n');
    expect(revoke).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(revoke).toHaveBeenCalledWith('blob:fake');
  });

  it('passes a Blob through unchanged', () => {
    const anchor = { href: '', download: '', rel: '', style: { display: '' }, click: vi.fn(), remove: vi.fn() };
    vi.stubGlobal('document', { createElement: () => anchor, body: { appendChild: vi.fn() } });
    const created: Blob[] = [];
    vi.stubGlobal('URL', { createObjectURL: (b: Blob) => (created.push(b), 'blob:x'), revokeObjectURL: vi.fn() });
    const png = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });
    download('fig.png', png, 'image/png');
    expect(created[0]).toBe(png);
  });
});
