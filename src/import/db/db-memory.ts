/**
 * Memory views from a db (bytes → MB = 2^20 bytes, KB = 2^10, as torch_npu writes the CSVs):
 * - MEMORY_RECORD (GE / PTA / PTA+GE…) plus NPU_MEM "app" rows as component APP (reserved =
 *   hbm) → `memory`, one series per (component, device), like memory_record.csv. A db without
 *   MEMORY_RECORD (plain msprof) uses NPU_OP_MEM's running totals per component instead.
 * - NPU_MODULE_MEM → `moduleMemory` (component = ENUM_MODULE name, reserved only).
 * - OP_MEMORY → `operatorMemory` with operator_memory.csv's columns (times as exact µs text).
 */
import type { ExactTime } from '../../lib/exact-time';
import type { MemorySeries } from '../../model/ascend-data';
import type { TextTable } from '../../model/profile';
import { at, num, SelectList } from './db-context';
import { ident, TIME_COLUMNS, type DbFile } from './db-file';
import { qc, qo } from './db-schema';
import { exactUsText, nsToUsText } from './db-time';

const MB = 1024 * 1024;

interface SeriesBuilder {
  component: string;
  device: string;
  ts: ExactTime[];
  allocated: number[];
  reserved: number[];
  active: number[];
}

class SeriesSet {
  private readonly map = new Map<string, SeriesBuilder>();
  add(
    component: string,
    device: string,
    t: ExactTime,
    alloc: number,
    reserved: number,
    active: number,
  ): void {
    const key = `${component}\u0001${device}`;
    let s = this.map.get(key);
    if (!s)
      this.map.set(
        key,
        (s = { component, device, ts: [], allocated: [], reserved: [], active: [] }),
      );
    s.ts.push({ us: t.us, fracNs: t.fracNs });
    s.allocated.push(alloc);
    s.reserved.push(reserved);
    s.active.push(active);
  }
  finish(): MemorySeries[] {
    return [...this.map.values()].map((s) => {
      const order = s.ts
        .map((_, i) => i)
        .sort((a, b) => s.ts[a]!.us - s.ts[b]!.us || s.ts[a]!.fracNs - s.ts[b]!.fracNs);
      return {
        component: s.component,
        device: s.device,
        tsUs: Float64Array.from(order, (i) => s.ts[i]!.us),
        tsFrac: Uint16Array.from(order, (i) => s.ts[i]!.fracNs),
        allocatedMB: Float64Array.from(order, (i) => s.allocated[i]!),
        reservedMB: Float64Array.from(order, (i) => s.reserved[i]!),
        activeMB: Float64Array.from(order, (i) => s.active[i]!),
      };
    });
  }
  get size(): number {
    return this.map.size;
  }
}

const mb = (v: unknown) => (typeof v === 'number' ? v / MB : NaN);
const device = (v: unknown) => (typeof v === 'number' ? `NPU:${v}` : 'NPU');

/** memory_record-like series; null when the db has no memory tables. */
export function readDbMemory(db: DbFile): MemorySeries[] | null {
  const set = new SeriesSet();
  const t: ExactTime = { us: 0, fracNs: 0 };
  const npuMem = db.firstTable('NPU_MEM');
  if (npuMem) {
    const type = db.col(npuMem, 'type');
    const ts = db.col(npuMem, 'timestampNs');
    if (type && ts) {
      db.each(
        `SELECT ${db.time(qc('m', ts))}, ${qc('m', type)}, ${qc('m', db.col(npuMem, 'hbm'))}, ${qc('m', db.col(npuMem, 'deviceId'))} FROM ${ident(npuMem)} m`,
        (r) => {
          if (db.str(r[3] ?? null) !== 'app' || !db.readTime(t, r, 0)) return;
          set.add('APP', device(r[5]), t, NaN, mb(r[4]), NaN);
        },
      );
    }
  }
  const rec = db.firstTable('MEMORY_RECORD');
  const recTs = rec && db.col(rec, 'timestamp', 'timestampNs');
  if (rec && recTs) {
    const sel = new SelectList();
    const iTs = sel.add(db.time(qc('m', recTs)), TIME_COLUMNS);
    const iComp = sel.add(qo('m', db.col(rec, 'component')));
    const iAlloc = sel.add(qo('m', db.col(rec, 'totalAllocated')));
    const iRes = sel.add(qo('m', db.col(rec, 'totalReserved')));
    const iAct = sel.add(qo('m', db.col(rec, 'totalActive')));
    const iDev = sel.add(qo('m', db.col(rec, 'deviceId')));
    db.each(`SELECT ${sel.sql()} FROM ${ident(rec)} m`, (r) => {
      if (!db.readTime(t, r, iTs)) return;
      const comp = db.str(at(r, iComp)) ?? '';
      set.add(comp, device(at(r, iDev)), t, mb(at(r, iAlloc)), mb(at(r, iRes)), mb(at(r, iAct)));
    });
  } else {
    readOpMemTotals(db, set);
  }
  return set.size > 0 ? set.finish() : null;
}

/** Plain msprof dbs: NPU_OP_MEM carries running totals per component (GE…). */
function readOpMemTotals(db: DbFile, set: SeriesSet): void {
  const m = db.firstTable('NPU_OP_MEM');
  const ts = m && db.col(m, 'timestampNs');
  if (!m || !ts) return;
  const t: ExactTime = { us: 0, fracNs: 0 };
  db.each(
    `SELECT ${db.time(qc('m', ts))}, ${qc('m', db.col(m, 'component'))}, ${qc('m', db.col(m, 'totalAllocate'))}, ${qc('m', db.col(m, 'totalReserve'))}, ${qc('m', db.col(m, 'deviceId'))} FROM ${ident(m)} m`,
    (r) => {
      if (!db.readTime(t, r, 0)) return;
      set.add(db.str(r[3] ?? null) ?? 'GE', device(r[6]), t, mb(r[4]), mb(r[5]), NaN);
    },
  );
}

/** npu_module_mem-like series; null when absent. */
export function readDbModuleMemory(db: DbFile): MemorySeries[] | null {
  const m = db.firstTable('NPU_MODULE_MEM');
  const ts = m && db.col(m, 'timestampNs');
  if (!m || !ts) return null;
  const set = new SeriesSet();
  const t: ExactTime = { us: 0, fracNs: 0 };
  db.each(
    `SELECT ${db.time(qc('m', ts))}, ${qc('m', db.col(m, 'moduleId'))}, ${qc('m', db.col(m, 'totalReserved'))}, ${qc('m', db.col(m, 'deviceId'))} FROM ${ident(m)} m`,
    (r) => {
      if (!db.readTime(t, r, 0)) return;
      const comp = db.enumText('ENUM_MODULE', r[3] ?? null) ?? '';
      set.add(comp, device(r[5]), t, NaN, mb(r[4]), NaN);
    },
  );
  return set.size > 0 ? set.finish() : null;
}

/** operator_memory.csv's header (2025). */
const OP_MEMORY_COLUMNS: [
  string,
  string,
  'name' | 'kb' | 'time' | 'dur' | 'mb' | 'raw' | 'device',
][] = [
  ['Name', 'name', 'name'],
  ['Size(KB)', 'size', 'kb'],
  ['Allocation Time(us)', 'allocationTime', 'time'],
  ['Release Time(us)', 'releaseTime', 'time'],
  ['Active Release Time(us)', 'activeReleaseTime', 'time'],
  ['Duration(us)', 'duration', 'dur'],
  ['Active Duration(us)', 'activeDuration', 'dur'],
  ['Allocation Total Allocated(MB)', 'allocationTotalAllocated', 'mb'],
  ['Allocation Total Reserved(MB)', 'allocationTotalReserved', 'mb'],
  ['Allocation Total Active(MB)', 'allocationTotalActive', 'mb'],
  ['Release Total Allocated(MB)', 'releaseTotalAllocated', 'mb'],
  ['Release Total Reserved(MB)', 'releaseTotalReserved', 'mb'],
  ['Release Total Active(MB)', 'releaseTotalActive', 'mb'],
  ['Stream Ptr', 'streamPtr', 'raw'],
  ['Device Type', 'deviceId', 'device'],
];

/** OP_MEMORY as operator_memory.csv text; null when absent. */
export function readDbOperatorMemory(db: DbFile): TextTable | null {
  const table = db.firstTable('OP_MEMORY');
  if (!table) return null;
  const present = OP_MEMORY_COLUMNS.map(([label, col, kind]) => ({
    label,
    col: db.col(table, col),
    kind,
  })).filter((c) => c.col !== null);
  const sel = new SelectList();
  const idx = present.map((c) =>
    c.kind === 'time'
      ? sel.add(db.time(qc('o', c.col)), TIME_COLUMNS)
      : sel.add(c.kind === 'raw' ? `CAST(${qc('o', c.col)} AS TEXT)` : qc('o', c.col)),
  );
  const t: ExactTime = { us: 0, fracNs: 0 };
  const rows: string[][] = [];
  db.each(`SELECT ${sel.sql()} FROM ${ident(table)} o`, (r) => {
    rows.push(
      present.map((c, j) => {
        const i = idx[j]!;
        const v = at(r, i);
        switch (c.kind) {
          case 'name':
            return db.str(v) ?? '';
          case 'time':
            return db.readTime(t, r, i) ? exactUsText(t) : '';
          case 'dur':
            return v === null ? '' : nsToUsText(num(v) ?? NaN);
          case 'kb':
            return v === null ? '' : String((num(v) ?? NaN) / 1024);
          case 'mb':
            return v === null ? '' : String((num(v) ?? NaN) / MB);
          case 'device':
            return v === null ? '' : `NPU:${String(v)}`;
          default:
            return v === null ? '' : String(v);
        }
      }),
    );
  });
  return { path: `${db.path}:OP_MEMORY`, header: present.map((c) => c.label), rows };
}
