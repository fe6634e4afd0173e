'use client';

import { useEffect } from 'react';

/** Where the service worker lives (scripts/sw.mjs writes it into the export). */
export function serviceWorkerUrl(): string {
  return `${process.env.NEXT_PUBLIC_BASE_PATH ?? ''}/sw.js`;
}

/**
 * Registers the service worker that caches the whole site for offline use (a lecture hall's network cannot be
 * trusted). Only in the production export: `next dev` has no sw.js.
 */
export function ServiceWorker() {
  useEffect(() => {
    if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return;
    const base = process.env.NEXT_PUBLIC_BASE_PATH ?? '';
    navigator.serviceWorker.register(serviceWorkerUrl(), { scope: `${base}/` }).catch(() => undefined);
  }, []);
  return null;
}

export type OfflineStatus =
  { kind: 'unsupported' } | { kind: 'caching' } | { kind: 'ready'; version: string; files: number } | { kind: 'off' };

/** Whether this browser has the whole site cached: the active service worker finished precaching every file. */
export async function offlineStatus(): Promise<OfflineStatus> {
  if (!('serviceWorker' in navigator) || typeof MessageChannel === 'undefined') return { kind: 'unsupported' };
  const registration = await navigator.serviceWorker.getRegistration(serviceWorkerUrl());
  if (!registration) return { kind: 'off' };
  const active = registration.active;
  if (!active) return { kind: 'caching' };
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve({ kind: 'caching' }), 2000);
    channel.port1.onmessage = (event: MessageEvent<{ version: string; files: number }>) => {
      clearTimeout(timer);
      resolve({ kind: 'ready', version: event.data.version, files: event.data.files });
    };
    active.postMessage({ type: 'version' }, [channel.port2]);
  });
}
