/**
 * Cooperative chunking for work that can touch millions of slices (search, range aggregation):
 * the work is a generator that yields often; the runner gives it a time budget per turn and
 * returns to the event loop between turns, so the page never blocks for long. Cancellation is an
 * AbortSignal checked between turns.
 */

import { nextTask } from '../../lib/next-task';

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/** Yields to the event loop without setTimeout's 4 ms clamp where possible. */
export const yieldToEventLoop = nextTask;

export interface ChunkOptions {
  signal?: AbortSignal;
  /** Milliseconds of work per turn. */
  budgetMs?: number;
  now?: () => number;
  yieldFn?: () => Promise<void>;
  /** Yield once before the first step (start from a later task, not inside the caller's). */
  deferStart?: boolean;
}

/**
 * Runs a generator to completion in turns of ~budgetMs. The generator should `yield` every few
 * thousand items; it may also yield a promise (awaited before continuing, e.g. reading args).
 */
export async function runChunked<T>(
  gen: Generator<Promise<unknown> | undefined, T, unknown>,
  opts: ChunkOptions = {},
): Promise<T> {
  const now = opts.now ?? (() => performance.now());
  const budget = opts.budgetMs ?? 8;
  const yieldFn = opts.yieldFn ?? yieldToEventLoop;
  if (opts.deferStart) await yieldFn();
  let turnStart = now();
  let input: unknown = undefined;
  for (;;) {
    if (opts.signal?.aborted) throw new Cancelled();
    const r = gen.next(input);
    input = undefined;
    if (r.done) return r.value;
    if (r.value) {
      input = await r.value;
      turnStart = now();
      continue;
    }
    if (now() - turnStart >= budget) {
      await yieldFn();
      turnStart = now();
    }
  }
}
