'use client';

/**
 * Which widget draws which experiment. An experiment without an entry gets the generic figure (all its series on
 * one chart). The lab and chapters go through here.
 *
 * Each widget is its own chunk, loaded when a page shows it (next/dynamic): a chapter's first load carries neither
 * Recharts nor the other chapters' figures. Widgets render only in the browser anyway (they compute in a worker).
 */
import dynamic from 'next/dynamic';
import type { ComponentType } from 'react';
import type { ExperimentId, ResultOfId } from '@/sims/experiments/catalog';
import type { WidgetProps } from './types';

function WidgetLoading() {
  return (
    <div className="widget-loading" role="status">
      Loading the figure…
    </div>
  );
}

/** A widget per experiment id (a key that is not an experiment id does not compile). */
export type WidgetRegistry = { [Id in ExperimentId]?: ComponentType<WidgetProps<ResultOfId<Id>>> };

export const widgets: WidgetRegistry = {
  'averaging-quadratic': dynamic(() => import('./AveragingQuadraticWidget').then((m) => m.AveragingQuadraticWidget), {
    ssr: false,
    loading: WidgetLoading,
  }),
  'gva-pendulum': dynamic(() => import('./GvaPendulumWidget').then((m) => m.GvaPendulumWidget), {
    ssr: false,
    loading: WidgetLoading,
  }),
  'bc-car': dynamic(() => import('./BcCarWidget').then((m) => m.BcCarWidget), { ssr: false, loading: WidgetLoading }),
  'bc-lane': dynamic(() => import('./BcLaneWidget').then((m) => m.BcLaneWidget), {
    ssr: false,
    loading: WidgetLoading,
  }),
  'cliff-road': dynamic(() => import('./CliffRoadWidget').then((m) => m.CliffRoadWidget), {
    ssr: false,
    loading: WidgetLoading,
  }),
  'cot-parity': dynamic(() => import('./CotParityWidget').then((m) => m.CotParityWidget), {
    ssr: false,
    loading: WidgetLoading,
  }),
  coverage: dynamic(() => import('./CoverageWidget').then((m) => m.CoverageWidget), {
    ssr: false,
    loading: WidgetLoading,
  }),
  'dagger-car': dynamic(() => import('./DaggerCarWidget').then((m) => m.DaggerCarWidget), {
    ssr: false,
    loading: WidgetLoading,
  }),
  'dagger-lane': dynamic(() => import('./DaggerLaneWidget').then((m) => m.DaggerLaneWidget), {
    ssr: false,
    loading: WidgetLoading,
  }),
  'exposure-bias': dynamic(() => import('./ExposureBiasWidget').then((m) => m.ExposureBiasWidget), {
    ssr: false,
    loading: WidgetLoading,
  }),
  'gail-lane': dynamic(() => import('./GailLaneWidget').then((m) => m.GailLaneWidget), {
    ssr: false,
    loading: WidgetLoading,
  }),
  chunking: dynamic(() => import('./ChunkingWidget').then((m) => m.ChunkingWidget), {
    ssr: false,
    loading: WidgetLoading,
  }),
  'fork-in-the-road': dynamic(() => import('./ForkWidget').then((m) => m.ForkWidget), {
    ssr: false,
    loading: WidgetLoading,
  }),
  'gatewalk-horizon': dynamic(() => import('./GatewalkHorizonWidget').then((m) => m.GatewalkHorizonWidget), {
    ssr: false,
    loading: WidgetLoading,
  }),
  'human-dagger': dynamic(() => import('./HumanDaggerWidget').then((m) => m.HumanDaggerWidget), {
    ssr: false,
    loading: WidgetLoading,
  }),
  'lane-horizon': dynamic(() => import('./LaneHorizonWidget').then((m) => m.LaneHorizonWidget), {
    ssr: false,
    loading: WidgetLoading,
  }),
  misspecification: dynamic(() => import('./MisspecificationWidget').then((m) => m.MisspecificationWidget), {
    ssr: false,
    loading: WidgetLoading,
  }),
  'noise-injection': dynamic(() => import('./NoiseInjectionWidget').then((m) => m.NoiseInjectionWidget), {
    ssr: false,
    loading: WidgetLoading,
  }),
  tasil: dynamic(() => import('./TasilWidget').then((m) => m.TasilWidget), { ssr: false, loading: WidgetLoading }),
  'two-worlds': dynamic(() => import('./TwoWorldsWidget').then((m) => m.TwoWorldsWidget), {
    ssr: false,
    loading: WidgetLoading,
  }),
};

/** The fallback figure for experiments without a widget of their own (takes the experiment's id). */
export const GenericFigure = dynamic(() => import('./GenericById').then((m) => m.GenericById), {
  ssr: false,
  loading: WidgetLoading,
});
