import type { ReactNode } from 'react';

export interface CalloutProps {
  /** note: an aside worth knowing; pitfall: a common mistake; deepdive: optional depth for the curious. */
  type?: 'note' | 'pitfall' | 'deepdive';
  /** Shown in bold after the type's name. */
  title?: string;
  children?: ReactNode;
}

const TYPE_NAMES = { note: 'Note', pitfall: 'Pitfall', deepdive: 'Deep dive' } as const;
const ICONS = { note: 'ℹ', pitfall: '⚠', deepdive: '↧' } as const;

function CalloutTitle({ kind, title }: { kind: keyof typeof TYPE_NAMES; title?: string }) {
  return (
    <>
      <span className="callout-icon" aria-hidden="true">
        {ICONS[kind]}
      </span>{' '}
      <span className="callout-kind">{TYPE_NAMES[kind]}</span>
      {title ? <>: {title}</> : null}
    </>
  );
}

export function Callout({ type = 'note', title, children }: CalloutProps) {
  const kind = type in TYPE_NAMES ? type : 'note';
  if (kind === 'deepdive') {
    // Deep dives are optional reading: collapsed by default (the print stylesheet opens them).
    return (
      <details className="callout callout-deepdive">
        <summary className="callout-title">
          <CalloutTitle kind={kind} title={title} />
        </summary>
        <div className="callout-body">{children}</div>
      </details>
    );
  }
  return (
    <div className={`callout callout-${kind}`} role="note">
      <p className="callout-title">
        <CalloutTitle kind={kind} title={title} />
      </p>
      <div className="callout-body">{children}</div>
    </div>
  );
}
