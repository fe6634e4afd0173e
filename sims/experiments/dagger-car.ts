/**
 * `dagger-car` — the race (SCIENCE.md "Chapter: DAgger"): BC, DAgger and DART learn to drive the car of `bc-car`
 * (sims/envs/car.ts, sims/algos/carTask.ts) from the same number of expert labels, then race through the same trembles.
 *
 *   round 0      every method starts from one expert lap of `HORIZON` steps: clean for BC and DAgger (the same lap,
 *                so their first networks are identical), under the DART tremble for DART (labels: what the expert
 *                meant). Inputs are standardised by each method's own first data (as in bc-car).
 *   round i      each method gets one more lap of expert labels and retrains on all its data (warm start, the same
 *                optimiser budget for everyone): BC another clean lap, DART another noisy lap, DAgger the states its
 *                own current network visits when it drives (β = 0 after round 0), labelled by the expert.
 *   race         after every round the three networks (and the expert) drive `RACES` races from the same starts
 *                through the same trembles; the off-track time is the mean over those races.
 *   seeds        the whole run is repeated for `seeds` training seeds (seed, seed + 1, …); the curves are the mean
 *                with a min–max band. The published figure uses 5; the default is 1 (band over the races' mean only
 *                then collapses) to keep the run short: 10 small trainings (100 steps each first fit, then
 *                RETRAIN_STEPS = 40 warm-started) per seed, ≈ 1.2 s per seed in Node on this machine when it is not
 *                saturated.
 *
 * Result
 *   series   offTrack/bc, offTrack/dagger, offTrack/dart, offTrack/expert: {x: expert labels, y: off-track time (s)
 *            per race, mean over seeds, lo/hi: min/max over seeds}
 *   metrics  offTrack/bc, offTrack/dagger, offTrack/dart, offTrack/expert (s, at the largest budget, mean over seeds),
 *            ratio/daggerOverBc, ratio/dartOverBc (omitted when BC never leaves the track), labels (at the largest
 *            budget), rounds, seeds, races, race/offTrack/<method> (s, in the race shown)
 *   trajectories  expert, bc, dagger, dart: x (m), y (m), heading θ (rad), lateral offset e (m); race 0 of the first
 *            seed at the largest budget; dims [H + 1, 4]
 *   extras   dt, halfWidth, crashOffset, races, horizon, labelsPerRound, perSeed: { <method>: number[] } (off-track
 *            time at the largest budget per seed)
 */
import { parseParams } from '../../lib/params';
import { makeRng } from '../../lib/rng';
import { CAR_LEARNER, carExpert, carLearnerTask, race, raceFrames, scaledPolicy, type RaceLane } from '../algos/carTask';
import { aggregate, greedyPolicy, learnerSpec, type LabelledData } from '../algos/task';
import { carEnv, type CarParams } from '../envs/car';
import { trainMlp } from '../policies/mlp';
import type { MlpWeights } from '../policies/weights';
import { daggerCarInfo } from './dagger-car.params';
import { progressReporter } from './progress';
import { checkpoint, defineExperiment, throwIfAborted, type Point, type Result } from './types';

/** Steps per lap of labels and per race (30 s). */
export const HORIZON = 300;
/** Races per evaluation (each method, each round). */
const RACES = 3;
/** Optimiser steps of a warm-started retraining (the first fit of each method uses CAR_LEARNER's 100). */
const RETRAIN_STEPS = 40;
const METHODS = ['bc', 'dagger', 'dart'] as const;
type Method = (typeof METHODS)[number];

export const daggerCarExperiment = defineExperiment(daggerCarInfo, async (raw, { seed, signal, onProgress }) => {
  const p = parseParams(daggerCarInfo.params, raw).values;
  throwIfAborted(signal);
  const { rounds, seeds, noise: dartNoise } = p;
  const params: Partial<CarParams> = { trembleProb: p.epsilon, horizon: HORIZON };
  const env = { ...carEnv.defaults, ...params };
  const dt = env.dt;
  const report = progressReporter(onProgress);
  const totalTrainings = seeds * (rounds + 1) * METHODS.length;
  let trainings = 0;

  // offTrack[method][round][seedIndex] (s per race, mean over races); labels[round]
  const off: Record<Method | 'expert', number[][]> = { bc: [], dagger: [], dart: [], expert: [] };
  for (const key of Object.keys(off) as (Method | 'expert')[])
    for (let r = 0; r <= rounds; r++) off[key].push(new Array<number>(seeds).fill(NaN));
  const labels: number[] = [];
  let shown: Record<string, RaceLane> | undefined;
  let shownPartial: Result['series'] = {};

  const buildSeries = (upTo: number, seedsDone: number): Result['series'] => {
    const series: Result['series'] = {};
    for (const key of [...METHODS, 'expert'] as const) {
      const pts: Point[] = [];
      for (let r = 0; r <= upTo; r++) {
        const vals = off[key][r].slice(0, seedsDone).filter((v) => Number.isFinite(v));
        if (vals.length === 0 || labels[r] === undefined) continue;
        pts.push({
          x: labels[r],
          y: vals.reduce((s, v) => s + v, 0) / vals.length,
          lo: Math.min(...vals),
          hi: Math.max(...vals),
        });
      }
      series[`offTrack/${key}`] = pts;
    }
    return series;
  };

  for (let si = 0; si < seeds; si++) {
    const root = makeRng(seed + si);
    const demoRng = root.stream('demos');
    const tasks = {
      bc: carLearnerTask(params, 'standardised', { nDemos: 1, horizon: HORIZON, rng: demoRng.stream('0') }),
      dagger: carLearnerTask(params, 'standardised', { nDemos: 1, horizon: HORIZON, rng: demoRng.stream('0') }),
      dart: carLearnerTask(params, 'standardised', {
        nDemos: 1,
        horizon: HORIZON,
        rng: demoRng.stream('0'),
        noise: dartNoise,
      }),
    };
    const data: Record<Method, LabelledData> = {
      bc: tasks.bc.task.demonstrate(1, HORIZON, demoRng.stream('0')),
      dagger: tasks.dagger.task.demonstrate(1, HORIZON, demoRng.stream('0')),
      dart: tasks.dart.task.demonstrate(1, HORIZON, demoRng.stream('0'), dartNoise),
    };
    const weights: Partial<Record<Method, MlpWeights>> = {};
    const spec = learnerSpec(tasks.bc.task, CAR_LEARNER);

    for (let r = 0; r <= rounds; r++) {
      await checkpoint(signal);
      if (r > 0) {
        // One more lap of expert labels for each method.
        const lapRng = demoRng.stream(String(r));
        data.bc = aggregate(data.bc, tasks.bc.task.demonstrate(1, HORIZON, lapRng));
        data.dart = aggregate(data.dart, tasks.dart.task.demonstrate(1, HORIZON, lapRng, dartNoise));
        const dagger = tasks.dagger.task;
        const visited = dagger.visit(greedyPolicy(weights.dagger!), 1, HORIZON, root.stream(`dagger/${r}`));
        data.dagger = aggregate(data.dagger, { x: visited.x, y: dagger.label(visited.x, visited.n), n: visited.n });
      }
      for (const m of METHODS) {
        // BC and DAgger share round 0 (the same lap, scaling and training stream): train it once.
        if (r === 0 && m === 'dagger') {
          weights.dagger = weights.bc;
          trainings++;
          continue;
        }
        const train = r === 0 ? CAR_LEARNER.train : { ...CAR_LEARNER.train, steps: RETRAIN_STEPS };
        const trained = await trainMlp(spec, data[m], train, root.stream(`train/${m}/${r}`), {
          signal,
          init: weights[m],
          onProgress: (tp) =>
            report(
              (trainings + (tp.step + 1) / tp.steps) / totalTrainings,
              `seed ${si + 1}/${seeds}, round ${r}/${rounds}: training ${m}`,
              () => ({ metrics: {}, series: shownPartial }),
            ),
        });
        weights[m] = trained.weights;
        trainings++;
        throwIfAborted(signal);
      }
      labels[r] = data.bc.n;

      // Race: the three learners and the expert through the same trembles (the same races every round).
      const drivers = [
        { key: 'expert', policy: carExpert(env) },
        ...METHODS.map((m) => ({ key: m, policy: scaledPolicy(greedyPolicy(weights[m]!), tasks[m].scaling) })),
      ];
      const raceRng = root.stream('races');
      const totals: Record<string, number> = { expert: 0, bc: 0, dagger: 0, dart: 0 };
      for (let i = 0; i < RACES; i++) {
        const lanes = race(drivers, params, HORIZON, raceRng.stream(`race/${i}`));
        for (const key of Object.keys(totals)) totals[key] += lanes[key].totalOffTrack;
        if (si === 0 && r === rounds && i === 0) shown = lanes;
      }
      for (const key of Object.keys(totals)) off[key as Method | 'expert'][r][si] = (totals[key] / RACES) * dt;
      shownPartial = buildSeries(si === 0 ? r : rounds, si === 0 ? 1 : si + 1);
    }
  }

  const series = buildSeries(rounds, seeds);
  const last = (key: Method | 'expert') => off[key][rounds].reduce((s, v) => s + v, 0) / seeds;
  const bc = last('bc');
  const lanes = shown!;
  const result: Result = {
    metrics: {
      'offTrack/bc': bc,
      'offTrack/dagger': last('dagger'),
      'offTrack/dart': last('dart'),
      'offTrack/expert': last('expert'),
      ...(bc > 0 ? { 'ratio/daggerOverBc': last('dagger') / bc, 'ratio/dartOverBc': last('dart') / bc } : {}),
      labels: labels[rounds],
      rounds,
      seeds,
      races: RACES,
      'race/offTrack/expert': lanes.expert.totalOffTrack * dt,
      'race/offTrack/bc': lanes.bc.totalOffTrack * dt,
      'race/offTrack/dagger': lanes.dagger.totalOffTrack * dt,
      'race/offTrack/dart': lanes.dart.totalOffTrack * dt,
    },
    series,
    trajectories: {
      expert: raceFrames(lanes.expert),
      bc: raceFrames(lanes.bc),
      dagger: raceFrames(lanes.dagger),
      dart: raceFrames(lanes.dart),
    },
    extras: {
      dt,
      halfWidth: env.halfWidth,
      crashOffset: env.crashOffset,
      races: RACES,
      horizon: HORIZON,
      labelsPerRound: HORIZON,
      perSeed: Object.fromEntries([...METHODS, 'expert'].map((m) => [m, off[m as Method][rounds]])),
    },
  };
  report(1, 'done', () => result, true);
  return result;
});
