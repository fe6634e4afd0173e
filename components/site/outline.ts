/**
 * Which section of a chapter the reader is in, for the "on this page" outline. Pure (unit-tested); the observer
 * that feeds it lives in ChapterOutline.tsx.
 *
 * Headings are watched in a band near the top of the viewport. The current section is the first heading inside
 * the band; when none is (the reader is deep inside a long section), it is the last heading that has scrolled
 * above the band; before the first heading, the first one.
 */
export function currentSection(
  order: readonly string[],
  inBand: ReadonlySet<string>,
  above: ReadonlySet<string>,
): string | null {
  const first = order.find((id) => inBand.has(id));
  if (first) return first;
  let last: string | null = null;
  for (const id of order) if (above.has(id)) last = id;
  return last ?? order[0] ?? null;
}
