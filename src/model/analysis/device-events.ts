/**
 * The device events of a trace, classified, for every input kind that has them
 * (analysis-definitions.md §5):
 * - Ascend (torch_npu `trace_view.json`, or a timeline built from the profiler db): X slices on
 *   the threads of process `Ascend Hardware` (one per stream) are device tasks; the `hcom_*` ops
 *   on the `HCCL` / `Communication` process (`Group … Communication` threads) are the
 *   communication ops, except the profiler's `PROFILING_ENABLE` / `PROFILING_DISABLE` markers.
 *   Tasks are classed by name: copies (`SDMA`, `MEMCPY_ASYNC`…) are memory,
 *   notify / event / write-value / placeholder tasks are synchronisation ("other"), every other
 *   task is a compute kernel. (The trace's `Task Type` arg would be exact, but args are not
 *   decoded here; kernel_details' `Accelerator Core` refines the Kernels view when present.)
 * - Kineto (PyTorch profiler): slices whose category is `kernel`/`Kernel` (GPU kernels),
 *   `gpu_memcpy`/`Memcpy`, `gpu_memset`/`Memset` (memory). A kernel whose name matches HTA's
 *   COMM pattern (`^nccl`, `ncclKernel`, `^hccl`, `^rccl`) is communication, other kernels are
 *   compute (HTA `hta/common/types.py`).
 * - Anything else (a plain Chrome trace) has no device events.
 *
 * Each event keeps the flow that launched it (Ascend `HostToDevice` / `torch_to_npu`, Kineto
 * `ac2g` — or, without ac2g flows, the `correlation` args link (launch-links.ts) — or any other
 * flow that ends on it): the time of the launch is what assigns it to a
 * host step (HTA's rule), and the slice it starts from leads to the CPU operator.
 */
import type { TraceModel } from '../trace-model';
import { launchLinks } from './launch-links';

export const DeviceKind = { Compute: 0, Communication: 1, Memory: 2, Other: 3 } as const;
export const DEVICE_KIND_LABEL = ['compute', 'communication', 'memory', 'other'] as const;

export type TraceFlavor = 'ascend' | 'kineto' | 'chrome';

export const ASCEND_HARDWARE = 'Ascend Hardware';
export const ASCEND_COMM_PROCESSES: readonly string[] = ['HCCL', 'Communication'];

/** Flow categories drawn from the host API call that enqueues a device task. */
const ENQUEUE_CATS = new Set(['HostToDevice', 'ac2g', 'correlation (args)']);
const KINETO_KERNEL = new Set(['kernel', 'Kernel']);
const KINETO_MEMORY = new Set(['gpu_memcpy', 'Memcpy', 'gpu_memset', 'Memset']);
/** HTA's COMM name pattern. */
export const COMM_NAME = /^(nccl|hccl|rccl)|ncclKernel|ncclDevKernel/i;
/** Ascend task names (task types) that are copies. */
const ASCEND_MEMORY = /^(SDMA|MEMCPY|PCIE_DMA|Memcpy|MemCpy)/i;
/** Ascend task names that are synchronisation or bookkeeping, not kernels. */
const ASCEND_OTHER =
  /^(Notify[ _]?(Wait|Record)|Write[ _]?Value|EVENT_(RECORD|WAIT|RESET)|Event[ _](Record|Wait)|PLACE_HOLDER|STARS_COMMON|Other|other|CAPTURE_(RECORD|WAIT)|DVPP|MODEL_(EXECUTE|MAINTAINANCE))/;
/**
 * The profiler's own start/stop markers on stream 0: no device work, written when collection
 * starts and stops (tens of ms before the first task and after the last). They are not device
 * events: CANN's Free lane ignores them for its bounds (analysis-definitions.md §3.1), and a
 * device span from them measures the capture window, not the device (real runs write them with
 * 0 or 0.02 µs, so a span that dropped the 0 µs one differed by 25 ms between two ranks).
 */
/**
 * Host task types, which a task is named by when it has no op info (the db export names such
 * tasks by their TASK.taskType): CANN's Computing lane counts only tasks with op info (§3.1).
 */
const ASCEND_BARE_TASK_TYPE =
  /^(KERNEL_AICORE|KERNEL_AIVEC|KERNEL_MIX_AIC|KERNEL_MIX_AIV|FFTS_PLUS|AI_CORE|AI_VECTOR_CORE|AI_CPU|MIX_AIC|MIX_AIV)$/;
const ASCEND_PROFILER_MARKER = /^PROFILING_(ENABLE|DISABLE)$/;

export interface DeviceEvents {
  flavor: TraceFlavor;
  length: number;
  /** Slice address. */
  track: Int32Array;
  index: Int32Array;
  /** ns since the trace start. */
  start: Float64Array;
  end: Float64Array;
  kind: Uint8Array;
  /** Process index of the device (a GPU / NPU). */
  device: Int32Array;
  /** Flow row that launched it, -1 when none. */
  launch: Int32Array;
  /** Launch time (flow start), NaN when not launched by a flow. */
  launchTs: Float64Array;
  /**
   * Flow row from the host API call that enqueued it (Ascend `HostToDevice` from CANN's
   * `Node@launch`, Kineto `ac2g` from the CUDA runtime call), else the same as `launch`; -1 when
   * none. The advisor's idle causes compare a gap with this call (was the task enqueued late?),
   * while steps use `launch` (the operator that asked for it).
   */
  enqueue: Int32Array;
  /** Tracks holding device events (and the comm op tracks). */
  deviceTracks: Set<number>;
}

function processTracks(trace: TraceModel, p: number): number[] {
  const out: number[] = [];
  for (const ti of trace.processes[p]!.threads) {
    const th = trace.threads[ti]!;
    if (th.track >= 0) out.push(th.track);
    if (th.overflowTrack >= 0) out.push(th.overflowTrack);
  }
  return out;
}

export function traceFlavor(trace: TraceModel): TraceFlavor {
  if (trace.processes.some((p) => p.name === ASCEND_HARDWARE)) return 'ascend';
  const cat = new Set<number>();
  trace.strings.forEach((s, i) => {
    if (KINETO_KERNEL.has(s) || KINETO_MEMORY.has(s)) cat.add(i);
  });
  if (cat.size === 0) return 'chrome';
  for (const t of trace.sliceTracks) {
    const c = t.slices.cat;
    for (let i = 0; i < c.length; i++) if (cat.has(c[i]!)) return 'kineto';
  }
  return 'chrome';
}

/**
 * The events as they are found, in typed columns that grow by doubling (a million-event trace's
 * JS number arrays were several times their typed size, garbage the moment they were copied).
 */
class Builder {
  length = 0;
  track = new Int32Array(1024);
  index = new Int32Array(1024);
  kind = new Uint8Array(1024);
  device = new Int32Array(1024);
  add(track: number, index: number, kind: number, device: number) {
    const n = this.length;
    if (n === this.track.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(n * 2);
        b.set(a);
        return b;
      };
      this.track = grow(this.track);
      this.index = grow(this.index);
      this.kind = grow(this.kind);
      this.device = grow(this.device);
    }
    this.track[n] = track;
    this.index[n] = index;
    this.kind[n] = kind;
    this.device[n] = device;
    this.length = n + 1;
  }
}

/** The communication ops' tracks: hcom_* slices on the group threads (not the plane tasks). */
function commOpTracks(trace: TraceModel): { process: number; track: number }[] {
  const out: { process: number; track: number }[] = [];
  trace.processes.forEach((p, pi) => {
    if (p.name === null || !ASCEND_COMM_PROCESSES.includes(p.name)) return;
    for (const ti of p.threads) {
      const th = trace.threads[ti]!;
      if (/^Plane\b/i.test(th.name ?? '')) continue;
      for (const t of [th.track, th.overflowTrack]) if (t >= 0) out.push({ process: pi, track: t });
    }
  });
  return out;
}

const isCommOp = (trace: TraceModel, track: number, i: number): boolean => {
  const s = trace.sliceTracks[track]!.slices;
  return s.depth[i] === 0 && /^hcom_/.test(trace.strings[s.name[i]!] ?? '');
};

function ascendEvents(trace: TraceModel, b: Builder, tracks: Set<number>): void {
  const opTracks = commOpTracks(trace);
  const hasOps = opTracks.some(({ track }) => {
    const n = trace.sliceTracks[track]!.slices.length;
    for (let i = 0; i < n; i++) if (isCommOp(trace, track, i)) return true;
    return false;
  });
  const other = new Map<number, number>();
  const kindOfName = (id: number): number => {
    let k = other.get(id);
    if (k === undefined) {
      const name = trace.strings[id] ?? '';
      // A stream task named after a communication op carries that op (the db export names it
      // so); communication is the op's own span (§3.1), so with the ops present it is "other".
      // A task named by its bare task type had no op info (COMPUTE_TASK_INFO): not Computing.
      k =
        ASCEND_OTHER.test(name) || ASCEND_BARE_TASK_TYPE.test(name)
          ? DeviceKind.Other
          : ASCEND_MEMORY.test(name)
            ? DeviceKind.Memory
            : /^hcom_/.test(name)
              ? hasOps
                ? DeviceKind.Other
                : DeviceKind.Communication
              : DeviceKind.Compute;
      other.set(id, k);
    }
    return k;
  };
  const marker = new Map<number, boolean>();
  const isMarker = (id: number): boolean => {
    let v = marker.get(id);
    if (v === undefined) marker.set(id, (v = ASCEND_PROFILER_MARKER.test(trace.strings[id] ?? '')));
    return v;
  };
  trace.processes.forEach((p, pi) => {
    if (p.name === ASCEND_HARDWARE) {
      for (const t of processTracks(trace, pi)) {
        tracks.add(t);
        const s = trace.sliceTracks[t]!.slices;
        for (let i = 0; i < s.length; i++) {
          if (isMarker(s.name[i]!)) continue;
          b.add(t, i, kindOfName(s.name[i]!), pi);
        }
      }
    }
  });
  for (const { process, track } of opTracks) {
    const n = trace.sliceTracks[track]!.slices.length;
    let any = false;
    for (let i = 0; i < n; i++) {
      if (!isCommOp(trace, track, i)) continue;
      b.add(track, i, DeviceKind.Communication, process);
      any = true;
    }
    if (any) tracks.add(track);
  }
}

function kinetoEvents(trace: TraceModel, b: Builder, tracks: Set<number>): void {
  const kernelCat = new Set<number>();
  const memCat = new Set<number>();
  trace.strings.forEach((s, i) => {
    if (KINETO_KERNEL.has(s)) kernelCat.add(i);
    if (KINETO_MEMORY.has(s)) memCat.add(i);
  });
  const comm = new Map<number, boolean>();
  const isComm = (id: number) => {
    let v = comm.get(id);
    if (v === undefined) comm.set(id, (v = COMM_NAME.test(trace.strings[id] ?? '')));
    return v;
  };
  trace.sliceTracks.forEach((t, ti) => {
    const s = t.slices;
    for (let i = 0; i < s.length; i++) {
      const c = s.cat[i]!;
      if (kernelCat.has(c)) {
        b.add(ti, i, isComm(s.name[i]!) ? DeviceKind.Communication : DeviceKind.Compute, t.process);
        tracks.add(ti);
      } else if (memCat.has(c)) {
        b.add(ti, i, DeviceKind.Memory, t.process);
        tracks.add(ti);
      }
    }
  });
}

export function collectDeviceEvents(trace: TraceModel): DeviceEvents {
  const flavor = traceFlavor(trace);
  const b = new Builder();
  const deviceTracks = new Set<number>();
  if (flavor === 'ascend') ascendEvents(trace, b, deviceTracks);
  else if (flavor === 'kineto') kinetoEvents(trace, b, deviceTracks);
  const n = b.length;
  const ev: DeviceEvents = {
    flavor,
    length: n,
    track: b.track.slice(0, n),
    index: b.index.slice(0, n),
    start: new Float64Array(n),
    end: new Float64Array(n),
    kind: b.kind.slice(0, n),
    device: b.device.slice(0, n),
    launch: new Int32Array(n).fill(-1),
    launchTs: new Float64Array(n).fill(NaN),
    enqueue: new Int32Array(n).fill(-1),
    deviceTracks,
  };
  // Per device track: slice index → event index, to bind flows.
  const byTrack = new Map<number, Int32Array>();
  for (let e = 0; e < n; e++) {
    const s = trace.sliceTracks[ev.track[e]!]!.slices;
    const i = ev.index[e]!;
    ev.start[e] = s.start[i]!;
    ev.end[e] = s.start[i]! + s.dur[i]!;
    let m = byTrack.get(ev.track[e]!);
    if (!m) byTrack.set(ev.track[e]!, (m = new Int32Array(s.length).fill(-1)));
    m[i] = e;
  }
  const f = launchLinks(trace);
  const enqueueRank = new Uint8Array(n);
  const enqueueCat = new Map<number, number>();
  for (let r = 0; r < f.length; r++) {
    const m = byTrack.get(f.toTrack[r]!);
    if (!m || deviceTracks.has(f.fromTrack[r]!)) continue;
    const e = m[f.toSlice[r]!] ?? -1;
    if (e < 0) continue;
    let rank = enqueueCat.get(f.cat[r]!);
    if (rank === undefined)
      enqueueCat.set(f.cat[r]!, (rank = ENQUEUE_CATS.has(trace.strings[f.cat[r]!] ?? '') ? 2 : 1));
    if (rank > enqueueRank[e]!) {
      enqueueRank[e] = rank;
      ev.enqueue[e] = r;
    }
    // Prefer a flow that starts on a CPU operator's thread (torch_to_npu, ac2g) over one from
    // a lower layer (HostToDevice from CANN): keep the first, replace it only by an earlier one.
    if (ev.launch[e]! < 0 || f.fromTs[r]! < ev.launchTs[e]!) {
      ev.launch[e] = r;
      ev.launchTs[e] = f.fromTs[r]!;
    }
  }
  return ev;
}
