/**
 * Idle-gap classification (HTA's idle time breakdown, msprof-analyze's free_analysis, with the
 * advisor's host-side causes; docs/analysis-definitions.md §7).
 *
 * A gap on a device stream runs from the end of the tasks so far on that stream to the start of
 * the next task T. Its cause, first match wins:
 *
 *   late = T's launch on the host started after the gap began (launch flow / correlation id)
 *   1. late (or launch unknown) and, while the host was late, a host event overlapped:
 *      Python GC → gc; a dataloader call → dataloader; a memory API (aclrtMalloc/Free…,
 *      cudaMalloc/Free) → memory; a stream/device synchronize → sync
 *   2. late → host-bound (the host enqueued T late)
 *   3. gap < launchGapUs (HTA consecutive_kernel_delay, 30 µs) → launch-gap
 *   4. → other (event waits, cross-stream dependencies…)
 *
 *   stream   |task A|.............gap.............|task B|
 *   host        launch B ─────────────────────────┘        (launch before the gap: not late)
 *   host                    |GC........| launch B ┘        (late, GC while late: gc)
 *
 * Each gap belongs to the step of the task after it (the step its launch started in, as HTA
 * gives a GPU event the iteration of its launch), so the causes of a (stream, step) add up exactly
 * to that stream's idle time in the step, and the steps add up to the stream's idle time (all
 * values are integer ns held in doubles, so the sums are exact). Gaps before a task of no step
 * are kept under step '' ("outside steps").
 */
import { lowerBound } from '../../lib/bisect';
import type { AdvisorInputs, HostEvent } from './advisor-inputs';
import {
  IDLE_CAUSES,
  type IdleCause,
  type IdleGaps,
  type IdleStepRow,
  type Thresholds,
} from './types';

const CAUSE_INDEX = new Map<IdleCause, number>(IDLE_CAUSES.map((c, i) => [c, i]));

/** Sorted starts and running max of ends, for "does any event overlap [a, b]" in O(log n). */
interface OverlapIndex {
  start: Float64Array;
  maxEnd: Float64Array;
}

function overlapIndex(events: readonly HostEvent[]): OverlapIndex {
  const start = new Float64Array(events.length);
  const maxEnd = new Float64Array(events.length);
  let m = -Infinity;
  events.forEach((e, i) => {
    start[i] = e.startNs;
    m = Math.max(m, e.startNs + e.durNs);
    maxEnd[i] = m;
  });
  return { start, maxEnd };
}

/** Whether some event starts before b and ends at or after a. */
function overlaps(ix: OverlapIndex, a: number, b: number): boolean {
  const i = lowerBound(ix.start, b, 0, ix.start.length) - 1;
  return i >= 0 && ix.maxEnd[i]! >= a;
}

export function emptyByCause(): Record<IdleCause, number> {
  return Object.fromEntries(IDLE_CAUSES.map((c) => [c, 0])) as Record<IdleCause, number>;
}

export function classifyIdle(
  inp: AdvisorInputs,
  th: Thresholds,
): { rows: IdleStepRow[]; gaps: IdleGaps } {
  const launchGapNs = (th['launchGapUs'] ?? 30) * 1000;
  const hostCauses: [IdleCause, OverlapIndex][] = [
    ['gc', overlapIndex(inp.host.gc)],
    ['dataloader', overlapIndex(inp.host.dataloader)],
    ['memory', overlapIndex(inp.host.memory)],
    ['sync', overlapIndex(inp.host.sync)],
  ];
  const classify = (gs: number, ge: number, ls: number): IdleCause => {
    const late = ls > gs;
    if (late || Number.isNaN(ls)) {
      const until = late ? Math.min(ls, ge) : ge;
      for (const [cause, ix] of hostCauses) if (overlaps(ix, gs, until)) return cause;
    }
    if (late) return 'host-bound';
    if (ge - gs < launchGapNs) return 'launch-gap';
    return 'other';
  };
  let n = 0;
  for (const d of inp.streams) n += d.start.length;
  const track = new Int32Array(n);
  const startNs = new Float64Array(n);
  const endNs = new Float64Array(n);
  const cause = new Uint8Array(n);
  const nextSlice = new Int32Array(n);
  const step = new Int32Array(n);
  let g = 0;
  for (const d of inp.streams) {
    let end = -Infinity;
    for (let k = 0; k < d.start.length; k++) {
      const s = d.start[k]!;
      if (k > 0 && s > end) {
        track[g] = d.track;
        startNs[g] = end;
        endNs[g] = s;
        cause[g] = CAUSE_INDEX.get(classify(end, s, d.launchStart[k]!))!;
        nextSlice[g] = d.index[k]!;
        step[g] = d.step[k]!;
        g++;
      }
      end = Math.max(end, s + d.dur[k]!);
    }
  }
  const gaps: IdleGaps = {
    length: g,
    track: track.slice(0, g),
    startNs: startNs.slice(0, g),
    endNs: endNs.slice(0, g),
    cause: cause.slice(0, g),
    nextSlice: nextSlice.slice(0, g),
    step: step.slice(0, g),
  };
  return { rows: idleRows(inp, gaps), gaps };
}

/** Per (step, stream): the gaps before the step's tasks, summed by cause. */
export function idleRows(inp: AdvisorInputs, gaps: IdleGaps): IdleStepRow[] {
  const streamName = new Map(inp.streams.map((d) => [d.track, d.name]));
  const rows = new Map<string, IdleStepRow>();
  for (let i = 0; i < gaps.length; i++) {
    const j = gaps.step[i]!;
    const st = inp.steps[j];
    const key = `${j}\u0001${gaps.track[i]}`;
    let r = rows.get(key);
    if (!r) {
      r = {
        step: st?.step ?? '',
        startNs: st?.startNs ?? NaN,
        endNs: st?.endNs ?? NaN,
        track: gaps.track[i]!,
        stream: streamName.get(gaps.track[i]!) ?? '',
        idleNs: 0,
        byCause: emptyByCause(),
      };
      rows.set(key, r);
    }
    const d = gaps.endNs[i]! - gaps.startNs[i]!;
    r.idleNs += d;
    r.byCause[IDLE_CAUSES[gaps.cause[i]!]!] += d;
  }
  const order = (r: IdleStepRow) => (Number.isNaN(r.startNs) ? Infinity : r.startNs);
  return [...rows.values()].sort((a, b) => order(a) - order(b) || a.track - b.track);
}

/** Idle time per step (all streams) by cause: the stacked chart's bars. */
export function idleByStep(rows: readonly IdleStepRow[]): {
  step: string;
  startNs: number;
  endNs: number;
  idleNs: number;
  byCause: Record<IdleCause, number>;
}[] {
  const by = new Map<string, ReturnType<typeof idleByStep>[number]>();
  for (const r of rows) {
    const key = `${r.step}\u0001${r.startNs}`;
    let b = by.get(key);
    if (!b) {
      b = { step: r.step, startNs: r.startNs, endNs: r.endNs, idleNs: 0, byCause: emptyByCause() };
      by.set(key, b);
    }
    b.idleNs += r.idleNs;
    for (const c of IDLE_CAUSES) b.byCause[c] += r.byCause[c];
  }
  return [...by.values()].sort((a, b) => a.startNs - b.startNs);
}
