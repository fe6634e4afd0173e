import { describe, expect, it } from 'vitest';
import { currentSection } from '@/components/site/outline';

const order = ['why', 'setup', 'result', 'recap'];

describe('currentSection', () => {
  it('is the first heading inside the reading band', () => {
    expect(currentSection(order, new Set(['result', 'recap']), new Set(['why', 'setup']))).toBe('result');
  });
  it('is the last heading above the band while reading a long section', () => {
    expect(currentSection(order, new Set(), new Set(['why', 'setup']))).toBe('setup');
  });
  it('is the first heading before the reader reaches any', () => {
    expect(currentSection(order, new Set(), new Set())).toBe('why');
    expect(currentSection([], new Set(), new Set())).toBeNull();
  });
});
