import { SiteLink } from '@/components/site/SiteLink';
import { useId } from 'react';
import { citeLabel, fullReference, type CitableWork } from '@/lib/cite';

export interface CiteEntry extends CitableWork {
  id: string;
}

export interface CiteProps {
  /** One reference id, or several separated by commas ("ross2010efficient,ross2011dagger"). */
  id: string;
  /** The bibliography, supplied by the page (components do not import content). */
  entries: ReadonlyMap<string, CiteEntry>;
}

/**
 * An in-text citation "(Ross et al., 2011)". Each name links to its entry on the references page; hovering or
 * focusing it shows a card with the full reference (pure CSS, so it also works before any script runs).
 */
export function Cite({ id, entries }: CiteProps) {
  const baseId = useId();
  const keys = id
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  return (
    <span className="cite">
      (
      {keys.map((key, i) => {
        const entry = entries.get(key);
        if (!entry) return <span key={key}>unknown reference {key}</span>;
        const cardId = `${baseId}-${i}`;
        return (
          <span key={key} className="cite-item">
            {i > 0 ? '; ' : null}
            <SiteLink href={`/references/#ref-${key}`} aria-describedby={cardId}>
              {citeLabel(entry)}
            </SiteLink>
            <span role="tooltip" id={cardId} className="cite-card">
              {fullReference(entry)}
            </span>
          </span>
        );
      })}
      )
    </span>
  );
}
