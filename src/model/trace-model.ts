/**
 * The columnar trace model: everything the timeline and tables draw from.
 *
 * Every time is exact integer ns relative to `baseNs` (the smallest kept timestamp), stored in
 * Float64Array (exact below 2^53 ns). Strings are interned in `strings`; columns hold indices.
 * No per-event objects: each track is a struct of arrays, sorted by start, with nesting depth.
 * The model holds only typed arrays, plain numbers and strings, so it can be transferred from the
 * import worker and structured-cloned cheaply.
 */
import type { Message } from '../lib/message';
import type { Nanoseconds } from './units';

/** Slice flag bits (`SliceTable.flags`). */
export const SliceFlag = {
  /** A B without E, or an X without dur: extended to the trace end. */
  Unfinished: 1,
  /** Came from a B/E pair rather than an X. */
  FromBE: 2,
  /** An async (b/e or S/F) slice. */
  Async: 4,
  /** Placed on the overflow lane because it partially overlapped a sibling. */
  Overflow: 8,
} as const;

/** One lane of slices (a thread, its overflow lane, or an async track), sorted by start. */
export interface SliceTable {
  length: number;
  /** Start, ns since trace start. */
  start: Float64Array;
  /** Duration, ns. */
  dur: Float64Array;
  /** Nesting depth (row), 0 = top. */
  depth: Uint16Array;
  /** Index of the enclosing slice in this table, -1 at the top. */
  parent: Int32Array;
  /** Interned name (index into `TraceModel.strings`). */
  name: Uint32Array;
  /** Interned category ('' when absent). */
  cat: Uint32Array;
  /** Args reference (index into `TraceModel.args`), -1 when none. */
  args: Int32Array;
  /** SliceFlag bits. */
  flags: Uint8Array;
  /** Largest depth + 1 (number of rows). */
  rows: number;
}

/** Instants (i/I/R/n) on a thread, process or globally. */
export interface InstantTable {
  length: number;
  /** Time, ns since trace start. */
  ts: Float64Array;
  name: Uint32Array;
  cat: Uint32Array;
  args: Int32Array;
}

export type SliceTrackKind = 'thread' | 'overflow' | 'async';

/** A drawable lane of slices. Flows and selections address slices as (track, index). */
export interface SliceTrack {
  kind: SliceTrackKind;
  /** Index into `TraceModel.processes`. */
  process: number;
  /** Index into `TraceModel.threads` for 'thread'/'overflow'; -1 for async. */
  thread: number;
  /** Display name ("Stream 4", "Thread 3178231", "Async: foo"). */
  name: string;
  slices: SliceTable;
}

export interface ThreadModel {
  /** Canonical tid ("25738" for both 25738 and "25738"; "" when empty). */
  tid: string;
  process: number;
  /** From the thread_name M event, if any. */
  name: string | null;
  sortIndex: number | null;
  /** Index of the thread's main slice track in `sliceTracks`, -1 if it has no slices. */
  track: number;
  /** Index of its overflow lane in `sliceTracks`, -1 if none. */
  overflowTrack: number;
  instants: InstantTable;
}

export interface ProcessModel {
  /** Canonical pid (string, exact for pids above 2^53). */
  pid: string;
  /** From process_name, if any. */
  name: string | null;
  /** From process_labels ("CPU", "NPU", "NPU 0"). */
  labels: string[];
  sortIndex: number | null;
  threads: number[];
  counters: number[];
  asyncTracks: number[];
  /** Process-scoped instants (s:"p"). */
  instants: InstantTable;
}

/** One counter track: a (process, name[, id]) with one or more series. */
export interface CounterTrack {
  process: number;
  name: string;
  /** Sample times, ns since trace start, sorted. */
  ts: Float64Array;
  /** Series name → values aligned with `ts` (NaN where the sample lacked the series). */
  series: { name: string; values: Float64Array }[];
}

/** Bound flow arrows: each row links a source slice to a destination slice. */
export interface FlowTable {
  length: number;
  fromTrack: Int32Array;
  fromSlice: Int32Array;
  toTrack: Int32Array;
  toSlice: Int32Array;
  /** Flow event time at each end, ns since trace start. */
  fromTs: Float64Array;
  toTs: Float64Array;
  cat: Uint32Array;
  name: Uint32Array;
  /** Canonical id (interned string: exact for ids beyond 2^64). */
  id: Uint32Array;
  /**
   * Lookups over these rows, built by the import worker (model/flow-index.ts) so the page does
   * not sort them on its main thread; absent on tables made elsewhere (built on first use then).
   */
  index?: FlowIndex;
}

export interface FlowCategory {
  /** Interned id in the trace's strings. */
  id: number;
  name: string;
  count: number;
}

export interface FlowIndex {
  /** Flow rows sorted by (fromTrack, fromSlice); `outStart[track]` is where a track begins. */
  outOrder: Uint32Array;
  outStart: Uint32Array;
  inOrder: Uint32Array;
  inStart: Uint32Array;
  cats: FlowCategory[];
  /** Flow rows sorted by their earlier end; `timeMin` holds that time, ascending. */
  timeOrder: Uint32Array;
  timeMin: Float64Array;
  /** Longest |toTs - fromTs|: how far back a window query must look. */
  maxSpan: number;
}

/**
 * Where args live. Args are kept as raw JSON byte ranges and decoded only when shown:
 * either ranges into the original source file (`file`) or into a copied arena (`arena`).
 */
export interface ArgsStore {
  length: number;
  offset: Float64Array;
  size: Uint32Array;
  /** Arena bytes (when args were copied, e.g. from gzip or generated sources). */
  arena: Uint8Array | null;
  /** Path of the source file the ranges point into (when arena is null). */
  sourcePath: string;
  /**
   * Row merged over each row, -1 for none (absent when no row has one): the E args of a B/E
   * pair (and the end args of an async pair) merged into the B's, a later value winning.
   */
  merge?: Int32Array | null;
}

export interface TraceWarning {
  code: string;
  count: number;
  example: string;
  /** `example` as an interface message (lib/message.ts); never in the headless JSON. */
  exampleMsg?: Message;
}

/** Counts and facts for the import report and the headless summary. */
export interface TraceStats {
  /** Non-empty event objects in the file(s). */
  events: number;
  byPhase: Record<string, number>;
  /** Smallest / largest ts of any event as exact decimal ns; null when no event had a ts. */
  firstTsNs: string | null;
  lastTsNs: string | null;
  distinctTs: number;
  processNames: string[];
  flows: { matched: number; startOnly: number; endOnly: number; unbound: number };
  overflowSlices: number;
  slices: number;
  counters: number;
  instants: number;
  maxDepth: number;
}

export interface TraceModel {
  /** Absolute time of ns 0, as exact decimal ns since the Unix epoch (or the trace's own zero). */
  baseNs: string;
  /** Last end time, ns since trace start. */
  endNs: Nanoseconds;
  strings: string[];
  processes: ProcessModel[];
  threads: ThreadModel[];
  sliceTracks: SliceTrack[];
  counters: CounterTrack[];
  /** Global (s:"g") instants. */
  globalInstants: InstantTable;
  flows: FlowTable;
  /**
   * Launch links found through `correlation` / `External id` args when a Kineto trace has no
   * `ac2g` flow events (import/trace/correlate.ts): host runtime call (or CPU op) → device task.
   * Not drawn as arrows (they are not in the file); the analysis reads them as launch flows.
   */
  correlations?: FlowTable | null;
  args: ArgsStore;
  /** Top-level keys of an object-form trace other than traceEvents (displayTimeUnit, otherData…). */
  metadata: Record<string, unknown>;
  stats: TraceStats;
  warnings: TraceWarning[];
  /** How long the import took (scan, finalize) and over how many parallel ranges. */
  importTimings?: {
    scanMs: number;
    finalizeMs: number;
    ranges: number;
    /**
     * When each stage of the import worker ended, as epoch ms (`performance.timeOrigin +
     * performance.now()`, comparable across the page and its workers): bench:import maps its
     * memory samples onto them.
     */
    marks?: Record<string, number>;
  };
}

/** Address of one slice. */
export interface SliceRef {
  track: number;
  index: number;
}

export function emptyInstants(): InstantTable {
  return {
    length: 0,
    ts: new Float64Array(0),
    name: new Uint32Array(0),
    cat: new Uint32Array(0),
    args: new Int32Array(0),
  };
}
