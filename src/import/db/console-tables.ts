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
import { analyzeTrace } from '../../model/analysis/analyze';
import { operatorNestingCached } from '../../model/analysis/operator-nesting';
import { traceStepRow } from '../../model/analysis/step-rows';
import type { AscendData } from '../../model/ascend-data';
import {
  ARGS_VIEW,
  ARGS_VIEW_SQL,
  argsJsonText,
  loadTraceMetadata,
  TRACE_METADATA_SQL,
  TRACE_METADATA_TABLE,
} from './console-trace-extras';
import type { TraceModel } from '../../model/trace-model';
import { fillOnly, insertAll } from './console-insert';
import type { Database } from './sql-loader';

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
const STEP_US_COLUMNS = [
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

function createTables(db: Database, baseNs: string): void {
  const base = /^-?\d+$/.test(baseNs) ? baseNs : '0';
  for (const t of CONSOLE_SCHEMA) {
    if (t === ARGS_VIEW) continue; // a view, created once the slice table exists
    if (t === TRACE_METADATA_TABLE) {
      db.run(TRACE_METADATA_SQL);
      continue;
    }
    const cols = t.columns.map((col) =>
      col.expr
        ? `${col.name} ${col.type} GENERATED ALWAYS AS (${col.expr.replace('{base}', base)}) VIRTUAL`
        : `${col.name} ${col.type}${col.name === 'id' ? ' PRIMARY KEY' : ''}`,
    );
    db.run(`CREATE TABLE ${t.name} (${cols.join(', ')})`);
  }
}

/**
 * Fills the console tables from a trace and/or Ascend views (either may be absent). With `only`,
 * every table is created but only those it accepts are filled (a script that names its tables
 * up front skips loading the others).
 */
export function loadConsoleTables(
  db: Database,
  trace: TraceModel | null,
  ascend: AscendData | null,
  only?: (table: string) => boolean,
): void {
  ascend = withAnalysis(trace, ascend);
  const baseNs = trace?.baseNs ?? firstKernelNs(ascend) ?? '0';
  createTables(db, baseNs);
  if (only) fillOnly(db, only);
  db.run('BEGIN');
  try {
    if (trace) {
      loadTrace(db, trace);
      loadTraceMetadata(db, trace.metadata);
    }
    if (ascend) loadAscend(db, ascend, BigInt(baseNs));
    insertAll(db, 'meta', ['key', 'value'], (put) => {
      put(['trace_start_ns', baseNs]);
      if (trace) {
        put(['trace_end_ns', (BigInt(trace.baseNs) + BigInt(Math.round(trace.endNs))).toString()]);
        put(['trace_source', trace.args.sourcePath]);
      }
    });
    db.run('CREATE INDEX slice_track_ts ON slice (track, ts)');
    db.run(ARGS_VIEW_SQL);
    db.run('COMMIT');
  } catch (e) {
    db.run('ROLLBACK');
    throw e;
  } finally {
    fillOnly(db, null);
  }
}

/** The side files' views, completed from the trace's analysis where they are absent. */
function withAnalysis(trace: TraceModel | null, ascend: AscendData | null): AscendData | null {
  if (!trace) return ascend;
  const a = analyzeTrace(trace);
  const out: AscendData = { ...(ascend ?? { sources: {} }) };
  if (!out.kernels && a.kernels) out.kernels = a.kernels;
  if (!out.operators && a.operators.length > 0) out.operators = a.operators.table;
  if (!out.steps && a.steps.some((s) => s.events > 0)) out.steps = a.steps.map(traceStepRow);
  return out;
}

function firstKernelNs(a: AscendData | null): string | null {
  const k = a?.kernels;
  if (!k || k.length === 0) return null;
  let best = 0;
  for (let i = 1; i < k.length; i++) {
    if (
      k.startUs[i]! < k.startUs[best]! ||
      (k.startUs[i] === k.startUs[best] && k.startFrac[i]! < k.startFrac[best]!)
    )
      best = i;
  }
  return (BigInt(k.startUs[best]!) * 1000n + BigInt(k.startFrac[best]!)).toString();
}

function loadTrace(db: Database, t: TraceModel): void {
  const s = t.strings;
  insertAll(db, 'process', ['id', 'pid', 'name', 'labels', 'sort_index'], (put) =>
    t.processes.forEach((p, i) => put([i, p.pid, p.name, p.labels.join(','), p.sortIndex])),
  );
  insertAll(db, 'thread', ['id', 'process', 'tid', 'name', 'sort_index'], (put) =>
    t.threads.forEach((th, i) => put([i, th.process, th.tid, th.name, th.sortIndex])),
  );
  insertAll(db, 'track', ['id', 'kind', 'process', 'thread', 'name'], (put) =>
    t.sliceTracks.forEach((tr, i) =>
      put([i, tr.kind, tr.process, tr.thread < 0 ? null : tr.thread, tr.name]),
    ),
  );
  // Slice ids run track by track; flows point at them (known even when slice is not filled).
  const firstId: number[] = [];
  let id = 0;
  t.sliceTracks.forEach((tr, ti) => {
    firstId[ti] = id;
    id += tr.slices.length;
  });
  id = 0;
  const argsText = (a: number): string | null => argsJsonText(t.args, a);
  insertAll(
    db,
    'slice',
    [
      'id',
      'track',
      'process',
      'thread',
      'ts',
      'dur',
      'depth',
      'name',
      'category',
      'parent',
      'args',
    ],
    (put) => {
      t.sliceTracks.forEach((tr, ti) => {
        firstId[ti] = id;
        const sl = tr.slices;
        for (let i = 0; i < sl.length; i++) {
          const parent = sl.parent[i]!;
          put([
            id + i,
            ti,
            tr.process,
            tr.thread < 0 ? null : tr.thread,
            sl.start[i]!,
            sl.dur[i]!,
            sl.depth[i]!,
            s[sl.name[i]!] ?? '',
            s[sl.cat[i]!] ?? '',
            parent < 0 ? null : id + parent,
            argsText(sl.args[i]!),
          ]);
        }
        id += sl.length;
      });
    },
  );
  const f = t.flows;
  insertAll(
    db,
    'flow',
    ['id', 'from_slice', 'to_slice', 'category', 'name', 'flow_id', 'from_ts', 'to_ts'],
    (put) => {
      for (let i = 0; i < f.length; i++) {
        put([
          i,
          firstId[f.fromTrack[i]!]! + f.fromSlice[i]!,
          firstId[f.toTrack[i]!]! + f.toSlice[i]!,
          s[f.cat[i]!] ?? '',
          s[f.name[i]!] ?? '',
          s[f.id[i]!] ?? '',
          f.fromTs[i]!,
          f.toTs[i]!,
        ]);
      }
    },
  );
  insertAll(db, 'counter', ['track', 'process', 'name', 'series', 'ts', 'value'], (put) => {
    t.counters.forEach((ct, ci) => {
      for (const series of ct.series) {
        for (let i = 0; i < ct.ts.length; i++) {
          const v = series.values[i]!;
          put([ci, ct.process, ct.name, series.name, ct.ts[i]!, Number.isNaN(v) ? null : v]);
        }
      }
    });
  });
  let instantId = 0;
  insertAll(db, 'instant', ['id', 'process', 'thread', 'ts', 'name', 'category', 'args'], (put) => {
    const add = (
      table: TraceModel['globalInstants'],
      process: number | null,
      thread: number | null,
    ) => {
      for (let i = 0; i < table.length; i++) {
        put([
          instantId++,
          process,
          thread,
          table.ts[i]!,
          s[table.name[i]!] ?? '',
          s[table.cat[i]!] ?? '',
          argsText(table.args[i]!),
        ]);
      }
    };
    add(t.globalInstants, null, null);
    t.processes.forEach((p, i) => add(p.instants, i, null));
    t.threads.forEach((th, i) => add(th.instants, th.process, i));
  });
}

function loadAscend(db: Database, a: AscendData, base: bigint): void {
  const k = a.kernels;
  if (k) {
    insertAll(
      db,
      'kernel',
      ['id', 'step', 'stream', 'name', 'type', 'core', 'ts', 'dur', 'wait', 'input_shapes'],
      (put) => {
        for (let i = 0; i < k.length; i++) {
          const abs = BigInt(k.startUs[i]!) * 1000n + BigInt(k.startFrac[i]!);
          put([
            i,
            k.step[i]!,
            k.stream[i]!,
            k.strings[k.name[i]!] ?? '',
            k.strings[k.type[i]!] ?? '',
            k.strings[k.core[i]!] ?? '',
            Number(abs - base),
            Number.isNaN(k.durNs[i]!) ? null : k.durNs[i]!,
            Number.isNaN(k.waitNs[i]!) ? null : k.waitNs[i]!,
            k.strings[k.inputShapes[i]!] ?? '',
          ]);
        }
      },
    );
  }
  const ops = a.operators;
  if (ops) {
    const nested = operatorNestingCached(ops);
    const ns = (v: number) => (Number.isNaN(v) ? null : Math.round(v));
    insertAll(
      db,
      'operator',
      [
        'id',
        'name',
        'input_shapes',
        'host_self',
        'host_total',
        'device_self',
        'device_total',
        'nested',
      ],
      (put) => {
        for (let i = 0; i < ops.length; i++) {
          put([
            i,
            ops.strings[ops.name[i]!] ?? '',
            ops.strings[ops.inputShapes[i]!] ?? '',
            ns(ops.hostSelfNs[i]!),
            ns(ops.hostTotalNs[i]!),
            ns(ops.deviceSelfNs[i]!),
            ns(ops.deviceTotalNs[i]!),
            nested[i]!,
          ]);
        }
      },
    );
  }
  const steps = a.steps;
  if (steps) {
    insertAll(db, 'step', ['step', 'device', ...STEP_US_COLUMNS], (put) => {
      for (const r of steps) {
        put([
          r.step,
          r.deviceId,
          r.computing,
          r.communicationNotOverlapped,
          r.overlapped,
          r.communication,
          r.free,
          r.stage,
          r.bubble,
          r.communicationNotOverlappedExcludeReceive,
          r.preparing,
        ]);
      }
    });
  }
}
