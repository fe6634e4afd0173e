import Link from 'next/link';

export default function NotFound() {
  return (
    <main id="main" className="page">
      <h1>Page not found</h1>
      <p>
        There is no page at this address. The <Link href="/">table of contents</Link> lists every chapter.
      </p>
    </main>
  );
}
