/**
 * Fills the SQL console's tables (console-schema.ts) from the loaded trace and Ascend views: the
 * trace's processes, threads, tracks, slices, flows, counters and instants; the analysis layer's
 * kernels, operators and steps when the profile has no side file for them.
 */
import { analyzeTrace } from '../../model/analysis/analyze';
import { operatorNestingCached } from '../../model/analysis/operator-nesting';
import { traceStepRow } from '../../model/analysis/step-rows';
import type { AscendData } from '../../model/ascend-data';
import { CONSOLE_SCHEMA, STEP_US_COLUMNS } from './console-schema';
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
