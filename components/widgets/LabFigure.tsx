'use client';

import { getExperimentInfo } from '@/sims/experiments/catalog';
import { GenericWidget } from './GenericWidget';
import { widgets } from './registry';

export interface LabFigureProps {
  /** Experiment id from the catalog. */
  id: string;
}

/** The widget for experiment `id`, or the generic figure when it has none of its own. */
export function LabFigure({ id }: LabFigureProps) {
  const Widget = widgets[id];
  if (Widget) return <Widget />;
  const info = getExperimentInfo(id);
  if (!info) return <p role="alert">Unknown experiment “{id}”.</p>;
  return <GenericWidget info={info} />;
}
