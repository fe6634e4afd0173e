/** Formatting of bibliography entries: in-text labels ("Ross et al., 2011") and full references. */

export interface CitableWork {
  authors: readonly string[];
  title: string;
  venue: string;
  year: number;
}

/** The family name: the last word of a full name ("J. Andrew Bagnell" → "Bagnell"). */
export function familyName(fullName: string): string {
  const parts = fullName.trim().split(/\s+/);
  return parts[parts.length - 1] ?? fullName;
}

/** "Ross & Bagnell, 2010" for two authors, "Ross et al., 2011" for three or more. */
export function citeLabel(work: Pick<CitableWork, 'authors' | 'year'>): string {
  const names = work.authors.map(familyName);
  const who = names.length === 1 ? names[0] : names.length === 2 ? `${names[0]} & ${names[1]}` : `${names[0]} et al.`;
  return `${who}, ${work.year}`;
}

/** "A, B and C" */
export function authorList(authors: readonly string[]): string {
  if (authors.length <= 1) return authors.join('');
  return `${authors.slice(0, -1).join(', ')} and ${authors[authors.length - 1]}`;
}

/** One line: "Authors. Title. Venue, Year." */
export function fullReference(work: CitableWork): string {
  const venue = work.venue.includes(String(work.year)) ? work.venue : `${work.venue}, ${work.year}`;
  return `${authorList(work.authors)}. ${work.title}. ${venue}.`;
}
