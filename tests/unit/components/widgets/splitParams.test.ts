import { describe, expect, it } from 'vitest';
import { splitParams } from '@/components/widgets/ExperimentFrame';

describe('splitParams: which controls stay in reach and which go behind "More settings"', () => {
  it('keeps up to four visible parameters all in reach', () => {
    expect(splitParams(['a', 'b', 'c', 'd', 'e'], ['e'], undefined)).toEqual({ main: ['a', 'b', 'c', 'd'], more: [] });
  });
  it('puts the first three in reach when there are more than four', () => {
    expect(splitParams(['a', 'b', 'c', 'd', 'e'], [], undefined)).toEqual({ main: ['a', 'b', 'c'], more: ['d', 'e'] });
  });
  it('follows the figure’s choice, in schema order, and never shows a hidden parameter', () => {
    expect(splitParams(['a', 'b', 'c', 'd', 'e'], ['d'], ['e', 'b', 'd'])).toEqual({ main: ['b', 'e'], more: ['a', 'c'] });
  });
});
