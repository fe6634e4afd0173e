/**
 * Which widget draws which experiment. An experiment without an entry gets the generic figure (all its series on
 * one chart). Chapters place widgets by name through the MDX vocabulary; the lab and lecture mode go through here.
 */
import type { ComponentType } from 'react';

export const widgets: Record<string, ComponentType> = {};
