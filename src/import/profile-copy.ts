/**
 * A copy of an imported profile whose typed arrays are the worker's own: the profile itself goes
 * to the page (its buffers moved, not copied), and the copy stays behind for the work that can
 * follow the hand-over — the cross-view checks, the Kernels join, the reopen-cache entry and the
 * advisor's inputs (worker-after-import.ts). The model is small next to its file (~0.2× for a
 * torch_npu trace), so the copy costs a memcpy of that, not a second parse.
 */
import type { ProfileModel } from '../model/profile';

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

/** `v` with every typed array in it copied (plain objects and arrays copied along the way). */
export function copyTyped<T>(v: T): T {
  return copyValue(v, new Map()) as T;
}
