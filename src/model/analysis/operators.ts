/**
 * CPU operators from the trace (analysis-definitions.md §4): torch ops are the slices of category
 * `cpu_op` (torch_npu, Kineto ≥ 2022, the db's PYTORCH_API) or `Operator` (older Kineto), except
 * `ProfilerStep#N`. Per instance, as operator_details.csv defines them:
 * - host total = the slice's duration; host self = total − Σ duration of its direct child ops;
 * - device self = Σ duration of the device events whose deepest launching op is this one;
 *   device total = the same over the op and all its descendant ops.
 * The launching op of a device event is found through its launch flow: the flow's start slice
 * (`torch_to_npu` starts on the op itself, Kineto `ac2g` on the runtime call inside it) and its
 * ancestors on that thread; the deepest op among them.
 *
 * `nested` marks instances that have an ancestor op of the same name: grouping by name sums
 * totals only over the others (§4.2), so a wrapper and the same-name op inside it count once.
 */
import type { OperatorTable } from '../ascend-data';
import type { TextTable } from '../profile';
import type { TraceModel } from '../trace-model';
import type { DeviceEvents } from './device-events';
import { launchLinks } from './launch-links';

const OP_CATS = new Set(['cpu_op', 'Operator']);
const STEP = /^ProfilerStep#/;

export interface TraceOperators {
  length: number;
  track: Int32Array;
  index: Int32Array;
  /** Op-tree parent (index into these arrays), -1 at the top. */
  parent: Int32Array;
  table: OperatorTable;
  /** Device events attributed to an operator (the rest had no launch flow from one). */
  attributedEvents: number;
  /** The launching operator of each device event (index into these arrays), -1 for none. */
  owner: Int32Array;
}

const fmtUs = (ns: number) => (Number.isFinite(ns) ? (ns / 1000).toFixed(3) : '');

export function traceOperators(trace: TraceModel, dev: DeviceEvents): TraceOperators {
  const opCat = new Set<number>();
  trace.strings.forEach((s, i) => {
    if (OP_CATS.has(s)) opCat.add(i);
  });
  const trackArr: number[] = [];
  const indexArr: number[] = [];
  const parentArr: number[] = [];
  /** Per track: slice index → op index (only tracks that hold ops). */
  const opOf = new Map<number, Int32Array>();
  trace.sliceTracks.forEach((t, ti) => {
    if (dev.deviceTracks.has(ti) || opCat.size === 0) return;
    const s = t.slices;
    let m: Int32Array | null = null;
    for (let i = 0; i < s.length; i++) {
      if (!opCat.has(s.cat[i]!) || STEP.test(trace.strings[s.name[i]!] ?? '')) continue;
      if (!m) opOf.set(ti, (m = new Int32Array(s.length).fill(-1)));
      let p = s.parent[i]!;
      while (p >= 0 && m[p]! < 0) p = s.parent[p]!;
      m[i] = trackArr.length;
      trackArr.push(ti);
      indexArr.push(i);
      parentArr.push(p >= 0 ? m[p]! : -1);
    }
  });
  const n = trackArr.length;
  const parent = Int32Array.from(parentArr);
  const hostTotal = new Float64Array(n);
  const hostSelf = new Float64Array(n);
  const devSelf = new Float64Array(n);
  const devTotal = new Float64Array(n);
  const nested = new Uint8Array(n);
  const strings: string[] = [''];
  const ids = new Map<number, number>();
  const name = new Uint32Array(n);
  for (let o = 0; o < n; o++) {
    const s = trace.sliceTracks[trackArr[o]!]!.slices;
    const i = indexArr[o]!;
    const d = s.dur[i]!;
    hostTotal[o] = d;
    hostSelf[o] = hostSelf[o]! + d;
    const p = parent[o]!;
    if (p >= 0) hostSelf[p] = hostSelf[p]! - d;
    const nid = s.name[i]!;
    let id = ids.get(nid);
    if (id === undefined) ids.set(nid, (id = strings.push(trace.strings[nid] ?? '') - 1));
    name[o] = id;
    for (let a = p; a >= 0; a = parent[a]!) {
      if (name[a] === id) {
        nested[o] = 1;
        break;
      }
    }
  }
  // Device time through launch flows.
  const evOf = new Map<number, Int32Array>();
  for (let e = 0; e < dev.length; e++) {
    const t = dev.track[e]!;
    let m = evOf.get(t);
    if (!m) evOf.set(t, (m = new Int32Array(trace.sliceTracks[t]!.slices.length).fill(-1)));
    m[dev.index[e]!] = e;
  }
  const owner = new Int32Array(dev.length).fill(-1);
  const f = launchLinks(trace);
  for (let r = 0; r < f.length; r++) {
    const m = evOf.get(f.toTrack[r]!);
    if (!m) continue;
    const e = m[f.toSlice[r]!] ?? -1;
    if (e < 0 || owner[e]! >= 0) continue;
    const ops = opOf.get(f.fromTrack[r]!);
    if (!ops) continue;
    const s = trace.sliceTracks[f.fromTrack[r]!]!.slices;
    let i = f.fromSlice[r]!;
    while (i >= 0 && ops[i]! < 0) i = s.parent[i]!;
    if (i >= 0) owner[e] = ops[i]!;
  }
  let attributed = 0;
  for (let e = 0; e < dev.length; e++) {
    const o = owner[e]!;
    if (o < 0) continue;
    attributed++;
    const d = dev.end[e]! - dev.start[e]!;
    devSelf[o] = devSelf[o]! + d;
    for (let a = o; a >= 0; a = parent[a]!) devTotal[a] = devTotal[a]! + d;
  }
  const header = [
    'Name',
    'Input Shapes',
    'Thread',
    'Host Self Duration(us)',
    'Host Total Duration(us)',
    'Device Self Duration(us)',
    'Device Total Duration(us)',
    'Nested in same name',
  ];
  const track = Int32Array.from(trackArr);
  // The text cells are made on first read (the Operators view, SQL), not with the analysis: eight
  // strings an operator were most of the analysis' memory (~0.18× a torch_npu trace), and the
  // import worker's analysis (checks, advisor) never reads them.
  let rows: string[][] | null = null;
  const text = { path: 'trace', header } as TextTable;
  Object.defineProperty(text, 'rows', {
    enumerable: true,
    get: () =>
      (rows ??= Array.from({ length: n }, (_, o) => [
        strings[name[o]!]!,
        '',
        trace.sliceTracks[track[o]!]!.name,
        fmtUs(hostSelf[o]!),
        fmtUs(hostTotal[o]!),
        fmtUs(devSelf[o]!),
        fmtUs(devTotal[o]!),
        nested[o] ? 'yes' : '',
      ])),
  });
  const table: OperatorTable = {
    source: 'trace',
    text,
    length: n,
    name,
    inputShapes: new Uint32Array(n),
    hostSelfNs: hostSelf,
    hostTotalNs: hostTotal,
    deviceSelfNs: devSelf,
    deviceTotalNs: devTotal,
    deviceSelfAiCoreNs: new Float64Array(n).fill(NaN),
    deviceTotalAiCoreNs: new Float64Array(n).fill(NaN),
    strings,
    nested,
  };
  return {
    length: n,
    track,
    index: Int32Array.from(indexArr),
    parent,
    table,
    attributedEvents: attributed,
    owner,
  };
}
