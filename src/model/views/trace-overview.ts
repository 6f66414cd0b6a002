/**
 * Summary of a plain trace (no Ascend tables): counts of processes, threads and slices, the
 * busiest processes, and the slice names that take the most time.
 *
 * A name's total counts each slice once, except slices nested inside a slice of the same name
 * (recursion), whose time is already in the outer one; self time subtracts direct children.
 */
import type { TraceModel } from '../trace-model';
import { processLabel } from '../labels';

export interface NameTime {
  name: string;
  count: number;
  /** Wall time, recursion counted once, ns. */
  totalNs: number;
  /** Time not in child slices, ns. */
  selfNs: number;
  maxNs: number;
}

export interface ProcessTime {
  index: number;
  label: string;
  pid: string;
  threads: number;
  slices: number;
  /** Sum over the process's tracks of top-level slice time, ns. */
  busyNs: number;
}

export interface TraceOverview {
  spanNs: number;
  processes: number;
  threads: number;
  tracks: number;
  slices: number;
  counterTracks: number;
  flows: number;
  instants: number;
  topNames: NameTime[];
  topProcesses: ProcessTime[];
}

export function traceOverview(trace: TraceModel, top = 10): TraceOverview {
  const byName = new Map<number, NameTime>();
  const proc = trace.processes.map<ProcessTime>((p, i) => ({
    index: i,
    label: processLabel(p),
    pid: p.pid,
    threads: p.threads.length,
    slices: 0,
    busyNs: 0,
  }));
  let slices = 0;
  for (const track of trace.sliceTracks) {
    const s = track.slices;
    slices += s.length;
    const pt = proc[track.process];
    if (pt) pt.slices += s.length;
    const self = new Float64Array(s.length);
    for (let i = 0; i < s.length; i++) self[i] = s.dur[i]!;
    for (let i = 0; i < s.length; i++) {
      const p = s.parent[i]!;
      if (p >= 0) self[p] = self[p]! - s.dur[i]!;
      else if (pt) pt.busyNs += s.dur[i]!;
    }
    for (let i = 0; i < s.length; i++) {
      const id = s.name[i]!;
      let e = byName.get(id);
      if (!e) {
        e = { name: trace.strings[id] ?? '', count: 0, totalNs: 0, selfNs: 0, maxNs: 0 };
        byName.set(id, e);
      }
      const d = s.dur[i]!;
      e.count++;
      e.selfNs += Math.max(0, self[i]!);
      if (d > e.maxNs) e.maxNs = d;
      let p = s.parent[i]!;
      while (p >= 0 && s.name[p] !== id) p = s.parent[p]!;
      if (p < 0) e.totalNs += d;
    }
  }
  const cmp = (a: NameTime, b: NameTime) =>
    b.totalNs - a.totalNs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return {
    spanNs: trace.endNs,
    processes: trace.processes.length,
    threads: trace.threads.length,
    tracks: trace.sliceTracks.length,
    slices,
    counterTracks: trace.counters.length,
    flows: trace.flows.length,
    instants: trace.stats.instants,
    topNames: [...byName.values()].sort(cmp).slice(0, top),
    topProcesses: proc
      .filter((p) => p.slices > 0)
      .sort((a, b) => b.busyNs - a.busyNs || a.index - b.index)
      .slice(0, top),
  };
}

const cache = new WeakMap<TraceModel, TraceOverview>();

/** {@link traceOverview} with the default top-10, memoized per trace. */
export function traceOverviewCached(trace: TraceModel): TraceOverview {
  let o = cache.get(trace);
  if (!o) cache.set(trace, (o = traceOverview(trace)));
  return o;
}
