'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { ComponentProps } from 'react';

export type SiteLinkProps = Omit<ComponentProps<typeof Link>, 'prefetch' | 'href'> & { href: string };

/**
 * A link to another page of the site. It fetches that page's payload when the reader shows intent (a pointer over it,
 * a touch, keyboard focus), never merely because it scrolled into view: Next's default prefetches every linked page in
 * view, and on a chapter page that is every other chapter (each a few hundred kB of payload to parse), which kept the
 * main thread busy for hundreds of milliseconds after load.
 */
export function SiteLink({ href, onMouseEnter, onTouchStart, onFocus, ...rest }: SiteLinkProps) {
  const router = useRouter();
  const intent = () => router.prefetch(href.split('#')[0] || '/');
  return (
    <Link
      {...rest}
      href={href}
      prefetch={false}
      onMouseEnter={(e) => {
        onMouseEnter?.(e);
        intent();
      }}
      onTouchStart={(e) => {
        onTouchStart?.(e);
        intent();
      }}
      onFocus={(e) => {
        onFocus?.(e);
        intent();
      }}
    />
  );
}
