import type { ShippedResult } from '@/components/hooks/useExperiment';
import type { Result } from '@/sims/experiments/types';

/** What every experiment widget accepts, so the lab, chapters and lecture mode can place any of them. */
export interface WidgetProps<R extends Result = Result> {
  /** URL prefix for this figure's state (default: the experiment id). Needed when one page shows it twice. */
  urlKey?: string;
  /** Parameter values this figure starts from instead of the experiment's defaults. */
  preset?: Record<string, unknown>;
  /** The build-time result of the figure's starting configuration (preset and default seed). */
  shipped?: ShippedResult<R>;
}
