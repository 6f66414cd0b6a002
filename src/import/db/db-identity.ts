/**
 * Who and where a profiler db was recorded: the host pid of the profiled process and the rank's
 * device, used to name processes like the text export does.
 */
import { num } from './db-context';
import { ident, type DbFile } from './db-file';

function mostFrequent(db: DbFile, sql: string): number | null {
  const v = db.scalar(sql);
  return typeof v === 'number' ? v : null;
}

/** Host pid of the profiled process: TASK.globalPid, else the API threads' pid. */
export function detectHostPid(db: DbFile): bigint {
  const task = db.col('TASK', 'globalPid');
  if (task) {
    const v = mostFrequent(
      db,
      `SELECT ${ident(task)} FROM TASK WHERE ${ident(task)} > 0 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    );
    if (v !== null) return BigInt(v);
  }
  for (const t of ['PYTORCH_API', 'CANN_API']) {
    const c = db.col(t, 'globalTid');
    if (!c) continue;
    const v = mostFrequent(
      db,
      `SELECT ${ident(c)} >> 32 FROM ${ident(t)} WHERE ${ident(c)} >> 32 > 0 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    );
    if (v !== null) return BigInt(v);
  }
  return 0n;
}

const devices = new WeakMap<DbFile, number>();

/**
 * The rank's device: RANK_DEVICE_MAP, else the busiest TASK.deviceId, else a lone NPU_INFO.
 * Found once per DbFile (the trace, the kernels and the overlap all ask; TASK may be large).
 */
export function detectDevice(db: DbFile): number {
  let d = devices.get(db);
  if (d === undefined) {
    d = findDevice(db);
    devices.set(db, d);
  }
  return d;
}

function findDevice(db: DbFile): number {
  const rdm = db.col('RANK_DEVICE_MAP', 'deviceId');
  if (rdm) {
    const v = num(
      db.scalar(`SELECT ${ident(rdm)} FROM RANK_DEVICE_MAP WHERE ${ident(rdm)} >= 0 LIMIT 1`),
    );
    if (v !== null) return v;
  }
  const dev = db.col('TASK', 'deviceId');
  if (dev) {
    const v = mostFrequent(
      db,
      `SELECT ${ident(dev)} FROM TASK WHERE ${ident(dev)} >= 0 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    );
    if (v !== null) return v;
  }
  const info = db.firstTable('NPU_INFO', 'TARGET_INFO_NPU');
  if (info && db.count(info) === 1) return num(db.scalar(`SELECT id FROM ${ident(info)}`)) ?? 0;
  return 0;
}
