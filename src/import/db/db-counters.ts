/**
 * Counter tracks from the db's sampled tables, named as the text export names them:
 *   HBM → "HBM {id}/Read" {"Read(MB/s)"};  LLC → "LLC {id} Read/Hit Rate" {"Hit Rate(%)"} and
 *   ".../Throughput" {"Throughput(MB/s)"};  DDR → "DDR/Read" {"Read(MB/s)"};
 *   AICORE_FREQ → "AI Core Freq" {"MHz"};  NPU_MEM → "APP/DDR", "APP/HBM", "APP/Memory" {"KB"};
 *   ACC_PMU → "read_bandwidth", "write_band_width", "read_ost", "write_ost" {value, acc_id};
 *   SOC_BANDWIDTH_LEVEL → "Stars Soc Info": "L2 Buffer Bw Level", "Mata Bw Level";
 *   QOS → "QoS {event}" {value (MB/s)}.
 * The db stores bytes and bytes/s; MB = 2^20 bytes, KB = 2^10 bytes, as torch_npu converts.
 * Other sampled tables (HCCS, PCIE, NIC, ROCE, SIO, UB, NETDEV_STATS, SAMPLE_PMU_TIMELINE,
 * CPU_USAGE, HOST_*_USAGE) become one counter per key (ids, names) with a series per value
 * column, values as stored.
 */
import type { ExactTime } from '../../lib/exact-time';
import { at, num, SelectList, type DbBuildContext } from './db-context';
import { ident, TIME_COLUMNS } from './db-file';
import { qc, qo } from './db-schema';
import type { SqlValue } from './sql-loader';
import { detail, msg } from '../../lib/message';

const MB = 1024 * 1024;
const ts: ExactTime = { us: 0, fracNs: 0 };

type Emit = (name: string, values: Record<string, number>) => void;

interface CounterSpec {
  table: string;
  process: string;
  columns: string[];
  /** Turns one row (columns in `columns` order) into counter samples. */
  row(v: SqlValue[], emit: Emit, str: (v: SqlValue) => string | null): void;
}

const cap = (s: string | null, fallback: string) =>
  s ? s.charAt(0).toUpperCase() + s.slice(1) : fallback;

const n = (v: SqlValue | undefined): number => (typeof v === 'number' ? v : NaN);

const SPECS: CounterSpec[] = [
  {
    table: 'HBM',
    process: 'HBM',
    columns: ['bandwidth', 'hbmId', 'type'],
    row: ([bw, id, type], emit, str) => {
      const t = cap(str(type ?? null), 'Bandwidth');
      emit(`HBM ${String(id ?? 0)}/${t}`, { [`${t}(MB/s)`]: n(bw) / MB });
    },
  },
  {
    table: 'LLC',
    process: 'LLC',
    columns: ['llcId', 'hitRate', 'throughput', 'mode'],
    row: ([id, hit, thr, mode], emit, str) => {
      const lane = `LLC ${String(id ?? 0)} ${cap(str(mode ?? null), 'Read')}`;
      emit(`${lane}/Hit Rate`, { 'Hit Rate(%)': n(hit) });
      emit(`${lane}/Throughput`, { 'Throughput(MB/s)': n(thr) / MB });
    },
  },
  {
    table: 'DDR',
    process: 'DDR',
    columns: ['read', 'write'],
    row: ([r, w], emit) => {
      emit('DDR/Read', { 'Read(MB/s)': n(r) / MB });
      emit('DDR/Write', { 'Write(MB/s)': n(w) / MB });
    },
  },
  {
    table: 'AICORE_FREQ',
    process: 'AI Core Freq',
    columns: ['freq', 'dieId'],
    row: ([f, die], emit) => {
      const d = typeof die === 'number' && die >= 0 ? ` Die ${die}` : '';
      emit(`AI Core Freq${d}`, { MHz: n(f) });
    },
  },
  {
    table: 'NPU_MEM',
    process: 'NPU MEM',
    columns: ['type', 'ddr', 'hbm'],
    row: ([type, ddr, hbm], emit, str) => {
      const t = str(type ?? null);
      const p = t === 'app' ? 'APP' : t === 'device' ? 'Device' : cap(t, 'Memory');
      emit(`${p}/DDR`, { KB: n(ddr) / 1024 });
      emit(`${p}/HBM`, { KB: n(hbm) / 1024 });
      emit(`${p}/Memory`, { KB: (n(ddr) + n(hbm)) / 1024 });
    },
  },
  {
    table: 'ACC_PMU',
    process: 'Acc PMU',
    columns: ['accId', 'readBwLevel', 'writeBwLevel', 'readOstLevel', 'writeOstLevel'],
    row: ([acc, rb, wb, ro, wo], emit) => {
      const a = n(acc);
      emit('read_bandwidth', { value: n(rb), acc_id: a });
      emit('write_band_width', { value: n(wb), acc_id: a });
      emit('read_ost', { value: n(ro), acc_id: a });
      emit('write_ost', { value: n(wo), acc_id: a });
    },
  },
  {
    table: 'SOC_BANDWIDTH_LEVEL',
    process: 'Stars Soc Info',
    columns: ['l2BufferBwLevel', 'mataBwLevel'],
    row: ([l2, mata], emit) => {
      emit('L2 Buffer Bw Level', { 'L2 Buffer Bw Level': n(l2) });
      emit('Mata Bw Level', { 'Mata Bw Level': n(mata) });
    },
  },
  {
    table: 'QOS',
    process: 'QoS',
    columns: ['eventName', 'bandwidth'],
    row: ([ev, bw], emit, str) => {
      emit(`QoS ${str(ev ?? null) ?? ''}`.trim(), { value: n(bw) / MB });
    },
  },
];

/** Sampled tables mapped generically (process name per table). */
const GENERIC: Record<string, string> = {
  HCCS: 'HCCS',
  PCIE: 'PCIe',
  NIC: 'NIC',
  ROCE: 'RoCE',
  SIO: 'SIO',
  UB: 'UB',
  NETDEV_STATS: 'NetDev Stats',
  SAMPLE_PMU_TIMELINE: 'AI Core Utilization',
  CPU_USAGE: 'CPU Usage',
  HOST_MEM_USAGE: 'Memory Usage',
  HOST_DISK_USAGE: 'Disk Usage',
  HOST_NETWORK_USAGE: 'Network Usage',
};

/** Tables this module reads (for the "not mapped" report). */
export const COUNTER_TABLES = [...SPECS.map((s) => s.table), ...Object.keys(GENERIC)];

export function emitCounters(ctx: DbBuildContext): void {
  for (const spec of SPECS) emitSpec(ctx, spec);
  for (const [table, process] of Object.entries(GENERIC)) emitGeneric(ctx, table, process);
}

function timeColumn(ctx: DbBuildContext, table: string): string | null {
  return ctx.db.col(table, 'timestampNs', 'timestamp');
}

function emitSpec(ctx: DbBuildContext, spec: CounterSpec): void {
  const { db, b, lanes } = ctx;
  const table = db.firstTable(spec.table);
  if (!table) return;
  const tcol = timeColumn(ctx, table);
  if (!tcol) {
    ctx.warn(
      'db_table_not_mapped',
      detail(`${table}: no timestampNs column`, msg('reader:db_no_timestamp_column', { table })),
    );
    return;
  }
  const sel = new SelectList();
  const iTs = sel.add(db.time(qc('x', tcol)), TIME_COLUMNS);
  const iDev = sel.add(qo('x', db.col(table, 'deviceId')));
  const iVals = sel.add(
    spec.columns.map((c) => qc('x', db.col(table, c))).join(', '),
    spec.columns.length,
  );
  const str = db.str.bind(db);
  let rows = 0;
  db.each(`SELECT ${sel.sql()} FROM ${ident(table)} x`, (r) => {
    ctx.tick();
    if (!db.readTime(ts, r, iTs)) return;
    const device = num(at(r, iDev)) ?? lanes.device;
    const pid = lanes.process(spec.process, device);
    spec.row(
      r.slice(iVals, iVals + spec.columns.length),
      (name, values) => b.counter(pid, name, ts, values),
      str,
    );
    rows++;
  });
  ctx.rows[table] = rows;
}

const LABEL_COLUMNS = new Set(['name', 'eventname', 'coretype', 'type', 'mode', 'metric']);

function emitGeneric(ctx: DbBuildContext, wanted: string, process: string): void {
  const { db, b, lanes } = ctx;
  const info = db.table(wanted);
  if (!info) return;
  const tcol = timeColumn(ctx, info.name);
  if (!tcol) {
    ctx.warn(
      'db_table_not_mapped',
      detail(
        `${info.name}: no timestampNs column`,
        msg('reader:db_no_timestamp_column', { table: info.name }),
      ),
    );
    return;
  }
  const devCol = db.col(info.name, 'deviceId');
  const keys = info.columns.filter(
    (c) => c !== devCol && c !== tcol && (/Id$/.test(c) || LABEL_COLUMNS.has(c.toLowerCase())),
  );
  const values = info.columns.filter((c) => c !== devCol && c !== tcol && !keys.includes(c));
  if (values.length === 0) return;
  const sel = new SelectList();
  const iTs = sel.add(db.time(qc('x', tcol)), TIME_COLUMNS);
  const iDev = sel.add(qo('x', devCol));
  const iKeys = keys.map((k) => sel.add(qc('x', k)));
  const iVals = values.map((v) => sel.add(qc('x', v)));
  let rows = 0;
  db.each(`SELECT ${sel.sql()} FROM ${ident(info.name)} x`, (r) => {
    ctx.tick();
    if (!db.readTime(ts, r, iTs)) return;
    const device = num(at(r, iDev)) ?? -1;
    const pid = lanes.process(process, device < 0 ? lanes.device : device);
    const label = keys
      .map((k, j) => {
        const v = at(r, iKeys[j]!);
        const text = LABEL_COLUMNS.has(k.toLowerCase()) ? db.str(v) : v;
        return `${k.replace(/Id$/, '')} ${String(text)}`;
      })
      .join(' ');
    const sample: Record<string, number> = {};
    values.forEach((v, j) => (sample[v] = num(at(r, iVals[j]!)) ?? NaN));
    b.counter(pid, label ? `${process} ${label}` : process, ts, sample);
    rows++;
  });
  ctx.rows[info.name] = rows;
}
