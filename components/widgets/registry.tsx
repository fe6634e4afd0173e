'use client';

/**
 * Which widget draws which experiment. An experiment without an entry gets the generic figure (all its series on
 * one chart). The lab and chapters go through here.
 *
 * Each widget is its own chunk (a dynamic import), which LiveWidget loads when its figure nears the viewport: a
 * chapter's first load carries neither Recharts nor any figure's code, and a figure's code is parsed only when the
 * reader gets near it. Widgets render only in the browser anyway (they compute in a worker).
 */
import type { ComponentType } from 'react';
import type { ExperimentId, ResultOfId } from '@/sims/experiments/catalog';
import type { WidgetProps } from './types';

/** A widget's module loader per experiment id (a key that is not an experiment id does not compile). */
export type WidgetLoaders = { [Id in ExperimentId]?: () => Promise<ComponentType<WidgetProps<ResultOfId<Id>>>> };

export const widgetLoaders: WidgetLoaders = {
  'averaging-quadratic': () => import('./AveragingQuadraticWidget').then((m) => m.AveragingQuadraticWidget),
  'gva-pendulum': () => import('./GvaPendulumWidget').then((m) => m.GvaPendulumWidget),
  'bc-car': () => import('./BcCarWidget').then((m) => m.BcCarWidget),
  'bc-lane': () => import('./BcLaneWidget').then((m) => m.BcLaneWidget),
  'cliff-road': () => import('./CliffRoadWidget').then((m) => m.CliffRoadWidget),
  'cot-parity': () => import('./CotParityWidget').then((m) => m.CotParityWidget),
  coverage: () => import('./CoverageWidget').then((m) => m.CoverageWidget),
  'dagger-car': () => import('./DaggerCarWidget').then((m) => m.DaggerCarWidget),
  'dagger-lane': () => import('./DaggerLaneWidget').then((m) => m.DaggerLaneWidget),
  'exposure-bias': () => import('./ExposureBiasWidget').then((m) => m.ExposureBiasWidget),
  'gail-lane': () => import('./GailLaneWidget').then((m) => m.GailLaneWidget),
  chunking: () => import('./ChunkingWidget').then((m) => m.ChunkingWidget),
  'fork-in-the-road': () => import('./ForkWidget').then((m) => m.ForkWidget),
  'gatewalk-horizon': () => import('./GatewalkHorizonWidget').then((m) => m.GatewalkHorizonWidget),
  'human-dagger': () => import('./HumanDaggerWidget').then((m) => m.HumanDaggerWidget),
  'lane-horizon': () => import('./LaneHorizonWidget').then((m) => m.LaneHorizonWidget),
  misspecification: () => import('./MisspecificationWidget').then((m) => m.MisspecificationWidget),
  'noise-injection': () => import('./NoiseInjectionWidget').then((m) => m.NoiseInjectionWidget),
  tasil: () => import('./TasilWidget').then((m) => m.TasilWidget),
  'two-worlds': () => import('./TwoWorldsWidget').then((m) => m.TwoWorldsWidget),
};

/** The fallback figure for experiments without a widget of their own (takes the experiment's id). */
export const loadGenericFigure = () => import('./GenericById').then((m) => m.GenericById);
