/**
 * The loaded trace and Ascend views as SQL tables (SQL console). Shown in the UI as the schema:
 *
 *   process(id, pid, name, labels, sort_index)
 *       id: row id; pid: the trace's pid text; labels: comma-separated ("NPU 0", "CPU").
 *   thread(id, process, tid, name, sort_index)
 *       process → process.id; name: thread_name ("Stream 2", "Thread 3178231").
 *   track(id, kind, process, thread, name)
 *       one drawable lane: kind 'thread' | 'overflow' | 'async'; thread → thread.id (NULL for async).
 *   slice(id, track, process, thread, ts, dur, depth, name, category, parent, args, ts_abs)
 *       ts, dur: INTEGER ns, ts relative to the trace start; depth: nesting row (0 = top);
 *       parent → slice.id (NULL at the top); args: JSON text, keys in file order, E args merged
 *       into B's (NULL when there are none, or when the source file could not be read);
 *       ts_abs: absolute start, exact INTEGER ns since the epoch.
 *   flow(id, from_slice, to_slice, category, name, flow_id, from_ts, to_ts, from_ts_abs, to_ts_abs)
 *       from_slice / to_slice → slice.id; flow_id: the exact id as TEXT; *_ts relative ns,
 *       *_ts_abs absolute ns.
 *   counter(track, process, name, series, ts, value, ts_abs)
 *       one row per sample and series; track: counter track index; value: REAL (NULL = no sample).
 *   instant(id, process, thread, ts, name, category, args, ts_abs)
 *   kernel(id, step, stream, name, type, core, ts, dur, wait, input_shapes, ts_abs)
 *       the Kernels view (kernel_details.csv or the db, else the trace's device events from the
 *       analysis layer): ts relative ns (to the trace start, or to the first kernel without a
 *       trace), dur / wait ns; step -1 / stream -1 when unknown.
 *   step(step, device, computing, comm_not_overlapped, overlapped, communication, free, stage,
 *        bubble, comm_not_overlapped_exclude_receive, preparing)
 *       step_trace_time / StepTraceTime rows, µs as in the source; without them, the trace's
 *       ProfilerStep#N projected onto the device (analysis layer, the Steps view's rows). Each µs
 *       column has an INTEGER ns twin named <column>_ns (computing_ns, …).
 *   operator(id, name, input_shapes, host_self, host_total, device_self, device_total, nested)
 *       the Operators view (operator_details.csv, else the trace's cpu_op slices), ns; nested = 1
 *       when a same-name op encloses it (group totals count only nested = 0).
 *   meta(key, value)   trace_start_ns (absolute ns of ts = 0), trace_end_ns, source paths.
 *   args, trace_metadata: see console-trace-extras.ts.
 */
import { ARGS_VIEW, TRACE_METADATA_TABLE } from './console-trace-extras';

export interface ConsoleColumn {
  name: string;
  type: 'INTEGER' | 'REAL' | 'TEXT';
  doc: string;
  /**
   * A computed column: the SQL expression it is generated from (`{base}` = trace_start_ns).
   * Never inserted into; costs nothing until queried.
   */
  expr?: string;
}

export interface ConsoleTableDoc {
  name: string;
  doc: string;
  columns: ConsoleColumn[];
}

const I = 'INTEGER' as const;
const R = 'REAL' as const;
const T = 'TEXT' as const;
const c = (name: string, type: ConsoleColumn['type'], doc = ''): ConsoleColumn => ({
  name,
  type,
  doc,
});
const TS = c('ts', I, 'start, ns since the trace start');
/** The absolute twin of a relative time column: exact integer ns since the epoch. */
const absOf = (rel: string): ConsoleColumn => ({
  ...c(rel === 'ts' ? 'ts_abs' : `${rel}_abs`, I, `${rel} as absolute ns since the epoch`),
  expr: `{base} + ${rel}`,
});
const TS_ABS = absOf('ts');
/** Integer-ns twin of a µs column of step_trace_time. */
const nsOf = (us: string): ConsoleColumn => ({
  ...c(`${us}_ns`, I, `${us} in ns`),
  expr: `CAST(round(${us} * 1000) AS INTEGER)`,
});

/** The µs columns of the step table, each with an integer-ns twin `<name>_ns`. */
export const STEP_US_COLUMNS = [
  'computing',
  'comm_not_overlapped',
  'overlapped',
  'communication',
  'free',
  'stage',
  'bubble',
  'comm_not_overlapped_exclude_receive',
  'preparing',
];

/** The console's own tables (the same as the comment above, for the UI). */
export const CONSOLE_SCHEMA: ConsoleTableDoc[] = [
  {
    name: 'process',
    doc: 'processes of the trace',
    columns: [
      c('id', I, 'row id'),
      c('pid', T),
      c('name', T),
      c('labels', T, 'comma-separated'),
      c('sort_index', I),
    ],
  },
  {
    name: 'thread',
    doc: 'threads of the trace',
    columns: [
      c('id', I, 'row id'),
      c('process', I, '→ process.id'),
      c('tid', T),
      c('name', T),
      c('sort_index', I),
    ],
  },
  {
    name: 'track',
    doc: 'drawable lanes (a thread, its overflow lane, or an async track)',
    columns: [
      c('id', I),
      c('kind', T, 'thread | overflow | async'),
      c('process', I),
      c('thread', I),
      c('name', T),
    ],
  },
  {
    name: 'slice',
    doc: 'every slice',
    columns: [
      c('id', I, 'row id'),
      c('track', I, '→ track.id'),
      c('process', I, '→ process.id'),
      c('thread', I, '→ thread.id, NULL for async tracks'),
      TS,
      c('dur', I, 'duration, ns'),
      c('depth', I, 'nesting row, 0 = top'),
      c('name', T),
      c('category', T),
      c('parent', I, '→ slice.id of the enclosing slice'),
      c('args', T, 'JSON (keys in file order, E args merged into B); also the args view'),
      TS_ABS,
    ],
  },
  {
    name: 'flow',
    doc: 'flow arrows',
    columns: [
      c('id', I),
      c('from_slice', I, '→ slice.id'),
      c('to_slice', I, '→ slice.id'),
      c('category', T),
      c('name', T),
      c('flow_id', T, 'exact id'),
      c('from_ts', I, 'ns since the trace start'),
      c('to_ts', I, 'ns since the trace start'),
      absOf('from_ts'),
      absOf('to_ts'),
    ],
  },
  {
    name: 'counter',
    doc: 'counter samples, one row per sample and series',
    columns: [
      c('track', I),
      c('process', I),
      c('name', T),
      c('series', T),
      TS,
      c('value', R),
      TS_ABS,
    ],
  },
  {
    name: 'instant',
    doc: 'instant events',
    columns: [
      c('id', I),
      c('process', I),
      c('thread', I),
      TS,
      c('name', T),
      c('category', T),
      c('args', T, 'JSON'),
      TS_ABS,
    ],
  },
  {
    name: 'kernel',
    doc: 'the Kernels view (kernel_details.csv or the db)',
    columns: [
      c('id', I),
      c('step', I, '-1 when unknown'),
      c('stream', I, '-1 when unknown'),
      c('name', T),
      c('type', T),
      c('core', T, 'accelerator core'),
      TS,
      c('dur', I, 'ns'),
      c('wait', I, 'ns since the previous kernel on the stream'),
      c('input_shapes', T),
      TS_ABS,
    ],
  },
  {
    name: 'operator',
    doc: 'the Operators view (operator_details.csv, else the trace’s cpu_op slices)',
    columns: [
      c('id', I),
      c('name', T),
      c('input_shapes', T),
      c('host_self', I, 'ns'),
      c('host_total', I, 'ns'),
      c('device_self', I, 'ns'),
      c('device_total', I, 'ns'),
      c('nested', I, '1 when a same-name op encloses it (sum totals over nested = 0)'),
    ],
  },
  {
    name: 'step',
    doc: 'step_trace_time rows (µs as in the file; *_ns twins in ns), else the trace’s steps on the device',
    columns: [
      c('step', T),
      c('device', T),
      c('computing', R),
      c('comm_not_overlapped', R),
      c('overlapped', R),
      c('communication', R),
      c('free', R),
      c('stage', R),
      c('bubble', R),
      c('comm_not_overlapped_exclude_receive', R),
      c('preparing', R),
      ...STEP_US_COLUMNS.map(nsOf),
    ],
  },
  { name: 'meta', doc: 'facts about the loaded data', columns: [c('key', T), c('value', T)] },
  TRACE_METADATA_TABLE,
  ARGS_VIEW,
];
