import { LiveWidget } from '@/components/widgets/LiveWidget';
import { shippedRef } from '@/content/results';
import { parsePreset } from '@/lib/params';
import { isExperimentId } from '@/sims/experiments/catalog';

export interface LiveFigureProps {
  /** Experiment id from the catalog (checked at build time). */
  experiment: string;
  /** Starting values for this figure, as a query string: "epsilon=0.05&horizon=80" (checked at build time). */
  params?: string;
  /** URL prefix for the figure's state, when a chapter shows the same experiment twice. */
  urlKey?: string;
}

/**
 * A live experiment in a chapter; wrap it in a <Figure> for its number and caption. Rendered at build time: it finds
 * the figure's precomputed result, which the widget draws at once (no worker run until the reader changes something).
 */
export function LiveFigure({ experiment, params, urlKey }: LiveFigureProps) {
  if (!isExperimentId(experiment)) throw new Error(`<LiveFigure> names unknown experiment "${experiment}"`);
  return (
    <LiveWidget
      id={experiment}
      urlKey={urlKey}
      preset={params ? parsePreset(params) : undefined}
      shipped={shippedRef(experiment, params)}
    />
  );
}
