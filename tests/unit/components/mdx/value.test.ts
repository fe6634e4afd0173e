// <Value> renders a quoted number as the prose around it would set it: a minus sign (−, as in the math), not a
// hyphen, and no sign on a value that rounds to zero.
import type { ReactElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { Value } from '@/components/mdx/Value';

vi.mock('@/content/results', () => ({
  shippedResult: () => ({ metrics: { neg: -0.4983, tiny: -0.0004, pos: 0.3993, big: 4800, ratio: -0.25 }, series: {} }),
}));

const text = (metric: string, digits?: string, format?: 'fixed' | 'percent' | 'times' | 'integer') =>
  (Value({ experiment: 'noise-injection', metric, digits, format }) as ReactElement<{ children: string }>).props.children;

describe('<Value> text', () => {
  it('uses a minus sign for negative values', () => {
    expect(text('neg', '3')).toBe('\u22120.498');
    expect(text('ratio', '0', 'percent')).toBe('\u221225%');
  });
  it('drops the sign of a value that rounds to zero', () => {
    expect(text('tiny', '2')).toBe('0.00');
    expect(text('tiny', undefined, 'integer')).toBe('0');
    expect(text('tiny', '1', 'percent')).toBe('0.0%');
  });
  it('leaves positive values and thousands separators alone', () => {
    expect(text('pos', '2')).toBe('0.40');
    expect(text('big', undefined, 'integer')).toBe('4,800');
  });
});
