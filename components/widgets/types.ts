/** What every experiment widget accepts, so the lab, chapters and lecture mode can place any of them. */
export interface WidgetProps {
  /** URL prefix for this figure's state (default: the experiment id). Needed when one page shows it twice. */
  urlKey?: string;
  /** Parameter values this figure starts from instead of the experiment's defaults. */
  preset?: Record<string, unknown>;
}
