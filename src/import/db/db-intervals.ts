/**
 * Device busy intervals straight from SQL, for Overlap Analysis and step rows: compute kernels
 * (TASK ⨝ COMPUTE_TASK_INFO), communication ops (COMMUNICATION_OP; receive ops apart for the
 * Bubble column) and, when a db has no ops, communication tasks. Also the steps of STEP_TIME
 * with each step's device window (the tasks launched by CANN APIs that ran inside the step).
 * All times are exact ns relative to `base`.
 */
import type { ExactTime } from '../../lib/exact-time';
import { TIME_COLUMNS, type DbFile } from './db-file';
import { ident } from './db-file';
import {
  commOpSchema,
  commTaskSchema,
  computeSchema,
  cannApiSchema,
  qc,
  taskSchema,
} from './db-schema';
import { durNs, exactNsText, relNs } from './db-time';
import { computeOverlap, OVERLAP_THREADS, union, type OverlapLanes } from './overlap';
import type { SqlValue } from './sql-loader';

interface Raw {
  compute: number[];
  commOps: number[];
  commTasks: number[];
  receive: number[];
}

export interface StepWindow {
  id: string;
  /** Host step (STEP_TIME), ns relative to base. */
  start: number;
  end: number;
  startAbs: ExactTime;
  endAbs: ExactTime;
  /** Device window: first start / last end of the step's tasks (null when none). */
  deviceStart: number | null;
  deviceEnd: number | null;
}

/** The first TASK start (or session start), as the base for interval maths. */
export function intervalBase(db: DbFile): ExactTime {
  const out: ExactTime = { us: 0, fracNs: 0 };
  const t = taskSchema(db);
  if (t) {
    const min = `MIN(${db.intExpr(qc('t', t.c.start))})`;
    const r = db.rows(`SELECT ${db.time(min)} FROM ${ident(t.table)} t`)[0];
    if (r && db.readTime(out, r, 0)) return out;
  }
  return out;
}

/** `device, start, end` select list; extra columns follow at index EXTRA. */
function spanCols(
  db: DbFile,
  alias: string,
  device: string | null,
  start: string | null,
  end: string | null,
): string {
  const e = end ? db.time(qc(alias, end)) : 'NULL, NULL, NULL';
  return `${qc(alias, device)}, ${db.time(qc(alias, start))}, ${e}`;
}

const EXTRA = 1 + 2 * TIME_COLUMNS;

/** Runs a query whose rows start with `spanCols` and reports each interval. */
function collect(
  db: DbFile,
  sql: string,
  base: ExactTime,
  fallbackDevice: number,
  onRow: (device: number, s: number, e: number, row: SqlValue[]) => void,
): void {
  const t: ExactTime = { us: 0, fracNs: 0 };
  const end: ExactTime = { us: 0, fracNs: 0 };
  db.each(sql, (r) => {
    if (!db.readTime(t, r, 1) || !db.readTime(end, r, 1 + TIME_COLUMNS)) return;
    const s = relNs(t, base);
    onRow(typeof r[0] === 'number' ? r[0] : fallbackDevice, s, s + durNs(t, end), r);
  });
}

/** Overlap lanes per device, recomputed from the tasks (or read from msprof's own table). */
export function deviceOverlap(
  db: DbFile,
  base: ExactTime,
  device: number,
): Map<number, OverlapLanes> {
  const stored = storedOverlap(db, base, device);
  if (stored) return stored;
  const raw = new Map<number, Raw>();
  const get = (d: number) => {
    let r = raw.get(d);
    if (!r) raw.set(d, (r = { compute: [], commOps: [], commTasks: [], receive: [] }));
    return r;
  };
  const t = taskSchema(db);
  const cs = computeSchema(db);
  const ct = commTaskSchema(db);
  const op = commOpSchema(db);
  if (t && t.c.key && cs) {
    collect(
      db,
      `SELECT ${spanCols(db, 't', t.c.device, t.c.start, t.c.end)} FROM ${ident(t.table)} t ` +
        `WHERE t.${ident(t.c.key)} IN (SELECT ${ident(cs.c.key!)} FROM ${ident(cs.table)})`,
      base,
      device,
      (d, s, e) => get(d).compute.push(s, e),
    );
  }
  if (op) {
    collect(
      db,
      `SELECT ${spanCols(db, 'o', op.c.device, op.c.start, op.c.end)}, ${qc('o', op.c.name)} ` +
        `FROM ${ident(op.table)} o`,
      base,
      device,
      (d, s, e, r) => {
        get(d).commOps.push(s, e);
        if (/receive/i.test(db.str(r[EXTRA] ?? null) ?? '')) get(d).receive.push(s, e);
      },
    );
  }
  if (t && t.c.key && ct) {
    collect(
      db,
      `SELECT ${spanCols(db, 't', t.c.device, t.c.start, t.c.end)} FROM ${ident(t.table)} t ` +
        `WHERE t.${ident(t.c.key)} IN (SELECT ${ident(ct.c.key!)} FROM ${ident(ct.table)})`,
      base,
      device,
      (d, s, e) => get(d).commTasks.push(s, e),
    );
  }
  const out = new Map<number, OverlapLanes>();
  for (const [d, r] of [...raw].sort((a, b) => a[0] - b[0])) {
    const comm = r.commOps.length > 0 ? r.commOps : r.commTasks;
    if (r.compute.length === 0 && comm.length === 0) continue;
    out.set(d, computeOverlap(r.compute, comm, r.receive));
  }
  return out;
}

/** msprof ≥ 1.2 writes OVERLAP_ANALYSIS with its enum; MindStudio Insight's own copy is ignored. */
function storedOverlap(
  db: DbFile,
  base: ExactTime,
  device: number,
): Map<number, OverlapLanes> | null {
  const table = db.firstTable('OVERLAP_ANALYSIS');
  if (!table || !db.has('ENUM_OVERLAP_ANALYSIS_TYPE')) return null;
  const start = db.col(table, 'startNs');
  const type = db.col(table, 'type');
  if (!start || !type) return null;
  const names = db.enumMap('ENUM_OVERLAP_ANALYSIS_TYPE');
  const lanes = new Map<number, number[][]>();
  collect(
    db,
    `SELECT ${spanCols(db, 'o', db.col(table, 'deviceId'), start, db.col(table, 'endNs'))}, ` +
      `o.${ident(type)} FROM ${ident(table)} o`,
    base,
    device,
    (d, s, e, r) => {
      const v = r[EXTRA];
      const name = names.get(typeof v === 'number' ? v : -1);
      const i = ['COMPUTE', 'COMMUNICATION', 'COMM_NOT_OVERLAP_COMP', 'FREE'].indexOf(name ?? '');
      if (i < 0) return;
      let l = lanes.get(d);
      if (!l) lanes.set(d, (l = OVERLAP_THREADS.map(() => [])));
      l[i]!.push(s, e);
    },
  );
  const out = new Map<number, OverlapLanes>();
  for (const [d, l] of lanes) {
    out.set(d, {
      computing: union(l[0]!),
      communication: union(l[1]!),
      communicationNotOverlapped: union(l[2]!),
      free: union(l[3]!),
      receive: [],
    });
  }
  return out;
}

/** STEP_TIME rows with device windows. */
export function stepWindows(db: DbFile, base: ExactTime): StepWindow[] {
  const table = db.firstTable('STEP_TIME');
  const id = table && db.col(table, 'id');
  const start = table && db.col(table, 'startNs');
  const end = table && db.col(table, 'endNs');
  if (!table || !id || !start || !end) return [];
  const out: StepWindow[] = [];
  const rows = db.rows(
    `SELECT s.${ident(id)}, ${db.time(qc('s', start))}, ${db.time(qc('s', end))} FROM ${ident(table)} s ORDER BY ${db.nsExpr(qc('s', start))}`,
  );
  for (const r of rows) {
    const startAbs: ExactTime = { us: 0, fracNs: 0 };
    const endAbs: ExactTime = { us: 0, fracNs: 0 };
    if (!db.readTime(startAbs, r, 1) || !db.readTime(endAbs, r, 1 + TIME_COLUMNS)) continue;
    const w: StepWindow = {
      id: String(r[0]),
      start: relNs(startAbs, base),
      end: relNs(endAbs, base),
      startAbs,
      endAbs,
      deviceStart: null,
      deviceEnd: null,
    };
    deviceWindow(db, base, w);
    out.push(w);
  }
  return out;
}

function deviceWindow(db: DbFile, base: ExactTime, w: StepWindow): void {
  const t = taskSchema(db);
  const a = cannApiSchema(db);
  if (!t?.c.connection || !t.c.end || !a?.c.connection) return;
  const lo = exactNsText(w.startAbs);
  const hi = exactNsText(w.endAbs);
  const r = db.rows(
    `SELECT ${db.time(`MIN(${db.intExpr(qc('t', t.c.start))})`)}, ` +
      `${db.time(`MAX(${db.intExpr(qc('t', t.c.end))})`)} ` +
      `FROM ${ident(t.table)} t JOIN ${ident(a.table)} a ON a.${ident(a.c.connection)} = t.${ident(t.c.connection)} ` +
      `WHERE ${db.nsExpr(qc('a', a.c.start))} BETWEEN ${lo} AND ${hi}`,
  )[0];
  const s: ExactTime = { us: 0, fracNs: 0 };
  const e: ExactTime = { us: 0, fracNs: 0 };
  if (r && db.readTime(s, r, 0) && db.readTime(e, r, TIME_COLUMNS)) {
    w.deviceStart = relNs(s, base);
    w.deviceEnd = relNs(e, base);
  }
}
