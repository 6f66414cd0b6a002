/**
 * Flow arrows rebuilt from connection ids, with the text export's categories and names:
 * - HostToDevice: CANN_API.connectionId = TASK.connectionId (one start per API, one end per
 *   task); ids the connection id. A connection that belongs to a COMMUNICATION_OP ends on the op
 *   (the "Group … Communication" lane), not on each of its small tasks, as in the text export.
 * - async_npu / torch_to_npu: PYTORCH_API.connectionId → CONNECTION_IDS.id → connectionId =
 *   TASK.connectionId (or COMMUNICATION_OP.connectionId); id = the target's start ns, like text.
 * - async_task_queue / enqueue_to_dequeue and fwdbwd / fwdbwd: PYTORCH_API rows sharing one
 *   CONNECTION_IDS.connectionId that reaches no device task (Enqueue → Dequeue, else forward →
 *   backward in time order).
 * - MsTx: MSTX_EVENTS.connectionId = TASK.connectionId.
 */
import type { ExactTime } from '../../lib/exact-time';
import { at, num, SelectList, type DbBuildContext } from './db-context';
import { ident, TIME_COLUMNS } from './db-file';
import {
  cannApiSchema,
  commOpSchema,
  pytorchSchema,
  qc,
  qo,
  taskSchema,
  tidParts,
} from './db-schema';
import { exactNsText } from './db-time';
import type { SqlValue } from './sql-loader';

const from: ExactTime = { us: 0, fracNs: 0 };
const to: ExactTime = { us: 0, fracNs: 0 };

/** Flow endpoints emitted per category (starts, ends). */
export type FlowTally = Record<string, { starts: number; ends: number }>;

export function emitFlows(ctx: DbBuildContext): FlowTally {
  const tally: FlowTally = {};
  const ts = taskSchema(ctx.db);
  const target = ts?.c.connection ? targetSql(ctx) : null;
  if (target) {
    // The three joins share one indexed scratch copy of the targets (sql.js is ~4x slower than
    // native SQLite; rebuilding an automatic index per join is most of the flow time).
    ctx.db.execTemp(
      `DROP TABLE IF EXISTS temp.${TARGETS}; CREATE TEMP TABLE ${TARGETS} AS ${target.sql}; ` +
        `CREATE INDEX temp.${TARGETS}_conn ON ${TARGETS} (conn);`,
    );
    const indexed = { sql: `SELECT * FROM temp.${TARGETS}` };
    try {
      hostToDevice(ctx, indexed, tally);
      torchToNpu(ctx, indexed, tally);
      mstxToDevice(ctx, indexed, tally);
      pytorchPairs(ctx, tally, `SELECT conn FROM temp.${TARGETS}`);
    } finally {
      ctx.db.execTemp(`DROP TABLE IF EXISTS temp.${TARGETS}`);
    }
  } else pytorchPairs(ctx, tally, null);
  return tally;
}

const TARGETS = 'viewer_flow_targets';

interface TargetSql {
  /** `SELECT connection, <start ×3>, device, stream, isOp, group FROM (tasks ∪ ops)`. */
  sql: string;
}

/** One row per flow target: device tasks whose connection is no op's, plus the ops. */
function targetSql(ctx: DbBuildContext): TargetSql {
  const { db } = ctx;
  const t = taskSchema(db)!;
  const o = commOpSchema(db);
  const opConn = o?.c.connection;
  const tasks =
    `SELECT t.${ident(t.c.connection!)} AS conn, ${db.time(qc('t', t.c.start))}, ` +
    `${qc('t', t.c.device)} AS dev, ${qc('t', t.c.stream)} AS stream, 0 AS isOp, NULL AS grp ` +
    `FROM ${ident(t.table)} t WHERE t.${ident(t.c.connection!)} IS NOT NULL` +
    (o && opConn
      ? ` AND t.${ident(t.c.connection!)} NOT IN (SELECT ${ident(opConn)} FROM ${ident(o.table)} WHERE ${ident(opConn)} IS NOT NULL)`
      : '');
  if (!o || !opConn) return { sql: tasks };
  const ops =
    `SELECT o.${ident(opConn)}, ${db.time(qc('o', o.c.start))}, ${qc('o', o.c.device)}, NULL, 1, ` +
    `${qc('o', o.c.group)} FROM ${ident(o.table)} o WHERE o.${ident(opConn)} IS NOT NULL`;
  return { sql: `${tasks} UNION ALL ${ops}` };
}

/** Target lane of a target row (columns: conn, time ×3, dev, stream, isOp, group from `base`). */
function targetLane(
  ctx: DbBuildContext,
  r: SqlValue[],
  base: number,
): { pid: string; tid: string } {
  const device = num(at(r, base + 4)) ?? ctx.lanes.device;
  if (at(r, base + 6) === 1) {
    return ctx.lanes.commGroup(device, ctx.db.str(at(r, base + 7)) ?? '');
  }
  return ctx.lanes.stream(device, num(at(r, base + 5)) ?? -1);
}

function count(tally: FlowTally, cat: string, starts: number, ends: number): void {
  const t = (tally[cat] ??= { starts: 0, ends: 0 });
  t.starts += starts;
  t.ends += ends;
}

function pidOf(v: SqlValue, fallback: bigint): bigint | number {
  return typeof v === 'number' && Number.isSafeInteger(v) ? v : fallback;
}

function hostToDevice(ctx: DbBuildContext, target: TargetSql, tally: FlowTally): void {
  const { db, b, lanes } = ctx;
  const a = cannApiSchema(db);
  if (!a?.c.connection) return;
  const sel = new SelectList();
  const iStart = sel.add(db.time(qc('a', a.c.start)), TIME_COLUMNS);
  const iTid = sel.add(a.c.tid ? tidParts(qc('a', a.c.tid)) : null, 2);
  const base = sel.add('x.*', 8);
  const sql = `SELECT ${sel.sql()} FROM ${ident(a.table)} a JOIN (${target.sql}) x ON x.conn = a.${ident(a.c.connection)}`;
  const started = new Set<string>();
  let starts = 0;
  let ends = 0;
  db.each(sql, (r) => {
    ctx.tick();
    if (!db.readTime(from, r, iStart) || !db.readTime(to, r, base + 1)) return;
    const id = String(r[base]);
    if (!started.has(id)) {
      started.add(id);
      const src = lanes.hostThread(
        'CANN',
        pidOf(at(r, iTid), lanes.hostPid),
        num(at(r, iTid + 1)) ?? 0,
      );
      b.flow('s', src.pid, src.tid, from, 'HostToDevice', `HostToDevice${id}`, id);
      starts++;
    }
    const dst = targetLane(ctx, r, base);
    b.flow('f', dst.pid, dst.tid, to, 'HostToDevice', `HostToDevice${id}`, id);
    ends++;
  });
  count(tally, 'HostToDevice', starts, ends);
}

/** `p.<connection>` mapped through CONNECTION_IDS when the db has it. */
function pytorchConnection(ctx: DbBuildContext): { join: string; conn: string } | null {
  const { db } = ctx;
  const p = pytorchSchema(db);
  if (!p?.c.connection) return null;
  const ci = db.firstTable('CONNECTION_IDS');
  const id = ci && db.col(ci, 'id');
  const conn = ci && db.col(ci, 'connectionId');
  if (ci && id && conn) {
    return {
      join: `JOIN ${ident(ci)} ci ON ci.${ident(id)} = p.${ident(p.c.connection)}`,
      conn: `ci.${ident(conn)}`,
    };
  }
  return { join: '', conn: `p.${ident(p.c.connection)}` };
}

function torchToNpu(ctx: DbBuildContext, target: TargetSql, tally: FlowTally): void {
  const { db, b, lanes } = ctx;
  const p = pytorchSchema(db);
  const pc = pytorchConnection(ctx);
  if (!p || !pc) return;
  const sel = new SelectList();
  const iStart = sel.add(db.time(qc('p', p.c.start)), TIME_COLUMNS);
  const iTid = sel.add(p.c.tid ? tidParts(qc('p', p.c.tid)) : null, 2);
  const base = sel.add('x.*', 8);
  const sql = `SELECT ${sel.sql()} FROM ${ident(p.table)} p ${pc.join} JOIN (${target.sql}) x ON x.conn = ${pc.conn}`;
  let n = 0;
  db.each(sql, (r) => {
    ctx.tick();
    if (!db.readTime(from, r, iStart) || !db.readTime(to, r, base + 1)) return;
    const id = exactNsText(to);
    const src = lanes.hostThread(
      'Python',
      pidOf(at(r, iTid), lanes.hostPid),
      num(at(r, iTid + 1)) ?? 0,
    );
    const dst = targetLane(ctx, r, base);
    b.flow('s', src.pid, src.tid, from, 'async_npu', 'torch_to_npu', id);
    b.flow('f', dst.pid, dst.tid, to, 'async_npu', 'torch_to_npu', id);
    n++;
  });
  count(tally, 'async_npu', n, n);
}

function mstxToDevice(ctx: DbBuildContext, target: TargetSql, tally: FlowTally): void {
  const { db, b, lanes } = ctx;
  const m = db.firstTable('MSTX_EVENTS');
  const start = m && db.col(m, 'startNs');
  const conn = m && db.col(m, 'connectionId');
  if (!m || !start || !conn) return;
  const tidCol = db.col(m, 'globalTid');
  const sel = new SelectList();
  const iStart = sel.add(db.time(qc('m', start)), TIME_COLUMNS);
  const iTid = sel.add(tidCol ? tidParts(qc('m', tidCol)) : null, 2);
  const base = sel.add('x.*', 8);
  let n = 0;
  db.each(
    `SELECT ${sel.sql()} FROM ${ident(m)} m JOIN (${target.sql}) x ON x.conn = m.${ident(conn)}`,
    (r) => {
      if (!db.readTime(from, r, iStart) || !db.readTime(to, r, base + 1)) return;
      const tid = num(at(r, iTid + 1)) ?? 0;
      const pid = lanes.process('MsprofTx', lanes.device, pidOf(at(r, iTid), lanes.hostPid));
      const id = String(r[base]);
      const dst = targetLane(ctx, r, base);
      b.flow('s', pid, String(tid), from, 'MsTx', 'MsTx', id);
      b.flow('f', dst.pid, dst.tid, to, 'MsTx', 'MsTx', id);
      n++;
    },
  );
  count(tally, 'MsTx', n, n);
}

interface PairRow {
  pid: string;
  tid: string;
  t: ExactTime;
  queue: boolean;
  name: string;
}

/** `targets`: SQL listing the connection ids that reach a device task or op (to exclude). */
function pytorchPairs(ctx: DbBuildContext, tally: FlowTally, targets: string | null): void {
  const { db } = ctx;
  const p = pytorchSchema(db);
  const ci = db.firstTable('CONNECTION_IDS');
  const id = ci && db.col(ci, 'id');
  const conn = ci && db.col(ci, 'connectionId');
  if (!p?.c.connection || !ci || !id || !conn) return;
  const exclude = targets ? [targets] : [];
  const sel = new SelectList();
  const iConn = sel.add(`ci.${ident(conn)}`);
  const iStart = sel.add(db.time(qc('p', p.c.start)), TIME_COLUMNS);
  const iTid = sel.add(p.c.tid ? tidParts(qc('p', p.c.tid)) : null, 2);
  const iType = sel.add(qo('p', p.c.type));
  const iName = sel.add(qo('p', p.c.name));
  const sql =
    `SELECT ${sel.sql()} FROM ${ident(ci)} ci JOIN ${ident(p.table)} p ON p.${ident(p.c.connection)} = ci.${ident(id)} ` +
    `WHERE ci.${ident(conn)} IN (SELECT ${ident(conn)} FROM ${ident(ci)} GROUP BY ${ident(conn)} HAVING count(*) > 1)` +
    (exclude.length > 0 ? ` AND ci.${ident(conn)} NOT IN (${exclude.join(' UNION ')})` : '') +
    ` ORDER BY ci.${ident(conn)}, ${db.nsExpr(qc('p', p.c.start))}`;
  let group: PairRow[] = [];
  let current: SqlValue = null;
  const flush = () => {
    if (group.length > 1) emitPair(ctx, String(current), group, tally);
    group = [];
  };
  db.each(sql, (r) => {
    ctx.tick();
    const t0: ExactTime = { us: 0, fracNs: 0 };
    if (!db.readTime(t0, r, iStart)) return;
    if (r[iConn] !== current) {
      flush();
      current = r[iConn] ?? null;
    }
    const name = db.str(at(r, iName)) ?? '';
    const lane = ctx.lanes.hostThread(
      'Python',
      pidOf(at(r, iTid), ctx.lanes.hostPid),
      num(at(r, iTid + 1)) ?? 0,
    );
    const queue =
      db.enumText('ENUM_API_TYPE', at(r, iType)) === 'queue' || /^(En|De)queue/.test(name);
    group.push({ ...lane, t: t0, queue, name });
  });
  flush();
}

function emitPair(ctx: DbBuildContext, id: string, rows: PairRow[], tally: FlowTally): void {
  const { b } = ctx;
  if (rows.some((r) => r.queue)) {
    let s = 0;
    let f = 0;
    for (const r of rows) {
      const start = !r.name.startsWith('Dequeue');
      b.flow(start ? 's' : 'f', r.pid, r.tid, r.t, 'async_task_queue', 'enqueue_to_dequeue', id);
      if (start) s++;
      else f++;
    }
    count(tally, 'async_task_queue', s, f);
    return;
  }
  rows.forEach((r, i) => b.flow(i === 0 ? 's' : 'f', r.pid, r.tid, r.t, 'fwdbwd', 'fwdbwd', id));
  count(tally, 'fwdbwd', 1, rows.length - 1);
}
