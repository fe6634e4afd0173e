/**
 * The parameter vocabulary: one key for one quantity across every experiment. Keys are public — they appear in
 * shared links (`?dagger-lane.epsilon=0.05`) and on the command line (`--set epsilon=0.05`) — so an experiment that
 * has one of these quantities uses its key, and no experiment uses a key listed under `avoid`. A unit test checks
 * every schema against this list, and `npm run sim -- list` prints it.
 */
export interface VocabularyEntry {
  /** What the key means, in every experiment that has it. */
  meaning: string;
  /** Other names for the same quantity that must not be used. */
  avoid: readonly string[];
}

export const PARAM_VOCABULARY = {
  epsilon: {
    meaning: 'the tremble: probability that a deployed policy’s executed action is random (per step)',
    avoid: ['tremble', 'trembleProb', 'eps'],
  },
  horizon: { meaning: 'steps per episode H', avoid: ['H', 'steps', 'episodeLength'] },
  hMin: { meaning: 'the shortest horizon of a sweep over H', avoid: ['minH', 'horizonMin'] },
  hMax: { meaning: 'the longest horizon of a sweep over H', avoid: ['maxH', 'horizonMax'] },
  nDemos: { meaning: 'expert demonstrations (episodes) to learn from', avoid: ['demos', 'nDemonstrations', 'n'] },
  rounds: { meaning: 'rounds of interactive data collection (DAgger, on-policy distillation)', avoid: ['nRounds', 'nIterations'] },
  queries: { meaning: 'states the expert is asked to label per round of interactive collection', avoid: ['queriesPerRound', 'nQueries'] },
  rolloutsPerRound: { meaning: 'learner episodes per round of interactive collection', avoid: ['nRollouts', 'perRound'] },
  noise: {
    meaning: 'noise injected into the demonstrator’s executed actions (DART, noise injection)',
    avoid: ['dartNoise', 'injectedNoise', 'sigmaU'],
  },
  seeds: { meaning: 'training seeds averaged inside one run (seed, seed + 1, …)', avoid: ['nSeeds'] },
  a: { meaning: 'the open-loop rate of the linear system x_{t+1} = a·x_t + …', avoid: ['rate', 'openLoop'] },
  encoding: { meaning: 'how a discrete state is fed to the network (scalar, one-hot, …)', avoid: ['stateEncoding'] },
  datasets: {
    meaning: 'independent data sets (corpora, demonstration sets) averaged at each point of an exact-mode curve',
    avoid: ['nDatasets', 'replicates'],
  },
  learner: { meaning: 'how the policy is fit from its data (an exact estimator, a trained network, gradient descent, …)', avoid: ['fitter', 'solver'] },
  N: { meaning: 'the Best-of-N budget: samples drawn at test time, of which a verifier keeps a correct one', avoid: ['bestOfN', 'budget'] },
  T: { meaning: 'length of a chain of thought: generator steps before the answer', avoid: ['chainLength', 'cotLength'] },
  beta: { meaning: 'DAgger’s β schedule (probability that the expert acts in round i)', avoid: ['betaSchedule', 'mixing'] },
  iterations: {
    meaning: 'iterations of an algorithm’s outer loop (GAIL’s updates; the exact roll-in–refit cycles of DAgger, AggreVaTe and policy iteration on the cliff road)',
    avoid: ['iters', 'nIters'],
  },
  gust: { meaning: 'probability per step that a gust pushes the car one lane (cliff road)', avoid: ['pGust', 'wind'] },
  expert: { meaning: 'which expert demonstrates (e.g. the cliff road’s racer or careful driver)', avoid: ['teacher', 'demonstrator'] },
  sensor: { meaning: 'what the learner observes of the state (full, or coarse with aliased states)', avoid: ['observation', 'obs'] },
  report: { meaning: 'which iterate of an iterative learner is reported: the best (selected on validation) or the last', avoid: ['iterate'] },
  panel: { meaning: 'which variant a figure’s secondary panel shows (e.g. the cliff road’s panel B: road or bridge)', avoid: ['variant'] },
  method: { meaning: 'which learner a figure trains (e.g. bc, tasil, or BC on noise-injected demonstrations)', avoid: ['algo', 'learnerKind'] },
  trainSteps: { meaning: 'optimizer steps (minibatch gradient updates) the learner trains for', avoid: ['nSteps', 'numSteps'] },
  chunk: { meaning: 'the action-chunk length ℓ: actions a policy predicts from one state', avoid: ['chunkLength', 'ell'] },
  ema: { meaning: 'the decay γ of an exponential moving average of the iterates', avoid: ['emaDecay'] },
  bemaBurnIn: { meaning: 'steps before BEMA takes its reference snapshot θ₀ (0: the initialisation)', avoid: ['burnIn'] },
  lr: { meaning: 'the optimizer’s step size (learning rate η)', avoid: ['learningRate', 'stepSize'] },
  lambda: { meaning: 'the weight of a regulariser added to the imitation loss (TaSIL’s Jacobian-matching term)', avoid: ['jacLambda', 'jacobianWeight'] },
} as const satisfies Record<string, VocabularyEntry>;

export type VocabularyKey = keyof typeof PARAM_VOCABULARY;

/** Keys no schema may use, each with the key to use instead. */
export function avoidedKeys(): Map<string, VocabularyKey> {
  const out = new Map<string, VocabularyKey>();
  for (const [key, entry] of Object.entries(PARAM_VOCABULARY) as [VocabularyKey, VocabularyEntry][]) {
    for (const other of entry.avoid) out.set(other, key);
  }
  return out;
}
