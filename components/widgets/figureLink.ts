/**
 * The link "Copy link" puts on the clipboard: the page's URL with the figure's parameters (already in the query
 * string) and the anchor of the figure it was pressed in, so a shared link opens at that figure, not at the top of
 * a long chapter. Pure, so it is unit-tested (tests/unit/components/widgets/figureLink.test.ts).
 */

/** The id of the chapter figure (<figure id="fig-…">) that holds `el`, or null (e.g. in the lab). */
export function figureAnchor(el: Element | null): string | null {
  return el?.closest('figure[id]')?.id ?? null;
}

/** `href` with its fragment set to `anchor` (replacing any fragment it had); unchanged when there is no anchor. */
export function linkWithAnchor(href: string, anchor: string | null): string {
  if (!anchor) return href;
  const url = new URL(href);
  url.hash = anchor;
  return url.toString();
}
