import { SiteLink } from '@/components/site/SiteLink';
import { getChapter } from '@/content/compile';
import { site } from '@/content/site';
import { toc } from '@/content/toc';

export default async function HomePage() {
  const chapters = await Promise.all(toc.map(async (entry) => ({ entry, compiled: await getChapter(entry.slug) })));
  return (
    <main id="main" className="home">
      <h1>
        Foundations of Imitation Learning
        <span className="subtitle">from language modeling to continuous control</span>
      </h1>
      <p className="lede">{site.intro}</p>
      <h2 id="contents">Contents</h2>
      <ol className="toc-list">
        {chapters.map(({ entry, compiled }) => (
          <li key={entry.slug} className="toc-item">
            <SiteLink className="toc-link" href={`/learn/${entry.slug}/`}>
              <span className="toc-number" aria-hidden="true">
                {entry.number}
              </span>
              <span className="toc-title">
                <span className="visually-hidden">Chapter {entry.number}: </span>
                {entry.title}
              </span>
              <span className="toc-summary">{entry.summary}</span>
              <span className="toc-meta">{compiled.readingMinutes} min read</span>
            </SiteLink>
          </li>
        ))}
      </ol>
      <h2 id="lab">The lab</h2>
      <p>
        Every experiment behind the figures, on one page: <SiteLink href="/lab/">open the lab</SiteLink> to browse them with
        their default parameters, change them, and export the results.
      </p>
    </main>
  );
}
