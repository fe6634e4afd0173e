/**
 * Cooperative cancellation, shared by every long computation in sims/ (training loops, experiments, the worker):
 * a run checks its AbortSignal at checkpoints and stops by throwing AbortError.
 */

/** Thrown (and recognised by the worker and the CLI) when a run stops because its signal aborted. */
export class AbortError extends Error {
  constructor() {
    super('The run was cancelled.');
    this.name = 'AbortError';
  }
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new AbortError();
}

/** Lets the event loop breathe (so an abort message can arrive) and checks the signal. */
export async function checkpoint(signal?: AbortSignal): Promise<void> {
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  throwIfAborted(signal);
}
