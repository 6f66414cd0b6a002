/**
 * The advisor's input adapter: everything the rules read, copied out of a ProfileModel once
 * (in the import worker, before the model's buffers go to the page) so that the rules can run
 * again with other thresholds without the model.
 *
 * Every figure comes from the shared analysis layer (model/analysis) or from the view data the
 * other views show, so a finding agrees with the views (one definition per figure):
 * - kind and device streams: the analysis' device events (Ascend — `Ascend Hardware` tasks;
 *   Kineto — kernel / memcpy / memset slices), grouped by stream (track);
 * - launches: the host API call that enqueued each task (device-events.ts `enqueue`:
 *   `HostToDevice` / `ac2g` preferred);
 * - steps: the analysis' steps (`ProfilerStep#N` projected onto the device: a task belongs to the
 *   step its launch started in; the window runs from its first task to max(last task end, host
 *   step end)); step time and Free per step are the Steps view's figures in its device-step mode
 *   (step_trace_time / analysis.db when present, else the Overlap Analysis lanes, else the
 *   device events: model/derive/steps.ts `stepsData`), step time = model/step-time.ts;
 * - free intervals: the `Overlap Analysis` Free lane when present, else the gaps of
 *   compute ∪ communication over the device span (the analysis' Free: they add up to
 *   `deviceTotals.freeNs`);
 * - kernel rows: the Kernels view's table (analyzeProfile: kernel_details / the db's tasks);
 * - communication ops: the analysis' collectives on the HCCL / Communication process.
 */
import type { CommOpRow } from '../ascend-data';
import type { ProfileModel } from '../profile';
import type { SliceRef, SliceTable, TraceModel } from '../trace-model';
import { analyzeProfile, analyzeTrace, type TraceAnalysis } from '../analysis/analyze';
import { ASCEND_COMM_PROCESSES, ASCEND_HARDWARE } from '../analysis/device-events';
import { mergeUnions } from '../analysis/intervals';
import { launchLinks } from '../analysis/launch-links';
import { profileCoreCounts, type CoreCounts } from '../ascend/core-counts';
import { stepTimeUs } from '../step-time';
import { stepsData } from '../analysis/steps-data';
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
  /** AI Core / AI Vector core counts from info.json (or profiler_info), null when absent. */
  cores: CoreCounts | null;
}

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

function detectKind(p: ProfileModel, a: TraceAnalysis | null): InputKind {
  if (p.descriptor.kind === 'ascend' || a?.flavor === 'ascend') return 'ascend';
  return a?.flavor === 'kineto' ? 'kineto' : 'trace';
}

/** Device streams from the analysis' device events (communication-op threads left out). */
function deviceStreams(
  t: TraceModel,
  a: TraceAnalysis,
  kind: InputKind,
  names: Map<string, number>,
): DeviceStream[] {
  const intern = (s: string) => {
    let i = names.get(s);
    if (i === undefined) names.set(s, (i = names.size));
    return i;
  };
  const dev = a.device;
  const byTrack = new Map<number, number[]>();
  for (let e = 0; e < dev.length; e++) {
    const tr = t.sliceTracks[dev.track[e]!]!;
    if (kind === 'ascend' && t.processes[tr.process]!.name !== ASCEND_HARDWARE) continue;
    let l = byTrack.get(dev.track[e]!);
    if (!l) byTrack.set(dev.track[e]!, (l = []));
    l.push(e);
  }
  const f = launchLinks(t);
  const out: DeviceStream[] = [];
  for (const [track, evs] of [...byTrack].sort((x, y) => x[0] - y[0])) {
    evs.sort((x, y) => dev.start[x]! - dev.start[y]! || dev.index[x]! - dev.index[y]!);
    const tr = t.sliceTracks[track]!;
    const proc = t.processes[tr.process]!;
    const s = tr.slices;
    const n = evs.length;
    const st: DeviceStream = {
      track,
      name: kind === 'kineto' ? `${proc.name ?? `pid ${proc.pid}`} / ${tr.name}` : tr.name,
      index: new Int32Array(n),
      start: new Float64Array(n),
      dur: new Float64Array(n),
      launchStart: new Float64Array(n).fill(NaN),
      launchEnd: new Float64Array(n).fill(NaN),
      name2: new Uint32Array(n),
      step: new Int32Array(n).fill(-1),
    };
    evs.forEach((e, k) => {
      const i = dev.index[e]!;
      st.index[k] = i;
      st.start[k] = dev.start[e]!;
      st.dur[k] = dev.end[e]! - dev.start[e]!;
      st.name2[k] = intern(t.strings[s.name[i]!] ?? '');
      st.step[k] = a.eventStep[e]!;
      const r = dev.enqueue[e]!;
      const from = r >= 0 ? t.sliceTracks[f.fromTrack[r]!]?.slices : undefined;
      if (from) {
        const j = f.fromSlice[r]!;
        st.launchStart[k] = from.start[j]!;
        st.launchEnd[k] = from.start[j]! + from.dur[j]!;
      }
    });
    out.push(st);
  }
  return out;
}

/** Step time and Free per step id (ns) as the Steps view shows them (device-step mode). */
function stepFigures(p: ProfileModel): Map<string, { stepNs: number; freeNs: number }> {
  const out = new Map<string, { stepNs: number; freeNs: number }>();
  for (const r of stepsData(p, 'device').rows) {
    const st = stepTimeUs(r);
    if (st === null) continue;
    const o = out.get(r.step) ?? { stepNs: 0, freeNs: 0 };
    o.stepNs += Math.round(st * 1000);
    o.freeNs += Math.round((r.free ?? 0) * 1000);
    out.set(r.step, o);
  }
  return out;
}

/** The analysis' steps as windows (see the file header); one whole-capture window without. */
function stepWindows(p: ProfileModel, a: TraceAnalysis, streams: DeviceStream[]) {
  const fig = stepFigures(p);
  if (a.steps.length === 0) {
    const tot = a.totals;
    const lo = tot ? tot.spanStartNs : 0;
    const hi = tot ? tot.spanEndNs : (p.trace?.endNs ?? 0);
    for (const d of streams) d.step.fill(0);
    const own = tot
      ? {
          stepNs: tot.computeNs + tot.communicationNotOverlappedNs + tot.freeNs,
          freeNs: tot.freeNs,
        }
      : { stepNs: hi - lo, freeNs: 0 };
    const w: StepWindow = { step: '', startNs: lo, endNs: hi, ...(fig.get('') ?? own) };
    return { w: [w], has: false };
  }
  const w: StepWindow[] = a.steps.map((s) => ({
    step: s.id,
    startNs: s.spanStartNs,
    endNs: s.spanEndNs,
    ...(fig.get(s.id) ?? {
      stepNs: s.computeNs + s.communicationNotOverlappedNs + s.freeNs,
      freeNs: s.freeNs,
    }),
  }));
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

/** Free intervals: the Free lane's slices, else the gaps of compute ∪ communication. */
function freeIntervals(t: TraceModel, a: TraceAnalysis): { free: FreeInterval[]; lanes: boolean } {
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
  if (hasLanes) return { free: lanes.sort((x, y) => x.startNs - y.startNs), lanes: true };
  const free: FreeInterval[] = [];
  const tot = a.totals;
  if (!tot) return { free, lanes: false };
  const cc = mergeUnions(a.unions.compute, a.unions.comm);
  let at = tot.spanStartNs;
  for (let i = 0; i < cc.length; i += 2) {
    if (cc[i]! > at) free.push({ startNs: at, endNs: cc[i]!, slice: null });
    at = Math.max(at, cc[i + 1]!);
  }
  if (tot.spanEndNs > at) free.push({ startNs: at, endNs: tot.spanEndNs, slice: null });
  return { free, lanes: false };
}

/** The analysis' communication ops on the HCCL / Communication process, by start. */
function commOps(t: TraceModel, a: TraceAnalysis): HostEvent[] {
  return a.collectives
    .filter((c) =>
      ASCEND_COMM_PROCESSES.includes(t.processes[t.sliceTracks[c.track]!.process]!.name ?? ''),
    )
    .map((c) => ({
      track: c.track,
      index: c.index,
      startNs: c.startNs,
      durNs: c.durNs,
      name: c.name,
    }));
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
  t.sliceTracks.forEach((tr, track) => {
    if (deviceTracks.has(track)) return;
    const proc = t.processes[tr.process]!;
    if (proc.name === 'Ascend Hardware' || proc.name === 'Overlap Analysis') return;
    if (proc.name !== null && ASCEND_COMM_PROCESSES.includes(proc.name)) return;
    const s = tr.slices;
    for (let i = 0; i < s.length; i++) {
      const name = t.strings[s.name[i]!] ?? '';
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
  return host;
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
  const a = t ? analyzeTrace(t) : null;
  const kind = detectKind(p, a);
  const nameIds = new Map<string, number>();
  const streams = t && a ? deviceStreams(t, a, kind, nameIds) : [];
  const { w: steps, has: hasSteps } = a
    ? stepWindows(p, a, streams)
    : { w: [] as StepWindow[], has: false };
  const { free, lanes } = t && a ? freeIntervals(t, a) : { free: [], lanes: false };
  const deviceTracks = new Set(streams.map((d) => d.track));
  const host = t ? hostEvents(t, kind, deviceTracks) : emptyHost();
  const commSlices = t && a ? commOps(t, a) : [];
  const kernelTable = analyzeProfile(p).kernels;
  const kernels = kernelRows(kernelTable, t, steps, streams);
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
    cores: profileCoreCounts(p),
  };
}
