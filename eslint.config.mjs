// Lint rules, including the import-direction rules of DESIGN.md ("Layers and who may import whom").
// Each restriction carries a message that says why, so a violation explains itself.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// Import sources are matched as written: globs like '**/experts' catch the relative form used inside the project
// ('../experts/dyck') and the aliased one ('@/sims/experts/dyck') alike. tests/unit/lint.test.ts plants each
// forbidden import in every layer and checks that it fails with the message below.

const TF = {
  group: ['@tensorflow/*'],
  message:
    'tfjs runs only inside Web Workers: import it from sims/algos, sims/policies, sims/experiments or sims/worker, never from code the page bundle reaches.',
};
const TF_FREE = {
  ...TF,
  message: 'sims/core, sims/envs and sims/experts stay tfjs-free so they run anywhere, deterministically.',
};
const TF_PAGE = {
  ...TF,
  message:
    'This file is page-safe (the experiment catalog, *.params, types, the worker client): the page bundle imports it, so it must not reach tfjs.',
};
const REACT = {
  group: ['react', 'react/*', 'react-dom', 'react-dom/*', 'next', 'next/*', 'recharts', 'recharts/*', '*.css'],
  message:
    'sims/ and lib/ are pure TypeScript that also runs in workers, Node tests and the CLI: no React, Next, charts, CSS or other DOM-only modules.',
};
const NODE = {
  group: ['node:*'],
  message: 'sims/core, sims/envs and sims/experts run in the browser too: no Node built-ins.',
};
const UI = {
  group: ['**/components', '**/app', '**/content'],
  message: 'sims/ never imports UI code (components, app, content): the arrows point the other way.',
};
// Everything in sims/ above the learners: a lower layer that imports one of these points the arrow backwards.
const ABOVE_LEARNERS = ['**/experiments', '**/worker', '**/cli', '**/figures'];
const LEARNERS = ['**/policies', '**/algos'];
const CORE_UP = {
  group: ['**/envs', '**/experts', ...LEARNERS, ...ABOVE_LEARNERS],
  message:
    'sims/core is the bottom of sims/: it imports only lib/ (core ← envs ← experts ← policies, algos ← experiments).',
};
const ENVS_UP = {
  group: ['**/experts', ...LEARNERS, ...ABOVE_LEARNERS],
  message:
    'sims/envs holds dynamics only and imports only lib/ and sims/core: experts live in sims/experts, every learner and fitter in sims/policies or sims/algos.',
};
const EXPERTS_UP = {
  group: [...LEARNERS, ...ABOVE_LEARNERS],
  message:
    'sims/experts imports only lib/, sims/core and sims/envs: experts sit below the learners (sims/policies, sims/algos) and the experiments.',
};
const LEARNERS_UP = {
  group: ABOVE_LEARNERS,
  message:
    'Policies and algorithms sit below experiments, the worker and the CLI: take cancellation from sims/core/abort and report through a progress callback.',
};
const PROJECT = {
  group: ['@/*', '../*'],
  message: 'lib/ is domain-free: it imports nothing of the project.',
};
// The page-safe files of sims/experiments, by name: the catalog, the types, the seed aggregation and every *.params.
const PAGE_SAFE_EXPERIMENTS = String.raw`(?:catalog|types|aggregate|[\w-]+\.params)`;
const PAGE_SIMS = {
  regex: String.raw`^(?:@/|(?:\.\./)+)sims/(?!(?:core|envs)/|worker/client$|experiments/${PAGE_SAFE_EXPERIMENTS}$)`,
  message:
    'The page reaches the simulations only through sims/core, sims/envs, sims/worker/client and the page-safe experiment files (catalog, types, aggregate, *.params); algorithms, policies, experts and runnable experiments load in the worker, where tfjs lives.',
};
/** A project import (relative or '@/') outside `allowed`: the whitelist of a page-safe file. */
const projectImportOutside = (allowed) => String.raw`^(?!${allowed.join('|')})(?:\.|@/)`;
const PAGE_SAFE_MESSAGE =
  'A page-safe file imports only lib/, sims/core, sims/envs and other page-safe files (the experiment catalog, types, aggregate, *.params, the worker protocol): anything else would pull the worker side, and tfjs, into the page bundle.';
const PAGE_SAFE_FROM_EXPERIMENTS = {
  regex: projectImportOutside([
    String.raw`\./${PAGE_SAFE_EXPERIMENTS}$`,
    String.raw`\.\./(?:core|envs)/`,
    String.raw`\.\./\.\./lib/`,
    String.raw`@/lib/`,
    String.raw`@/sims/(?:core|envs)/`,
    String.raw`@/sims/experiments/${PAGE_SAFE_EXPERIMENTS}$`,
  ]),
  message: PAGE_SAFE_MESSAGE,
};
const PAGE_SAFE_FROM_WORKER = {
  regex: projectImportOutside([
    String.raw`\./(?:client|protocol)$`,
    String.raw`\.\./experiments/${PAGE_SAFE_EXPERIMENTS}$`,
    String.raw`\.\./(?:core|envs)/`,
    String.raw`\.\./\.\./lib/`,
    String.raw`@/lib/`,
    String.raw`@/sims/(?:core|envs)/`,
    String.raw`@/sims/worker/(?:client|protocol)$`,
    String.raw`@/sims/experiments/${PAGE_SAFE_EXPERIMENTS}$`,
  ]),
  message: PAGE_SAFE_MESSAGE,
};
/** The `no-restricted-imports` setting with these patterns. */
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.next/',
      'out/',
      'public/',
      'next-env.d.ts',
      'test-results/',
      'playwright-report/',
      '.scratch*/',
      'bench-results/',
      'figures/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Use the seeded generator in lib/rng.ts: every result must be reproducible from its seed.',
        },
      ],
    },
  },
  {
    // Results computed at build time (Node) must equal the browser worker's bit for bit (tests/e2e/build-results).
    files: ['sims/**', 'lib/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded generator in lib/rng.ts: every result must be reproducible from its seed.' },
        ...['pow', 'tanh', 'sinh', 'cosh', 'cbrt', 'asinh', 'acosh', 'atanh'].map((property) => ({
          object: 'Math',
          property,
          message: 'Differs between JavaScript engines (Node and Chromium): use lib/detmath.ts (powInt, powReal, tanh).',
        })),
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "BinaryExpression[operator='**'], AssignmentExpression[operator='**=']",
          message: '`**` is Math.pow, which differs between JavaScript engines: use x * x, or powInt / powReal from lib/detmath.ts.',
        },
      ],
    },
  },
  {
    files: ['**/*.tsx', 'components/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  // Import direction (DESIGN.md, "Layers and who may import whom"). Each file gets exactly one of these settings.
  { files: ['app/**', 'components/**', 'content/**'], rules: restrict(TF, PAGE_SIMS) },
  { files: ['lib/**'], rules: restrict(TF, REACT, PROJECT) },
  { files: ['sims/core/**'], rules: restrict(TF_FREE, REACT, NODE, UI, CORE_UP) },
  { files: ['sims/envs/**'], rules: restrict(TF_FREE, REACT, NODE, UI, ENVS_UP) },
  { files: ['sims/experts/**'], rules: restrict(TF_FREE, REACT, NODE, UI, EXPERTS_UP) },
  { files: ['sims/policies/**', 'sims/algos/**'], rules: restrict(REACT, UI, LEARNERS_UP) },
  { files: ['sims/experiments/**', 'sims/worker/**', 'sims/*.ts'], rules: restrict(REACT, UI) },
  {
    files: ['sims/experiments/*.params.ts', 'sims/experiments/{catalog,types,aggregate}.ts'],
    rules: restrict(TF_PAGE, REACT, UI, PAGE_SAFE_FROM_EXPERIMENTS),
  },
  { files: ['sims/worker/{client,protocol}.ts'], rules: restrict(TF_PAGE, REACT, UI, PAGE_SAFE_FROM_WORKER) },
  {
    files: ['scripts/**', '*.config.*', 'tests/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
);
