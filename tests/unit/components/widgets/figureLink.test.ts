import { describe, expect, it } from 'vitest';
import { linkWithAnchor } from '@/components/widgets/figureLink';

describe('linkWithAnchor', () => {
  it("adds the figure's anchor after the parameters", () => {
    expect(linkWithAnchor('https://x.org/learn/dagger/?dagger-lane.rounds=4', 'fig-dagger-rounds')).toBe(
      'https://x.org/learn/dagger/?dagger-lane.rounds=4#fig-dagger-rounds',
    );
  });
  it('replaces an anchor the page URL already had (e.g. a heading the reader followed)', () => {
    expect(linkWithAnchor('https://x.org/learn/dagger/#recap', 'fig-two-worlds')).toBe(
      'https://x.org/learn/dagger/#fig-two-worlds',
    );
  });
  it('keeps the URL as it is outside a figure', () => {
    expect(linkWithAnchor('https://x.org/lab/?a=1', null)).toBe('https://x.org/lab/?a=1');
  });
});
