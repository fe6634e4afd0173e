'use client';

import { useEffect, useState } from 'react';

type Theme = 'light' | 'dark';

/** The key under which the reader's choice is remembered. */
export const THEME_STORAGE_KEY = 'il-theme';

/**
 * Runs before first paint (inlined in <head>): applies the remembered theme, or the system's, so the page never
 * flashes the wrong colours. Without a remembered choice the page keeps following the system.
 */
export const themeInitScript = `(function(){try{var k='${THEME_STORAGE_KEY}',s=localStorage.getItem(k),m=window.matchMedia('(prefers-color-scheme: dark)');function a(){var t=localStorage.getItem(k)||(m.matches?'dark':'light');document.documentElement.dataset.theme=t;}a();m.addEventListener('change',a);}catch(e){document.documentElement.dataset.theme='light';}})();`;

/** A button that switches between light and dark and remembers the choice. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme | null>(null);

  useEffect(() => {
    const read = () => setTheme(document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light');
    read();
    const observer = new MutationObserver(read);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);

  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="theme-toggle"
      // The accessible name is the visible text ("Dark mode" / "Light mode"), never a separate label: before
      // hydration the theme is unknown, and a label that says something else fails WCAG 2.5.3 (label in name).
      title={theme ? `Switch to ${next} mode` : 'Switch colour theme'}
      onClick={() => {
        document.documentElement.dataset.theme = next;
        try {
          localStorage.setItem(THEME_STORAGE_KEY, next);
        } catch {
          // Private mode: the choice lasts for this page only.
        }
      }}
    >
      <span aria-hidden="true">{theme === 'dark' ? '☀' : '☾'}</span>
      <span className="theme-toggle-text">{theme === 'dark' ? 'Light' : 'Dark'}</span>
      <span className="visually-hidden"> mode</span>
    </button>
  );
}
