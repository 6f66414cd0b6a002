/**
 * A synthetic TraceModel with a realistic Ascend-like mix of tracks, for the timeline benchmark:
 * Python threads with deep call stacks, CANN API threads, Ascend Hardware streams of small
 * kernels, HCCL planes, Overlap Analysis lanes, a process with many worker threads, counters and
 * async_npu flows from CPU ops to kernels.
 *
 * `synthTrace` is SELF-CONTAINED on purpose (no imports, no outer references in its body): the
 * benchmark serialises it (and src/fixtures/bare-profile.ts's `bareProfile`, which wraps it in a
 * profile) with Function.prototype.toString and runs it inside the page to build a 10 M-slice
 * model without a 1 GB JSON import. The same function feeds the JSON writer for the 1 M case, so
 * both paths show the same trace.
 */
import type { ProfileDescriptor } from '../../src/model/profile';
import type { TraceModel } from '../../src/model/trace-model';

export interface SynthSpec {
  /** Total slices to generate (approximately; exact within one tree). */
  slices: number;
  /** Trace length, ns. */
  spanNs: number;
  /** Worker threads in the "Workers" process (stress for vertical virtualisation). */
  workerThreads: number;
  seed: number;
}

export function synthTrace(spec: SynthSpec): TraceModel {
  let rng = spec.seed >>> 0 || 1;
  const rand = () => {
    rng ^= rng << 13;
    rng >>>= 0;
    rng ^= rng >>> 17;
    rng ^= rng << 5;
    rng >>>= 0;
    return rng / 4294967296;
  };
  const strings: string[] = [''];
  const stringIds = new Map<string, number>([['', 0]]);
  const intern = (s: string) => {
    let id = stringIds.get(s);
    if (id === undefined) {
      id = strings.length;
      strings.push(s);
      stringIds.set(s, id);
    }
    return id;
  };
  const emptyInstants = () => ({
    length: 0,
    ts: new Float64Array(0),
    name: new Uint32Array(0),
    cat: new Uint32Array(0),
    args: new Int32Array(0),
  });

  /** Lane recipe: how many slices, nesting, typical top-level duration and names. */
  interface Recipe {
    process: number;
    thread: number;
    name: string;
    share: number;
    maxDepth: number;
    meanTopNs: number;
    names: number[];
    cat: number;
    fill: number;
  }
  const processes: TraceModel['processes'] = [];
  const threads: TraceModel['threads'] = [];
  const recipes: Recipe[] = [];
  const addProcess = (name: string, label: string, sort: number) => {
    processes.push({
      pid: String(1000 + processes.length),
      name,
      labels: [label],
      sortIndex: sort,
      threads: [],
      counters: [],
      asyncTracks: [],
      instants: emptyInstants(),
    });
    return processes.length - 1;
  };
  const nameSet = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => intern(`${prefix}${i % 7 === 0 ? '' : '_' + i}`));
  const addLane = (p: number, name: string, r: Omit<Recipe, 'process' | 'thread' | 'name'>) => {
    const t = threads.length;
    threads.push({
      tid: String(2000 + t),
      process: p,
      name,
      sortIndex: null,
      track: -1,
      overflowTrack: -1,
      instants: emptyInstants(),
    });
    processes[p]!.threads.push(t);
    recipes.push({ ...r, process: p, thread: t, name });
  };
  const py = addProcess('Python', 'CPU', 0);
  const pyNames = [
    ...nameSet('torch/nn/modules/module.py(1501): _call_impl', 12),
    ...nameSet('aten::', 40),
    ...nameSet('aclnn', 30),
  ];
  addLane(py, 'Thread main', {
    share: 0.16,
    maxDepth: 24,
    meanTopNs: 4e6,
    names: pyNames,
    cat: intern('cpu_op'),
    fill: 0.9,
  });
  addLane(py, 'Thread dataloader', {
    share: 0.04,
    maxDepth: 10,
    meanTopNs: 2e6,
    names: pyNames,
    cat: intern('python_function'),
    fill: 0.6,
  });
  const cann = addProcess('CANN', 'CPU', 1);
  const cannNames = nameSet('AscendCL@aclnn', 50);
  for (let k = 0; k < 4; k++)
    addLane(cann, `Thread ${3000 + k}`, {
      share: 0.04,
      maxDepth: 3,
      meanTopNs: 80e3,
      names: cannNames,
      cat: 0,
      fill: 0.7,
    });
  const hw = addProcess('Ascend Hardware', 'NPU', 2);
  const kernelNames = nameSet('Kernel', 120);
  for (let k = 0; k < 8; k++)
    addLane(hw, `Stream ${k}`, {
      share: 0.05,
      maxDepth: 1,
      meanTopNs: 20e3,
      names: kernelNames,
      cat: 0,
      fill: 0.8,
    });
  const hccl = addProcess('HCCL', 'NPU', 3);
  const hcclNames = nameSet('hcom_allReduce', 8);
  for (let k = 0; k < 8; k++)
    addLane(hccl, `Plane ${k}`, {
      share: 0.008,
      maxDepth: 2,
      meanTopNs: 200e3,
      names: hcclNames,
      cat: 0,
      fill: 0.4,
    });
  const ov = addProcess('Overlap Analysis', 'NPU', 4);
  for (const lane of ['Computing', 'Communication', 'Communication(Not Overlapped)', 'Free'])
    addLane(ov, lane, {
      share: 0.01,
      maxDepth: 1,
      meanTopNs: 100e3,
      names: [intern(lane)],
      cat: 0,
      fill: 0.5,
    });
  const wk = addProcess('Workers', 'CPU', 5);
  const workerNames = nameSet('task', 25);
  for (let k = 0; k < spec.workerThreads; k++)
    addLane(wk, `worker ${k}`, {
      share: 0.2 / Math.max(1, spec.workerThreads),
      maxDepth: 4,
      meanTopNs: 300e3,
      names: workerNames,
      cat: 0,
      fill: 0.5,
    });
  let shareSum = 0;
  for (const r of recipes) shareSum += r.share;

  const sliceTracks: TraceModel['sliceTracks'] = [];
  let total = 0;
  let maxDepth = 0;
  for (const r of recipes) {
    const want = Math.max(1, Math.round((spec.slices * r.share) / shareSum));
    const start = new Float64Array(want);
    const dur = new Float64Array(want);
    const depth = new Uint16Array(want);
    const parent = new Int32Array(want);
    const name = new Uint32Array(want);
    let n = 0;
    const emit = (s: number, d: number, dep: number, par: number): void => {
      if (n >= want) return;
      const i = n++;
      start[i] = s;
      dur[i] = d;
      depth[i] = dep;
      parent[i] = par;
      name[i] = r.names[Math.floor(rand() * r.names.length)]!;
      if (dep + 1 >= r.maxDepth || d < 400) return;
      // Children: 1–4 pieces laid left to right inside the parent, with gaps.
      const kids = 1 + Math.floor(rand() * 4);
      let cursor = s + Math.floor(rand() * d * 0.05);
      const end = s + d;
      for (let k = 0; k < kids && n < want; k++) {
        const room = end - cursor;
        if (room < 200) break;
        const cd = Math.max(100, Math.floor((room / (kids - k)) * (0.4 + rand() * 0.55)));
        emit(cursor, Math.min(cd, room), dep + 1, i);
        cursor += Math.min(cd, room) + Math.floor(rand() * 50);
      }
    };
    // Pace the top level so the lane fills the whole span: the slot per tree adapts to the
    // slices per tree seen so far.
    let trees = 0;
    let slot = spec.spanNs / Math.max(1, want / (r.maxDepth <= 1 ? 1 : 50));
    let t = Math.floor(rand() * slot);
    while (n < want && t < spec.spanNs) {
      const d = Math.max(100, Math.floor(slot * r.fill * (0.3 + rand() * 1.4)));
      const dd = Math.min(d, spec.spanNs - t);
      emit(t, dd, 0, -1);
      trees++;
      const perTree = n / trees;
      const left = (want - n) / perTree;
      slot = left > 0 ? (spec.spanNs - t) / left : slot;
      t += Math.max(dd + 1, Math.floor(slot * (0.6 + rand() * 0.8)));
    }
    const len = n;
    let rows = 0;
    for (let i = 0; i < len; i++) if (depth[i]! + 1 > rows) rows = depth[i]! + 1;
    maxDepth = Math.max(maxDepth, rows);
    total += len;
    threads[r.thread]!.track = sliceTracks.length;
    sliceTracks.push({
      kind: 'thread',
      process: r.process,
      thread: r.thread,
      name: r.name,
      slices: {
        length: len,
        start: start.slice(0, len),
        dur: dur.slice(0, len),
        depth: depth.slice(0, len),
        parent: parent.slice(0, len),
        name: name.slice(0, len),
        cat: new Uint32Array(len).fill(r.cat),
        args: new Int32Array(len).fill(-1),
        flags: new Uint8Array(len),
        rows,
      },
    });
  }

  // Counters on the Hardware process.
  const counters: TraceModel['counters'] = [];
  for (const [cname, samples] of [
    ['HBM Read(MB/s)', 20_000],
    ['AI Core Freq', 2_000],
  ] as const) {
    const ts = new Float64Array(samples);
    const values = new Float64Array(samples);
    let v = 500;
    for (let i = 0; i < samples; i++) {
      ts[i] = Math.floor((i * spec.spanNs) / samples);
      v = Math.max(0, v + (rand() - 0.5) * 120);
      values[i] = Math.round(v);
    }
    processes[hw]!.counters.push(counters.length);
    counters.push({ process: hw, name: cname, ts, series: [{ name: 'value', values }] });
  }

  // async_npu flows: from Python main-thread leaves to kernels on stream 0 that start later.
  const pyTrack = sliceTracks[threads[recipes[0]!.thread]!.track]!.slices;
  const k0 =
    sliceTracks[threads[recipes.find((r) => r.name === 'Stream 0')!.thread]!.track]!.slices;
  const maxFlows = Math.min(200_000, Math.floor(k0.length / 4));
  const fromTrack: number[] = [];
  const fromSlice: number[] = [];
  const toSlice: number[] = [];
  let ki = 0;
  for (let i = 0; i < pyTrack.length && fromSlice.length < maxFlows; i += 7) {
    if (i + 1 < pyTrack.length && pyTrack.parent[i + 1] === i) continue;
    while (ki < k0.length && k0.start[ki]! < pyTrack.start[i]!) ki++;
    if (ki >= k0.length) break;
    fromTrack.push(threads[recipes[0]!.thread]!.track);
    fromSlice.push(i);
    toSlice.push(ki);
    ki += 3;
  }
  const nf = fromSlice.length;
  const kTrack = threads[recipes.find((r) => r.name === 'Stream 0')!.thread]!.track;
  const flows = {
    length: nf,
    fromTrack: Int32Array.from(fromTrack),
    fromSlice: Int32Array.from(fromSlice),
    toTrack: new Int32Array(nf).fill(kTrack),
    toSlice: Int32Array.from(toSlice),
    fromTs: Float64Array.from(fromSlice, (i) => pyTrack.start[i]!),
    toTs: Float64Array.from(toSlice, (i) => k0.start[i]!),
    cat: new Uint32Array(nf).fill(intern('async_npu')),
    name: new Uint32Array(nf).fill(intern('torch_to_npu')),
    id: Uint32Array.from(fromSlice, (_, k) => intern(String(k + 1))),
  };

  let endNs = 0;
  for (const st of sliceTracks)
    for (let i = 0; i < st.slices.length; i++)
      endNs = Math.max(endNs, st.slices.start[i]! + st.slices.dur[i]!);
  const trace: TraceModel = {
    baseNs: '1736412474607917240',
    endNs,
    strings,
    processes,
    threads,
    sliceTracks,
    counters,
    globalInstants: emptyInstants(),
    flows,
    args: {
      length: 0,
      offset: new Float64Array(0),
      size: new Uint32Array(0),
      arena: new Uint8Array(0),
      sourcePath: '',
    },
    metadata: {},
    stats: {
      events: total,
      byPhase: { X: total },
      firstTsNs: '1736412474607917240',
      lastTsNs: null,
      distinctTs: 0,
      processNames: processes.map((p) => p.name ?? ''),
      flows: { matched: nf, startOnly: 0, endOnly: 0, unbound: 0 },
      overflowSlices: 0,
      slices: total,
      counters: counters.reduce((a, c) => a + c.ts.length, 0),
      instants: 0,
      maxDepth,
    },
    warnings: [],
  };
  return trace;
}

/** The descriptor of the synthetic profile, for `bareProfile` (plain data, sent into the page). */
export function synthDescriptor(spec: SynthSpec): Pick<ProfileDescriptor, 'id' | 'label' | 'kind'> {
  return {
    id: `synthetic-${spec.slices}`,
    label: `synthetic ${spec.slices.toLocaleString('en-US')} slices`,
    kind: 'trace-file',
  };
}
