'use client';

import { getExperimentInfo } from '@/sims/experiments/catalog';
import { GenericWidget } from './GenericWidget';
import { widgets } from './registry';
import type { WidgetProps } from './types';

export interface LiveWidgetProps extends WidgetProps {
  /** Experiment id from the catalog. */
  id: string;
}

/** The widget for experiment `id` (the generic figure when it has none of its own). Used by the lab and chapters. */
export function LiveWidget({ id, urlKey, preset }: LiveWidgetProps) {
  const Widget = widgets[id];
  if (Widget) return <Widget urlKey={urlKey} preset={preset} />;
  const info = getExperimentInfo(id);
  if (!info) return <p role="alert">Unknown experiment “{id}”.</p>;
  return <GenericWidget info={info} urlKey={urlKey} preset={preset} />;
}
