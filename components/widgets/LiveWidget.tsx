'use client';

import { GenericFigure, widgets } from './registry';
import type { WidgetProps } from './types';

export interface LiveWidgetProps extends WidgetProps {
  /** Experiment id from the catalog. */
  id: string;
}

/** The widget for experiment `id` (the generic figure when it has none of its own). Used by the lab and chapters. */
export function LiveWidget({ id, urlKey, preset }: LiveWidgetProps) {
  const Widget = widgets[id];
  if (Widget) return <Widget urlKey={urlKey} preset={preset} />;
  return <GenericFigure id={id} urlKey={urlKey} preset={preset} />;
}
