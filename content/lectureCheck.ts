/**
 * Build-time checks of the lecture content (content/lecture.ts), in the spirit of compile.ts for chapters: any
 * problem fails the build with every reason at once. Run by scripts/results.ts (before any result is computed) and
 * by the /lecture/ page as it is built.
 */
import { parseParams, parsePreset } from '../lib/params';
import { getExperimentInfo } from '../sims/experiments/catalog';
import type { LectureScene } from './lecture';

export class LectureError extends Error {}

const PRESET_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** Every problem with the lecture scenes, as readable lines (empty when all is well). */
export function lectureProblems(
  scenes: readonly LectureScene[],
  chapterFigures?: ReadonlyMap<string, string>,
): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [i, scene] of scenes.entries()) {
    const where = `lecture.ts scene ${i + 1} (${scene.experiment})`;
    const info = getExperimentInfo(scene.experiment);
    if (!info) {
      problems.push(`${where}: unknown experiment "${scene.experiment}"`);
      continue;
    }
    if (seen.has(scene.experiment)) problems.push(`${where}: a second scene for the same experiment`);
    seen.add(scene.experiment);
    if (chapterFigures && chapterFigures.get(scene.experiment) !== scene.chapter) {
      const actual = chapterFigures.get(scene.experiment);
      problems.push(
        `${where}: chapter "${scene.chapter}" ${actual ? `should be "${actual}" (where its figure is)` : 'shows no such figure'}`,
      );
    }
    if (!scene.takeaway.trim()) problems.push(`${where}: empty takeaway`);
    if (!scene.ask.trim() || scene.say.length === 0)
      problems.push(`${where}: presenter notes need "say" lines and a question to "ask"`);
    if (scene.presets.length < 2 || scene.presets.length > 5)
      problems.push(`${where}: ${scene.presets.length} presets (2–5 expected)`);
    const ids = new Set<string>();
    for (const preset of scene.presets) {
      if (!PRESET_ID.test(preset.id))
        problems.push(`${where}: preset id "${preset.id}" must be lower-case letters, digits and hyphens`);
      if (ids.has(preset.id)) problems.push(`${where}: duplicate preset id "${preset.id}"`);
      ids.add(preset.id);
      if (!preset.label.trim()) problems.push(`${where}: preset "${preset.id}" has no label`);
      // Strict: a preset that would need any correction (clamping, an unknown key, garbage) is a content error.
      for (const notice of parseParams(info.params, parsePreset(preset.params)).notices) {
        problems.push(`${where}: preset "${preset.id}" (${preset.params}): ${notice.message}`);
      }
    }
    for (const s of scene.thumbnail.series) {
      if (!info.result.series.includes(s)) {
        problems.push(
          `${where}: thumbnail series "${s}" is not a series of ${info.id} (declared: ${info.result.series.join(', ')})`,
        );
      }
    }
  }
  if (chapterFigures) {
    for (const [experiment, chapter] of chapterFigures) {
      if (!seen.has(experiment))
        problems.push(`lecture.ts: the figure ${experiment} of chapter "${chapter}" has no scene`);
    }
  }
  return problems;
}

/** Throws a LectureError listing every problem. */
export function checkLecture(scenes: readonly LectureScene[], chapterFigures?: ReadonlyMap<string, string>): void {
  const problems = lectureProblems(scenes, chapterFigures);
  if (problems.length > 0)
    throw new LectureError(`The lecture content (content/lecture.ts) is invalid:\n- ${problems.join('\n- ')}`);
}
