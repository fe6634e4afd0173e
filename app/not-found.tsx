import { SiteLink } from '@/components/site/SiteLink';

export default function NotFound() {
  return (
    <main id="main" className="page">
      <h1>Page not found</h1>
      <p>
        There is no page at this address. The <SiteLink href="/">table of contents</SiteLink> lists every chapter.
      </p>
    </main>
  );
}
