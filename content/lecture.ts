/**
 * Lecture mode's content (DESIGN.md, "Lecture mode"): for every chapter figure, a one-line takeaway, a few named
 * presets (starting states an instructor can jump to with the keys 1–9) and presenter notes. Content, not code: the
 * widgets know nothing of it. Checked at build time by content/lectureCheck.ts (every preset is a valid parameter
 * set of its experiment, ids are unique, every chapter figure has a scene), and every preset's result is computed
 * by the build (scripts/results.ts), so a scene draws at once.
 *
 * Presets are written like a chapter's `<LiveFigure params>`: a query string of parameter values
 * ("epsilon=0.05&horizon=80"); '' is the experiment's defaults, as the chapter shows it.
 */

export interface LecturePreset {
  /** URL-safe name used in deck links: `lane-horizon@eps-001` (lower case letters, digits, hyphens). */
  id: string;
  /** What the instructor sees on the button and in the presenter view. */
  label: string;
  /** Parameter values, as a query string ('' = the chapter's starting state). */
  params: string;
}

export interface LectureThumbnail {
  /** Result series drawn in the thumbnail, in order (first on the bottom). */
  series: readonly string[];
  logX?: boolean;
  logY?: boolean;
}

export interface LectureScene {
  /** The experiment behind the figure (its catalog id). */
  experiment: string;
  /** The chapter whose figure this is (content/<chapter>.mdx). */
  chapter: string;
  /** One line on the slide: what the room should take away. */
  takeaway: string;
  /** 2–5 starting states; the first is what the scene opens with unless the deck says otherwise. */
  presets: readonly LecturePreset[];
  /** Presenter notes: what to say, in order. */
  say: readonly string[];
  /** The question to put to the room before revealing (often the chapter's Predict prompt). */
  ask: string;
  /** What the thumbnail on /lecture/ draws from the build-time result. */
  thumbnail: LectureThumbnail;
}

export const lecture: readonly LectureScene[] = [
  // ---- Chapter 2: behavior cloning
  {
    experiment: 'bc-lane',
    chapter: 'behavior-cloning',
    takeaway:
      'BC fits every demonstrated state and still drifts off the road: the expert never showed it how to come back.',
    presets: [
      { id: 'default', label: '20 demos, ε = 0.02', params: '' },
      { id: 'demos-100', label: '100 demonstrations', params: 'nDemos=100' },
      { id: 'horizon-128', label: 'H = 128', params: 'horizon=128' },
      { id: 'no-tremble', label: 'No tremble', params: 'epsilon=0' },
    ],
    say: [
      'Training accuracy is essentially perfect: as supervised learning this is a success.',
      'Every demonstration is in the centre lane, so the network never saw what to do anywhere else; it says "stay" everywhere.',
      'One tremble moves the BC car off centre and it stays there; the expert steers straight back.',
      'Press 2: five times the data changes nothing, because it is more of the same state.',
    ],
    ask: 'The network fits every demonstrated state. Deployed for 64 steps with a 2% tremble, how many steps will the BC car spend off centre? And the trembling expert?',
    thumbnail: { series: ['visitation/expert', 'visitation/bc'] },
  },
  {
    experiment: 'gatewalk-horizon',
    chapter: 'behavior-cloning',
    takeaway:
      'With one policy shared across steps and a success-or-failure cost, BC’s regret does not grow with the horizon.',
    presets: [
      { id: 'default', label: 'All four curves', params: '' },
      { id: 'sparse', label: 'Sparse cost only', params: 'curves=sparse' },
      { id: 'demos-80', label: 'n = 80 demonstrations', params: 'nDemos=80' },
      { id: 'gust', label: 'Hidden gust p = 0.02', params: 'gust=0.02' },
    ],
    say: [
      'Colour is the policy class (shared vs per step); line style is the cost (solid sparse, dashed dense).',
      'Solid blue is flat: sharing plus a sparse cost makes the horizon irrelevant.',
      'Without sharing each step has its own data, about n per step, and the regret grows with H.',
      'Press 4: a gust only the expert sees puts it outside the class, and the flat curve starts to climb.',
    ],
    ask: 'With one angle shared by every step and a success-or-failure cost, what happens to the regret as the horizon grows from 4 to 128 steps? And with a separate angle per step?',
    thumbnail: { series: ['sharedSparse', 'perStepSparse', 'sharedDense', 'perStepDense'], logX: true, logY: true },
  },
  // ---- Chapter 3: compounding error
  {
    experiment: 'lane-horizon',
    chapter: 'compounding-error',
    takeaway: 'BC’s cost grows like εH², DAgger’s like εH: one mistake costs BC the rest of the episode.',
    presets: [
      { id: 'default', label: 'ε = 0.02', params: '' },
      { id: 'eps-001', label: 'ε = 0.01 (half the tremble)', params: 'epsilon=0.01' },
      { id: 'eps-005', label: 'ε = 0.05', params: 'epsilon=0.05' },
      { id: 'long', label: 'H up to 200', params: 'hMax=200' },
    ],
    say: [
      'Log-log axes: slope 2 is quadratic, slope 1 linear. The dotted guides are εH²/3 and 2εH/3.',
      'BC follows the quadratic guide; DAgger sits on the expert: both recover, so each tremble costs about one step.',
      'Press 2 and compare the ratio BC/DAgger at H = 160: it grows when the tremble halves.',
    ],
    ask: 'Halve the tremble from 0.02 to 0.01. At H = 160, does BC’s cost halve as DAgger’s does? Does the gap shrink or grow?',
    thumbnail: { series: ['bc', 'dagger', 'expert'], logX: true, logY: true },
  },
  {
    experiment: 'exposure-bias',
    chapter: 'compounding-error',
    takeaway:
      'A language model trained by teacher forcing compounds its invalid tokens; on-policy distillation does not.',
    presets: [
      { id: 'default', label: 'τ = 1.5', params: '' },
      { id: 'tau-1', label: 'τ = 1 (colder)', params: 'tau=1' },
      { id: 'tau-2', label: 'τ = 2 (hotter)', params: 'tau=2' },
      { id: 'window', label: 'Window student, k = 2', params: 'student=window' },
    ],
    say: [
      'Teacher forcing is behavior cloning: the student only ever sees the teacher’s prefixes.',
      'Invalid tokens compound for BC; on-policy distillation labels the student’s own prefixes and recovers.',
      'Press 4: a student that cannot read the depth gains nothing from interaction: approximation error stays.',
    ],
    ask: 'Lower the temperature to 1. Does on-policy distillation still write far fewer invalid tokens than teacher forcing?',
    thumbnail: { series: ['invalid/bc', 'invalid/onPolicy'], logX: true, logY: true },
  },
  {
    experiment: 'two-worlds',
    chapter: 'compounding-error',
    takeaway: 'Identical demonstrations, two worlds: the data cannot tell the network which feedback sign is right.',
    presets: [
      { id: 'default', label: 'a = 0.9', params: '' },
      { id: 'decay', label: 'Weight decay 5', params: 'weightDecay=5' },
      { id: 'unstable', label: 'a = 1.05: open loop unstable', params: 'a=1.05' },
      { id: 'unstable-decay', label: 'a = 1.05 with weight decay', params: 'a=1.05&weightDecay=5' },
    ],
    say: [
      'Clean demonstrations stay on z = 0, so they never show the gain on z; the network extrapolates one.',
      'Log y axis: a straight line is geometric growth. One world diverges.',
      'Press 3: with an unstable open loop no Markov policy is stable in both worlds, weight decay or not.',
    ],
    ask: 'Set the open-loop rate a to 1.05. Which gains would keep both worlds stable now? Does weight decay still rescue the learner?',
    thumbnail: { series: ['deviation/plus', 'deviation/minus'], logY: true },
  },
  {
    experiment: 'bc-car',
    chapter: 'compounding-error',
    takeaway:
      'A cloned driver learns a narrow band around the centre line and leaves the track when a slip takes it outside.',
    presets: [
      { id: 'default', label: '10 laps, slips 0.03', params: '' },
      { id: 'no-slips', label: 'No slips', params: 'epsilon=0' },
      { id: 'demos-50', label: '50 demonstrations', params: 'nDemos=50' },
    ],
    say: [
      'Same track, same start, same slips for both cars: only the driver differs.',
      'The expert recovers from every slip; the clone has never seen a state off the centre band.',
      'Press 2: even without slips, its own small errors carry it out of the band.',
    ],
    ask: 'Give the clone five times as many laps. Will it stay on the track?',
    thumbnail: { series: ['offTrack/expert', 'offTrack/bc'] },
  },
  // ---- Chapter 4: DAgger
  {
    experiment: 'dagger-lane',
    chapter: 'dagger',
    takeaway: 'With the same number of expert labels, DAgger reaches the expert in one round; BC never does.',
    presets: [
      { id: 'default', label: 'DART ε_D = 0.3', params: '' },
      { id: 'dart-weak', label: 'DART ε_D = 0.01', params: 'noise=0.01' },
      { id: 'beta-linear', label: 'Linear β schedule', params: 'beta=linear' },
    ],
    say: [
      'Every method gets the same number of expert labels in every round; only where they lie differs.',
      'DAgger labels the states its own learner visits, so the first round already covers the off-centre lanes.',
      'Press 2: noise that is too weak explores one side by luck; DART needs several rounds.',
    ],
    ask: 'BC starts by answering “stay” in every lane. After five rounds it holds six times as many labels: where will it end? And DAgger, with the same labels?',
    thumbnail: { series: ['cost/bcEqualLabels', 'cost/dart', 'cost/dagger', 'cost/expert'] },
  },
  {
    experiment: 'noise-injection',
    chapter: 'dagger',
    takeaway: 'Shake the expert while it demonstrates and the data reveal the feedback gain clean demonstrations hid.',
    presets: [
      { id: 'default', label: 'a = 0.9', params: '' },
      { id: 'unstable', label: 'a = 1.05: unstable open loop', params: 'a=1.05' },
      { id: 'all-noisy', label: 'Every demonstration noisy', params: 'cleanFraction=0' },
    ],
    say: [
      'The learned gain lands on the expert’s −σk in both worlds as soon as there is any injected noise.',
      'Clean BC (σ = 0) has to guess the gain, as in chapter 3.',
      'Press 2: the open loop is unstable, and noise-injected BC still matches the expert.',
    ],
    ask: 'Make the open loop unstable, a = 1.05. No learner of clean data can be stable in both worlds. What happens to noise-injected BC?',
    thumbnail: { series: ['betaHat/plus', 'betaHat/minus', 'target/plus', 'target/minus'] },
  },
  {
    experiment: 'dagger-car',
    chapter: 'dagger',
    takeaway:
      'The same expert labels, spent three ways: on clean laps BC stays off the track; DAgger and DART recover.',
    presets: [
      { id: 'default', label: '3 rounds', params: '' },
      { id: 'no-slips', label: 'No slips', params: 'epsilon=0' },
      { id: 'dart-strong', label: 'DART noise 0.3', params: 'noise=0.3' },
    ],
    say: [
      'x axis: expert labels used; y axis: seconds off the track per 30-second race.',
      'BC’s extra laps are more copies of the same narrow band; DAgger’s labels sit where its car goes.',
      'DART gets recoveries from its single shaken lap.',
    ],
    ask: 'All three learners get the same number of labels. Which one spends the least time off the track after three rounds?',
    thumbnail: { series: ['offTrack/bc', 'offTrack/dart', 'offTrack/dagger', 'offTrack/expert'] },
  },
  {
    experiment: 'gail-lane',
    chapter: 'dagger',
    takeaway: 'GAIL learns to recover without expert queries, if its discriminator is pessimistic off the data.',
    presets: [
      { id: 'default', label: 'H = 40', params: '' },
      { id: 'horizon-80', label: 'H = 80', params: 'horizon=80' },
      { id: 'eps-005', label: 'ε = 0.05', params: 'epsilon=0.05' },
    ],
    say: [
      'GAIL never queries the expert: it matches the expert’s occupancy with its own rollouts.',
      'The pessimistic discriminator pays nothing off the data, so leaving the expert’s support is never rewarded.',
      'The uninformative one pays for novelty and the learner keeps escaping: read the whole curve, not its end.',
    ],
    ask: 'GAIL’s demonstrations are the clean ones from which BC learned “stay” everywhere. Will it learn to steer back to the centre?',
    thumbnail: { series: ['cost/bc', 'cost/uninformative', 'cost/pessimistic', 'cost/expert'], logY: true },
  },
  {
    experiment: 'human-dagger',
    chapter: 'dagger',
    takeaway:
      'A handful of expert labels, placed where the clone went wrong, fix what as many extra clean demonstrations do not.',
    presets: [
      { id: 'default', label: '4 rounds × 8 labels', params: '' },
      { id: 'few-labels', label: '2 labels per round', params: 'queries=2' },
      { id: 'no-slips', label: 'No slips', params: 'epsilon=0' },
    ],
    say: [
      'Call up a student to drive the lap in the figure; the network clones the drive while the class watches.',
      'Then the student answers DAgger’s questions: left, straight or right, at the states where the clone was farthest from its data.',
      'Before the session starts, the automatic expert’s run is on the slide: 32 well-placed labels against behavior cloning given as many extra clean labels.',
      'After the last round the student can drive one more lap: behavior cloning gets as many of its states as the student answered, labelled with the student’s own steering. One drive and one seed: it can come out either way.',
    ],
    ask: 'DAgger asks only 8 questions a round. Behavior cloning gets the same number of extra labels as clean driving. Which one stays on the track?',
    thumbnail: { series: ['offTrack/bc', 'offTrack/dagger', 'offTrack/expert'] },
  },
  // ---- Chapter 5: action chunking and generative policies
  {
    experiment: 'chunking',
    chapter: 'chunking',
    takeaway:
      'Play long chunks open loop and the learner inherits the open loop’s contraction: the unidentified feedback gain stops compounding. With an unstable open loop, chunking cannot help.',
    presets: [
      { id: 'default', label: 'a = 0.9, ℓ = 10', params: '' },
      { id: 'markov', label: 'ℓ = 1 (Markov)', params: 'chunk=1' },
      { id: 'receding', label: 'ℓ = 20, first action only', params: 'chunk=20&execution=receding' },
      { id: 'ensemble', label: 'ℓ = 20, ACT ensembling m = 0.1', params: 'chunk=20&ensemble=0.1' },
      { id: 'unstable', label: 'a = 1.05, ℓ = 20', params: 'a=1.05&chunk=20' },
    ],
    say: [
      'Same network and data as two worlds, but it outputs the next ℓ actions.',
      'Feedback is applied once per chunk; in between, errors decay at the open-loop rate a.',
      'Press 3: predicting chunks but executing only the first action is Markov again.',
      'Press 5: with a > 1 the open loop itself grows, and no chunk length helps.',
    ],
    ask: 'If only the first action of each chunk is executed, the network is the same. Does the benefit survive?',
    thumbnail: { series: ['deviation/plus', 'deviation/minus'], logY: true },
  },
  {
    experiment: 'fork-in-the-road',
    chapter: 'chunking',
    takeaway:
      'With two modes in the demonstrations, squared loss averages them into the obstacle; log-loss over action tokens, diffusion and flow matching model p(a | s) and pick a side.',
    presets: [
      { id: 'default', label: 'Diffusion (DDPM)', params: '' },
      { id: 'mse', label: 'Squared loss', params: 'learner=mse&trainSteps=3000' },
      { id: 'bins', label: 'Tokenised, 16 bins', params: 'learner=bins' },
      { id: 'one-mode', label: 'Squared loss, one mode', params: 'learner=mse&trainSteps=3000&pLeft=1' },
      { id: 'denoising', label: 'Denoising view', params: 'panel=denoising' },
    ],
    say: [
      'Every demonstration goes around the obstacle; half on the left, half on the right.',
      'The squared-loss fit is the conditional mean: straight ahead, into the disk.',
      'The histogram at the probe is the policy: two bumps for a density model, one spike at 0° for the mean.',
      'Press 5: samples start as noise and are pushed to one of the two modes.',
    ],
    ask: 'With every demonstration on the left (share 1), does squared loss still crash?',
    thumbnail: { series: ['probe/histogram'] },
  },
  // ---- Chapter 6: iterate averaging
  {
    experiment: 'gva-pendulum',
    chapter: 'averaging',
    takeaway:
      'The training loss is flat while the return of checkpoints 25 steps apart swings by orders of magnitude; an EMA of the iterates holds the pole up.',
    presets: [
      { id: 'default', label: 'EMA 0.99, batch 16', params: '' },
      { id: 'no-average', label: 'No averaging', params: 'scheme=none' },
      { id: 'bema-no-burn-in', label: 'BEMA without burn-in', params: 'scheme=bema&bemaBurnIn=0' },
      { id: 'well-damped', label: 'Well-damped expert (r = 0.9)', params: 'poleRadius=0.9' },
    ],
    say: [
      'Top panel: the behavior-cloning loss of a tiny network, checkpoint by checkpoint. It is flat to a couple of percent.',
      'Middle panel: the return of each checkpoint on the pendulum. The raw iterate falls over at some checkpoints and not at their neighbours.',
      'Bottom panel: the learned closed loop’s spectral radius at the origin. The cliffs come where it creeps closest to 1.',
      'The blue curve is the same run, averaged: an EMA of the iterates, at the cost of one extra copy of the weights. (In the chapter a cursor replays the pendulum under the raw and the averaged checkpoint.)',
    ],
    ask: 'The loss changes by 2 % between checkpoints. How much can the return change?',
    thumbnail: { series: ['return/raw', 'return/ema'] },
  },
  {
    experiment: 'averaging-quadratic',
    chapter: 'averaging',
    takeaway:
      'The uniform average reaches the optimal σ²/(h²t) but only after forgetting its start; a displacement correction removes that bias from the first step.',
    presets: [
      { id: 'default', label: 'η = 0.01, θ₀ = 10', params: '' },
      { id: 'near-start', label: 'Start at the optimum', params: 'start=0' },
      { id: 'decay', label: 'Decaying steps, α = 0.6', params: 'schedule=decay&lr=0.05' },
      { id: 'large-step', label: 'η = 0.1', params: 'lr=0.1' },
    ],
    say: [
      'Noisy gradient descent on a parabola, from far away. Each curve is one way to estimate the optimum from the iterates.',
      'The last iterate converges fast and then stalls at its noise floor ησ²/(h(2 − ηh)).',
      'The uniform average has the optimal slope but carries its start for a long time; the EMA lags.',
      'Adding the displacement (θ_t − θ₀)/(ηht) to the average cancels the start exactly.',
    ],
    ask: 'Which estimate is closest to the optimum after 50 steps: the last iterate, the running average, or an EMA?',
    thumbnail: { series: ['mse/last', 'mse/uniform', 'mse/ouMle'], logX: true, logY: true },
  },
  // ---- Chapter 7: beyond behavior cloning
  {
    experiment: 'coverage',
    chapter: 'beyond-bc',
    takeaway:
      'Next-token prediction’s cross-entropy grows with the answer length; its coverage, what Best-of-N needs, does not.',
    presets: [
      { id: 'default', label: 'n = 1000, N = 16', params: '' },
      { id: 'smoothing', label: 'Smoothing α = 0.01', params: 'smoothing=0.01' },
      { id: 'more-data', label: 'n = 10,000', params: 'nDemos=10000' },
      { id: 'missing-mass', label: 'Panel C: the missing mass in imitation', params: 'panel=missingMass&nDemos=400' },
    ],
    say: [
      'Top: the sequence cross-entropy on log-log axes, slope about 1: it is linear in H.',
      'Middle: the coverage miss at N = 16 is flat at the mass of prompts the corpus never showed, and Best-of-16 fails on exactly those prompts.',
      'Press 2: a little smoothing takes probability from every token of a seen answer, and coverage starts to depend on H again.',
      'Press 4: the same missing mass costs a per-step tabular imitator about H², a shared policy about H.',
    ],
    ask: 'Make the answers 16 times longer, from H = 8 to H = 128 tokens, with the corpus fixed. What happens to the cross-entropy? To the share of prompts Best-of-16 gets wrong?',
    thumbnail: { series: ['coverageMiss', 'passAtN'], logX: true },
  },
  {
    experiment: 'misspecification',
    chapter: 'beyond-bc',
    takeaway:
      'When the model class cannot represent the expert, next-token prediction’s sequence-level error is about H + 1 times the best in the class.',
    presets: [
      { id: 'default', label: 'ε = 0.001, infinite data', params: '' },
      { id: 'eps-001', label: 'ε = 0.01', params: 'epsilon=0.01' },
      { id: 'few-demos', label: 'n = 10 demonstrations, ε = 0.01', params: 'data=finite&nDemos=10&epsilon=0.01' },
    ],
    say: [
      'The expert commits at the first step; the memoryless model cannot remember the commitment.',
      'Next-token prediction matches every per-token probability, yet over whole sequences it is about H + 1 times worse than the best memoryless model.',
      'More data or interaction does not fix this: the error is in the class, not in the samples.',
    ],
    ask: 'The next-token fit gets every per-token probability exactly right on the data. The alternative never writes the rare route at all. Which is closer to the expert over whole sequences?',
    thumbnail: { series: ['factor', 'guide'], logX: true, logY: true },
  },
  {
    experiment: 'cot-parity',
    chapter: 'beyond-bc',
    takeaway:
      'Chain-of-thought supervision with one generator shared along the chain needs the same data at any length; answer-only supervision defeats gradient descent.',
    presets: [
      { id: 'default', label: 'Exact learners', params: '' },
      { id: 'descent-answer', label: 'Gradient descent, answer only', params: 'learner=gd&supervision=answer&nDemos=20' },
      { id: 'descent-cot', label: 'Gradient descent, chain of thought', params: 'learner=gd&supervision=cot&nDemos=20' },
    ],
    say: [
      'Each curve is the number of examples needed for an answer error of at most 5%, against the chain length T.',
      'Shared generator with chain-of-thought labels: flat in T. A generator per step: grows with every step.',
      'Press 2: with only the answer supervised, the objective is a needle in a flat sea and gradient descent rarely finds it; press 3 for the chain-of-thought landscape.',
    ],
    ask: 'Chains get 16 times longer, from T = 4 to T = 64. How many more examples does each learner need for an answer error of at most 5%?',
    thumbnail: { series: ['nStar/cotShared', 'nStar/cotPerStep', 'nStar/answerOnly'], logX: true, logY: true },
  },
  {
    experiment: 'cliff-road',
    chapter: 'beyond-bc',
    takeaway:
      'Imitating cost-to-go (AggreVaTe) can beat a suboptimal expert and weighs rare, costly states, at the price of expert roll-outs.',
    presets: [
      { id: 'default', label: 'Racer expert, full sensor', params: '' },
      { id: 'careful-coarse', label: 'Careful expert, coarse sensor', params: 'expert=careful&sensor=coarse' },
      { id: 'last-iterate', label: 'Coarse sensor, last iterate', params: 'sensor=coarse&report=last' },
      { id: 'bridge', label: 'Panel B: a bridge', params: 'panel=bridge' },
    ],
    say: [
      'BC and DAgger imitate the racer’s actions and pay what it pays; AggreVaTe imitates its cost-to-go and retreats from the edge.',
      'Look at the counter: DAgger asks for one action per state, AggreVaTe for the expert driving to the end.',
      'Press 3: report the last iterate and DAgger’s learner steers toward the cliff; the guarantees are for the best iterate or a mixture.',
      'Press 4: on a bridge nothing is recoverable and BC, DAgger and GAIL all pay H².',
    ],
    ask: 'The expert is careful and the learner cannot tell lane 1 from lane 2. Which action will DAgger pick for the edge zone, and which AggreVaTe?',
    thumbnail: { series: ['iter/expert', 'iter/dagger', 'iter/aggrevate', 'iter/api'] },
  },
  {
    experiment: 'tasil',
    chapter: 'beyond-bc',
    takeaway:
      'Matching the expert’s Jacobian on its own states (TaSIL) fixes the feedback gain that demonstrations on one line leave free.',
    presets: [
      { id: 'bc', label: 'Behavior cloning', params: 'method=bc' },
      { id: 'tasil', label: 'TaSIL', params: 'method=tasil' },
      { id: 'noise', label: 'BC with noise injection', params: 'method=noise' },
    ],
    say: [
      'Every demonstration state is on the centre line: the data say nothing about how to steer back.',
      'BC fits the actions and leaves the gain to chance; TaSIL also matches the derivative of the expert’s action, so it learns the gain.',
      'Press 3: noise injection gets the gain implicitly, by showing the expert off the line; TaSIL needs derivative access to the expert.',
    ],
    ask: 'TaSIL sees exactly the same demonstration states as BC, all on the centre line. Will it steer back?',
    thumbnail: { series: ['deviation'] },
  },
];
