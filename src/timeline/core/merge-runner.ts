/**
 * Merged device streams without a long task. The first time a merge is asked for, the page
 * sends the member tables to a worker (merge.worker.ts: one message per table, so no single
 * copy is long) and lays the streams out unmerged meanwhile; when the lane set comes back
 * (with its pyramid and lane index, so the first draw builds nothing) it is kept with the trace
 * (model/merge-streams.ts `adoptMerged`) and `onMergeBuilt` listeners (the timeline view) lay
 * the rows out again. Where workers do not exist (Node: tests, benchmarks) or the worker fails,
 * the merge is built on the spot as before.
 */
import type { Call } from '../../lib/worker-protocol';
import type { WorkerRequest, WorkerResponse } from '../../lib/worker-protocol';
import {
  adoptMerged,
  cachedMerge,
  memberInstants,
  mergeStreams,
  type MemberColumns,
  type MergedStreams,
} from '../../model/merge-streams';
import type { InstantTable, TraceModel } from '../../model/trace-model';

/** The merge worker's protocol. */
export interface MergeProtocol {
  member: Call<{ job: number; j: number; cols: MemberColumns }, true>;
  build: Call<
    { job: number; members: number[]; process: number; name: string; instants: InstantTable[] },
    MergedStreams
  >;
}

let worker: Worker | null = null;
let broken = typeof Worker === 'undefined';
let nextId = 1;
let nextJob = 1;
const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
const pending = new WeakMap<TraceModel, Set<string>>();
let pendingCount = 0;
let builtInWorker = 0;
const listeners = new Set<() => void>();

/** Calls `cb` each time a merge built in the worker is ready; returns the unsubscribe. */
export function onMergeBuilt(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

/** Merges being built in the worker now. */
export function pendingMerges(): number {
  return pendingCount;
}

/** Merges the worker has built since the page loaded (tests check the work left the page). */
export function workerMerges(): number {
  return builtInWorker;
}

/**
 * The merged lane set of `members` of trace `t`: built already, built now (no worker), or null
 * while the worker builds it (the caller lays the streams out unmerged until `onMergeBuilt`).
 */
export function mergedStreamsFor(
  t: TraceModel,
  process: number,
  members: readonly number[],
  name: string,
): MergedStreams | null {
  const hit = cachedMerge(t, process, members);
  if (hit) return hit;
  if (broken) return mergeStreams(t, process, members, name);
  const key = `${process}:${members.join(',')}`;
  let set = pending.get(t);
  if (!set) pending.set(t, (set = new Set()));
  if (!set.has(key)) {
    set.add(key);
    pendingCount++;
    void buildInWorker(t, process, members, name).finally(() => {
      set.delete(key);
      pendingCount--;
      for (const cb of [...listeners]) cb();
    });
  }
  return null;
}

async function buildInWorker(
  t: TraceModel,
  process: number,
  members: readonly number[],
  name: string,
): Promise<void> {
  try {
    const job = nextJob++;
    for (let j = 0; j < members.length; j++) {
      const s = t.sliceTracks[members[j]!]!.slices;
      const cols: MemberColumns = {
        length: s.length,
        start: s.start,
        dur: s.dur,
        name: s.name,
        cat: s.cat,
        args: s.args,
        flags: s.flags,
      };
      await call('member', { job, j, cols });
    }
    const m = (await call('build', {
      job,
      members: [...members],
      process,
      name,
      instants: memberInstants(t, members),
    })) as MergedStreams;
    adoptMerged(t, m);
    builtInWorker++;
  } catch {
    // The worker failed: build here (a long task, but the option still works).
    broken = true;
    mergeStreams(t, process, members, name);
  }
}

function call<K extends keyof MergeProtocol>(
  type: K,
  payload: MergeProtocol[K]['payload'],
): Promise<unknown> {
  const w = mergeWorker();
  if (!w) return Promise.reject(new Error('no worker'));
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    w.postMessage({ id, type, payload } satisfies WorkerRequest);
  });
}

function mergeWorker(): Worker | null {
  if (broken) return null;
  if (!worker) {
    try {
      worker = new Worker(new URL('./merge.worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (e: MessageEvent<WorkerResponse>) => {
        const m = e.data;
        if (m.type !== 'result' && m.type !== 'error') return;
        const w = waiting.get(m.id);
        waiting.delete(m.id);
        if (m.type === 'result') w?.resolve(m.result);
        else w?.reject(new Error(m.error));
      };
      worker.onerror = (e) => {
        e.preventDefault();
        broken = true;
        worker?.terminate();
        worker = null;
        for (const w of waiting.values()) w.reject(new Error('merge worker failed'));
        waiting.clear();
      };
    } catch {
      broken = true;
      return null;
    }
  }
  return worker;
}
