import type { Metadata } from 'next';
import { SiteLink } from '@/components/site/SiteLink';
import { getMDXComponent } from 'mdx-bundler/client';
import { mdxComponents } from '@/components/mdx';
import { ChapterOutline } from '@/components/site/ChapterOutline';
import { getChapter } from '@/content/compile';
import { references } from '@/content/references';
import { toc } from '@/content/toc';
import { authorList } from '@/lib/cite';

interface Params {
  slug: string;
}

export const dynamicParams = false;

export function generateStaticParams(): Params[] {
  return toc.map((c) => ({ slug: c.slug }));
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { slug } = await params;
  const entry = toc.find((c) => c.slug === slug);
  return { title: entry?.title, description: entry?.summary };
}

const referencesById = new Map(references.map((r) => [r.id, r]));

export default async function ChapterPage({ params }: { params: Promise<Params> }) {
  const { slug } = await params;
  const index = toc.findIndex((c) => c.slug === slug);
  const entry = toc[index];
  const chapter = await getChapter(slug);
  const Content = getMDXComponent(chapter.code);
  const prev = index > 0 ? toc[index - 1] : undefined;
  const next = index < toc.length - 1 ? toc[index + 1] : undefined;

  const outlineItems = [
    ...chapter.headings,
    ...(chapter.citations.length > 0 ? [{ id: 'references', text: 'References', depth: 2 as const }] : []),
  ];
  const outline = <ChapterOutline items={outlineItems} />;
  // The chapter list; in the sidebar, the current chapter's sections open under its entry ("on this page"), which
  // leaves the right margin free for figures to break out into.
  const chapterList = (withOutline: boolean) => (
    <ol>
      {toc.map((c) => (
        <li key={c.slug}>
          <SiteLink href={`/learn/${c.slug}/`} aria-current={c.slug === slug ? 'page' : undefined}>
            {c.number}. {c.title}
          </SiteLink>
          {withOutline && c.slug === slug ? (
            <nav className="on-this-page" aria-label="On this page">
              {outline}
            </nav>
          ) : null}
        </li>
      ))}
    </ol>
  );

  return (
    <div className="chapter-layout">
      <nav className="sidebar" aria-label="Chapters">
        <p className="sidebar-heading">Chapters</p>
        {chapterList(true)}
      </nav>
      <main id="main">
        <div className="mobile-nav">
          <details className="chapters-menu">
            <summary>Chapters</summary>
            <nav aria-label="Chapters (menu)">{chapterList(false)}</nav>
          </details>
          <details>
            <summary>On this page</summary>
            <nav aria-label="On this page (menu)">{outline}</nav>
          </details>
        </div>
        <article>
          <header className="chapter-header">
            <p className="chapter-kicker">
              Chapter {entry.number} · {chapter.readingMinutes} min read
            </p>
            <h1>{entry.title}</h1>
            <p className="chapter-summary">{entry.summary}</p>
          </header>
          <div className="prose">
            <Content components={mdxComponents({ references: referencesById })} />
          </div>
          {chapter.citations.length > 0 ? (
            <section className="chapter-references prose" aria-labelledby="references">
              <h2 id="references">
                References{' '}
                <a className="heading-anchor" href="#references" aria-label="Link to the section “References”">
                  #
                </a>
              </h2>
              <ol>
                {chapter.citations.map((id) => {
                  const r = referencesById.get(id)!;
                  return (
                    <li key={id}>
                      {authorList(r.authors)}. <em>{r.title}</em>. {r.venue}
                      {r.venue.includes(String(r.year)) ? '' : `, ${r.year}`}.{' '}
                      <SiteLink href={`/references/#ref-${id}`} aria-label={`${r.title} in the full reference list`}>
                        ↗
                      </SiteLink>
                    </li>
                  );
                })}
              </ol>
            </section>
          ) : null}
          <nav className="pager" aria-label="Previous and next chapter">
            {prev ? (
              <SiteLink className="prev" href={`/learn/${prev.slug}/`}>
                <span className="pager-label">← Previous</span>
                {prev.number}. {prev.title}
              </SiteLink>
            ) : null}
            {next ? (
              <SiteLink className="next" href={`/learn/${next.slug}/`}>
                <span className="pager-label">Next →</span>
                {next.number}. {next.title}
              </SiteLink>
            ) : null}
          </nav>
        </article>
      </main>
    </div>
  );
}
