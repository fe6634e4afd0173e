// Which keys lecture mode takes (`lectureKey`): clicker keys always change the scene; the arrows and Space stay with
// a focused slider, menu or an area that steers with them (data-keys="own", the human-DAgger driving area).
import { describe, expect, it } from 'vitest';
import { lectureKey } from '@/components/lecture/LectureApp';

/** A stand-in for a focused element: what it matches, and whether it sits in an area that owns the arrows. */
function focused(selectorMatch: (sel: string) => boolean, ownsArrows = false): Element {
  return {
    matches: selectorMatch,
    closest: (sel: string) => (ownsArrows && sel === '[data-keys="own"]' ? ({} as Element) : null),
  } as unknown as Element;
}

const key = (k: string) => ({ key: k, altKey: false, ctrlKey: false, metaKey: false });
const plain = focused(() => false);
const slider = focused((sel) => sel.includes('input[type=range]'));
const drivingArea = focused(() => false, true);

describe('lectureKey', () => {
  it('with nothing special focused, the arrows and PageUp/PageDown change the scene and Space plays', () => {
    expect(lectureKey(key('ArrowRight'), plain)).toEqual({ kind: 'next' });
    expect(lectureKey(key('ArrowLeft'), null)).toEqual({ kind: 'prev' });
    expect(lectureKey(key('PageDown'), plain)).toEqual({ kind: 'next' });
    expect(lectureKey(key(' '), plain)).toEqual({ kind: 'play' });
  });
  it('a focused slider keeps the arrows; a clicker still advances', () => {
    expect(lectureKey(key('ArrowRight'), slider)).toBeNull();
    expect(lectureKey(key('PageDown'), slider)).toEqual({ kind: 'next' });
  });
  it('a focused driving area keeps the arrows and Space (steering, start/pause); a clicker still advances', () => {
    expect(lectureKey(key('ArrowLeft'), drivingArea)).toBeNull();
    expect(lectureKey(key('ArrowRight'), drivingArea)).toBeNull();
    expect(lectureKey(key(' '), drivingArea)).toBeNull();
    expect(lectureKey(key('PageDown'), drivingArea)).toEqual({ kind: 'next' });
    expect(lectureKey(key('b'), drivingArea)).toEqual({ kind: 'blank' });
  });
});
