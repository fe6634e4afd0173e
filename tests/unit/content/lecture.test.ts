import { describe, expect, it } from 'vitest';
import { lecture, type LectureScene } from '@/content/lecture';
import { LectureError, checkLecture, lectureProblems } from '@/content/lectureCheck';
import { catalog } from '@/sims/experiments/catalog';

const good: LectureScene = lecture.find((s) => s.experiment === 'lane-horizon')!;

describe('lecture content', () => {
  it('is valid: every preset a valid parameter set, 2–5 per figure, notes present', () => {
    expect(lectureProblems(lecture)).toEqual([]);
  });

  it('has a scene for every experiment of the catalog (every chapter figure)', () => {
    expect(new Set(lecture.map((s) => s.experiment))).toEqual(new Set(catalog.map((e) => e.id)));
  });

  it('rejects a preset out of range, an unknown key and garbage, naming the scene and preset', () => {
    const bad: LectureScene = {
      ...good,
      presets: [
        { id: 'default', label: 'ok', params: '' },
        { id: 'too-big', label: 'x', params: 'epsilon=0.5' },
        { id: 'unknown', label: 'x', params: 'colour=red' },
        { id: 'garbage', label: 'x', params: 'hMax=lots' },
      ],
    };
    const problems = lectureProblems([bad]);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/lane-horizon.*"too-big".*outside/);
    expect(problems[1]).toMatch(/"unknown".*Unknown parameter "colour"/);
    expect(problems[2]).toMatch(/"garbage".*not a number/);
    expect(() => checkLecture([bad])).toThrow(LectureError);
  });

  it('rejects bad ids, too few presets, unknown experiments and thumbnail series, and missing figures', () => {
    const problems = lectureProblems(
      [
        { ...good, presets: [{ id: 'Bad Id', label: 'x', params: '' }] },
        { ...good, experiment: 'nope' },
        { ...good, experiment: 'bc-lane', chapter: 'behavior-cloning', thumbnail: { series: ['nope'] } },
      ],
      new Map([
        ['lane-horizon', 'compounding-error'],
        ['bc-lane', 'behavior-cloning'],
        ['dagger-car', 'dagger'],
      ]),
    );
    const text = problems.join('\n');
    expect(text).toContain('preset id "Bad Id"');
    expect(text).toContain('1 presets (2–5 expected)');
    expect(text).toContain('unknown experiment "nope"');
    expect(text).toContain('thumbnail series "nope"');
    expect(text).toContain('dagger-car of chapter "dagger" has no scene');
  });
});
