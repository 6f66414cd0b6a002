/**
 * Messages between the page and a worker, typed once. A protocol is a map from request type to
 * `Call<payload, result, progress>`; the worker serves it with `serve(handlers)` (worker-serve.ts)
 * and the page calls it through a typed client, so the compiler checks every request, handler and
 * result. The maps themselves live with their workers (import/worker-protocol.ts,
 * tables/sort-runner.ts).
 *
 * On the wire every request has an id; the worker answers with progress messages, then one
 * result or error. `cancel` aborts a running request. A big result comes as parts first, then the
 * result with the paths where they go (result-parts.ts).
 */
import type { ResultPart } from './result-parts';

/** One request type: what is sent, what comes back, what progress it reports meanwhile. */
export interface Call<Payload, Result, Progress = never> {
  payload: Payload;
  result: Result;
  progress: Progress;
}

/** Handlers serving a protocol: one plain async function per request type. */
export type Handlers<M> = {
  [K in keyof M]: M[K] extends Call<infer P, infer R, infer G>
    ? (payload: P, ctx: HandlerContext<G>) => Promise<R>
    : never;
};

export type PayloadOf<M, K extends keyof M> =
  M[K] extends Call<infer P, unknown, unknown> ? P : never;
export type ResultOf<M, K extends keyof M> =
  M[K] extends Call<unknown, infer R, unknown> ? R : never;
export type ProgressOf<M, K extends keyof M> =
  M[K] extends Call<unknown, unknown, infer G> ? G : never;

export interface HandlerContext<Progress = unknown> {
  signal: AbortSignal;
  progress(p: Progress): void;
}

/** A request on the wire (`cancel` is understood by every worker). */
export type WorkerRequest =
  | { id: number; type: string; payload: unknown }
  | { id: 0; type: 'cancel'; payload: { target: number } };

export type WorkerResponse =
  | { id: number; type: 'progress'; progress: unknown }
  | { id: number; type: 'part'; part: ResultPart }
  | { id: number; type: 'result'; result: unknown; paths?: (string | number)[][] }
  | { id: number; type: 'error'; error: string; cancelled: boolean };
