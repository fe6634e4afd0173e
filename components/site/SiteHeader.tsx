import Link from 'next/link';
import { ThemeToggle } from './ThemeToggle';

export interface SiteHeaderProps {
  /** The tutorial's short title, shown at the left. */
  title: string;
}

export function SiteHeader({ title }: SiteHeaderProps) {
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Link href="/" className="site-title">
        {title}
      </Link>
      <nav aria-label="Site" className="site-nav">
        <Link href="/#contents">Chapters</Link>
        <Link href="/lab/">Lab</Link>
        <Link href="/lecture/" className="site-nav-lecture">
          Lecture
        </Link>
        <Link href="/references/">References</Link>
        <ThemeToggle />
      </nav>
    </header>
  );
}
