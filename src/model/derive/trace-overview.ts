/**
 * Summary of a plain trace (no Ascend tables): counts of processes, threads and slices, the
 * busiest processes, and the slice names that take the most time.
 *
 * A name's count and total count each slice once, except slices nested inside a slice of the
 * same name (recursion), whose time is already in the outer one (the operators' rule,
 * analysis-definitions §4.2); those are counted apart. Self time subtracts direct children.
 *
 * A process's busy time is the union of its threads' top-level slices (time when at least one
 * of its threads is inside a slice), so it never exceeds the trace span; thread time is the sum
 * over its threads (several threads busy at once count several times).
 *
 *   thread a  |■■■■■■■■|          busy   |■■■■■■■■■■■■|     = 12
 *   thread b       |■■■■■■■|      thread |■■■■■■■■|+|■■■■■■■| = 15
 */
import type { TraceModel } from '../trace-model';
import { processLabel } from '../labels';

export interface NameTime {
  name: string;
  /** Slices with no same-name slice around them. */
  count: number;
  /** Slices inside a same-name slice (their time is in the outer one's total). */
  nestedCount: number;
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
  /** Union of the top-level slices of all its tracks, ns (≤ the trace span). */
  busyNs: number;
  /** Sum over its tracks of top-level slice time ("thread time"), ns. */
  threadNs: number;
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
    threadNs: 0,
  }));
  const runs: Run[][] = proc.map(() => []);
  let slices = 0;
  for (const track of trace.sliceTracks) {
    const s = track.slices;
    slices += s.length;
    const pt = proc[track.process];
    if (pt) pt.slices += s.length;
    if (pt) runs[track.process]!.push(topLevelRun(s.start, s.dur, s.parent));
    const self = new Float64Array(s.length);
    for (let i = 0; i < s.length; i++) self[i] = s.dur[i]!;
    for (let i = 0; i < s.length; i++) {
      const p = s.parent[i]!;
      if (p >= 0) self[p] = self[p]! - s.dur[i]!;
      else if (pt) pt.threadNs += s.dur[i]!;
    }
    for (let i = 0; i < s.length; i++) {
      const id = s.name[i]!;
      let e = byName.get(id);
      if (!e) {
        e = {
          name: trace.strings[id] ?? '',
          count: 0,
          nestedCount: 0,
          totalNs: 0,
          selfNs: 0,
          maxNs: 0,
        };
        byName.set(id, e);
      }
      const d = s.dur[i]!;
      e.selfNs += Math.max(0, self[i]!);
      if (d > e.maxNs) e.maxNs = d;
      let p = s.parent[i]!;
      while (p >= 0 && s.name[p] !== id) p = s.parent[p]!;
      if (p < 0) {
        e.count++;
        e.totalNs += d;
      } else e.nestedCount++;
    }
  }
  proc.forEach((p, i) => (p.busyNs = unionOfRuns(runs[i]!)));
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

/** Intervals [start[i], end[i]) for i < n, sorted by start. */
interface Run {
  start: Float64Array;
  end: Float64Array;
  n: number;
}

/** Union of two runs sorted by start, as a run of disjoint intervals (touching ones merged). */
function mergeRuns(a: Run, b: Run): Run {
  const out: Run = {
    start: new Float64Array(a.n + b.n),
    end: new Float64Array(a.n + b.n),
    n: 0,
  };
  let i = 0;
  let j = 0;
  while (i < a.n || j < b.n) {
    const fromA = j >= b.n || (i < a.n && a.start[i]! <= b.start[j]!);
    const s = fromA ? a.start[i]! : b.start[j]!;
    const e = fromA ? a.end[i++]! : b.end[j++]!;
    const k = out.n - 1;
    if (k >= 0 && s <= out.end[k]!) {
      if (e > out.end[k]!) out.end[k] = e;
    } else {
      out.start[out.n] = s;
      out.end[out.n++] = e;
    }
  }
  return out;
}

/** A track's top-level slices as a run (they are in start order, like the track). */
function topLevelRun(
  start: ArrayLike<number>,
  dur: ArrayLike<number>,
  parent: ArrayLike<number>,
): Run {
  let n = 0;
  for (let i = 0; i < parent.length; i++) if (parent[i]! < 0) n++;
  const run: Run = { start: new Float64Array(n), end: new Float64Array(n), n };
  let k = 0;
  for (let i = 0; i < parent.length; i++) {
    if (parent[i]! >= 0) continue;
    run.start[k] = start[i]!;
    run.end[k++] = start[i]! + dur[i]!;
  }
  return run;
}

/**
 * Length of the union of runs (each a track's top-level slices, already sorted by start):
 * merged pairwise, O(n log k) for k runs, no sort.
 */
function unionOfRuns(runs: readonly Run[]): number {
  let level = runs.filter((r) => r.n > 0);
  if (level.length === 0) return 0;
  if (level.length === 1) return runLength(level[0]!);
  while (level.length > 1) {
    const next: Run[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(i + 1 < level.length ? mergeRuns(level[i]!, level[i + 1]!) : level[i]!);
    level = next;
  }
  return runLength(level[0]!);
}

/** Length of the union of one run (sorted by start; overlaps merged on the way). */
function runLength(u: Run): number {
  let total = 0;
  let from = u.start[0]!;
  let to = u.end[0]!;
  for (let i = 1; i < u.n; i++) {
    const s = u.start[i]!;
    if (s > to) {
      total += to - from;
      from = s;
      to = u.end[i]!;
    } else if (u.end[i]! > to) to = u.end[i]!;
  }
  return total + (to - from);
}

/** Length of the union of the intervals [start[i], end[i]) in any order. */
export function unionLength(start: readonly number[], end: readonly number[]): number {
  const order = start.map((_, i) => i).sort((a, b) => start[a]! - start[b]!);
  return unionOfRuns([
    {
      start: Float64Array.from(order, (i) => start[i]!),
      end: Float64Array.from(order, (i) => end[i]!),
      n: order.length,
    },
  ]);
}

const cache = new WeakMap<TraceModel, TraceOverview>();

/** {@link traceOverview} with the default top-10, memoized per trace. */
export function traceOverviewCached(trace: TraceModel): TraceOverview {
  let o = cache.get(trace);
  if (!o) cache.set(trace, (o = traceOverview(trace)));
  return o;
}
