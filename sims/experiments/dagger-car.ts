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
 *                Each method is one call to its algorithm: runDart with noise 0 (BC given a lap more per round),
 *                runDagger (from BC's first network, the same fit), runDart with the DART noise (sims/algos/).
 *   race         after every round the three networks (and the expert) drive `RACES` races from the same starts
 *                through the same trembles; the off-track time is the mean over those races. It is the task's
 *                evaluation, so the algorithms report it with each round.
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
 *            offTrack/bc/lowest, offTrack/bc/highest (s: the least and the most of BC's curve over all budgets, means
 *            over seeds: more clean laps leave it in this range),
 *            ratio/daggerOverBc, ratio/dartOverBc (omitted when BC never leaves the track), labels (at the largest
 *            budget), rounds, seeds, races, race/offTrack/<method> (s, in the race shown)
 *   trajectories  expert, bc, dagger, dart: x (m), y (m), heading θ (rad), lateral offset e (m); race 0 of the first
 *            seed at the largest budget; dims [H + 1, 4]
 *   extras   DaggerCarExtras (dagger-car.params.ts): dt, halfWidth, crashOffset, races, horizon, labelsPerRound,
 *            perSeed: { <driver>: number[] } (off-track time at the largest budget per seed)
 */
import { makeRng } from '../../lib/rng';
import {
  CAR_LEARNER,
  carExpert,
  carLearnerTask,
  race,
  raceFrames,
  scaledPolicy,
  type InputScaling,
  type RaceLane,
} from '../algos/carTask';
import { firstRoundExpert, runDagger } from '../algos/dagger';
import { runDart } from '../algos/dart';
import { greedyPolicy, type AlgoProgress, type ImitationTask, type LearnerConfig } from '../algos/task';
import type { Policy } from '../core/rollout';
import { carEnv, type CarParams } from '../envs/car';
import type { MlpWeights } from '../policies/weights';
import {
  DAGGER_CAR_METHODS,
  daggerCarInfo,
  type DaggerCarDriver,
  type DaggerCarMethod,
  type DaggerCarResult,
} from './dagger-car.params';
import { progressReporter } from './progress';
import { defineExperiment, throwIfAborted, type Point } from './types';

/** Steps per lap of labels and per race (30 s). */
export const HORIZON = 300;
/** Races per evaluation (each method, each round). */
const RACES = 3;
/** Optimiser steps of a warm-started retraining (the first fit of each method uses CAR_LEARNER's 100). */
const RETRAIN_STEPS = 40;
/** bc-car's learner, retrained warm for RETRAIN_STEPS after each new lap. */
const RACE_LEARNER: LearnerConfig = { ...CAR_LEARNER, retrain: { steps: RETRAIN_STEPS } };

export const daggerCarExperiment = defineExperiment(daggerCarInfo, async (p, { seed, signal, onProgress }) => {
  throwIfAborted(signal);
  const { rounds, seeds, noise: dartNoise } = p;
  const params: Partial<CarParams> = { trembleProb: p.epsilon, horizon: HORIZON };
  const env = { ...carEnv.defaults, ...params };
  const dt = env.dt;
  const report = progressReporter<DaggerCarResult>(onProgress);

  // offTrack[method][round][seedIndex] (s per race, mean over races); labels[round]
  const off: Record<DaggerCarDriver, number[][]> = { bc: [], dagger: [], dart: [], expert: [] };
  for (const key of [...DAGGER_CAR_METHODS, 'expert'] as const)
    for (let r = 0; r <= rounds; r++) off[key].push(new Array<number>(seeds).fill(NaN));
  const labels: number[] = [];
  let shown: Record<string, RaceLane> | undefined;

  /** Mean and min–max band over the seeds run so far, per round (rounds not yet run are left out). */
  const buildSeries = (seedsDone: number): DaggerCarResult['series'] => {
    const curve = (key: DaggerCarDriver): Point[] => {
      const pts: Point[] = [];
      for (let r = 0; r <= rounds; r++) {
        const vals = off[key][r].slice(0, seedsDone).filter((v) => Number.isFinite(v));
        if (vals.length === 0 || labels[r] === undefined) continue;
        pts.push({
          x: labels[r],
          y: vals.reduce((s, v) => s + v, 0) / vals.length,
          lo: Math.min(...vals),
          hi: Math.max(...vals),
        });
      }
      return pts;
    };
    return {
      'offTrack/bc': curve('bc'),
      'offTrack/dagger': curve('dagger'),
      'offTrack/dart': curve('dart'),
      'offTrack/expert': curve('expert'),
    };
  };

  for (let si = 0; si < seeds; si++) {
    const root = makeRng(seed + si);

    // The races: every driver, after every round, from the same starts through the same trembles.
    const raceRng = root.stream('races');
    const offTrackTime = (policy: Policy) => {
      let steps = 0;
      for (let i = 0; i < RACES; i++)
        steps += race([{ key: 'car', policy }], params, HORIZON, raceRng.stream(`race/${i}`)).car.totalOffTrack;
      return (steps / RACES) * dt;
    };
    // The car in the learner's coordinates, standardised by the first lap the algorithm will draw (its 'demos'
    // stream; DART's lap is shaken), and evaluated by racing the greedy network.
    const racingTask = (noise: number) => {
      const { task, scaling } = carLearnerTask(params, 'standardised', {
        nDemos: 1,
        horizon: HORIZON,
        rng: root.stream('demos'),
        noise,
      });
      const raced: ImitationTask = {
        ...task,
        evaluate: (weights) => offTrackTime(scaledPolicy(greedyPolicy(weights), scaling)),
      };
      return { task: raced, scaling };
    };
    const clean = racingTask(0);
    const shaky = racingTask(dartNoise);

    /** Options of one method's run: abort, its share of the progress bar, its off-track curve as rounds finish. */
    const tracked = (m: DaggerCarMethod, index: number) => ({
      signal,
      onProgress: (ap: AlgoProgress) =>
        report(
          (si * DAGGER_CAR_METHODS.length + index + ap.fraction) / (seeds * DAGGER_CAR_METHODS.length),
          `seed ${si + 1}/${seeds}, ${m}: ${ap.message}`,
          () => ({ metrics: {}, series: buildSeries(si + 1) }),
        ),
      onRound: (r: { round: number; dataSize: number; cost?: number }) => {
        off[m][r.round][si] = r.cost!;
        if (m === 'bc') labels[r.round] = r.dataSize;
      },
    });
    const laps = { nDemos: 1, horizon: HORIZON, nRounds: rounds, warmStart: true, learner: RACE_LEARNER };

    // BC: one clean lap, then one more clean lap per round (DART's loop with a steady hand is BC given more laps).
    const bc = await runDart(clean.task, { ...laps, demosPerRound: 1, noise: 0 }, root, tracked('bc', 0));
    // DAgger: the same first lap and first network, then each round one lap driven by its own network (β = 0),
    // labelled by the expert.
    const dagger = await runDagger(
      clean.task,
      { ...laps, rolloutsPerRound: 1, beta: firstRoundExpert, initialLearner: bc.rounds[0].weights },
      root,
      tracked('dagger', 1),
    );
    // DART: every lap driven by the expert under the DART tremble, labelled with what it meant to do.
    const dart = await runDart(shaky.task, { ...laps, demosPerRound: 1, noise: dartNoise }, root, tracked('dart', 2));

    // The expert meets the same races every round.
    const expert = carExpert(env);
    const expertOffTrack = offTrackTime(expert);
    for (const perSeed of off.expert) perSeed[si] = expertOffTrack;
    // The race shown: race 0 of the first seed, at the largest budget.
    if (si === 0) {
      const final = (weights: MlpWeights, scaling: InputScaling) => scaledPolicy(greedyPolicy(weights), scaling);
      shown = race(
        [
          { key: 'expert', policy: expert },
          { key: 'bc', policy: final(bc.weights, clean.scaling) },
          { key: 'dagger', policy: final(dagger.weights, clean.scaling) },
          { key: 'dart', policy: final(dart.weights, shaky.scaling) },
        ],
        params,
        HORIZON,
        raceRng.stream('race/0'),
      );
    }
    throwIfAborted(signal);
  }

  const series = buildSeries(seeds);
  const last = (key: DaggerCarDriver) => off[key][rounds].reduce((s, v) => s + v, 0) / seeds;
  const bc = last('bc');
  const lanes = shown!;
  const result: DaggerCarResult = {
    metrics: {
      'offTrack/bc': bc,
      'offTrack/dagger': last('dagger'),
      'offTrack/dart': last('dart'),
      'offTrack/expert': last('expert'),
      'offTrack/bc/lowest': Math.min(...series['offTrack/bc'].map((q) => q.y)),
      'offTrack/bc/highest': Math.max(...series['offTrack/bc'].map((q) => q.y)),
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
      perSeed: { bc: off.bc[rounds], dagger: off.dagger[rounds], dart: off.dart[rounds], expert: off.expert[rounds] },
    },
  };
  report(1, 'done', () => result, true);
  return result;
});
