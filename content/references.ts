/**
 * The bibliography: one entry per paper, grouped as the NeurIPS 2025 tutorial "Foundations of Imitation Learning"
 * (Block, Foster & Simchowitz, dylanfoster.net/il-tutorial) groups its reading list.
 *
 * Chapters cite entries by id (`<Cite id="ross2011dagger" />`); the build fails on an unknown id, so ids are stable
 * and never reused. A `note` records where this list departs from, or adds to, the tutorial page's listing.
 * URLs are plain links for the reader; the site itself never requests them.
 */

export type ReferenceGroup = 'classical' | 'discrete' | 'continuous' | 'optimization';

export interface Reference {
  /** Citation key: lowercase first-author surname + year + a word from the title. */
  id: string;
  /** Full author names, in the paper's order. */
  authors: string[];
  title: string;
  /** Short venue name, a journal with volume and pages, or 'arXiv preprint'. */
  venue: string;
  year: number;
  group: ReferenceGroup;
  /** arXiv, PMLR or publisher page. */
  url?: string;
  /** Venue corrections, title changes, or why the entry is here. */
  note?: string;
}

export const groupTitles: Record<ReferenceGroup, string> = {
  classical: 'Classical results',
  discrete: 'Discrete settings',
  continuous: 'Continuous settings',
  optimization: 'Optimization perspective',
};

export const references: Reference[] = [
  // ── Classical results ──────────────────────────────────────────────────────────────────────────
  {
    id: 'kakade2002approximately',
    authors: ['Sham Kakade', 'John Langford'],
    title: 'Approximately Optimal Approximate Reinforcement Learning',
    venue: 'ICML',
    year: 2002,
    group: 'classical',
    note: 'Not on the tutorial’s reading list: cited for the performance-difference lemma, the identity behind AggreVaTe’s cost-to-go imitation.',
  },
  {
    id: 'ross2010efficient',
    authors: ['Stéphane Ross', 'J. Andrew Bagnell'],
    title: 'Efficient Reductions for Imitation Learning',
    venue: 'AISTATS',
    year: 2010,
    group: 'classical',
    url: 'https://proceedings.mlr.press/v9/ross10a.html',
    note: 'One version of the tutorial page lists this as AAAI 2010; it appeared at AISTATS 2010 (PMLR volume 9).',
  },
  {
    id: 'ross2011dagger',
    authors: ['Stéphane Ross', 'Geoffrey J. Gordon', 'J. Andrew Bagnell'],
    title: 'A Reduction of Imitation Learning and Structured Prediction to No-Regret Online Learning',
    venue: 'AISTATS',
    year: 2011,
    group: 'classical',
    url: 'https://proceedings.mlr.press/v15/ross11a.html',
    note: 'The tutorial page lists this as ICML 2011; it appeared at AISTATS 2011 (PMLR volume 15). Introduces DAgger.',
  },
  {
    id: 'ross2014aggrevate',
    authors: ['Stéphane Ross', 'J. Andrew Bagnell'],
    title: 'Reinforcement and Imitation Learning via Interactive No-Regret Learning',
    venue: 'arXiv preprint',
    year: 2014,
    group: 'classical',
    url: 'https://arxiv.org/abs/1406.5979',
    note: 'Introduces AggreVaTe. Cited from its arXiv version (1406.5979, 2014), the version the literature usually cites; we list no archival venue for it.',
  },
  {
    id: 'ho2016gail',
    authors: ['Jonathan Ho', 'Stefano Ermon'],
    title: 'Generative Adversarial Imitation Learning',
    venue: 'NeurIPS',
    year: 2016,
    group: 'classical',
    url: 'https://arxiv.org/abs/1606.03476',
  },
  {
    id: 'rajaraman2020limits',
    authors: ['Nived Rajaraman', 'Lin F. Yang', 'Jiantao Jiao', 'Kannan Ramchandran'],
    title: 'Toward the Fundamental Limits of Imitation Learning',
    venue: 'NeurIPS',
    year: 2020,
    group: 'classical',
    url: 'https://arxiv.org/abs/2009.05990',
    note: 'The NeurIPS proceedings spell the fourth author “Ramchandran”; some listings of the arXiv version write “Ramachandran”.',
  },
  {
    id: 'swamy2021moments',
    authors: ['Gokul Swamy', 'Sanjiban Choudhury', 'J. Andrew Bagnell', 'Zhiwei Steven Wu'],
    title: 'Of Moments and Matching: A Game-Theoretic Framework for Closing the Imitation Gap',
    venue: 'ICML',
    year: 2021,
    group: 'classical',
    url: 'https://arxiv.org/abs/2103.03236',
  },
  {
    id: 'espinosadice2025misspecification',
    authors: ['Nicolas Espinosa-Dice', 'Sanjiban Choudhury', 'Wen Sun', 'Gokul Swamy'],
    title: 'Efficient Imitation under Misspecification',
    venue: 'ICLR',
    year: 2025,
    group: 'classical',
    url: 'https://arxiv.org/abs/2503.13162',
    note: 'Not on the tutorial page’s reading list; cited for interactive imitation under misspecification (reward-agnostic policy completeness).',
  },

  // ── Discrete settings ──────────────────────────────────────────────────────────────────────────
  {
    id: 'foster2024bc',
    authors: ['Dylan J. Foster', 'Adam Block', 'Dipendra Misra'],
    title: 'Is Behavior Cloning All You Need? Understanding Horizon in Imitation Learning',
    venue: 'NeurIPS',
    year: 2024,
    group: 'discrete',
    url: 'https://arxiv.org/abs/2407.15007',
  },
  {
    id: 'rohatgi2025nexttoken',
    authors: ['Dhruv Rohatgi', 'Adam Block', 'Audrey Huang', 'Akshay Krishnamurthy', 'Dylan J. Foster'],
    title:
      'Computational-Statistical Tradeoffs at the Next-Token Prediction Barrier: Autoregressive and Imitation Learning under Misspecification',
    venue: 'COLT',
    year: 2025,
    group: 'discrete',
    url: 'https://proceedings.mlr.press/v291/rohatgi25a.html',
    note: 'Extended abstract in PMLR 291:4831–4837; full version arXiv 2502.12465.',
  },
  {
    id: 'joshi2025cot',
    authors: [
      'Nirmit Joshi',
      'Gal Vardi',
      'Adam Block',
      'Surbhi Goel',
      'Zhiyuan Li',
      'Theodor Misiakiewicz',
      'Nathan Srebro',
    ],
    title: 'A Theory of Learning with Autoregressive Chain of Thought',
    venue: 'COLT',
    year: 2025,
    group: 'discrete',
    url: 'https://proceedings.mlr.press/v291/joshi25a.html',
  },
  {
    id: 'chen2025coverage',
    authors: [
      'Fan Chen',
      'Audrey Huang',
      'Noah Golowich',
      'Sadhika Malladi',
      'Adam Block',
      'Jordan T. Ash',
      'Akshay Krishnamurthy',
      'Dylan J. Foster',
    ],
    title: 'The Coverage Principle: How Pre-Training Enables Post-Training',
    venue: 'ICLR',
    year: 2026,
    group: 'discrete',
    url: 'https://arxiv.org/abs/2510.15020',
    note: 'First posted on arXiv (2510.15020) in 2025, hence the key; published at ICLR 2026.',
  },
  {
    id: 'hanneke2026cot',
    authors: ['Steve Hanneke', 'Idan Mehalel', 'Shay Moran'],
    title: 'Sample Complexity of Autoregressive Reasoning: Chain-of-Thought vs. End-to-End',
    venue: 'arXiv preprint',
    year: 2026,
    group: 'discrete',
    url: 'https://arxiv.org/abs/2604.12013',
    note: 'Not on the tutorial page’s reading list; cited for the dependence of sample complexity on the chain length under chain-of-thought and end-to-end supervision.',
  },

  // ── Continuous settings ────────────────────────────────────────────────────────────────────────
  {
    id: 'laskey2017dart',
    authors: ['Michael Laskey', 'Jonathan Lee', 'Roy Fox', 'Anca Dragan', 'Ken Goldberg'],
    title: 'DART: Noise Injection for Robust Imitation Learning',
    venue: 'CoRL',
    year: 2017,
    group: 'continuous',
    url: 'https://arxiv.org/abs/1703.09327',
  },
  {
    id: 'pfrommer2022tasil',
    authors: ['Daniel Pfrommer', 'Thomas T. C. K. Zhang', 'Stephen Tu', 'Nikolai Matni'],
    title: 'TaSIL: Taylor Series Imitation Learning',
    venue: 'NeurIPS',
    year: 2022,
    group: 'continuous',
    url: 'https://arxiv.org/abs/2205.14812',
  },
  {
    id: 'block2023generative',
    authors: ['Adam Block', 'Ali Jadbabaie', 'Daniel Pfrommer', 'Max Simchowitz', 'Russ Tedrake'],
    title: 'Provable Guarantees for Generative Behavior Cloning: Bridging Low-Level Stability and High-Level Behavior',
    venue: 'NeurIPS',
    year: 2023,
    group: 'continuous',
    url: 'https://arxiv.org/abs/2307.14619',
  },
  {
    id: 'simchowitz2025pitfalls',
    authors: ['Max Simchowitz', 'Daniel Pfrommer', 'Ali Jadbabaie'],
    title: 'The Pitfalls of Imitation Learning when Actions are Continuous',
    venue: 'COLT',
    year: 2025,
    group: 'continuous',
    url: 'https://arxiv.org/abs/2503.09722',
  },
  {
    id: 'zhang2025chunking',
    authors: ['Thomas T. Zhang', 'Daniel Pfrommer', 'Chaoyi Pan', 'Nikolai Matni', 'Max Simchowitz'],
    title:
      'Action Chunking and Exploratory Data Collection Yield Exponential Improvements in Behavior Cloning for Continuous Control',
    venue: 'arXiv preprint',
    year: 2025,
    group: 'continuous',
    url: 'https://arxiv.org/abs/2507.09061',
    note: 'Version 1 was titled "Imitation Learning in Continuous Action Spaces: Mitigating Compounding Error without Interaction". Secondary sources list it as accepted at ICLR 2026.',
  },
  {
    id: 'zhao2023act',
    authors: ['Tony Z. Zhao', 'Vikash Kumar', 'Sergey Levine', 'Chelsea Finn'],
    title: 'Learning Fine-Grained Bimanual Manipulation with Low-Cost Hardware',
    venue: 'RSS',
    year: 2023,
    group: 'continuous',
    url: 'https://arxiv.org/abs/2304.13705',
    note: 'Action Chunking with Transformers (ACT). Cited by the chapters on chunking as the practical reference; placed with the continuous-settings papers.',
  },
  {
    id: 'chi2023diffusion',
    authors: [
      'Cheng Chi',
      'Siyuan Feng',
      'Yilun Du',
      'Zhenjia Xu',
      'Eric Cousineau',
      'Benjamin Burchfiel',
      'Shuran Song',
    ],
    title: 'Diffusion Policy: Visuomotor Policy Learning via Action Diffusion',
    venue: 'RSS',
    year: 2023,
    group: 'continuous',
    url: 'https://arxiv.org/abs/2303.04137',
    note: 'Cited by the chapters on generative policies as the practical reference; placed with the continuous-settings papers.',
  },

  // ── Optimization perspective ───────────────────────────────────────────────────────────────────
  {
    id: 'ho2020ddpm',
    authors: ['Jonathan Ho', 'Ajay Jain', 'Pieter Abbeel'],
    title: 'Denoising Diffusion Probabilistic Models',
    venue: 'NeurIPS',
    year: 2020,
    group: 'continuous',
    url: 'https://arxiv.org/abs/2006.11239',
    note: 'Not on the tutorial page’s list: the DDPM objective (ε-prediction) the chapter on generative policies uses.',
  },
  {
    id: 'lipman2023flow',
    authors: ['Yaron Lipman', 'Ricky T. Q. Chen', 'Heli Ben-Hamu', 'Maximilian Nickel', 'Matt Le'],
    title: 'Flow Matching for Generative Modeling',
    venue: 'ICLR',
    year: 2023,
    group: 'continuous',
    url: 'https://arxiv.org/abs/2210.02747',
    note: 'Not on the tutorial page’s list: the flow-matching objective of the chapter on generative policies.',
  },
  {
    id: 'cadene2024lerobot',
    authors: ['Rémi Cadene', 'Simon Alibert', 'Alexander Soare', 'Quentin Gallouédec', 'Adil Zouitine', 'Thomas Wolf'],
    title: 'LeRobot: State-of-the-art Machine Learning for Real-World Robotics in Pytorch',
    venue: 'GitHub repository',
    year: 2024,
    group: 'continuous',
    url: 'https://github.com/huggingface/lerobot',
    note: 'Not on the tutorial page’s list: the library whose ACT implementation and simulated cube-transfer evaluation the chunking chapter’s temporal-ensembling numbers come from (see soare2024ensembling).',
  },
  {
    id: 'soare2024ensembling',
    authors: ['Alexander Soare'],
    title: 'Fix ACT temporal ensembling (huggingface/lerobot pull request #319)',
    venue: 'GitHub pull request',
    year: 2024,
    group: 'continuous',
    url: 'https://github.com/huggingface/lerobot/pull/319',
    note: 'Not on the tutorial page’s list: the measurement quoted in the chunking chapter — LeRobot’s ACT checkpoint for simulated cube transfer (human demonstrations), 500 evaluation episodes per setting, temporal ensembling with ACT’s weights exp(−m·i) for several m, against no ensembling and against executing one action per chunk (50 episodes).',
  },
  {
    id: 'polyak1992averaging',
    authors: ['Boris T. Polyak', 'Anatoli B. Juditsky'],
    title: 'Acceleration of Stochastic Approximation by Averaging',
    venue: 'SIAM Journal on Control and Optimization 30(4):838–855',
    year: 1992,
    group: 'optimization',
    url: 'https://doi.org/10.1137/0330046',
  },
  {
    id: 'izmailov2018swa',
    authors: ['Pavel Izmailov', 'Dmitrii Podoprikhin', 'Timur Garipov', 'Dmitry Vetrov', 'Andrew Gordon Wilson'],
    title: 'Averaging Weights Leads to Wider Optima and Better Generalization',
    venue: 'UAI',
    year: 2018,
    group: 'optimization',
    url: 'https://arxiv.org/abs/1803.05407',
  },
  {
    id: 'block2024butterfly',
    authors: ['Adam Block', 'Dylan J. Foster', 'Akshay Krishnamurthy', 'Max Simchowitz', 'Cyril Zhang'],
    title: 'Butterfly Effects of SGD Noise: Error Amplification in Behavior Cloning and Autoregression',
    venue: 'ICLR',
    year: 2024,
    group: 'optimization',
    url: 'https://arxiv.org/abs/2310.11428',
  },
  {
    id: 'block2025ema',
    authors: ['Adam Block', 'Cyril Zhang'],
    title: 'EMA Without the Lag: Bias-Corrected Iterate Averaging Schemes',
    venue: 'arXiv preprint',
    year: 2025,
    group: 'optimization',
    url: 'https://arxiv.org/abs/2508.00180',
  },
];
