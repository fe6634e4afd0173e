'use client';

import { getExperimentInfo } from '@/sims/experiments/catalog';
import { GenericWidget } from './GenericWidget';
import type { WidgetProps } from './types';

/** The generic figure for experiment `id` (loaded on demand: it brings the whole catalog and Recharts). */
export function GenericById({ id, urlKey, preset }: WidgetProps & { id: string }) {
  const info = getExperimentInfo(id);
  if (!info) return <p role="alert">Unknown experiment “{id}”.</p>;
  return <GenericWidget info={info} urlKey={urlKey} preset={preset} />;
}
