/**
 * A copy of an imported profile whose typed arrays are the worker's own: the profile itself goes
 * to the page (its buffers moved, not copied), and the copy stays behind for the work that can
 * follow the hand-over — the cross-view checks, the Kernels join, the reopen-cache entry and the
 * advisor's inputs (worker-after-import.ts). The model is small next to its file (~0.2× for a
 * torch_npu trace), so the copy costs a memcpy of that, not a second parse.
 */
import { buildFlowIndex } from '../model/flow-index';
import { attachLodPyramids } from '../model/lod-pyramid';
import type { ProfileModel } from '../model/profile';
import type { TraceModel } from '../model/trace-model';

type TypedArray = ArrayBufferView & { slice(): ArrayBufferView };

/**
 * Copies plain objects and arrays, with each typed array copied into a buffer of its own (one
 * array referenced twice stays one array). Strings, numbers and other leaves are shared.
 */
function copyValue(v: unknown, seen: Map<object, unknown>): unknown {
  if (v === null || typeof v !== 'object') return v;
  const done = seen.get(v);
  if (done !== undefined) return done;
  if (ArrayBuffer.isView(v)) {
    const c = v instanceof DataView ? new DataView(v.buffer.slice(0)) : (v as TypedArray).slice();
    seen.set(v, c);
    return c;
  }
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    seen.set(v, out);
    for (let i = 0; i < v.length; i++) out[i] = copyValue(v[i], seen);
    return out;
  }
  const out: Record<string, unknown> = {};
  seen.set(v, out);
  for (const [k, x] of Object.entries(v)) out[k] = copyValue(x, seen);
  return out;
}

/** The profile with every typed array copied (see the module comment). */
export function copyProfile(p: ProfileModel): ProfileModel {
  return copyValue(p, new Map()) as ProfileModel;
}

/** `o` without the keys `drop` (the others in their order); `o` itself when it has none of them. */
function omit<T extends object>(o: T, drop: readonly string[]): T {
  if (!drop.some((k) => k in o)) return o;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (!drop.includes(k)) out[k] = v;
  return out as T;
}

/**
 * What the timeline reads that the work after the hand-over does not, and that is built from the
 * rest of the trace (so {@link restoreDerived} makes it again, the same): the slice tables' level-of-
 * detail pyramids and lane indexes, the counters' min / max levels and the flow index. ~18 % of a
 * torch_npu model: the copy is that much smaller while the checks run.
 */
const DERIVED = { slices: ['lod', 'laneIndex'], series: ['lod'], flows: ['index'] } as const;

/**
 * The profile with every typed array copied, less the trace's derived indexes (`DERIVED`): the
 * copy the work after the hand-over reads. {@link restoreDerived} puts them back before the cache
 * entry is written from it.
 */
export function copyProfileLean(p: ProfileModel): ProfileModel {
  const t = p.trace;
  if (!t) return copyProfile(p);
  const trace: TraceModel = {
    ...t,
    sliceTracks: t.sliceTracks.map((tr) => ({ ...tr, slices: omit(tr.slices, DERIVED.slices) })),
    counters: t.counters.map((c) => ({
      ...c,
      series: c.series.map((s) => omit(s, DERIVED.series)),
    })),
    flows: omit(t.flows, DERIVED.flows),
  };
  const hadFlowIndex = 'index' in t.flows;
  const copy = copyProfile({ ...p, trace });
  if (hadFlowIndex) derivedLeft.add(copy.trace!.flows);
  return copy;
}

/** Copies' flow tables whose index was left out (made again only where there was one). */
const derivedLeft = new WeakSet<TraceModel['flows']>();

/**
 * Makes again what {@link copyProfileLean} left out (appended as they were: after the other keys),
 * so the copy serialises as the profile did.
 */
export function restoreDerived(trace: TraceModel | null): void {
  if (!trace) return;
  attachLodPyramids(trace);
  const f = trace.flows;
  if (derivedLeft.has(f) && !f.index)
    f.index = buildFlowIndex(f, trace.sliceTracks.length, trace.strings);
}

/** `v` with every typed array in it copied (plain objects and arrays copied along the way). */
export function copyTyped<T>(v: T): T {
  return copyValue(v, new Map()) as T;
}
