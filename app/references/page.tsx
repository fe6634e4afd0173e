import type { Metadata } from 'next';
import { authorList } from '@/lib/cite';
import { groupTitles, references, type ReferenceGroup } from '@/content/references';

export const metadata: Metadata = { title: 'References' };

const GROUP_ORDER: ReferenceGroup[] = ['classical', 'discrete', 'continuous', 'optimization'];

export default function ReferencesPage() {
  return (
    <main id="main" className="page">
      <h1>References</h1>
      <p>
        The reading list of the tutorial, grouped as the tutorial groups it. Each entry has a stable anchor, so a
        citation in a chapter links straight to it.
      </p>
      {GROUP_ORDER.map((group) => (
        <section key={group} className="reference-group" aria-labelledby={`group-${group}`}>
          <h2 id={`group-${group}`}>{groupTitles[group]}</h2>
          <ol className="reference-list">
            {references
              .filter((r) => r.group === group)
              .map((r) => (
                <li key={r.id} id={`ref-${r.id}`} className="reference">
                  <div className="reference-title">
                    {r.url ? <a href={r.url}>{r.title}</a> : r.title}
                  </div>
                  <div className="reference-authors">{authorList(r.authors)}</div>
                  <div className="reference-venue">
                    {r.venue}
                    {r.venue.includes(String(r.year)) ? '' : `, ${r.year}`}
                  </div>
                  {r.note ? <div className="reference-note">{r.note}</div> : null}
                  <div className="reference-key">{r.id}</div>
                </li>
              ))}
          </ol>
        </section>
      ))}
    </main>
  );
}
