import { SiteLink } from '@/components/site/SiteLink';
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
      <SiteLink href="/" className="site-title">
        {title}
      </SiteLink>
      <nav aria-label="Site" className="site-nav">
        <SiteLink href="/#contents">Chapters</SiteLink>
        <SiteLink href="/lab/">Lab</SiteLink>
        <SiteLink href="/lecture/" className="site-nav-lecture">
          Lecture
        </SiteLink>
        <SiteLink href="/references/">References</SiteLink>
        <ThemeToggle />
      </nav>
    </header>
  );
}
