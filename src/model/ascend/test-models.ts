/**
 * Small hand-built TraceModels and KernelTables for the unit tests of this folder (the model
 * layer cannot use the importers). Slices are flat (depth 0), times are ns since the trace start.
 */
import { parseDecimalUs, type ExactTime } from '../../lib/exact-time';
import type { KernelTable, OperatorTable } from '../ascend-data';
import { newKernelTable } from './kernel-table';
import {
  emptyInstants,
  type FlowTable,
  type SliceTable,
  type SliceTrack,
  type ThreadModel,
  type TraceModel,
} from '../trace-model';

export interface FakeThread {
  name: string;
  /** [name, startNs, durNs] */
  slices: [string, number, number][];
}

export interface FakeProcess {
  name: string;
  labels?: string[];
  threads: FakeThread[];
}

/** A flow from (process, thread, slice) to (process, thread, slice), indices into the spec. */
export type FakeFlow = [[number, number, number], [number, number, number]];

export function makeTrace(
  processes: FakeProcess[],
  opts: { baseNs?: string; flows?: FakeFlow[] } = {},
): TraceModel {
  const strings: string[] = [''];
  const id = (s: string) => {
    const i = strings.indexOf(s);
    return i >= 0 ? i : strings.push(s) - 1;
  };
  const sliceTracks: SliceTrack[] = [];
  const threads: ThreadModel[] = [];
  const trackOf: number[][] = [];
  const orderOf: number[][][] = [];
  let endNs = 0;
  const model: TraceModel = {
    baseNs: opts.baseNs ?? '0',
    endNs: 0,
    strings,
    processes: [],
    threads,
    sliceTracks,
    counters: [],
    globalInstants: emptyInstants(),
    flows: emptyFlows(),
    args: {
      length: 0,
      offset: new Float64Array(0),
      size: new Uint32Array(0),
      arena: null,
      sourcePath: '',
    },
    metadata: {},
    stats: {
      events: 1,
      byPhase: {},
      firstTsNs: null,
      lastTsNs: null,
      distinctTs: 0,
      processNames: processes.map((p) => p.name),
      flows: { matched: 0, startOnly: 0, endOnly: 0, unbound: 0 },
      overflowSlices: 0,
      slices: 0,
      counters: 0,
      instants: 0,
      maxDepth: 0,
    },
    warnings: [],
  };
  processes.forEach((p, pi) => {
    trackOf.push([]);
    orderOf.push([]);
    const threadIdx: number[] = [];
    p.threads.forEach((t, ti) => {
      const order = t.slices.map((_, i) => i).sort((a, b) => t.slices[a]![1] - t.slices[b]![1]);
      const n = t.slices.length;
      const s: SliceTable = {
        length: n,
        start: new Float64Array(n),
        dur: new Float64Array(n),
        depth: new Uint16Array(n),
        parent: new Int32Array(n).fill(-1),
        name: new Uint32Array(n),
        cat: new Uint32Array(n),
        args: new Int32Array(n).fill(-1),
        flags: new Uint8Array(n),
        rows: n > 0 ? 1 : 0,
      };
      order.forEach((src, j) => {
        const [name, start, dur] = t.slices[src]!;
        s.start[j] = start;
        s.dur[j] = dur;
        s.name[j] = id(name);
        endNs = Math.max(endNs, start + dur);
      });
      const track =
        sliceTracks.push({
          kind: 'thread',
          process: pi,
          thread: threads.length,
          name: t.name,
          slices: s,
        }) - 1;
      trackOf[pi]![ti] = track;
      orderOf[pi]![ti] = order;
      threadIdx.push(threads.length);
      threads.push({
        tid: String(ti),
        process: pi,
        name: t.name,
        sortIndex: null,
        track,
        overflowTrack: -1,
        instants: emptyInstants(),
      });
    });
    model.processes.push({
      pid: String(pi + 1),
      name: p.name,
      labels: p.labels ?? [],
      sortIndex: null,
      threads: threadIdx,
      counters: [],
      asyncTracks: [],
      instants: emptyInstants(),
    });
  });
  const flows = opts.flows ?? [];
  const f = model.flows;
  const n = flows.length;
  Object.assign(f, {
    length: n,
    fromTrack: new Int32Array(n),
    fromSlice: new Int32Array(n),
    toTrack: new Int32Array(n),
    toSlice: new Int32Array(n),
    fromTs: new Float64Array(n),
    toTs: new Float64Array(n),
    cat: new Uint32Array(n),
    name: new Uint32Array(n),
    id: new Uint32Array(n),
  });
  flows.forEach(([a, b], i) => {
    const at = (e: [number, number, number]) => {
      const track = trackOf[e[0]]![e[1]]!;
      const index = orderOf[e[0]]![e[1]]!.indexOf(e[2]);
      return { track, index, ts: sliceTracks[track]!.slices.start[index]! };
    };
    const x = at(a);
    const y = at(b);
    f.fromTrack[i] = x.track;
    f.fromSlice[i] = x.index;
    f.fromTs[i] = x.ts;
    f.toTrack[i] = y.track;
    f.toSlice[i] = y.index;
    f.toTs[i] = y.ts;
  });
  model.endNs = endNs;
  return model;
}

function emptyFlows(): FlowTable {
  return {
    length: 0,
    fromTrack: new Int32Array(0),
    fromSlice: new Int32Array(0),
    toTrack: new Int32Array(0),
    toSlice: new Int32Array(0),
    fromTs: new Float64Array(0),
    toTs: new Float64Array(0),
    cat: new Uint32Array(0),
    name: new Uint32Array(0),
    id: new Uint32Array(0),
  };
}

export interface FakeKernel {
  name: string;
  type?: string;
  core?: string;
  /** Absolute start, decimal µs ("1736412474730135.222"). */
  start: string;
  /** Duration, ns (NaN for missing). */
  durNs: number;
  shapes?: string;
  step?: number;
}

export function makeKernels(rows: FakeKernel[]): KernelTable {
  const strings = [''];
  const id = (s: string) => {
    const i = strings.indexOf(s);
    return i >= 0 ? i : strings.push(s) - 1;
  };
  const n = rows.length;
  const k = newKernelTable('csv', { path: 'kernel_details.csv', header: [], rows: [] }, n, strings);
  k.step.fill(-1);
  k.stream.fill(-1);
  const t: ExactTime = { us: 0, fracNs: 0 };
  rows.forEach((r, i) => {
    if (parseDecimalUs(r.start, t)) {
      k.startUs[i] = NaN;
    } else {
      k.startUs[i] = t.us;
      k.startFrac[i] = t.fracNs;
    }
    k.durNs[i] = r.durNs;
    k.name[i] = id(r.name);
    k.type[i] = id(r.type ?? '');
    k.core[i] = id(r.core ?? '');
    k.inputShapes[i] = id(r.shapes ?? '');
    k.step[i] = r.step ?? -1;
  });
  return k;
}

export function makeOperators(
  rows: { name: string; deviceTotalNs: number; hostTotalNs?: number }[],
): OperatorTable {
  const strings = [''];
  const id = (s: string) => {
    const i = strings.indexOf(s);
    return i >= 0 ? i : strings.push(s) - 1;
  };
  const n = rows.length;
  const f = () => new Float64Array(n);
  const ops: OperatorTable = {
    source: 'csv',
    text: { path: 'operator_details.csv', header: [], rows: [] },
    length: n,
    name: new Uint32Array(n),
    inputShapes: new Uint32Array(n),
    hostSelfNs: f(),
    hostTotalNs: f(),
    deviceSelfNs: f(),
    deviceTotalNs: f(),
    deviceSelfAiCoreNs: f(),
    deviceTotalAiCoreNs: f(),
    strings,
  };
  rows.forEach((r, i) => {
    ops.name[i] = id(r.name);
    ops.deviceTotalNs[i] = r.deviceTotalNs;
    ops.deviceSelfNs[i] = r.deviceTotalNs;
    ops.hostTotalNs[i] = r.hostTotalNs ?? 0;
    ops.hostSelfNs[i] = r.hostTotalNs ?? 0;
  });
  return ops;
}
