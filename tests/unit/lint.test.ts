// The import-direction rules of eslint.config.mjs fire (DESIGN.md, "Layers and who may import whom"): in every layer a
// planted forbidden import — relative, as the code inside sims/ writes them, and aliased with '@/' — fails lint with
// the rule's message, and the imports the layer is allowed pass. The planted files are virtual: ESLint lints the text
// as if it lived at that path, so the config's per-folder settings apply.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

// A distinctive phrase of each rule's message.
const MESSAGE = {
  tfPage: 'tfjs runs only inside Web Workers',
  tfFree: 'stay tfjs-free',
  tfPageSafe: 'This file is page-safe',
  react: 'no React, Next, charts, CSS or other DOM-only modules',
  node: 'no Node built-ins',
  ui: 'sims/ never imports UI code',
  lib: 'lib/ is domain-free',
  coreUp: 'sims/core is the bottom of sims/',
  envsUp: 'sims/envs holds dynamics only',
  expertsUp: 'sims/experts imports only lib/, sims/core and sims/envs',
  learnersUp: 'Policies and algorithms sit below experiments',
  pageSims: 'The page reaches the simulations only through',
  pageSafe: 'A page-safe file imports only',
} as const;
type Rule = keyof typeof MESSAGE;

interface Layer {
  /** A virtual file inside the layer's folder. */
  file: string;
  forbidden: [source: string, rule: Rule][];
  allowed: string[];
}

// What no module of sims/core, sims/envs or sims/experts may import, whichever layer it is.
const pureForbidden: [string, Rule][] = [
  ['@tensorflow/tfjs-core', 'tfFree'],
  ['react', 'react'],
  ['react-dom/client', 'react'],
  ['recharts', 'react'],
  ['./planted.module.css', 'react'],
  ['node:fs', 'node'],
  ['../../components/viz/export', 'ui'],
  ['@/components/viz/export', 'ui'],
  ['../../app/lab/page', 'ui'],
  ['@/content/toc', 'ui'],
];

const layers: Layer[] = [
  {
    file: 'lib/planted.ts',
    forbidden: [
      ['@tensorflow/tfjs-core', 'tfPage'],
      ['react', 'react'],
      ['../sims/core/env', 'lib'],
      ['@/sims/core/env', 'lib'],
      ['../components/viz/export', 'lib'],
      ['@/components/viz/export', 'lib'],
    ],
    allowed: ['./rng', 'zod'],
  },
  {
    file: 'sims/core/planted.ts',
    forbidden: [
      ...pureForbidden,
      ['../envs/lane', 'coreUp'],
      ['@/sims/envs/lane', 'coreUp'],
      ['../experts/lane', 'coreUp'],
      ['../policies/forward', 'coreUp'],
      ['../algos/bc', 'coreUp'],
      ['@/sims/algos/bc', 'coreUp'],
      ['../experiments/types', 'coreUp'],
      ['../worker/client', 'coreUp'],
      ['../cli', 'coreUp'],
    ],
    allowed: ['./env', '../../lib/rng', '@/lib/rng'],
  },
  {
    file: 'sims/envs/planted.ts',
    forbidden: [
      ...pureForbidden,
      // The backward import that dyckStudents.ts had before it moved to sims/algos.
      ['../experts/dyck', 'envsUp'],
      ['@/sims/experts/dyck', 'envsUp'],
      ['../policies/linear', 'envsUp'],
      ['../algos/gatewalkBc', 'envsUp'],
      ['@/sims/algos/dyckStudents', 'envsUp'],
      ['../experiments/bc-lane.params', 'envsUp'],
      ['../worker/protocol', 'envsUp'],
      ['../figures', 'envsUp'],
    ],
    allowed: ['./dyck', '../core/env', '@/sims/core/env', '../../lib/rng'],
  },
  {
    file: 'sims/experts/planted.ts',
    forbidden: [
      ...pureForbidden,
      ['../policies/mlp', 'expertsUp'],
      ['@/sims/policies/mlp', 'expertsUp'],
      ['../algos/dyckStudents', 'expertsUp'],
      ['../experiments/index', 'expertsUp'],
      ['@/sims/worker/worker', 'expertsUp'],
    ],
    allowed: ['./lane', '../envs/dyck', '@/sims/envs/dyck', '../core/rollout', '../../lib/linalg'],
  },
  ...['sims/policies/planted.ts', 'sims/algos/planted.ts'].map((file): Layer => ({
    file,
    forbidden: [
      ['react', 'react'],
      ['../../components/viz/export', 'ui'],
      ['@/components/viz/export', 'ui'],
      ['../experiments/types', 'learnersUp'],
      ['@/sims/experiments/progress', 'learnersUp'],
      ['../worker/client', 'learnersUp'],
      ['../cli', 'learnersUp'],
    ],
    allowed: [
      '@tensorflow/tfjs-core',
      '../core/abort',
      '../envs/lane',
      '../experts/lane',
      '../policies/mlp',
      '../algos/task',
      '@/sims/policies/weights',
    ],
  })),
  {
    file: 'sims/experiments/planted.ts',
    forbidden: [
      ['react', 'react'],
      ['../../components/viz/export', 'ui'],
      ['@/components/viz/export', 'ui'],
    ],
    allowed: ['@tensorflow/tfjs-core', '../algos/bc', '../policies/mlp', './types', './bc-lane.params', './progress'],
  },
  {
    file: 'sims/experiments/planted.params.ts',
    forbidden: [
      ['@tensorflow/tfjs-core', 'tfPageSafe'],
      ['react', 'react'],
      ['./bc-lane', 'pageSafe'],
      ['./index', 'pageSafe'],
      ['./progress', 'pageSafe'],
      ['../algos/bc', 'pageSafe'],
      ['@/sims/algos/bc', 'pageSafe'],
      ['../policies/forward', 'pageSafe'],
      ['../experts/lane', 'pageSafe'],
      ['../worker/client', 'pageSafe'],
    ],
    allowed: ['./types', './bc-lane.params', '../../lib/params', '../core/abort', 'zod'],
  },
  {
    file: 'sims/experiments/catalog.ts',
    forbidden: [
      ['./bc-lane', 'pageSafe'],
      ['@/sims/experiments/index', 'pageSafe'],
    ],
    allowed: ['./bc-lane.params', './types'],
  },
  {
    file: 'sims/worker/client.ts',
    forbidden: [
      ['@tensorflow/tfjs-core', 'tfPageSafe'],
      ['./host', 'pageSafe'],
      ['./worker', 'pageSafe'],
      ['../experiments/index', 'pageSafe'],
      ['../experiments/bc-lane', 'pageSafe'],
      ['../policies/backend', 'pageSafe'],
    ],
    allowed: ['comlink', './protocol', '../experiments/types', '../../lib/params'],
  },
  {
    file: 'sims/worker/planted.ts',
    forbidden: [
      ['react', 'react'],
      ['../../components/hooks/useExperiment', 'ui'],
    ],
    allowed: ['@tensorflow/tfjs-core', '../experiments/index', './protocol', 'comlink'],
  },
  {
    file: 'sims/planted.ts',
    forbidden: [
      ['react', 'react'],
      ['../components/viz/export', 'ui'],
      ['@/app/lab/page', 'ui'],
    ],
    allowed: ['./experiments/index', './policies/backend', 'node:fs', '../lib/csv'],
  },
  {
    file: 'components/widgets/Planted.tsx',
    forbidden: [
      ['@tensorflow/tfjs-core', 'tfPage'],
      ['@/sims/algos/bc', 'pageSims'],
      ['../../sims/algos/bc', 'pageSims'],
      ['@/sims/policies/mlp', 'pageSims'],
      ['@/sims/policies/forward', 'pageSims'],
      ['@/sims/experts/lane', 'pageSims'],
      ['@/sims/experiments/index', 'pageSims'],
      ['@/sims/experiments/bc-lane', 'pageSims'],
      ['../../sims/experiments/bc-lane', 'pageSims'],
      ['@/sims/experiments/progress', 'pageSims'],
      ['@/sims/worker/worker', 'pageSims'],
      ['@/sims/worker/host', 'pageSims'],
      ['@/sims/cli', 'pageSims'],
    ],
    allowed: [
      'react',
      '@/lib/params',
      '@/sims/core/env',
      '@/sims/envs/lane',
      '../../sims/envs/lane',
      '@/sims/worker/client',
      '@/sims/experiments/catalog',
      '@/sims/experiments/bc-lane.params',
      '@/sims/experiments/types',
      '@/sims/experiments/aggregate',
      '../viz/export',
    ],
  },
  {
    file: 'app/lab/planted.tsx',
    forbidden: [
      ['../../sims/experiments/index', 'pageSims'],
      ['@/sims/experiments/index', 'pageSims'],
    ],
    allowed: ['@/sims/experiments/catalog', '@/components/widgets/registry'],
  },
  {
    file: 'content/planted.ts',
    forbidden: [
      ['../sims/algos/bc', 'pageSims'],
      ['@tensorflow/tfjs-core', 'tfPage'],
    ],
    allowed: ['../sims/experiments/catalog', './toc'],
  },
];

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The messages of the import-direction rule for `code` linted as if it were `file`. */
async function importMessages(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const importing = (source: string) => `import * as planted from '${source}';\nexport { planted };\n`;

describe('import-direction lint rules', () => {
  for (const layer of layers) {
    describe(layer.file, () => {
      it.each(layer.forbidden)('rejects %s', async (source, rule) => {
        const messages = await importMessages(importing(source), layer.file);
        expect(messages.length, `no lint error for '${source}' in ${layer.file}`).toBeGreaterThan(0);
        expect(messages.join('\n')).toContain(MESSAGE[rule]);
      });

      it('accepts the imports the layer may make', async () => {
        for (const source of layer.allowed) {
          expect(await importMessages(importing(source), layer.file), `'${source}' in ${layer.file}`).toEqual([]);
        }
      });
    });
  }

  it('catches re-exports and type-only imports too', async () => {
    expect(
      await importMessages(`export { teacherProbOpen } from '../experts/dyck';\n`, 'sims/envs/planted.ts'),
    ).toEqual([expect.stringContaining(MESSAGE.envsUp)]);
    expect(
      await importMessages(
        `import type { Rng } from '../experts/dyck';\nexport type { Rng };\n`,
        'sims/envs/planted.ts',
      ),
    ).toEqual([expect.stringContaining(MESSAGE.envsUp)]);
  });
});
