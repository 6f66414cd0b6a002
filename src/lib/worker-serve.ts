/**
 * The one message loop of every worker: `serve(handlers)` answers each request of a protocol
 * (worker-protocol.ts) with its handler's progress, then its result or error, and aborts a
 * request on `cancel`. Handlers stay plain async functions, testable without a worker.
 */
import { splitResult } from './result-parts';
import { collectTransferables } from './transferables';
import type { Handlers, WorkerRequest, WorkerResponse } from './worker-protocol';

/** The worker's side of the channel (the worker's global scope, or a stand-in in tests). */
export interface WorkerPort {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse, options?: { transfer?: Transferable[] }): void;
}

export interface ServeOptions {
  /** Least time between two progress messages of one request (ms); 0 sends every one. */
  progressEveryMs?: number;
  /**
   * How results travel: copied (structured clone), their buffers moved, or moved and big arrays
   * sent in parts first (result-parts.ts), so the page never spends long on one message.
   */
  results?: 'copy' | 'transfer' | 'parts';
  /** Where requests come from; the worker's global scope by default. */
  port?: WorkerPort;
}

export function serve<M>(handlers: Handlers<M>, opts: ServeOptions = {}): void {
  const port = opts.port ?? self;
  const every = opts.progressEveryMs ?? 0;
  const results = opts.results ?? 'copy';
  const table = handlers as Record<string, Handlers<M>[keyof M] | undefined>;
  const running = new Map<number, AbortController>();
  const post = (m: WorkerResponse, transfer: Transferable[] = []) =>
    port.postMessage(m, { transfer });

  port.onmessage = (e) => {
    const req = e.data;
    if (req.type === 'cancel') {
      running.get((req.payload as { target: number }).target)?.abort();
      return;
    }
    const { id, type, payload } = req;
    const handler = table[type] as
      | ((p: unknown, ctx: { signal: AbortSignal; progress(p: unknown): void }) => Promise<unknown>)
      | undefined;
    if (!handler)
      return post({ id, type: 'error', error: `unknown request "${type}"`, cancelled: false });
    const ac = new AbortController();
    running.set(id, ac);
    let last = 0;
    handler(payload, {
      signal: ac.signal,
      progress: (progress) => {
        if (every > 0) {
          const now = performance.now();
          if (now - last < every) return;
          last = now;
        }
        post({ id, type: 'progress', progress });
      },
    })
      .then((result) => {
        // Cancelled while finishing (e.g. during finalize, which does not watch the signal).
        if (ac.signal.aborted)
          return post({ id, type: 'error', error: 'cancelled', cancelled: true });
        if (results === 'copy') return post({ id, type: 'result', result });
        if (results === 'transfer')
          return post({ id, type: 'result', result }, collectTransferables(result));
        const { skeleton, paths, parts } = splitResult(result);
        for (const part of parts) post({ id, type: 'part', part }, collectTransferables(part));
        post(
          { id, type: 'result', result: skeleton, ...(parts.length > 0 ? { paths } : {}) },
          collectTransferables(skeleton),
        );
      })
      .catch((err: unknown) => {
        const error = err instanceof Error ? err.message : String(err);
        post({ id, type: 'error', error, cancelled: ac.signal.aborted });
      })
      .finally(() => running.delete(id));
  };
}
