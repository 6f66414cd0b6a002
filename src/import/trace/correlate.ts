/**
 * Kineto traces without `ac2g` flow events (older PyTorch, some exporters) still tie a kernel to
 * its launch through args: the CUDA runtime call and the kernel carry the same `correlation`,
 * and the CPU op, its runtime calls and its kernels the same `External id` (HTA correlates the
 * same way, hta/common/trace.py). This reads those args once at import and records the links in
 * `TraceModel.correlations` (runtime call → device task; CPU op → device task when only the
 * External id matches), which the analysis follows like launch flows.
 */
import type { FlowTable, TraceModel } from '../../model/trace-model';
import { argsReader } from '../advisor/advisor-run';
import type { InputFile } from '../sources/input-file';

const DEVICE_CATS = new Set(['kernel', 'Kernel', 'gpu_memcpy', 'Memcpy', 'gpu_memset', 'Memset']);
const RUNTIME_CATS = new Set(['cuda_runtime', 'Runtime', 'cuda_driver', 'Driver']);
const OP_CATS = new Set(['cpu_op', 'Operator']);
export const CORRELATION_CAT = 'correlation (args)';
const CAT_NAMES = [...DEVICE_CATS, ...RUNTIME_CATS, ...OP_CATS];
/** First characters and longest length of those names: most strings (ids, op names) are
 * passed over without hashing them (a 1 GB trace has ~600 k flow id strings). */
const CAT_FIRST = new Set(CAT_NAMES.map((n) => n.charCodeAt(0)));
const CAT_MAX = Math.max(...CAT_NAMES.map((n) => n.length));

interface Ref {
  track: number;
  index: number;
  args: number;
}

const key = (v: unknown): string | null =>
  typeof v === 'number' || typeof v === 'bigint' || (typeof v === 'string' && v !== '')
    ? String(v)
    : null;

/** Adds `model.correlations` when the trace has device tasks and no ac2g flows. */
export async function correlateLaunches(model: TraceModel, file: InputFile): Promise<number> {
  const cats = new Map<number, 'device' | 'runtime' | 'op'>();
  model.strings.forEach((s, i) => {
    if (s.length > CAT_MAX || !CAT_FIRST.has(s.charCodeAt(0))) return;
    if (DEVICE_CATS.has(s)) cats.set(i, 'device');
    else if (RUNTIME_CATS.has(s)) cats.set(i, 'runtime');
    else if (OP_CATS.has(s)) cats.set(i, 'op');
  });
  if (![...cats.values()].includes('device')) return 0;
  for (let i = 0; i < model.flows.length; i++)
    if (model.strings[model.flows.cat[i]!] === 'ac2g') return 0;
  const lists = { device: [] as Ref[], runtime: [] as Ref[], op: [] as Ref[] };
  model.sliceTracks.forEach((t, track) => {
    const s = t.slices;
    for (let i = 0; i < s.length; i++) {
      const c = cats.get(s.cat[i]!);
      if (c && s.args[i]! >= 0) lists[c].push({ track, index: i, args: s.args[i]! });
    }
  });
  if (lists.device.length === 0) return 0;
  const read = argsReader(model, new Map([[file.path, file]]));
  const argsOf = async (refs: Ref[]) =>
    (await read(refs.map((r) => r.args))).map((a) =>
      a && typeof a === 'object' ? (a as Record<string, unknown>) : null,
    );
  const [dev, rt, ops] = await Promise.all([
    argsOf(lists.device),
    argsOf(lists.runtime),
    argsOf(lists.op),
  ]);
  const byCorr = new Map<string, Ref>();
  rt.forEach((a, i) => {
    const c = key(a?.['correlation']);
    if (c !== null && !byCorr.has(c)) byCorr.set(c, lists.runtime[i]!);
  });
  const byExt = new Map<string, Ref>();
  ops.forEach((a, i) => {
    const e = key(a?.['External id']);
    if (e !== null && !byExt.has(e)) byExt.set(e, lists.op[i]!);
  });
  const links: [Ref, Ref][] = [];
  dev.forEach((a, i) => {
    const c = key(a?.['correlation']);
    const from =
      (c !== null ? byCorr.get(c) : undefined) ?? byExt.get(key(a?.['External id']) ?? '');
    if (from) links.push([from, lists.device[i]!]);
  });
  if (links.length === 0) return 0;
  let catId = model.strings.indexOf(CORRELATION_CAT);
  if (catId < 0) catId = model.strings.push(CORRELATION_CAT) - 1;
  const n = links.length;
  const table: FlowTable = {
    length: n,
    fromTrack: new Int32Array(n),
    fromSlice: new Int32Array(n),
    toTrack: new Int32Array(n),
    toSlice: new Int32Array(n),
    fromTs: new Float64Array(n),
    toTs: new Float64Array(n),
    cat: new Uint32Array(n).fill(catId),
    name: new Uint32Array(n).fill(catId),
    id: new Uint32Array(n).fill(catId),
  };
  links.forEach(([f, t], r) => {
    table.fromTrack[r] = f.track;
    table.fromSlice[r] = f.index;
    table.toTrack[r] = t.track;
    table.toSlice[r] = t.index;
    table.fromTs[r] = model.sliceTracks[f.track]!.slices.start[f.index]!;
    table.toTs[r] = model.sliceTracks[t.track]!.slices.start[t.index]!;
  });
  model.correlations = table;
  return n;
}
