import type { ShippedResult } from '@/components/hooks/useExperiment';

/** One preset of a scene, as the lecture page hands it to the browser (plain data). */
export interface ScenePresetData {
  id: string;
  label: string;
  /** The parameter values it sets (the full, validated set). */
  values: Record<string, unknown>;
  /** Its build-time result: the scene draws it at once. */
  shipped: ShippedResult;
  /** Sparkline paths of its thumbnail, one per thumbnail series (viewBox 0 0 160 90). */
  thumbnail: string[];
}

/** One figure as a lecture scene. */
export interface SceneData {
  experiment: string;
  title: string;
  takeaway: string;
  chapter: { slug: string; number: number; title: string };
  presets: ScenePresetData[];
  /** What the thumbnail's lines are, in order (for its accessible name). */
  thumbnailLabels: string[];
  say: string[];
  ask: string;
}

export const THUMB_WIDTH = 160;
export const THUMB_HEIGHT = 90;
