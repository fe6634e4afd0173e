import type { Metadata } from 'next';
import { LectureApp } from '@/components/lecture/LectureApp';
import { THUMB_HEIGHT, THUMB_WIDTH, type SceneData } from '@/components/lecture/types';
import { getChapter } from '@/content/compile';
import { lecture } from '@/content/lecture';
import { checkLecture } from '@/content/lectureCheck';
import { presetValues, shippedRef, shippedResult } from '@/content/results';
import { toc } from '@/content/toc';
import { sparklinePaths } from '@/lib/sparkline';
import { getExperimentInfo } from '@/sims/experiments/catalog';

export const metadata: Metadata = {
  title: 'Lecture mode',
  description:
    'Every figure of the tutorial as a scene to project: build a deck, present it with a clicker and presenter notes.',
};

/** Every scene with its presets, build-time results and thumbnails, in chapter order (checked as it is built). */
async function scenes(): Promise<SceneData[]> {
  const figures = new Map<string, string>();
  for (const entry of toc) for (const id of (await getChapter(entry.slug)).figures) figures.set(id, entry.slug);
  checkLecture(lecture, figures);
  const order = (slug: string) => toc.findIndex((c) => c.slug === slug);
  return [...lecture]
    .sort((a, b) => order(a.chapter) - order(b.chapter))
    .map((scene) => {
      const info = getExperimentInfo(scene.experiment)!;
      const chapter = toc.find((c) => c.slug === scene.chapter)!;
      return {
        experiment: scene.experiment,
        title: info.title,
        takeaway: scene.takeaway,
        chapter: { slug: chapter.slug, number: chapter.number, title: chapter.title },
        presets: scene.presets.map((p) => {
          const result = shippedResult(scene.experiment, p.params);
          return {
            id: p.id,
            label: p.label,
            values: presetValues(scene.experiment, p.params),
            shipped: shippedRef(scene.experiment, p.params),
            thumbnail: sparklinePaths(
              scene.thumbnail.series.map((s) => result.series[s] ?? []),
              {
                width: THUMB_WIDTH,
                height: THUMB_HEIGHT,
                pad: 6,
                logX: scene.thumbnail.logX,
                logY: scene.thumbnail.logY,
              },
            ),
          };
        }),
        thumbnailLabels: [...scene.thumbnail.series],
        say: [...scene.say],
        ask: scene.ask,
      };
    });
}

export default async function LecturePage() {
  return <LectureApp scenes={await scenes()} />;
}
