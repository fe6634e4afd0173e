'use client';
/**
 * Projection scale: lecture mode wraps a scene in a `ProjectorProvider`, and the viz components read it to draw for
 * the back of a hall (larger text, thicker lines, a chart sized to the screen) without forking a widget. Outside
 * lecture mode there is no provider and every component draws exactly as before.
 */
import { createContext, useContext, type ReactNode } from 'react';

export interface ProjectorScale {
  /** Axis tick labels in CSS px (captions and legends are 1 px larger). */
  fontSize: number;
  /** Data line width in CSS px. */
  strokeWidth: number;
  /** Height of a chart's plot block in CSS px (legend rows add to it). */
  chartHeight: number;
  /** The tallest an animation stage may be, in CSS px (its width shrinks to keep its aspect). */
  stageMaxHeight: number;
}

const ProjectorContext = createContext<ProjectorScale | null>(null);

/** The projection scale when drawing in a lecture scene; null in chapters and the lab. */
export function useProjector(): ProjectorScale | null {
  return useContext(ProjectorContext);
}

export function ProjectorProvider({ scale, children }: { scale: ProjectorScale; children: ReactNode }) {
  return <ProjectorContext.Provider value={scale}>{children}</ProjectorContext.Provider>;
}

/**
 * The scale for a screen of `width` × `height` CSS px: tick labels of 1/76 of the width or 1/43 of the height,
 * whichever is smaller, never under 18 px (≈ 25 px at 1920×1080, 18 px at 1024×768), lines of 3.5 px or more.
 */
export function projectorScale(width: number, height: number): ProjectorScale {
  const fontSize = Math.max(18, Math.floor(Math.min(width / 76, height / 43)));
  return {
    fontSize,
    strokeWidth: Math.max(3.5, fontSize / 6),
    chartHeight: Math.max(220, Math.round(height * 0.6)),
    stageMaxHeight: Math.max(160, Math.round(height * 0.45)),
  };
}

/** Secondary panels a widget leaves out of a lecture scene (shown as usual everywhere else). */
export function OffStage({ children }: { children: ReactNode }) {
  return useProjector() ? null : <>{children}</>;
}
