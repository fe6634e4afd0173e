// Lint rules, including the import-direction rules of DESIGN.md ("Layers and who may import whom").
// Each restriction carries a message that says why, so a violation explains itself.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const TF = {
  group: ['@tensorflow/*'],
  message:
    'tfjs runs only inside Web Workers: import it from sims/algos, sims/policies, sims/experiments or sims/worker, never from code the page bundle reaches.',
};
const REACT = {
  group: ['react', 'react-dom', 'react/*', 'next', 'next/*', 'recharts'],
  message: 'sims/ and lib/ are pure TypeScript that also runs in workers, Node tests and the CLI: no React, Next or DOM.',
};
const UI = {
  group: ['@/components/*', '@/app/*', '@/content/*', '**/components/*', '**/app/*'],
  message: 'sims/ and lib/ never import UI code (components, app, content): the arrows point the other way.',
};
const SIMS_HEAVY = {
  group: [
    '@/sims/algos/*',
    '@/sims/policies/*',
    '!@/sims/policies/forward',
    '@/sims/worker/worker',
    '@/sims/worker/host',
    '@/sims/cli',
    '@/sims/experiments/*',
    '!@/sims/experiments/catalog',
    '!@/sims/experiments/types',
    '!@/sims/experiments/aggregate',
    '!@/sims/experiments/*.params',
  ],
  message:
    'The page reaches the simulations only through sims/worker/client, the experiment catalog (sims/experiments/catalog, *.params) and pure parts (sims/core, sims/envs); algorithms, policies and runnable experiments load in the worker, where tfjs lives.',
};
const PROJECT = {
  group: ['@/*', '../*'],
  message: 'lib/ is domain-free: it imports nothing of the project.',
};

export default tseslint.config(
  {
    ignores: ['node_modules/', '.next/', 'out/', 'public/', 'next-env.d.ts', 'test-results/', 'playwright-report/', '.scratch*/', 'bench-results/', 'figures/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded generator in lib/rng.ts: every result must be reproducible from its seed.' },
      ],
    },
  },
  {
    files: ['**/*.tsx', 'components/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  { files: ['app/**', 'components/**', 'content/**'], rules: { 'no-restricted-imports': ['error', { patterns: [TF, SIMS_HEAVY] }] } },
  { files: ['lib/**'], rules: { 'no-restricted-imports': ['error', { patterns: [TF, REACT, PROJECT] }] } },
  {
    files: ['sims/core/**', 'sims/envs/**', 'sims/experts/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { ...TF, message: 'sims/core, sims/envs and sims/experts stay tfjs-free so they run anywhere, deterministically.' },
            REACT,
            UI,
            { group: ['@/sims/algos/*', '@/sims/policies/*', '@/sims/experiments/*', '@/sims/worker/*'], message: 'core, envs and experts sit below algorithms and experiments: they import only lib/ and each other.' },
          ],
        },
      ],
    },
  },
  {
    files: ['sims/policies/**', 'sims/algos/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            REACT,
            UI,
            {
              group: ['**/experiments/*', '**/worker/*'],
              message: 'Policies and algorithms sit below experiments and the worker: import cancellation from sims/core/abort.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['sims/**'],
    ignores: ['sims/core/**', 'sims/envs/**', 'sims/experts/**', 'sims/policies/**', 'sims/algos/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [REACT, UI] }] },
  },
  {
    files: ['scripts/**', '*.config.*', 'tests/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
);
