/**
 * Host-side lanes from the db:
 * - CANN_API (pre-1.0: API) → "CANN", "Thread {tid}", named "{Level}@{api}" as in the text export
 *   ("AscendCL@aclrtMemcpyAsync", "Node@launch", "Runtime@…", "Hccl@…").
 * - PYTORCH_API → "Python" (real host pid), cat cpu_op / enqueue / dequeue / python_function,
 *   with "Call stack" from PYTORCH_CALLCHAINS and input shapes / dtypes in args.
 * - GC_RECORD → "Python GC"; MSTX_EVENTS → "MsprofTx" (markers as instants); OSRT_API → "OS
 *   Runtime API".
 * globalTid = pid << 32 | tid is split in SQL (it exceeds 2^53).
 */
import type { ExactTime } from '../../lib/exact-time';
import { at, compact, durAt, num, SelectList, type DbBuildContext } from './db-context';
import { ident, TIME_COLUMNS } from './db-file';
import { cannApiSchema, pytorchSchema, qc, qo, tidParts } from './db-schema';
import type { SqlValue } from './sql-loader';
import { detail, msg } from '../../lib/message';

const scratch: ExactTime = { us: 0, fracNs: 0 };

const API_PREFIX: Record<string, string> = {
  acl: 'AscendCL',
  node: 'Node',
  runtime: 'Runtime',
  hccl: 'Hccl',
  communication: 'Communication',
  model: 'Model',
};

/** The text export's name prefix for a CANN API level. */
export function apiPrefix(level: string | null): string {
  if (!level) return 'CANN';
  return API_PREFIX[level] ?? level.charAt(0).toUpperCase() + level.slice(1);
}

function pidOf(v: unknown, fallback: bigint): bigint | number {
  return typeof v === 'number' && Number.isSafeInteger(v) ? v : fallback;
}

export function emitCannApi(ctx: DbBuildContext): void {
  const { db, b, lanes } = ctx;
  const s = cannApiSchema(db);
  if (!s) return;
  const c = s.c;
  const sel = new SelectList();
  const iStart = sel.add(db.time(qc('a', c.start)), TIME_COLUMNS);
  const iEnd = sel.add(c.end ? db.time(qc('a', c.end)) : null, TIME_COLUMNS);
  const iType = sel.add(qo('a', c.type));
  const iTid = sel.add(c.tid ? tidParts(qc('a', c.tid)) : null, 2);
  const iConn = sel.add(qo('a', c.connection));
  const iName = sel.add(qo('a', c.name));
  const sql = `SELECT ${sel.sql()} FROM ${ident(s.table)} a`;
  let drawn = 0;
  db.each(sql, (r) => {
    ctx.tick();
    if (!db.readTime(scratch, r, iStart)) return;
    const level = db.enumText(s.enumTable, at(r, iType));
    const api = db.str(at(r, iName)) ?? '';
    const tid = num(at(r, iTid + 1)) ?? 0;
    const lane = lanes.hostThread('CANN', pidOf(at(r, iTid), lanes.hostPid), tid);
    const args = compact({
      'Thread Id': tid,
      level,
      id: api,
      connection_id: at(r, iConn),
    });
    b.complete(
      lane.pid,
      lane.tid,
      scratch,
      durAt(db, scratch, r, iEnd),
      `${apiPrefix(level)}@${api}`,
      '',
      args,
    );
    drawn++;
  });
  ctx.rows[s.table] = drawn;
}

/** PYTORCH_CALLCHAINS: callchain id → frames joined like the text export's "Call stack". */
function callStacks(ctx: DbBuildContext): Map<number, string> {
  const { db } = ctx;
  const out = new Map<number, string>();
  const t = db.firstTable('PYTORCH_CALLCHAINS');
  const id = t && db.col(t, 'id');
  const stack = t && db.col(t, 'stack');
  const depth = t && db.col(t, 'stackDepth');
  if (!t || !id || !stack) return out;
  const frames = new Map<number, string[]>();
  db.each(
    `SELECT ${ident(id)}, ${ident(stack)} FROM ${ident(t)} ORDER BY ${ident(id)}${depth ? `, ${ident(depth)}` : ''}`,
    (r) => {
      const k = num(r[0] ?? null);
      if (k === null) return;
      let f = frames.get(k);
      if (!f) frames.set(k, (f = []));
      f.push(db.str(r[1] ?? null) ?? '');
    },
  );
  for (const [k, f] of frames) out.set(k, f.join(';\r\n'));
  return out;
}

/** CONNECTION_IDS: id → first connectionId (the correlation id shown on Enqueue/Dequeue). */
function firstConnection(ctx: DbBuildContext): Map<number, number> {
  const { db } = ctx;
  const out = new Map<number, number>();
  const t = db.firstTable('CONNECTION_IDS');
  const id = t && db.col(t, 'id');
  const conn = t && db.col(t, 'connectionId');
  if (!t || !id || !conn) return out;
  db.each(`SELECT ${ident(id)}, ${ident(conn)} FROM ${ident(t)}`, (r) => {
    const k = num(r[0] ?? null);
    const v = num(r[1] ?? null);
    if (k !== null && v !== null && !out.has(k)) out.set(k, v);
  });
  return out;
}

function pytorchCategory(type: string | null, name: string): string {
  switch (type) {
    case 'op':
      return 'cpu_op';
    case 'queue':
      return name.startsWith('Dequeue') ? 'dequeue' : 'enqueue';
    case 'trace':
      return 'python_function';
    case null:
      return 'cpu_op';
    default:
      return type;
  }
}

export function emitPytorchApi(ctx: DbBuildContext): void {
  const { db, b, lanes } = ctx;
  const s = pytorchSchema(db);
  if (!s) return;
  const c = s.c;
  const stacks = callStacks(ctx);
  const corr = firstConnection(ctx);
  const sel = new SelectList();
  const iStart = sel.add(db.time(qc('p', c.start)), TIME_COLUMNS);
  const iEnd = sel.add(c.end ? db.time(qc('p', c.end)) : null, TIME_COLUMNS);
  const iTid = sel.add(c.tid ? tidParts(qc('p', c.tid)) : null, 2);
  const iConn = sel.add(qo('p', c.connection));
  const iName = sel.add(qo('p', c.name));
  const iSeq = sel.add(qo('p', c.seq));
  const iFwd = sel.add(qo('p', c.fwdTid));
  const iDtypes = sel.add(qo('p', c.inputDtypes));
  const iShapes = sel.add(qo('p', c.inputShapes));
  const iChain = sel.add(qo('p', c.callchain));
  const iType = sel.add(qo('p', c.type));
  const sql = `SELECT ${sel.sql()} FROM ${ident(s.table)} p`;
  const dequeueThreads = new Set<string>();
  let maxTid = 0;
  let drawn = 0;
  db.each(sql, (r) => {
    ctx.tick();
    if (!db.readTime(scratch, r, iStart)) return;
    const name = db.str(at(r, iName)) ?? '';
    const type = db.enumText('ENUM_API_TYPE', at(r, iType));
    const cat = pytorchCategory(type, name);
    const tid = num(at(r, iTid + 1)) ?? 0;
    const lane = lanes.hostThread('Python', pidOf(at(r, iTid), lanes.hostPid), tid);
    if (tid > maxTid) maxTid = tid;
    if (cat === 'dequeue') dequeueThreads.add(`${lane.pid}|${lane.tid}`);
    if (name.startsWith('ProfilerStep#')) ctx.hasStepSlices = true;
    let args: Record<string, unknown>;
    if (cat === 'enqueue' || cat === 'dequeue') {
      const conn = num(at(r, iConn));
      args = { correlation_id: conn === null ? null : (corr.get(conn) ?? null) };
    } else {
      const chain = num(at(r, iChain));
      args = {
        'Sequence number': at(r, iSeq),
        'Fwd thread id': at(r, iFwd),
        'Input Dims': db.str(at(r, iShapes)),
        'Input type': db.str(at(r, iDtypes)),
        'Call stack': chain === null ? null : (stacks.get(chain) ?? null),
      };
    }
    b.complete(lane.pid, lane.tid, scratch, durAt(db, scratch, r, iEnd), name, cat, compact(args));
    drawn++;
  });
  // As in the text export, the dequeue thread sorts after every other Python thread.
  for (const key of dequeueThreads) {
    const [pid, tid] = key.split('|') as [string, string];
    b.threadSortIndex(pid, tid, maxTid + 1);
  }
  ctx.rows[s.table] = drawn;
}

/**
 * Simple host interval tables: GC_RECORD, MSTX_EVENTS (markers become instants), OSRT_API.
 */
export function emitHostRecords(ctx: DbBuildContext): void {
  emitHostTable(ctx, 'GC_RECORD', 'Python GC', () => ({ name: 'GC', cat: 'GC' }));
  emitHostTable(ctx, 'OSRT_API', 'OS Runtime API', (r, i) => ({
    name: ctx.db.str(at(r, i.name)) ?? 'OS Runtime API',
    cat: 'osrt',
  }));
  emitHostTable(ctx, 'MSTX_EVENTS', 'MsprofTx', (r, i) => {
    const type = ctx.db.enumText('ENUM_MSTX_EVENT_TYPE', at(r, i.eventType));
    return {
      name: ctx.db.str(at(r, i.message)) ?? 'mstx',
      cat: 'mstx',
      instant: type === 'marker' || type === 'marker_ex',
      args: compact({ 'event type': type, 'range id': at(r, i.rangeId), domain: at(r, i.domain) }),
    };
  });
}

interface HostColumns {
  name: number;
  eventType: number;
  message: number;
  rangeId: number;
  domain: number;
}

function emitHostTable(
  ctx: DbBuildContext,
  table: string,
  process: string,
  describe: (
    r: SqlValue[],
    i: HostColumns,
  ) => { name: string; cat: string; instant?: boolean; args?: Record<string, unknown> },
): void {
  const { db, b, lanes } = ctx;
  const t = db.firstTable(table);
  if (!t) return;
  const start = db.col(t, 'startNs', 'start');
  if (!start) {
    ctx.warn(
      'db_table_not_mapped',
      detail(`${t}: no start time column`, msg('reader:db_no_start_column', { table: t })),
    );
    return;
  }
  const end = db.col(t, 'endNs', 'end');
  const tidCol = db.col(t, 'globalTid');
  const sel = new SelectList();
  const iStart = sel.add(db.time(qc('x', start)), TIME_COLUMNS);
  const iEnd = sel.add(end ? db.time(qc('x', end)) : null, TIME_COLUMNS);
  const iTid = sel.add(tidCol ? tidParts(qc('x', tidCol)) : null, 2);
  const cols: HostColumns = {
    name: sel.add(qo('x', db.col(t, 'name'))),
    eventType: sel.add(qo('x', db.col(t, 'eventType'))),
    message: sel.add(qo('x', db.col(t, 'message'))),
    rangeId: sel.add(qo('x', db.col(t, 'rangeId'))),
    domain: sel.add(qo('x', db.col(t, 'domainId'))),
  };
  let drawn = 0;
  db.each(`SELECT ${sel.sql()} FROM ${ident(t)} x`, (r) => {
    ctx.tick();
    if (!db.readTime(scratch, r, iStart)) return;
    const tid = num(at(r, iTid + 1)) ?? 0;
    const pid = lanes.process(process, lanes.device, pidOf(at(r, iTid), lanes.hostPid));
    const tname = process === 'Python GC' ? 'Python GC' : `Thread ${tid}`;
    lanes.thread(pid, String(tid), tname, tid);
    const d = describe(r, cols);
    if (d.instant) b.instant(pid, String(tid), scratch, d.name, 't', d.args);
    else b.complete(pid, String(tid), scratch, durAt(db, scratch, r, iEnd), d.name, d.cat, d.args);
    drawn++;
  });
  ctx.rows[t] = drawn;
}
