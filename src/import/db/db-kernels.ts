/**
 * The Kernels view's table from a db: one row per compute task (TASK ⨝ COMPUTE_TASK_INFO) plus
 * one per communication op (COMMUNICATION_OP, core "HCCL"), sorted by start, like
 * kernel_details.csv. Per-kernel PMU metrics (TASK_PMU_INFO, aic_metrics) become extra text
 * columns named as in the db. Wait Time is the gap to the previous row on the same stream; Step
 * Id the STEP_TIME window holding the launching CANN API (else the kernel start).
 */
import type { ExactTime } from '../../lib/exact-time';
import type { KernelTable } from '../../model/ascend-data';
import { newKernelTable } from '../../model/ascend/kernel-table';
import { at, durAt, num, SelectList } from './db-context';
import { ident, TIME_COLUMNS, type DbFile } from './db-file';
import {
  cannApiSchema,
  commOpSchema,
  commTaskSchema,
  type ComputeField,
  computeSchema,
  computeTensorFields,
  qc,
  qo,
  taskSchema,
} from './db-schema';
import { exactUsText, nsToUsText, relNs } from './db-time';
import type { StepWindow } from './db-intervals';
import { detectDevice } from './db-identity';
import type { SqlValue } from './sql-loader';

interface KernelRow {
  start: ExactTime;
  /** Host launch time, when known (for the step). */
  launch: ExactTime | null;
  dur: number;
  device: number | null;
  stream: number | null;
  key: SqlValue;
  hccl: boolean;
  cells: Record<string, string>;
}

const NA = 'N/A';
const SHAPE_COLUMNS = new Set(['Input Shapes', 'Output Shapes']);

function text(v: SqlValue): string {
  return v === null ? '' : typeof v === 'number' ? String(v) : String(v);
}

/** Host launch time of each connection id (earliest CANN API with it). */
function launchJoin(
  db: DbFile,
  alias: string,
  connCol: string | null,
): { join: string; col: string | null } {
  const a = cannApiSchema(db);
  if (!a?.c.connection || !connCol) return { join: '', col: null };
  return {
    join:
      `LEFT JOIN (SELECT ${ident(a.c.connection)} AS conn, MIN(${db.intExpr(ident(a.c.start!))}) AS ns ` +
      `FROM ${ident(a.table)} GROUP BY ${ident(a.c.connection)}) h ON h.conn = ${alias}.${ident(connCol)}`,
    col: db.time('h.ns'),
  };
}

function computeRows(db: DbFile, header: string[], out: KernelRow[]): void {
  const t = taskSchema(db);
  const cs = computeSchema(db);
  if (!t || !cs || !t.c.key) return;
  const c = cs.c;
  const h = launchJoin(db, 't', t.c.connection);
  const sel = new SelectList();
  const iStart = sel.add(db.time(qc('t', t.c.start)), TIME_COLUMNS);
  const iEnd = sel.add(t.c.end ? db.time(qc('t', t.c.end)) : null, TIME_COLUMNS);
  const iLaunch = sel.add(h.col, TIME_COLUMNS);
  const iKey = sel.add(qo('t', t.c.key));
  const fields: ComputeField[] = [
    ['Device_id', sel.add(qo('t', t.c.device)), false],
    ['Model ID', sel.add(qo('t', t.c.model)), false],
    ['Task ID', sel.add(qo('t', t.c.taskId)), false],
    ['Stream ID', sel.add(qo('t', t.c.stream)), false],
    ['Name', sel.add(qo('c', c.name)), true],
    ['Type', sel.add(qo('c', c.opType)), true],
    ['OP State', sel.add(qo('c', c.opState)), true],
    ['Accelerator Core', sel.add(qo('c', c.core)), true],
    [cs.blockLabel, sel.add(qo('c', c.block)), false],
    [cs.mixBlockLabel, sel.add(qo('c', c.mixBlock)), false],
    ['HF32 Eligible', sel.add(qo('c', c.hf32)), true],
    ...computeTensorFields(cs, sel),
    ['Context ID', sel.add(qo('t', t.c.context)), false],
  ];
  for (const [label, i] of fields) if (i >= 0 && !header.includes(label)) header.push(label);
  const sql = `SELECT ${sel.sql()} FROM ${ident(t.table)} t JOIN ${ident(cs.table)} c ON c.${ident(c.key!)} = t.${ident(t.c.key)} ${h.join}`;
  db.each(sql, (r) => {
    const start: ExactTime = { us: 0, fracNs: 0 };
    if (!db.readTime(start, r, iStart)) return;
    const launch: ExactTime = { us: 0, fracNs: 0 };
    const cells: Record<string, string> = {};
    for (const [label, i, isString] of fields) {
      if (i < 0) continue;
      const v = at(r, i);
      cells[label] = isString ? (db.str(v) ?? '') : text(v);
      // Shapes carry literal quote characters in the db, as in the CSV; shown without them.
      if (SHAPE_COLUMNS.has(label)) cells[label] = cells[label].replace(/"/g, '');
      // Like kernel_details.csv: an invalid context id (4294967295) reads N/A.
      if (label === 'Context ID' && (v === 4294967295 || v === null)) cells[label] = NA;
    }
    out.push({
      start,
      launch: iLaunch >= 0 && db.readTime(launch, r, iLaunch) ? launch : null,
      dur: durAt(db, start, r, iEnd),
      device: num(at(r, fields[0]![1])),
      stream: num(at(r, fields[3]![1])),
      key: at(r, iKey),
      hccl: false,
      cells,
    });
  });
}

function hcclRows(db: DbFile, out: KernelRow[], fallbackDevice: number): void {
  const o = commOpSchema(db);
  if (!o) return;
  const t = taskSchema(db);
  const ct = commTaskSchema(db);
  const h = launchJoin(db, 'o', o.c.connection);
  const sel = new SelectList();
  const iStart = sel.add(db.time(qc('o', o.c.start)), TIME_COLUMNS);
  const iEnd = sel.add(o.c.end ? db.time(qc('o', o.c.end)) : null, TIME_COLUMNS);
  const iLaunch = sel.add(h.col, TIME_COLUMNS);
  const iName = sel.add(qo('o', o.c.name));
  const iType = sel.add(qo('o', o.c.opType));
  const iDev = sel.add(qo('o', o.c.device));
  // The stream of the op's first task.
  const iStream =
    t && ct && t.c.key && t.c.stream && ct.c.opId && o.c.opId
      ? sel.add(
          `(SELECT t.${ident(t.c.stream)} FROM ${ident(ct.table)} ct JOIN ${ident(t.table)} t ON t.${ident(t.c.key)} = ct.${ident(ct.c.key!)} ` +
            `WHERE ct.${ident(ct.c.opId)} = o.${ident(o.c.opId)} ORDER BY ${db.nsExpr(qc('t', t.c.start))} LIMIT 1)`,
        )
      : -1;
  db.each(`SELECT ${sel.sql()} FROM ${ident(o.table)} o ${h.join}`, (r) => {
    const start: ExactTime = { us: 0, fracNs: 0 };
    if (!db.readTime(start, r, iStart)) return;
    const launch: ExactTime = { us: 0, fracNs: 0 };
    const stream = num(at(r, iStream));
    out.push({
      start,
      launch: iLaunch >= 0 && db.readTime(launch, r, iLaunch) ? launch : null,
      dur: durAt(db, start, r, iEnd),
      device: num(at(r, iDev)) ?? fallbackDevice,
      stream,
      key: null,
      hccl: true,
      cells: {
        'Model ID': '4294967295',
        'Task ID': NA,
        'Stream ID': stream === null ? NA : String(stream),
        Name: db.str(at(r, iName)) ?? '',
        Type: db.str(at(r, iType)) ?? '',
        'Accelerator Core': 'HCCL',
      },
    });
  });
}

/** TASK_PMU_INFO: task key → metric → value, and the metric names in first-seen order. */
function pmuMetrics(db: DbFile): { names: string[]; byKey: Map<SqlValue, Map<string, SqlValue>> } {
  const names: string[] = [];
  const byKey = new Map<SqlValue, Map<string, SqlValue>>();
  const t = db.firstTable('TASK_PMU_INFO');
  const key = t && db.col(t, 'globalTaskId', 'correlationId');
  const name = t && db.col(t, 'name');
  const value = t && db.col(t, 'value');
  if (!t || !key || !name || !value) return { names, byKey };
  const seen = new Set<string>();
  db.each(`SELECT ${ident(key)}, ${ident(name)}, ${ident(value)} FROM ${ident(t)}`, (r) => {
    const metric = db.str(r[1] ?? null) ?? String(r[1]);
    if (!seen.has(metric)) {
      seen.add(metric);
      names.push(metric);
    }
    let m = byKey.get(r[0] ?? null);
    if (!m) byKey.set(r[0] ?? null, (m = new Map<string, SqlValue>()));
    m.set(metric, r[2] ?? null);
  });
  return { names, byKey };
}

function stepOf(row: KernelRow, steps: StepWindow[], base: ExactTime): number {
  const t = relNs(row.launch ?? row.start, base);
  for (const s of steps) if (t >= s.start && t <= s.end) return Number(s.id);
  return -1;
}

/** The KernelTable of a db, or null when it has no compute tasks or communication ops. */
export function readDbKernels(
  db: DbFile,
  steps: StepWindow[],
  base: ExactTime,
): KernelTable | null {
  const rows: KernelRow[] = [];
  const header: string[] = [];
  computeRows(db, header, rows);
  hcclRows(db, rows, detectDevice(db));
  if (rows.length === 0) return null;
  for (const fixed of ['Model ID', 'Task ID', 'Stream ID', 'Name', 'Type', 'Accelerator Core']) {
    if (!header.includes(fixed)) header.push(fixed);
  }
  rows.sort((a, b) => a.start.us - b.start.us || a.start.fracNs - b.start.fracNs);
  const pmu = pmuMetrics(db);
  const strings: string[] = [];
  const index = new Map<string, number>();
  const intern = (s: string) => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  const n = rows.length;
  const table = newKernelTable('db', { path: db.path, header: [], rows: [] }, n, strings);
  const withSteps = steps.length > 0;
  const coreCols = header.filter((h) => h !== 'Device_id' || rows.some((r) => r.device !== null));
  const pos = coreCols.indexOf('Accelerator Core');
  const cols = [
    ...(withSteps ? ['Step Id'] : []),
    ...coreCols.slice(0, pos + 1),
    'Start Time(us)',
    'Duration(us)',
    'Wait Time(us)',
    ...coreCols.slice(pos + 1),
    ...pmu.names,
  ];
  table.text.header = cols;
  const lastEnd = new Map<string, number>();
  rows.forEach((r, i) => {
    const streamKey = `${r.device ?? ''}|${r.stream ?? ''}`;
    const startRel = relNs(r.start, base);
    const prev = lastEnd.get(streamKey);
    const wait = prev === undefined ? 0 : Math.max(0, startRel - prev);
    if (Number.isFinite(r.dur))
      lastEnd.set(streamKey, Math.max(prev ?? -Infinity, startRel + r.dur));
    const step = withSteps ? stepOf(r, steps, base) : -1;
    table.startUs[i] = r.start.us;
    table.startFrac[i] = r.start.fracNs;
    table.durNs[i] = r.dur;
    table.waitNs[i] = wait;
    table.name[i] = intern(r.cells['Name'] ?? '');
    table.type[i] = intern(r.cells['Type'] ?? '');
    table.core[i] = intern(r.cells['Accelerator Core'] ?? '');
    table.inputShapes[i] = intern(r.cells['Input Shapes'] ?? (r.hccl ? NA : ''));
    table.step[i] = step;
    table.stream[i] = r.stream ?? -1;
    const metrics = r.key === null ? undefined : pmu.byKey.get(r.key);
    table.text.rows.push(
      cols.map((col) => {
        switch (col) {
          case 'Step Id':
            return step < 0 ? '' : String(step);
          case 'Start Time(us)':
            return exactUsText(r.start);
          case 'Duration(us)':
            return nsToUsText(r.dur);
          case 'Wait Time(us)':
            return nsToUsText(wait);
          case 'Device_id':
            return r.device === null ? '' : String(r.device);
          default:
            if (r.cells[col] !== undefined) return r.cells[col];
            if (metrics?.has(col)) return text(metrics.get(col) ?? null);
            return r.hccl ? NA : '';
        }
      }),
    );
  });
  return table;
}
