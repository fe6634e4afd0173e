// The command-line runner: argument parsing and output formatting in-process (fast), then the real thing spawned
// with tsx — `list`, a `run lane-horizon --json` whose stdout parses, and each way a command line can be wrong
// (unknown id, unknown --set key, out-of-range or malformed value, bad seed), which must exit non-zero with a
// one-line reason. Spawns run in parallel; the error cases exit before tfjs is even loaded.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  formatList,
  formatNumber,
  formatResult,
  parseArgs,
  parseStrict,
  progressBar,
  toPlainJson,
  UsageError,
} from '@/sims/cli';
import { catalog } from '@/sims/experiments/catalog';
import { PARAM_VOCABULARY } from '@/sims/experiments/vocabulary';
import type { NumberParam } from '@/lib/params';

const root = fileURLToPath(new URL('../../../', import.meta.url));

interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
}

function sim(...args: string[]): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'sims/cli.ts', ...args], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('parseArgs (strict: the CLI never clamps)', () => {
  it('parses list, run with seed, sets, json and backend', () => {
    expect(parseArgs(['list'])).toEqual({ kind: 'list' });
    expect(parseArgs([]).kind).toBe('help');
    const cmd = parseArgs([
      'run',
      'lane-horizon',
      '--seed',
      '7',
      '--set',
      'epsilon=0.05',
      '--set=hMax=80',
      '--json',
      '--backend',
      'cpu',
    ]);
    expect(cmd).toMatchObject({
      kind: 'run',
      seed: 7,
      json: true,
      backend: 'cpu',
      params: { epsilon: 0.05, hMax: 80 },
    });
    expect(parseArgs(['run', 'bc-lane', '--set', 'encoding=onehot'])).toMatchObject({
      params: { encoding: 'onehot' },
      seed: 0,
      json: false,
      backend: 'wasm',
    });
  });

  it.each([
    [['run', 'nope'], /unknown experiment "nope"; known: .*lane-horizon/],
    [['run'], /needs an experiment id/],
    [['walk'], /unknown command/],
    [['run', 'lane-horizon', '--set', 'bogus=1'], /unknown parameter "bogus" for lane-horizon; known: epsilon/],
    [['run', 'lane-horizon', '--set', 'epsilon=0.5'], /epsilon=0.5: out of range .*\[0, 0.1\]/],
    [['run', 'lane-horizon', '--set', 'epsilon=abc'], /not a number/],
    [['run', 'lane-horizon', '--set', 'epsilon='], /not a number/],
    [['run', 'lane-horizon', '--set', 'hMin=10.5'], /not a whole number/],
    [['run', 'lane-horizon', '--set', 'encoding=threehot'], /not an option .*scalar\|onehot/],
    [['run', 'lane-horizon', '--set', 'epsilon'], /needs key=value/],
    [['run', 'lane-horizon', '--seed', '-1'], /seed is a whole number from 0 to/],
    [['run', 'lane-horizon', '--seed', '1.5'], /seed/],
    [['run', 'lane-horizon', '--seed', '99999999999'], /seed/],
    [['run', 'lane-horizon', '--seed'], /--seed needs a value/],
    [['run', 'lane-horizon', '--backend', 'webgl'], /use wasm or cpu/],
    [['run', 'lane-horizon', '--fast'], /unknown option/],
  ])('rejects %j', (argv, reason) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(reason);
  });

  it('accepts every bound exactly, rejects just outside', () => {
    for (const info of catalog) {
      for (const [key, spec] of Object.entries(info.params)) {
        if (spec.kind !== 'number') continue;
        const s = spec as NumberParam;
        expect(parseStrict(key, s, String(s.min))).toBe(s.min);
        expect(parseStrict(key, s, String(s.max))).toBe(s.max);
        expect(() => parseStrict(key, s, String(s.max + s.step))).toThrow(/out of range/);
      }
    }
  });
});

describe('output', () => {
  const result = {
    metrics: { 'slope/bc': 1.8234, 'cost/bc': 27.61 },
    series: {
      bc: [
        { x: 10, y: 0.691 },
        { x: 20, y: 2.478 },
      ],
      dagger: [
        { x: 10, y: 0.134 },
        { x: 20, y: 0.268 },
      ],
      'loss/train': [{ x: 0, y: 1.1 }],
    },
    trajectories: { bc: { data: Float32Array.of(0, 1, 1), dims: [3, 1] as [number, number], labels: ['y'] } },
    extras: { table: [1, 1, 1], nested: { a: 1 } },
  };

  it('prints metrics, series sharing x as one table, trajectories and extras', () => {
    const text = formatResult(result);
    expect(text).toMatch(/slope\/bc\s+1\.823/);
    expect(text).toMatch(/series bc, dagger\n\s+x\s+bc\s+dagger\n\s+10\s+0\.6910\s+0\.1340/);
    expect(text).toContain('series loss/train');
    expect(text).toContain('trajectory bc: 3 steps × 1 (y): 0 1 1');
    expect(text).toContain('table: [1, 1, 1]');
  });

  it('JSON turns typed arrays into arrays and NaN into null', () => {
    expect(toPlainJson({ a: Float32Array.of(1, 2), b: NaN })).toEqual({ a: [1, 2], b: null });
  });

  it('formats numbers, the list and the bar', () => {
    expect([formatNumber(3), formatNumber(0.123456), formatNumber(1.5e-5), formatNumber(NaN)]).toEqual([
      '3',
      '0.1235',
      '1.500e-5',
      'NaN',
    ]);
    expect(formatList(catalog)).toMatch(
      /lane-horizon — .*\n.*\n {2}parameters:\n {4}epsilon\s+default 0.020\s+in \[0, 0.1\]/,
    );
    expect(progressBar(0.5, 'half', 10)).toBe('[#####-----]  50%  half');
  });
});

describe('spawned: npm run sim -- …', () => {
  const runs = new Map<string, Spawned>();
  const cases: Record<string, string[]> = {
    list: ['list'],
    run: [
      'run',
      'lane-horizon',
      '--json',
      '--backend',
      'cpu',
      '--seed',
      '3',
      '--set',
      'hMax=80',
      '--set',
      'nHorizons=4',
    ],
    unknownId: ['run', 'lane-horizons'],
    unknownKey: ['run', 'lane-horizon', '--set', 'eps=0.1'],
    outOfRange: ['run', 'lane-horizon', '--set', 'epsilon=0.5'],
    garbage: ['run', 'bc-lane', '--set', 'horizon=lots'],
    badSeed: ['run', 'lane-horizon', '--seed', 'abc'],
  };

  beforeAll(async () => {
    const entries = await Promise.all(
      Object.entries(cases).map(async ([name, argv]) => [name, await sim(...argv)] as const),
    );
    for (const [name, out] of entries) runs.set(name, out);
  });

  it('list prints every experiment with its parameters', () => {
    const { code, stdout } = runs.get('list')!;
    expect(code).toBe(0);
    for (const info of catalog) {
      expect(stdout).toContain(`${info.id} — ${info.title}`);
      expect(stdout).toContain(info.description);
      for (const key of Object.keys(info.params)) expect(stdout).toContain(key);
    }
    expect(stdout).toMatch(/horizon\s+default 64 steps\s+integer in \[5, 200\] steps/);
    // …and the shared parameter vocabulary, so a reader of one experiment knows the keys of all.
    expect(stdout).toContain('shared parameter keys');
    for (const key of Object.keys(PARAM_VOCABULARY)) expect(stdout).toMatch(new RegExp(`\\n\\s+${key}\\s+\\S`));
  });

  it('run --json prints one parseable JSON object on stdout, progress on stderr', () => {
    const { code, stdout, stderr } = runs.get('run')!;
    expect(code, stderr).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({
      id: 'lane-horizon',
      seed: 3,
      backend: 'cpu',
      params: { hMax: 80, nHorizons: 4, epsilon: 0.02 },
    });
    expect(Object.keys(out.result.series)).toEqual(expect.arrayContaining(['bc', 'dagger', 'expert']));
    expect(out.result.series.bc.map((p: { x: number }) => p.x)).toEqual([10, 20, 40, 80]);
    expect(out.result.metrics['ratio/bcOverDagger']).toBeGreaterThan(10);
    expect(stderr).toMatch(/\[#+\] 100%/);
  });

  it.each([
    ['unknownId', /^sim: unknown experiment "lane-horizons"; known: (?:[a-z0-9-]+, )*lane-horizon(?:, [a-z0-9-]+)*$/],
    ['unknownKey', /^sim: unknown parameter "eps" for lane-horizon; known: .+$/],
    ['outOfRange', /^sim: --set epsilon=0.5: out of range \(Tremble ε: in \[0, 0.1\]\)$/],
    ['garbage', /^sim: --set horizon=lots: not a number \(Horizon H: integer in \[5, 200\] steps\)$/],
    ['badSeed', /^sim: --seed abc: a seed is a whole number from 0 to \d+$/],
  ])('%s exits 2 with a one-line reason', (name, reason) => {
    const { code, stdout, stderr } = runs.get(name)!;
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr.trimEnd()).toMatch(reason);
  });
});
