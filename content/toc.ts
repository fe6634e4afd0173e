/**
 * Chapter order, titles and one-line summaries: the home page's table of contents and each page's title.
 * A chapter is listed here only once its MDX file exists.
 */

export interface ChapterEntry {
  /** File name of the chapter (content/<slug>.mdx) and its URL segment (/learn/<slug>). */
  slug: string;
  number: number;
  title: string;
  /** One line for the table of contents. */
  summary: string;
}

export const toc: ChapterEntry[] = [
  {
    slug: 'introduction',
    number: 1,
    title: 'Introduction: imitation learning as a unifying lens',
    summary:
      'Next-token prediction is behavior cloning with the log-loss, exposure bias is compounding error, and the two settings need different fixes.',
  },
  {
    slug: 'behavior-cloning',
    number: 2,
    title: 'Behavior cloning: imitation as supervised learning',
    summary:
      'BC fits the expert’s states and is judged on its own; with the log-loss and one policy shared across steps, its regret need not grow with the horizon, while per-step tabular policies pay H².',
  },
  {
    slug: 'compounding-error',
    number: 3,
    title: 'Compounding error: exposure bias in language, exponential drift in control',
    summary:
      'One mistake leads where the demonstrations never went: εH² against εH, invalid tokens that compound while validity does not, approximation error that interaction cannot remove, and feedback gains the data cannot identify.',
  },
  {
    slug: 'dagger',
    number: 4,
    title: 'DAgger and interactive data collection',
    summary:
      'Put expert labels where the learner goes: query the expert on the learner’s own states (DAgger), shake the expert while it demonstrates (DART, noise injection), or match occupancies with environment rollouts and no queries (GAIL); and what queries cannot buy.',
  },
  {
    slug: 'chunking',
    number: 5,
    title: 'Action chunking and generative policies',
    summary:
      'Play predicted chunks open loop and a learner inherits the open loop’s stability, so imitation error stops compounding when the open loop contracts; and when demonstrations have two modes, the loss must model both: squared loss averages them into the obstacle, log-loss, diffusion and flow pick one.',
  },
  {
    slug: 'averaging',
    number: 6,
    title: 'Iterate averaging against SGD-noise butterfly effects',
    summary:
      'A flat training loss can hide a wildly swinging return: minibatch noise is amplified by a barely stable closed loop. Averaging the iterates (Polyak–Juditsky, SWA, EMA) removes it; EMA lags, and BEMA’s bias correction has its own price.',
  },
  {
    slug: 'beyond-bc',
    number: 7,
    title: 'Beyond behavior cloning: coverage, misspecification, chains of thought, cost-to-go and derivatives',
    summary:
      'Coverage is horizon-free where cross-entropy is not; misspecification costs next-token prediction a factor H; a shared chain of thought is length-free; imitating cost-to-go beats a suboptimal expert; matching the expert’s Jacobian pins the feedback demonstrations leave free.',
  },
];
