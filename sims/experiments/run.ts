/**
 * The one way into an experiment for every caller that starts from input it did not check itself: the CLI,
 * `npm run figures`, the build's precomputed results, the benchmark, and the tests. It resolves the id, validates the
 * parameters once (lib/params.ts: out-of-range values are clamped and garbage replaced, each with a notice), runs,
 * and checks that the result carries what the experiment declares. The worker validates at its own boundary
 * (sims/worker/host.ts); experiments themselves trust the values they are handed.
 *
 * `runExperiment` is the typed form for code that names an experiment (tests): the parameters are checked against
 * the experiment's own keys at compile time, the result comes back typed, and any notice is an error.
 */
import { parseParams, type ParamNotice, type ParamSchema, type ParamValues } from '../../lib/params';
import type { ExperimentId, ParamsOfId, ResultOfId } from './catalog';
import { getExperiment } from './index';
import { checkResult, type Experiment, type Result, type RunContext } from './types';

export class UnknownExperimentError extends Error {
  constructor(id: string) {
    super(`Unknown experiment "${id}".`);
    this.name = 'UnknownExperimentError';
  }
}

export class InvalidParamsError extends Error {
  constructor(
    id: string,
    readonly notices: ParamNotice[],
  ) {
    super(`Invalid parameters for ${id}: ${notices.map((n) => n.message).join(' ')}`);
    this.name = 'InvalidParamsError';
  }
}

export interface Prepared {
  experiment: Experiment;
  /** Every parameter, valid. */
  values: ParamValues<ParamSchema>;
  /** What had to be corrected on the way. */
  notices: ParamNotice[];
}

/** Resolves the id and validates the parameters (missing keys take their defaults). */
export function prepare(id: string, raw: Record<string, unknown>): Prepared {
  const experiment = getExperiment(id);
  if (!experiment) throw new UnknownExperimentError(id);
  const { values, notices } = parseParams(experiment.params, raw);
  return { experiment, values, notices };
}

export interface RunByIdOptions extends RunContext {
  /** Throw InvalidParamsError instead of running with corrected values when any parameter needed a correction. */
  strict?: boolean;
}

/** Runs experiment `id` from untyped input. The notices say what was corrected. */
export async function runById(
  id: string,
  raw: Record<string, unknown>,
  { strict = false, ...ctx }: RunByIdOptions,
): Promise<Prepared & { result: Result }> {
  const prepared = prepare(id, raw);
  if (strict && prepared.notices.length > 0) throw new InvalidParamsError(id, prepared.notices);
  const result = await prepared.experiment.run(prepared.values, ctx);
  checkResult(prepared.experiment, result);
  return { ...prepared, result };
}

/**
 * Runs experiment `id` with the given parameters (the rest at their defaults), typed end to end. A value that
 * needs a correction (outside its range, say) throws: a test never silently runs something else.
 */
export async function runExperiment<Id extends ExperimentId>(
  id: Id,
  params: Partial<ParamsOfId<Id>>,
  ctx: RunContext<ResultOfId<Id>>,
): Promise<ResultOfId<Id>> {
  const { result } = await runById(id, params, { ...(ctx as RunContext), strict: true });
  return result as ResultOfId<Id>;
}
