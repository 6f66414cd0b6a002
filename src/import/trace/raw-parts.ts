/**
 * What the collect phase produces from one byte range of a trace: per-track columns in file
 * order, with exact times still absolute (µs integer + ns remainder), and ids into the range's
 * own string table. Several parts (parallel ranges) are merged, then finalised into a TraceModel.
 * Only typed arrays, numbers and strings: a part can be transferred between workers.
 */
import type { Message } from '../../lib/message';
import type { DistinctTs } from './distinct-ts';

export interface RawSliceCols {
  length: number;
  tsUs: Float64Array;
  tsFrac: Uint16Array;
  /** Duration ns; NaN when the X had no usable dur. */
  durNs: Float64Array;
  name: Uint32Array;
  cat: Uint32Array;
  args: Int32Array;
  /** Flow v2 bind_id (string id) or -1. */
  bind: Int32Array;
  /** Flow v2 direction bits: 1 = flow_in, 2 = flow_out. */
  flowDir: Uint8Array;
  /** File order: the event's absolute byte offset (ties at equal ts keep file order). */
  seq: Float64Array;
}

export interface RawBeCols extends RawSliceCols {
  /** 1 = B, 0 = E. An E whose name is the empty string closes the top open slice. */
  begin: Uint8Array;
}

export interface RawInstantCols {
  length: number;
  tsUs: Float64Array;
  tsFrac: Uint16Array;
  name: Uint32Array;
  cat: Uint32Array;
  args: Int32Array;
}

export interface RawThread {
  pid: number;
  tid: number;
  x: RawSliceCols;
  be: RawBeCols;
  instants: RawInstantCols;
}

export interface RawCounter {
  pid: number;
  name: number;
  /** Counter id (string id) or -1. */
  id: number;
  tsUs: Float64Array;
  tsFrac: Uint16Array;
  series: { name: string; values: Float64Array }[];
}

/** Flow v1 endpoints (s/t/f). */
export interface RawFlowCols {
  length: number;
  /** 0 = s, 1 = t, 2 = f. */
  phase: Uint8Array;
  cat: Uint32Array;
  name: Uint32Array;
  id: Uint32Array;
  pid: Uint32Array;
  tid: Uint32Array;
  tsUs: Float64Array;
  tsFrac: Uint16Array;
  /** 1 when bp:"e" (bind to the enclosing slice). */
  enclosing: Uint8Array;
}

/** Async events (b/e/n and legacy S/T/p/F). */
export interface RawAsyncCols {
  length: number;
  /** Phase byte. */
  phase: Uint8Array;
  cat: Uint32Array;
  name: Uint32Array;
  /** Id (string id); id2.local ids are prefixed with the pid at finalize. */
  id: Uint32Array;
  local: Uint8Array;
  scope: Int32Array;
  pid: Uint32Array;
  tsUs: Float64Array;
  tsFrac: Uint16Array;
  args: Int32Array;
}

export interface RawArgs {
  length: number;
  offset: Float64Array;
  size: Uint32Array;
  arena: Uint8Array | null;
}

export interface RawWarning {
  code: string;
  count: number;
  example: string;
  exampleMsg?: Message;
}

export interface RawTraceParts {
  strings: string[];
  /** Per string, its `hashStrings` hash (set by range scans, so merging hashes nothing). */
  stringHashes?: Int32Array;
  /** Threads in order of first appearance. */
  threads: RawThread[];
  counters: RawCounter[];
  /** Process-scoped instants, keyed by pid string id. */
  processInstants: { pid: number; instants: RawInstantCols }[];
  globalInstants: RawInstantCols;
  flows: RawFlowCols;
  async: RawAsyncCols;
  args: RawArgs;
  /** Metadata from M events, last write wins (pid / tid are string ids). */
  processMeta: { pid: number; name?: string; labels?: string; sortIndex?: number }[];
  threadMeta: { pid: number; tid: number; name?: string; sortIndex?: number }[];
  /** Processes in order of first appearance (string ids), including metadata-only ones. */
  processOrder: number[];
  /** Object-form top-level keys. */
  metadata: Record<string, unknown>;
  events: number;
  byPhase: Record<string, number>;
  /** Every non-M event timestamp: the base, the extent, first/last/distinct counts. */
  allTsUs: Float64Array;
  allTsFrac: Uint16Array;
  /** M event timestamps: counted in first/last/distinct only (absent: none). */
  metaTsUs?: Float64Array;
  metaTsFrac?: Uint16Array;
  /** A range's sorted distinct timestamps (set by range scans, in their worker). */
  distinctTs?: DistinctTs;
  /** How many distinct timestamps (every event's, M included) when counted by ranges. */
  distinctCount?: number;
  warnings: RawWarning[];
  /** Number of byte ranges scanned in parallel to produce these parts (absent: 1). */
  ranges?: number;
  /** When the range scans ended and merging began (epoch ms; parallel scans only). */
  scannedAt?: number;
}
