/**
 * Which widget draws which experiment. An experiment without an entry gets the generic figure (all its series on
 * one chart). The lab (and later lecture mode) go through here; chapters place widgets through the MDX vocabulary.
 */
import type { ComponentType } from 'react';
import { BcCarWidget } from './BcCarWidget';
import { BcLaneWidget } from './BcLaneWidget';
import { DaggerCarWidget } from './DaggerCarWidget';
import { DaggerLaneWidget } from './DaggerLaneWidget';
import { ExposureBiasWidget } from './ExposureBiasWidget';
import { GatewalkHorizonWidget } from './GatewalkHorizonWidget';
import { LaneHorizonWidget } from './LaneHorizonWidget';
import { NoiseInjectionWidget } from './NoiseInjectionWidget';
import { TwoWorldsWidget } from './TwoWorldsWidget';
import type { WidgetProps } from './types';

export const widgets: Record<string, ComponentType<WidgetProps>> = {
  'bc-car': BcCarWidget,
  'bc-lane': BcLaneWidget,
  'dagger-car': DaggerCarWidget,
  'dagger-lane': DaggerLaneWidget,
  'exposure-bias': ExposureBiasWidget,
  'gatewalk-horizon': GatewalkHorizonWidget,
  'lane-horizon': LaneHorizonWidget,
  'noise-injection': NoiseInjectionWidget,
  'two-worlds': TwoWorldsWidget,
};
