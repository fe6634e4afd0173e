import 'katex/dist/katex.min.css';
import './globals.css';
import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { AnchorKeeper } from '@/components/site/AnchorKeeper';
import { ServiceWorker } from '@/components/site/ServiceWorker';
import { SiteHeader } from '@/components/site/SiteHeader';
import { themeInitScript } from '@/components/site/ThemeToggle';
import { site } from '@/content/site';

export const metadata: Metadata = {
  title: { default: site.title, template: `%s · ${site.shortTitle}` },
  description: site.description,
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#fdfcfa' },
    { media: '(prefers-color-scheme: dark)', color: '#121417' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeInitScript }} />
      </head>
      <body>
        <SiteHeader title={site.shortTitle} />
        {children}
        <AnchorKeeper />
        <ServiceWorker />
        <footer className="site-footer">
          <p>
            {site.title}. Every figure runs in your browser from a fixed seed; nothing is sent anywhere.
          </p>
        </footer>
      </body>
    </html>
  );
}
