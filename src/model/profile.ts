/**
 * A profile: what one `*_ascend_pt` folder (one rank of one run), or one standalone trace file,
 * yields. The trace model plus every table read from the folder, with a report of each input.
 */
import type { JsonValue } from '../lib/json-bytes';
import type { AscendData } from './ascend-data';
import type { KernelJoinData } from './analysis/kernel-join';
import type { Message } from '../lib/message';
import type { TraceModel, TraceWarning } from './trace-model';

/** What a file was recognised as (its basename, normalised), or 'unknown'. */
export type InputKind = string;

export interface InputReport {
  /** Path relative to what the user opened. */
  path: string;
  kind: InputKind;
  bytes: number;
  status: 'read' | 'skipped' | 'failed';
  /** Why it was skipped or failed (one line naming the problem). */
  reason?: string;
  /** `reason` as an interface message, when it is one of the fixed ones (not an error's text). */
  reasonMsg?: Message;
  /** Problems found while reading it (counted per code). */
  warnings?: TraceWarning[];
}

/** One discovered profile, before it is imported. */
export interface ProfileDescriptor {
  /** Stable key: the root path ('' for the opened folder itself). */
  id: string;
  /** Folder of the profile (the `*_ascend_pt` folder, or the file for a standalone trace). */
  root: string;
  label: string;
  kind: 'ascend' | 'trace-file';
  /** Rank id from profiler_info_{rank}.json (or the db's RANK_DEVICE_MAP), if known. */
  rank: number | null;
  /** Folder holding the `*_ascend_pt` folder (a run / timestamp / stage folder), if any. */
  runFolder: string | null;
  /** `_profiler_level` from profiler_info (Level0/1/2/Level_none). */
  level: string | null;
  /** `_export_type` from profiler_info (text, db). */
  exportType: string | null;
  /** Host name from the folder name `{host}_{pid}_{timestamp}_ascend_pt`, if it parses. */
  host: string | null;
  /** Paths of the files that belong to it. */
  files: string[];
}

/** A CSV (or other tabular) file kept as text cells; typed readers add parsed views on top. */
export interface TextTable {
  /** Source file path. */
  path: string;
  header: string[];
  /** Row-major cells (missing cells are ''). */
  rows: string[][];
}

export interface ProfileModel {
  descriptor: ProfileDescriptor;
  inputs: InputReport[];
  trace: TraceModel | null;
  /** Every CSV read, by file kind (e.g. "kernel_details.csv"). */
  tables: Record<string, TextTable>;
  /** Parsed JSON side files by kind (profiler_info, profiler_metadata, communication…). */
  json: Record<string, JsonValue>;
  /** Typed views of the Ascend files (kernels, steps, memory, communication…), filled by readers. */
  ascend: AscendData;
  /** Problems that concern the profile as a whole. */
  warnings: TraceWarning[];
  /** Set when the profile was loaded from the reopen cache instead of parsed. */
  fromCache?: boolean;
  /** Path of the file `trace` was built from (trace_view.json, or a profiler .db). */
  traceSource?: string;
  /**
   * The cross-view checks (model/analysis/invariants.ts) computed at import for the timeline of
   * `traceSource`, so the Overview and the Import report show their status at once; recomputed
   * when the timeline's source is switched.
   */
  crossChecks?: { traceSource: string | null; warnings: TraceWarning[] };
  /**
   * kernel_details joined onto the trace's device events (model/analysis/kernel-join.ts), made
   * at import for the timeline of `traceSource`; the Kernels view reads it.
   */
  kernelJoin?: KernelJoinData;
  /**
   * Set on a profile the import worker handed over before making its cross-view checks and
   * Kernels join (they follow in the `import:after` answer, session/import-session.ts): until
   * then the views show no checks status and no join columns, rather than computing them on the
   * page.
   */
  checksPending?: boolean;
  /** Timelines built from the profile's other sources, by path (kept when the user switches). */
  otherTraces?: Record<string, TraceModel>;
}

/** A profile with nothing read into it yet: readers fill it in. */
export function emptyProfile(descriptor: ProfileDescriptor): ProfileModel {
  return {
    descriptor,
    inputs: [],
    trace: null,
    tables: {},
    json: {},
    ascend: { sources: {} },
    warnings: [],
  };
}
