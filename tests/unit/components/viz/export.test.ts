import { afterEach, describe, expect, it, vi } from 'vitest';
import { download, seriesToCsv } from '@/components/viz/export';
import { seriesToCsv as libSeriesToCsv } from '@/lib/csv';

describe('the figure export', () => {
  it('writes CSV with the one writer in lib/csv', () => {
    expect(seriesToCsv).toBe(libSeriesToCsv);
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
