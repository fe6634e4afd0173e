'use client';

import { LineChart } from '@/components/viz/LineChart';
import type { ExperimentInfo } from '@/sims/experiments/types';
import { ExperimentFrame } from './ExperimentFrame';
import { MetricsTable } from './MetricsTable';
import type { WidgetProps } from './types';

export interface GenericWidgetProps extends WidgetProps {
  info: ExperimentInfo;
}

/** The fallback figure for an experiment without a widget of its own: every series on one chart, and the metrics. */
export function GenericWidget({ info, urlKey, preset }: GenericWidgetProps) {
  return (
    <ExperimentFrame info={info} urlKey={urlKey} preset={preset}>
      {({ state }) => (
        <>
          <LineChart
            title={info.title}
            xLabel="x"
            yLabel="y"
            series={Object.entries(state.result?.series ?? {}).map(([key, points]) => ({ key, label: key, points, showBand: true }))}
          />
          <MetricsTable metrics={state.result?.metrics ?? {}} />
        </>
      )}
    </ExperimentFrame>
  );
}
