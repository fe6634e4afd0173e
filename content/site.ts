/** Site-wide words: the title, the short title for the header, and the one-paragraph description. */
export const site = {
  title: 'Foundations of Imitation Learning — from language modeling to continuous control',
  shortTitle: 'Foundations of Imitation Learning',
  description:
    'An interactive tutorial on imitation learning: next-token prediction as behavior cloning, compounding error in language and control, and interactive data collection, with chapters on action chunking, generative policies and iterate averaging to come — each claim shown by a live, seeded experiment you can rerun in the browser.',
  intro:
    'Large language models, robot foundation models and generative models for science are all trained the same way: by imitating a large corpus of demonstrations. This tutorial treats that recipe as imitation learning and asks when and why it works. Each chapter pairs the theory with small experiments that run live in your browser: move a slider, and a policy retrains in front of you while a token stream or a car drifts away from the expert — or does not. Chapters on action chunking, generative policies and iterate averaging are still to come. Every result is reproducible from its seed and can be compared across seeds.',
} as const;
