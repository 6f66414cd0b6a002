/**
 * Typed promise API over a worker serving protocol `M` (lib/worker-protocol.ts): `call` takes the
 * request type and its payload and resolves with its result, all checked by the compiler. A
 * worker that dies is reported and replaced on the next call, so the user can retry.
 */
import { PartsJoiner } from '../lib/result-parts';
import type {
  PayloadOf,
  ProgressOf,
  ResultOf,
  WorkerRequest,
  WorkerResponse,
} from '../lib/worker-protocol';

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
  onProgress?: (p: unknown) => void;
  /** Parts of a big result received so far, joined as they arrive (see result-parts.ts). */
  parts: PartsJoiner;
}

export class WorkerCrashedError extends Error {}
export class RequestCancelledError extends Error {}

export class WorkerClient<M> {
  private worker: Worker | null = null;
  /** Counts workers started (1 for the first): a new one holds none of the old one's state. */
  private started = 0;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly create: () => Worker) {}

  /** Which worker the next request goes to (changes when a dead worker is replaced). */
  get workerGeneration(): number {
    return this.worker ? this.started : this.started + 1;
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = this.create();
    this.started++;
    w.onmessage = (e: MessageEvent<WorkerResponse>) => {
      const m = e.data;
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.type === 'progress') p.onProgress?.(m.progress);
      else if (m.type === 'part') p.parts.add(m.part);
      else {
        this.pending.delete(m.id);
        if (m.type === 'result') p.resolve(m.paths ? p.parts.finish(m.result, m.paths) : m.result);
        else p.reject(m.cancelled ? new RequestCancelledError(m.error) : new Error(m.error));
      }
    };
    w.onerror = (e) => {
      e.preventDefault();
      this.fail(`the import worker stopped: ${e.message || 'out of memory or crashed'}`);
    };
    w.onmessageerror = () => this.fail('the import worker sent a message that could not be read');
    this.worker = w;
    return w;
  }

  private fail(message: string): void {
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new WorkerCrashedError(message));
    this.pending.clear();
  }

  /** Sends a request; resolves with its result. The returned id can be used to cancel it. */
  call<K extends keyof M & string>(
    type: K,
    payload: PayloadOf<M, K>,
    onProgress?: (p: ProgressOf<M, K>) => void,
    transfer: Transferable[] = [],
  ): { id: number; promise: Promise<ResultOf<M, K>> } {
    const id = this.nextId++;
    const promise = new Promise<ResultOf<M, K>>((resolve, reject) => {
      this.pending.set(id, {
        resolve: resolve,
        reject,
        onProgress: onProgress as ((p: unknown) => void) | undefined,
        parts: new PartsJoiner(),
      });
      const req: WorkerRequest = { id, type, payload };
      this.ensure().postMessage(req, transfer);
    });
    return { id, promise };
  }

  cancel(id: number): void {
    this.worker?.postMessage({
      id: 0,
      type: 'cancel',
      payload: { target: id },
    } satisfies WorkerRequest);
  }

  /** Stops the worker and everything it holds. */
  reset(): void {
    this.fail('reset');
  }
}
