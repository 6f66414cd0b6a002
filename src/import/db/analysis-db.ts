/**
 * torch_npu's `analysis.db` (also found renamed, e.g. `analysis.dat`) and msprof-analyze's
 * `cluster_analysis.db`:
 * - StepTraceTime → StepRow[] (µs; the newer leading `deviceId` column is optional).
 * - CommAnalyzerTime + CommAnalyzerBandwidth → CommOpRow[] (ms, MB, GB/s; start µs).
 * - CommAnalyzerMatrix → CommMatrixRow[].
 * - cluster_analysis.db: every table kept as text (`cluster_analysis.db:<table>`); both the
 *   2024-03 schema (ClusterCommAnalyzer*, CommunicationGroup) and the current one are listed.
 * Columns are matched by name; unknown tables and columns are ignored.
 */
import type { CommMatrixRow, CommOpRow, StepRow } from '../../model/ascend-data';
import type { TextTable } from '../../model/profile';
import { num } from './db-context';
import { ident, type DbFile, type TableInfo } from './db-file';
import type { SqlValue } from './sql-loader';

type Row = Record<string, SqlValue>;

/** Every row of a table, each value CAST AS TEXT (NULL stays null). */
function textRows(db: DbFile, info: TableInfo): SqlValue[][] {
  const list = info.columns.map((c) => `CAST(${ident(c)} AS TEXT)`).join(', ') || 'NULL';
  return db.rows(`SELECT ${list} FROM ${ident(info.name)}`);
}

/** All rows of a table as lower-cased column name → value (analysis tables are small). */
function readTable(db: DbFile, table: string): Row[] | null {
  const info = db.table(table);
  if (!info) return null;
  const cols = info.columns;
  return textRows(db, info).map((r) =>
    Object.fromEntries(cols.map((c, i) => [c.toLowerCase(), r[i] ?? null])),
  );
}

const str = (v: SqlValue | undefined): string => (v === null || v === undefined ? '' : String(v));
const numOrNull = (v: SqlValue | undefined): number | null => (v === undefined ? null : num(v));

export function readStepTraceTime(db: DbFile): StepRow[] | null {
  const rows = readTable(db, 'StepTraceTime');
  if (!rows) return null;
  return rows.map((r) => ({
    step: str(r['step']),
    deviceId: r['deviceid'] === undefined || r['deviceid'] === null ? null : str(r['deviceid']),
    computing: numOrNull(r['computing']),
    communicationNotOverlapped: numOrNull(r['communication_not_overlapped']),
    overlapped: numOrNull(r['overlapped']),
    communication: numOrNull(r['communication']),
    free: numOrNull(r['free']),
    stage: numOrNull(r['stage']),
    bubble: numOrNull(r['bubble']),
    communicationNotOverlappedExcludeReceive: numOrNull(
      r['communication_not_overlapped_and_exclude_receive'],
    ),
    preparing: numOrNull(r['preparing']),
  }));
}

const kindOf = (v: SqlValue | undefined): 'collective' | 'p2p' =>
  str(v).toLowerCase() === 'p2p' ? 'p2p' : 'collective';

const ratio = (part: number | null, transit: number | null): number | null => {
  if (part === null || transit === null || part + transit === 0) return part === null ? null : 0;
  return Math.round((part / (part + transit)) * 1e4) / 1e4;
};

export function readCommAnalyzer(db: DbFile): CommOpRow[] | null {
  const time = readTable(db, 'CommAnalyzerTime');
  if (!time) return null;
  const bw = readTable(db, 'CommAnalyzerBandwidth') ?? [];
  const key = (r: Row) =>
    `${str(r['step'])}\u0001${str(r['hccl_op_name'])}\u0001${str(r['group_name'])}`;
  const bandwidth = new Map<string, CommOpRow['bandwidth']>();
  for (const r of bw) {
    const k = key(r);
    let b = bandwidth.get(k);
    if (!b) bandwidth.set(k, (b = {}));
    const transport = str(r['transport_type']);
    // One row per packet-size bucket; the per-transport totals repeat on each.
    b[transport] ??= {
      sizeMB: numOrNull(r['transit_size']),
      timeMs: numOrNull(r['transit_time']),
      bandwidthGBs: numOrNull(r['bandwidth']),
      largePacketRatio: numOrNull(r['large_packet_ratio']),
    };
  }
  return time.map((r) => {
    const transit = numOrNull(r['transit_time']);
    const wait = numOrNull(r['wait_time']);
    const sync = numOrNull(r['synchronization_time']);
    return {
      step: str(r['step']),
      kind: kindOf(r['type']),
      op: str(r['hccl_op_name']),
      group: str(r['group_name']),
      startUs: numOrNull(r['start_timestamp']),
      elapseMs: numOrNull(r['elapse_time'] ?? r['elapsed_time']),
      transitMs: transit,
      waitMs: wait,
      syncMs: sync,
      idleMs: numOrNull(r['idle_time']),
      waitRatio: ratio(wait, transit),
      syncRatio: ratio(sync, transit),
      bandwidth: bandwidth.get(key(r)) ?? {},
    };
  });
}

export function readCommMatrix(db: DbFile): CommMatrixRow[] | null {
  const rows = readTable(db, 'CommAnalyzerMatrix');
  if (!rows) return null;
  return rows.map((r) => ({
    step: str(r['step']),
    kind: kindOf(r['type']),
    group: str(r['hccl_op_name']),
    groupHash: str(r['group_name']),
    src: num(r['src_rank'] ?? null) ?? -1,
    dst: num(r['dst_rank'] ?? null) ?? -1,
    transport: str(r['transport_type']),
    sizeMB: numOrNull(r['transit_size']),
    timeMs: numOrNull(r['transit_time']),
    bandwidthGBs: numOrNull(r['bandwidth']),
    op: str(r['op_name']),
  }));
}

/** Every user table of a db as text (cluster_analysis.db). */
export function readAllTables(db: DbFile, prefix: string): Record<string, TextTable> {
  const out: Record<string, TextTable> = {};
  for (const info of db.tables.values()) {
    if (info.name.startsWith('sqlite_')) continue;
    const rows = textRows(db, info).map((r) => r.map((v) => (v === null ? '' : String(v))));
    out[`${prefix}:${info.name}`] = { path: `${db.path}:${info.name}`, header: info.columns, rows };
  }
  return out;
}
