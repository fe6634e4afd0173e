'use client';

import type { ComponentType } from 'react';
import type { ExperimentId } from '@/sims/experiments/catalog';
import { GenericFigure, widgets } from './registry';
import type { WidgetProps } from './types';

export interface LiveWidgetProps extends WidgetProps {
  /** Experiment id from the catalog. */
  id: ExperimentId;
}

/** The widget for experiment `id` (the generic figure when it has none of its own). Used by the lab and chapters. */
export function LiveWidget({ id, urlKey, preset, shipped }: LiveWidgetProps) {
  // The registry pairs each id with a widget of that experiment's result type; `shipped` is that experiment's.
  const Widget = widgets[id] as ComponentType<WidgetProps> | undefined;
  if (Widget) return <Widget urlKey={urlKey} preset={preset} shipped={shipped} />;
  return <GenericFigure id={id} urlKey={urlKey} preset={preset} shipped={shipped} />;
}
