/**
 * The advisor's input adapter: everything the rules read, copied out of a ProfileModel once
 * (in the import worker, before the model's buffers go to the page) so that the rules can run
 * again with other thresholds without the model.
 *
 * This is the ONE place that knows how device streams, launches, steps and host events are
 * found in a trace; it is meant to be switched to the shared analysis layer (model/analysis)
 * when that exists, without touching the rules.
 *
 * - device streams: Ascend — top-level slices of the `Ascend Hardware` threads; Kineto — slices
 *   of category kernel / gpu_memcpy / gpu_memset (any case; `cuda_sync` excluded, as HTA does);
 * - launches: the host slice at the source of the flow that ends on a device task
 *   (`HostToDevice` / `ac2g` preferred over `async_npu` / others);
 * - steps: host `ProfilerStep#N` widened to the device tasks launched in it (torch_npu's device
 *   step, see model/ascend/step-breakdown.ts);
 * - free time: the `Overlap Analysis` Free lane when present, else the gaps of the union of every
 *   device task (HTA's idle).
 */
import { lowerBound } from '../../lib/bisect';
import type { CommOpRow } from '../ascend-data';
import type { ProfileModel } from '../profile';
import type { SliceRef, SliceTable, TraceModel } from '../trace-model';
import { profilerStepRanges, stepBreakdownFromTrace } from '../ascend/step-breakdown';
import {
  commRowSlices,
  envOf,
  freqCounter,
  gcDetectOf,
  hcclTasksOf,
  kernelRows,
} from './advisor-inputs-ascend';

export type InputKind = 'ascend' | 'kineto' | 'trace';

/** A host event the rules look at (GC, dataloader, sync, memory API, launch…). */
export interface HostEvent {
  track: number;
  index: number;
  startNs: number;
  durNs: number;
  name: string;
}

export type HostClass =
  'gc' | 'dataloader' | 'sync' | 'memory' | 'launch' | 'compile' | 'optimizer' | 'op' | 'api';

/** One device stream: its tasks (top-level slices), with the launch of each when known. */
export interface DeviceStream {
  track: number;
  /** "Stream 2", or "GPU 0 / stream 7". */
  name: string;
  /** Index in the track of each task. */
  index: Int32Array;
  start: Float64Array;
  dur: Float64Array;
  /** Launch slice start / end, NaN when the task has no launch flow. */
  launchStart: Float64Array;
  launchEnd: Float64Array;
  /** Task names (interned in AdvisorInputs.names). */
  name2: Uint32Array;
  /**
   * Step of each task (index into AdvisorInputs.steps, -1 for none): the host step its launch
   * started in (HTA: a GPU event takes the iteration of its launch), else the device window
   * holding its start.
   */
  step: Int32Array;
}

export interface StepWindow {
  step: string;
  startNs: number;
  endNs: number;
  /** Device step time (Computing + Comm(Not Overlapped) + Free) when the lanes exist, else span. */
  stepNs: number;
  freeNs: number;
}

/** A device free interval (a Free-lane slice, or a gap of the union of device tasks). */
export interface FreeInterval {
  startNs: number;
  endNs: number;
  slice: SliceRef | null;
}

export interface KernelRow {
  name: string;
  core: string;
  startNs: number;
  durNs: number;
  step: string;
  /** The stream's track (from the Stream ID column), -1 when unknown: the view finds the slice. */
  track: number;
  /** Block Dim / Mix Block Dim (NaN when absent). */
  blockDim: number;
  mixBlockDim: number;
  inputTypes: string;
}

export interface HcclTask {
  startNs: number;
  durNs: number;
  slice: SliceRef;
  name: string;
  args: number;
}

export interface AdvisorInputs {
  kind: InputKind;
  level: string | null;
  aicMetrics: string | null;
  hasTrace: boolean;
  names: string[];
  streams: DeviceStream[];
  steps: StepWindow[];
  /** True when steps come from ProfilerStep slices (false: one whole-capture window). */
  hasSteps: boolean;
  free: FreeInterval[];
  /** From the Overlap Analysis lanes (true) or the union of device tasks (false). */
  freeFromLanes: boolean;
  host: Record<HostClass, HostEvent[]>;
  /** Host API calls (AscendCL@… / cuda…) starts and durations, sorted by start. */
  apiStart: Float64Array;
  apiDur: Float64Array;
  /** kernel_details rows (null when the profile has none). */
  kernels: KernelRow[] | null;
  /** Longest device task of any type, ns (kernel_details), NaN without kernels. */
  maxKernelNs: number;
  communication: CommOpRow[] | null;
  /** HCCL plane tasks named Memcpy… or Reduce… (their args decide alignment), null without HCCL lanes. */
  hcclTasks: HcclTask[] | null;
  /** Sizes read from the args of hcclTasks (bytes; NaN when unreadable), null when not read. */
  hcclSizes: { size: Float64Array; sdma: Uint8Array } | null;
  /** AI Core Freq counter (MHz), null without it. */
  freq: { ts: Float64Array; value: Float64Array } | null;
  env: Record<string, string> | null;
  /** Communication ops on the HCCL/Communication process, for evidence of comm rules. */
  commSlices: HostEvent[];
  /** The hcom slice of each `communication` row (same name, start within 2 µs), or null. */
  commRowSlice: (HostEvent | null)[];
  /** Whether host API calls are in the trace (Ascend: the CANN lane, Level1+; Kineto: runtime). */
  hostApis: boolean;
  /** profiler_info `_gc_detect_threshold` was set (null: unknown, no profiler_info). */
  gcDetect: boolean | null;
}

const DEVICE_CATS = new Set(['kernel', 'gpu_memcpy', 'gpu_memset', 'memcpy', 'memset']);
const LAUNCH_CATS = new Set(['HostToDevice', 'ac2g']);

export function classifyHostName(name: string, cat: string, kind: InputKind): HostClass | null {
  if (cat.toLowerCase() === 'gc' || /^(gc|GC)$|^gc[._ ]collect|garbage.collect/i.test(name))
    return 'gc';
  if (/dataloader/i.test(name)) return 'dataloader';
  if (kind === 'kineto') {
    if (/^cuda(Stream|Device|Event)Synchronize/.test(name)) return 'sync';
    if (/^cuda(Malloc|Free)\w*$/.test(name)) return 'memory';
    if (/^cuda(LaunchKernel\w*|LaunchCooperativeKernel\w*|MemcpyAsync|MemsetAsync)$/.test(name))
      return 'launch';
  } else {
    if (/^AscendCL@aclrtSynchronize(Stream|Device|Event)/.test(name)) return 'sync';
    if (/^AscendCL@(aclMallocMemInner|aclrtMalloc\w*|aclrtFree\w*)$/.test(name)) return 'memory';
    if (/^Node@launch/.test(name)) return 'launch';
    if (name === 'AscendCL@aclopCompileAndExecute') return 'compile';
  }
  if (/^Optimizer\.step#\w+\.step$/.test(name)) return 'optimizer';
  if (/^(aten|npu)::/.test(name)) return 'op';
  if (/^AscendCL@/.test(name) || (kind === 'kineto' && cat === 'cuda_runtime')) return 'api';
  return null;
}

function detectKind(p: ProfileModel, t: TraceModel | null): InputKind {
  if (p.descriptor.kind === 'ascend') return 'ascend';
  if (t?.processes.some((x) => x.name === 'Ascend Hardware')) return 'ascend';
  if (t) {
    for (let i = 0; i < t.flows.length; i++)
      if (t.strings[t.flows.cat[i]!] === 'ac2g') return 'kineto';
    for (const tr of t.sliceTracks) {
      const s = tr.slices;
      for (let i = 0; i < Math.min(s.length, 64); i++)
        if (DEVICE_CATS.has((t.strings[s.cat[i]!] ?? '').toLowerCase())) return 'kineto';
    }
  }
  return 'trace';
}

/** Tracks (main and overflow) of the threads of process p. */

function deviceStreams(t: TraceModel, kind: InputKind, names: Map<string, number>): DeviceStream[] {
  const intern = (s: string) => {
    let i = names.get(s);
    if (i === undefined) names.set(s, (i = names.size));
    return i;
  };
  const out: DeviceStream[] = [];
  t.sliceTracks.forEach((tr, track) => {
    if (tr.kind !== 'thread') return;
    const proc = t.processes[tr.process]!;
    const s = tr.slices;
    const keep: number[] = [];
    if (kind === 'ascend') {
      if (proc.name !== 'Ascend Hardware') return;
      for (let i = 0; i < s.length; i++) if (s.depth[i] === 0) keep.push(i);
    } else if (kind === 'kineto') {
      for (let i = 0; i < s.length; i++)
        if (s.depth[i] === 0 && DEVICE_CATS.has((t.strings[s.cat[i]!] ?? '').toLowerCase()))
          keep.push(i);
    }
    if (keep.length === 0) return;
    const n = keep.length;
    const st: DeviceStream = {
      track,
      name: kind === 'kineto' ? `${proc.name ?? `pid ${proc.pid}`} / ${tr.name}` : tr.name,
      index: Int32Array.from(keep),
      start: new Float64Array(n),
      dur: new Float64Array(n),
      launchStart: new Float64Array(n).fill(NaN),
      launchEnd: new Float64Array(n).fill(NaN),
      name2: new Uint32Array(n),
      step: new Int32Array(n).fill(-1),
    };
    keep.forEach((i, k) => {
      st.start[k] = s.start[i]!;
      st.dur[k] = s.dur[i]!;
      st.name2[k] = intern(t.strings[s.name[i]!] ?? '');
    });
    out.push(st);
  });
  // Launches: flows whose end is a kept task, from a non-device track.
  const byTrack = new Map(out.map((d) => [d.track, d]));
  const pref = new Map<DeviceStream, Uint8Array>();
  const f = t.flows;
  for (let i = 0; i < f.length; i++) {
    const d = byTrack.get(f.toTrack[i]!);
    if (!d || byTrack.has(f.fromTrack[i]!)) continue;
    const k = lowerBound(d.index, f.toSlice[i]!, 0, d.index.length);
    if (d.index[k] !== f.toSlice[i]) continue;
    let pr = pref.get(d);
    if (!pr) pref.set(d, (pr = new Uint8Array(d.index.length)));
    const rank = LAUNCH_CATS.has(t.strings[f.cat[i]!] ?? '') ? 2 : 1;
    if (rank <= pr[k]!) continue;
    const from = t.sliceTracks[f.fromTrack[i]!]?.slices;
    if (!from) continue;
    const j = f.fromSlice[i]!;
    pr[k] = rank;
    d.launchStart[k] = from.start[j]!;
    d.launchEnd[k] = from.start[j]! + from.dur[j]!;
  }
  return out;
}

/** Host steps widened to the device tasks launched inside them (see the file header). */
function stepWindows(t: TraceModel, streams: DeviceStream[]): { w: StepWindow[]; has: boolean } {
  const host = profilerStepRanges(t);
  if (host.length === 0) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const d of streams) {
      if (d.start.length === 0) continue;
      lo = Math.min(lo, d.start[0]!);
      for (let k = 0; k < d.start.length; k++) hi = Math.max(hi, d.start[k]! + d.dur[k]!);
    }
    if (!(hi >= lo)) {
      lo = 0;
      hi = t.endNs;
    }
    for (const d of streams) d.step.fill(0);
    return { w: [{ step: '', startNs: lo, endNs: hi, stepNs: hi - lo, freeNs: 0 }], has: false };
  }
  const starts = host.map((h) => h.startNs);
  const lo = host.map(() => Infinity);
  const hi = host.map(() => -Infinity);
  for (const d of streams) {
    for (let k = 0; k < d.start.length; k++) {
      const ls = d.launchStart[k]!;
      if (Number.isNaN(ls)) continue;
      const h = lowerBound(starts, ls + 1) - 1;
      if (h < 0 || ls > host[h]!.endNs) continue;
      d.step[k] = h;
      lo[h] = Math.min(lo[h]!, d.start[k]!);
      hi[h] = Math.max(hi[h]!, d.start[k]! + d.dur[k]!);
    }
  }
  const w = host.map((h, i) => {
    const s = lo[i] === Infinity ? h.startNs : lo[i]!;
    const e = Math.max(h.endNs, hi[i]!);
    return { step: h.step, startNs: s, endNs: e, stepNs: e - s, freeNs: 0 };
  });
  // Tasks without a launch in a step: the device window holding their start.
  for (const d of streams) {
    for (let k = 0; k < d.start.length; k++) {
      if (d.step[k]! >= 0) continue;
      const ts = d.start[k]!;
      d.step[k] = w.findIndex((x) => x.startNs <= ts && ts < x.endNs);
    }
  }
  return { w, has: true };
}

/** Free intervals: the Free lane's slices, else the gaps between merged device tasks. */
function freeIntervals(
  t: TraceModel,
  streams: DeviceStream[],
): { free: FreeInterval[]; lanes: boolean } {
  const lanes: FreeInterval[] = [];
  t.processes.forEach((p) => {
    if (p.name !== 'Overlap Analysis') return;
    for (const ti of p.threads) {
      const th = t.threads[ti]!;
      if (th.name !== 'Free') continue;
      for (const track of [th.track, th.overflowTrack]) {
        if (track < 0) continue;
        const s = t.sliceTracks[track]!.slices;
        for (let i = 0; i < s.length; i++)
          lanes.push({
            startNs: s.start[i]!,
            endNs: s.start[i]! + s.dur[i]!,
            slice: { track, index: i },
          });
      }
    }
  });
  const hasLanes = t.processes.some((p) => p.name === 'Overlap Analysis');
  if (hasLanes) return { free: lanes.sort((a, b) => a.startNs - b.startNs), lanes: true };
  const iv: [number, number][] = [];
  for (const d of streams)
    for (let k = 0; k < d.start.length; k++) iv.push([d.start[k]!, d.start[k]! + d.dur[k]!]);
  iv.sort((a, b) => a[0] - b[0]);
  const free: FreeInterval[] = [];
  let end = -Infinity;
  for (const [s, e] of iv) {
    if (end !== -Infinity && s > end) free.push({ startNs: end, endNs: s, slice: null });
    end = Math.max(end, e);
  }
  return { free, lanes: false };
}

function emptyHost(): Record<HostClass, HostEvent[]> {
  return {
    gc: [],
    dataloader: [],
    sync: [],
    memory: [],
    launch: [],
    compile: [],
    optimizer: [],
    op: [],
    api: [],
  };
}

/** Whether an enclosing slice is an aten/npu op (affinity patterns match outermost ops only). */
function insideOp(t: TraceModel, s: SliceTable, i: number): boolean {
  for (let j = s.parent[i]!; j >= 0; j = s.parent[j]!)
    if (/^(aten|npu)::/.test(t.strings[s.name[j]!] ?? '')) return true;
  return false;
}

function hostEvents(t: TraceModel, kind: InputKind, deviceTracks: Set<number>) {
  const host = emptyHost();
  // Classified once per distinct (category, name) pair: a number key, no string per slice.
  const classOf = new Map<number, HostClass | null>();
  const nStrings = t.strings.length;
  const commSlices: HostEvent[] = [];
  t.sliceTracks.forEach((tr, track) => {
    if (deviceTracks.has(track)) return;
    const proc = t.processes[tr.process]!;
    if (proc.name === 'Ascend Hardware' || proc.name === 'Overlap Analysis') return;
    const isComm = proc.name === 'HCCL' || proc.name === 'Communication';
    const s = tr.slices;
    for (let i = 0; i < s.length; i++) {
      const name = t.strings[s.name[i]!] ?? '';
      if (isComm) {
        if (/^hcom_/.test(name))
          commSlices.push({ track, index: i, startNs: s.start[i]!, durNs: s.dur[i]!, name });
        continue;
      }
      const key = s.cat[i]! * nStrings + s.name[i]!;
      let c = classOf.get(key);
      if (c === undefined)
        classOf.set(key, (c = classifyHostName(name, t.strings[s.cat[i]!] ?? '', kind)));
      if (c === null) continue;
      if (c === 'op' && insideOp(t, s, i)) continue;
      const ev = { track, index: i, startNs: s.start[i]!, durNs: s.dur[i]!, name };
      host[c].push(ev);
      // Sync, memory, launch and compile calls are host API calls too (for gc-suspected).
      if (c === 'sync' || c === 'memory' || c === 'launch' || c === 'compile') host.api.push(ev);
    }
  });
  for (const list of Object.values(host)) list.sort((a, b) => a.startNs - b.startNs);
  commSlices.sort((a, b) => a.startNs - b.startNs);
  return { host, commSlices };
}

export { stepOf } from './step-of';

export type ArgsBatchReader = (argsIndices: readonly number[]) => Promise<unknown[]>;

/** At most this many HCCL tasks have their args read for the alignment rule. */
export const MAX_ARGS_READ = 50000;

export async function extractAdvisorInputs(
  p: ProfileModel,
  readArgs: ArgsBatchReader | null = null,
): Promise<AdvisorInputs> {
  const t = p.trace;
  const kind = detectKind(p, t);
  const nameIds = new Map<string, number>();
  const streams = t ? deviceStreams(t, kind, nameIds) : [];
  const { w: steps, has: hasSteps } = t
    ? stepWindows(t, streams)
    : { w: [] as StepWindow[], has: false };
  const { free, lanes } = t ? freeIntervals(t, streams) : { free: [], lanes: false };
  // Step time and free per step: the lanes (as the Steps view), else span and merged gaps.
  if (t && lanes && hasSteps) {
    const rows = stepBreakdownFromTrace(t, steps);
    for (const s of steps) {
      const rs = rows.filter((r) => r.step === s.step);
      if (rs.length === 0) continue;
      s.freeNs = Math.round(rs.reduce((a, r) => a + (r.free ?? 0), 0) * 1000);
      s.stepNs = Math.round(
        rs.reduce(
          (a, r) => a + (r.computing ?? 0) + (r.communicationNotOverlapped ?? 0) + (r.free ?? 0),
          0,
        ) * 1000,
      );
    }
  } else {
    for (const s of steps) {
      let f = 0;
      for (const iv of free)
        f += Math.max(0, Math.min(iv.endNs, s.endNs) - Math.max(iv.startNs, s.startNs));
      s.freeNs = f;
    }
  }
  const deviceTracks = new Set(streams.map((d) => d.track));
  const { host, commSlices } = t
    ? hostEvents(t, kind, deviceTracks)
    : { host: emptyHost(), commSlices: [] };
  const kernels = kernelRows(p, t, steps, streams);
  let maxKernelNs = NaN;
  for (const r of kernels ?? [])
    if (!Number.isNaN(r.durNs) && !(r.durNs <= maxKernelNs)) maxKernelNs = r.durNs;
  const hcclTasks = t && kind === 'ascend' ? hcclTasksOf(t) : null;
  let hcclSizes: AdvisorInputs['hcclSizes'] = null;
  if (hcclTasks && readArgs && hcclTasks.length > 0) {
    const take = hcclTasks.slice(0, MAX_ARGS_READ);
    const args = await readArgs(take.map((x) => x.args));
    const size = new Float64Array(take.length).fill(NaN);
    const sdma = new Uint8Array(take.length);
    args.forEach((a, i) => {
      if (!a || typeof a !== 'object') return;
      const o = a as Record<string, unknown>;
      const sz = Number(o['size(Byte)']);
      if (Number.isFinite(sz)) size[i] = sz;
      sdma[i] = o['transport type'] === 'SDMA' && o['link type'] !== 'ON_CHIP' ? 1 : 0;
    });
    hcclSizes = { size, sdma };
    hcclTasks.length = take.length;
  }
  const info = p.ascend.profilerInfo;
  return {
    kind,
    level: info?.level ?? p.descriptor.level,
    aicMetrics: info?.aicMetrics ?? null,
    hasTrace: t !== null,
    names: [...nameIds.keys()],
    streams,
    steps,
    hasSteps,
    free,
    freeFromLanes: lanes,
    host,
    apiStart: Float64Array.from(host.api.map((e) => e.startNs)),
    apiDur: Float64Array.from(host.api.map((e) => e.durNs)),
    kernels,
    maxKernelNs,
    communication: p.ascend.communication ?? null,
    hcclTasks,
    hcclSizes,
    freq: t ? freqCounter(t) : null,
    env: envOf(p),
    commSlices,
    commRowSlice: commRowSlices(t, p.ascend.communication, commSlices),
    hostApis:
      kind === 'kineto'
        ? host.api.length + host.launch.length > 0
        : (t?.processes.some((x) => x.name === 'CANN') ?? false),
    gcDetect: gcDetectOf(p),
  };
}
