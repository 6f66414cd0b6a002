/**
 * Device-side lanes from the db, as the text export draws them:
 * - TASK → "Ascend Hardware" (one process per device, "NPU {id}"), one thread per stream.
 *   Names: COMPUTE_TASK_INFO.name for kernels (COMMUNICATION_SCHEDULE_TASK_INFO for AICPU
 *   communication), else the TASK.taskType string ("SDMA", "Notify Wait", "MEMCPY_ASYNC"…), as
 *   torch_npu names them; the communication op a task belongs to is in its args ("Op Name").
 * - COMMUNICATION_OP → "HCCL", thread "Group {g} Communication" per communication group.
 * - COMMUNICATION_TASK_INFO ⨝ TASK → "HCCL" thread "Plane {planeId}" per network plane.
 */
import type { ExactTime } from '../../lib/exact-time';
import { at, compact, durAt, num, SelectList, type DbBuildContext } from './db-context';
import { ident, TIME_COLUMNS } from './db-file';
import {
  commOpSchema,
  commTaskSchema,
  computeSchema,
  computeTensorFields,
  qc,
  qo,
  taskSchema,
  type CommTaskSchema,
  type ComputeField,
  type ComputeSchema,
} from './db-schema';
import type { SqlValue } from './sql-loader';
import { detail, msg } from '../../lib/message';

const scratch: ExactTime = { us: 0, fracNs: 0 };

/** Emits every TASK row on its stream lane. */
export function emitDeviceTasks(ctx: DbBuildContext): void {
  const { db, b, lanes } = ctx;
  const ts = taskSchema(db);
  if (!ts) return;
  const c = ts.c;
  const cs = computeSchema(db);
  const ct = commTaskSchema(db);
  const sel = new SelectList();
  const iStart = sel.add(db.time(qc('t', c.start)), TIME_COLUMNS);
  const iEnd = sel.add(c.end ? db.time(qc('t', c.end)) : null, TIME_COLUMNS);
  const iDev = sel.add(qo('t', c.device));
  const iStream = sel.add(qo('t', c.stream));
  const iType = sel.add(qo('t', c.type));
  const iTaskId = sel.add(qo('t', c.taskId));
  const iCtx = sel.add(qo('t', c.context));
  const iModel = sel.add(qo('t', c.model));
  const iConn = sel.add(qo('t', c.connection));
  const joins: string[] = [];
  const compute = cs && c.key ? computeColumns(cs, sel) : null;
  if (compute && cs && c.key) {
    joins.push(`LEFT JOIN ${ident(cs.table)} c ON c.${ident(cs.c.key!)} = t.${ident(c.key)}`);
  }
  let iCommName = -1;
  if (ct && c.key && ct.c.name) {
    // One row per task even when a db lists a task under several ops.
    joins.push(
      `LEFT JOIN (SELECT ${ident(ct.c.key!)} AS k, MIN(${ident(ct.c.name)}) AS name ` +
        `FROM ${ident(ct.table)} GROUP BY ${ident(ct.c.key!)}) ct ON ct.k = t.${ident(c.key)}`,
    );
    iCommName = sel.add('ct.name');
  }
  let iSched = -1;
  const sched = db.firstTable('COMMUNICATION_SCHEDULE_TASK_INFO');
  const schedKey = sched ? db.col(sched, 'globalTaskId') : null;
  const schedName = sched ? db.col(sched, 'name') : null;
  if (sched && schedKey && schedName && c.key) {
    joins.push(`LEFT JOIN ${ident(sched)} s ON s.${ident(schedKey)} = t.${ident(c.key)}`);
    iSched = sel.add(`s.${ident(schedName)}`);
  }
  // The task that carries a communication op on its stream has no COMPUTE_TASK_INFO row; the
  // text export names it after the op (hcom_allReduce__…), found through the connection id.
  let iCommOp = -1;
  const co = commOpSchema(db);
  if (co && co.c.connection && co.c.name && c.connection) {
    joins.push(
      `LEFT JOIN (SELECT ${ident(co.c.connection)} AS k, MIN(${ident(co.c.name)}) AS name ` +
        `FROM ${ident(co.table)} GROUP BY ${ident(co.c.connection)}) co ON co.k = t.${ident(c.connection)}`,
    );
    iCommOp = sel.add('co.name');
  }
  let iMemSize = -1;
  let iMemOp = -1;
  const memcpy = db.firstTable('MEMCPY_INFO');
  const memKey = memcpy ? db.col(memcpy, 'globalTaskId') : null;
  if (memcpy && memKey && c.key) {
    joins.push(`LEFT JOIN ${ident(memcpy)} m ON m.${ident(memKey)} = t.${ident(c.key)}`);
    iMemSize = sel.add(qo('m', db.col(memcpy, 'size')));
    iMemOp = sel.add(qo('m', db.col(memcpy, 'memcpyOperation')));
  }
  const sql = `SELECT ${sel.sql()} FROM ${ident(ts.table)} t ${joins.join(' ')}`;
  let noTime = 0;
  const n = db.each(sql, (r) => {
    ctx.tick();
    if (!db.readTime(scratch, r, iStart)) {
      noTime++;
      return;
    }
    const device = num(at(r, iDev)) ?? lanes.device;
    const stream = num(at(r, iStream)) ?? -1;
    const lane = lanes.stream(device, stream);
    const taskType = db.str(at(r, iType));
    const kernelName = compute ? db.str(at(r, compute.name)) : null;
    const commOp = iCommOp >= 0 && kernelName === null ? db.str(at(r, iCommOp)) : null;
    // Only the op's own task (not its notify / SDMA tasks, which keep their task type names).
    const isOpTask =
      commOp !== null && taskType !== null && /^(AI_CORE|AI_CPU|AIV|MIX_|KERNEL_)/.test(taskType);
    const name =
      kernelName ?? db.str(at(r, iSched)) ?? (isOpTask ? commOp : null) ?? taskType ?? 'Task';
    const dur = durAt(db, scratch, r, iEnd);
    const args: Record<string, unknown> = {
      'Model Id': at(r, iModel),
      'Task Type': taskType,
      'Stream Id': at(r, iStream),
      'Task Id': at(r, iTaskId),
      'Subtask Id': at(r, iCtx),
      connection_id: at(r, iConn),
    };
    if (compute && kernelName !== null) compute.fill(r, args, db.str.bind(db));
    const opName = db.str(at(r, iCommName));
    if (opName !== null) args['Op Name'] = opName;
    if (iMemSize >= 0 && at(r, iMemSize) !== null) {
      args['data size(Byte)'] = at(r, iMemSize);
      args['memcpy direction'] = db.enumText('ENUM_MEMCPY_OPERATION', at(r, iMemOp));
    }
    b.complete(lane.pid, lane.tid, scratch, dur, name, '', compact(args));
  });
  ctx.rows[ts.table] = n - noTime;
  if (noTime > 0)
    ctx.warn(
      'db_task_no_time',
      detail(
        `${ts.table}: rows without a start time are not drawn`,
        msg('reader:db_task_no_time', { table: ts.table }),
      ),
      noTime,
    );
}

interface ComputeColumns {
  name: number;
  fill(r: SqlValue[], args: Record<string, unknown>, str: (v: SqlValue) => string | null): void;
}

function computeColumns(cs: ComputeSchema, sel: SelectList): ComputeColumns {
  const c = cs.c;
  const name = sel.add(qc('c', c.name));
  const fields: ComputeField[] = [
    ['Accelerator Core', sel.add(qo('c', c.core)), true],
    ['Op Type', sel.add(qo('c', c.opType)), true],
    [cs.blockLabel, sel.add(qo('c', c.block)), false],
    [cs.mixBlockLabel, sel.add(qo('c', c.mixBlock)), false],
    ...computeTensorFields(cs, sel),
    ['Attr Info', sel.add(qo('c', c.attrInfo)), true],
    ['OP State', sel.add(qo('c', c.opState)), true],
    ['HF32 Eligible', sel.add(qo('c', c.hf32)), true],
    ['Grid Dim', sel.add(qo('c', c.gridDim)), true],
    ['Block Dim', sel.add(qo('c', c.simtBlockDim)), true],
  ];
  return {
    name,
    fill(r, args, str) {
      for (const [label, i, isString] of fields) {
        if (i < 0) continue;
        const v = at(r, i);
        if (v === null) continue;
        args[label] = isString ? str(v) : v;
      }
    },
  };
}

/** COMMUNICATION_OP on "Group {g} Communication" and its tasks on "Plane {p}" lanes. */
export function emitCommunication(ctx: DbBuildContext): void {
  emitCommOps(ctx);
  const ct = commTaskSchema(ctx.db);
  if (ct) emitPlaneTasks(ctx, ct);
}

function emitCommOps(ctx: DbBuildContext): void {
  const { db, b, lanes } = ctx;
  const os = commOpSchema(db);
  if (!os) return;
  const c = os.c;
  const sel = new SelectList();
  const iStart = sel.add(db.time(qc('o', c.start)), TIME_COLUMNS);
  const iEnd = sel.add(c.end ? db.time(qc('o', c.end)) : null, TIME_COLUMNS);
  const iName = sel.add(qo('o', c.name));
  const iConn = sel.add(qo('o', c.connection));
  const iGroup = sel.add(qo('o', c.group));
  const iOpId = sel.add(qo('o', c.opId));
  const iRelay = sel.add(qo('o', c.relay));
  const iRetry = sel.add(qo('o', c.retry));
  const iData = sel.add(qo('o', c.dataType));
  const iAlg = sel.add(qo('o', c.algType));
  const iCount = sel.add(qo('o', c.count));
  const iOpType = sel.add(qo('o', c.opType));
  const iDev = sel.add(qo('o', c.device));
  const iRank = sel.add(qo('o', c.rankSize));
  const sql = `SELECT ${sel.sql()} FROM ${ident(os.table)} o`;
  let drawn = 0;
  db.each(sql, (r) => {
    ctx.tick();
    if (!db.readTime(scratch, r, iStart)) return;
    const device = num(at(r, iDev)) ?? lanes.device;
    const group = db.str(at(r, iGroup)) ?? '';
    const lane = lanes.commGroup(device, group);
    const dur = durAt(db, scratch, r, iEnd);
    const args = compact({
      connection_id: at(r, iConn),
      data_type: db.enumText('ENUM_HCCL_DATA_TYPE', at(r, iData)),
      alg_type: db.str(at(r, iAlg)),
      count: at(r, iCount),
      op_type: db.str(at(r, iOpType)),
      group_name: group || null,
      op_id: at(r, iOpId),
      relay: at(r, iRelay),
      retry: at(r, iRetry),
      rank_size: at(r, iRank),
    });
    b.complete(lane.pid, lane.tid, scratch, dur, db.str(at(r, iName)) ?? 'Communication', '', args);
    drawn++;
  });
  ctx.rows[os.table] = drawn;
}

/** Plane id of a communication task; missing or invalid (4294967295) ids draw on plane 0, as in text. */
export function planeOf(v: SqlValue): number {
  const p = num(v);
  return p === null || p < 0 || p >= 4294967295 ? 0 : p;
}

function emitPlaneTasks(ctx: DbBuildContext, ct: CommTaskSchema): void {
  const { db, b, lanes } = ctx;
  const ts = taskSchema(db);
  if (!ts || !ts.c.key) return;
  const c = ct.c;
  const t = ts.c;
  const sel = new SelectList();
  const iStart = sel.add(db.time(qc('t', t.start)), TIME_COLUMNS);
  const iEnd = sel.add(t.end ? db.time(qc('t', t.end)) : null, TIME_COLUMNS);
  const iDev = sel.add(qo('t', t.device));
  const iStream = sel.add(qo('t', t.stream));
  const iTaskId = sel.add(qo('t', t.taskId));
  const iCtx = sel.add(qo('t', t.context));
  const iModel = sel.add(qo('t', t.model));
  const iPlane = sel.add(qo('ct', c.plane));
  const iGroup = sel.add(qo('ct', c.group));
  const iName = sel.add(qo('ct', c.name));
  const iType = sel.add(qo('ct', c.type));
  const iNotify = sel.add(c.notify ? `CAST(ct.${ident(c.notify)} AS TEXT)` : null);
  const iRdma = sel.add(qo('ct', c.rdma));
  const iSrc = sel.add(qo('ct', c.src));
  const iDst = sel.add(qo('ct', c.dst));
  const iTransport = sel.add(qo('ct', c.transport));
  const iSize = sel.add(qo('ct', c.size));
  const iData = sel.add(qo('ct', c.dataType));
  const iLink = sel.add(qo('ct', c.link));
  const iMaster = sel.add(qo('ct', c.isMaster));
  const sql =
    `SELECT ${sel.sql()} FROM ${ident(ct.table)} ct JOIN ${ident(ts.table)} t ` +
    `ON t.${ident(t.key!)} = ct.${ident(c.key!)}`;
  let drawn = 0;
  db.each(sql, (r) => {
    ctx.tick();
    if (!db.readTime(scratch, r, iStart)) return;
    const device = num(at(r, iDev)) ?? lanes.device;
    const lane = lanes.commPlane(device, db.str(at(r, iGroup)) ?? '', planeOf(at(r, iPlane)));
    const dur = durAt(db, scratch, r, iEnd);
    const size = num(at(r, iSize));
    const type = db.str(at(r, iType));
    const args = compact({
      notify_id: at(r, iNotify),
      'stream id': at(r, iStream),
      'task id': at(r, iTaskId),
      'context id': at(r, iCtx),
      'task type': type,
      'src rank': at(r, iSrc),
      'dst rank': at(r, iDst),
      'transport type': db.enumText('ENUM_HCCL_TRANSPORT_TYPE', at(r, iTransport)),
      'size(Byte)': size,
      'data type': db.enumText('ENUM_HCCL_DATA_TYPE', at(r, iData)),
      'link type': db.enumText('ENUM_HCCL_LINK_TYPE', at(r, iLink)),
      'rdma type': db.enumText('ENUM_HCCL_RDMA_TYPE', at(r, iRdma)),
      'bandwidth(GB/s)': size !== null && dur > 0 ? size / dur : null,
      'model id': at(r, iModel),
      'op name': db.str(at(r, iName)),
      'is master': at(r, iMaster),
    });
    b.complete(lane.pid, lane.tid, scratch, dur, type ?? db.str(at(r, iName)) ?? 'Task', '', args);
    drawn++;
  });
  ctx.rows[ct.table] = drawn;
  const total = db.count(ct.table);
  if (total > drawn) {
    ctx.warn(
      'db_comm_task_without_task',
      detail(
        `${ct.table}: rows whose task is missing from TASK are not drawn`,
        msg('reader:db_comm_task_without_task', { table: ct.table }),
      ),
      total - drawn,
    );
  }
}
