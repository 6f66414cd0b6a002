import { beforeAll, describe, expect, test } from 'vitest';
import type { TraceModel } from '../../model/trace-model';
import { ImportCancelled } from '../import-cancelled';
import { DbFile } from './db-file';
import { buildDbTrace, type DbTraceResult } from './db-trace';
import { loadSqlJs, type SqlJsStatic } from './sql-loader';
import { locateSqlJsInNode } from './sql-loader-node';
import {
  HOST_PID,
  INSIGHT_ADDITIONS,
  MAIN_TID,
  makeDb,
  ns,
  PRE_1_0_BASE,
  QUEUE_TID,
  schema100,
  schema120,
  schemaPre10,
} from './test-dbs';

let sql: SqlJsStatic;
beforeAll(async () => {
  locateSqlJsInNode();
  sql = await loadSqlJs();
});

function build(statements: string, path = 'x.db'): DbTraceResult {
  const db = DbFile.open(sql, makeDb(sql, statements), path);
  try {
    return buildDbTrace(db);
  } finally {
    db.close();
  }
}

/** Lanes as "process|labels|thread" → slice names (main + overflow lane together). */
function lanes(t: TraceModel): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const tr of t.sliceTracks) {
    const p = t.processes[tr.process]!;
    const th = t.threads[tr.thread];
    const key = `${p.name}|${p.labels.join(',')}|${th?.name ?? tr.name}`;
    const names = out.get(key) ?? [];
    for (let i = 0; i < tr.slices.length; i++) names.push(t.strings[tr.slices.name[i]!]!);
    out.set(key, names);
  }
  return out;
}

/** Absolute start (exact decimal ns) of the first slice named `name`. */
function startOf(t: TraceModel, name: string): string | null {
  for (const tr of t.sliceTracks) {
    for (let i = 0; i < tr.slices.length; i++) {
      if (t.strings[tr.slices.name[i]!] === name) {
        return (BigInt(t.baseNs) + BigInt(tr.slices.start[i]!)).toString();
      }
    }
  }
  return null;
}

function argsOf(t: TraceModel, name: string): Record<string, unknown> | null {
  for (const tr of t.sliceTracks) {
    for (let i = 0; i < tr.slices.length; i++) {
      if (t.strings[tr.slices.name[i]!] !== name) continue;
      const a = tr.slices.args[i]!;
      if (a < 0) return {};
      const off = t.args.offset[a]!;
      return JSON.parse(
        new TextDecoder().decode(t.args.arena!.subarray(off, off + t.args.size[a]!)),
      ) as Record<string, unknown>;
    }
  }
  return null;
}

function flowNames(t: TraceModel): string[] {
  const out: string[] = [];
  for (let i = 0; i < t.flows.length; i++) {
    const from = t.sliceTracks[t.flows.fromTrack[i]!]!.slices;
    const to = t.sliceTracks[t.flows.toTrack[i]!]!.slices;
    out.push(
      `${t.strings[t.flows.cat[i]!]}: ${t.strings[from.name[t.flows.fromSlice[i]!]!]} → ${t.strings[to.name[t.flows.toSlice[i]!]!]}`,
    );
  }
  return out.sort();
}

describe('schema 1.0.0 (torch_npu db export)', () => {
  test('lanes, names and exact times', () => {
    const { trace } = build(schema100());
    const l = lanes(trace);
    expect(l.get('Ascend Hardware|NPU 0|Stream 2')).toEqual(['Add_0', 'MEMCPY_ASYNC']);
    expect(l.get('Ascend Hardware|NPU 0|Stream 4')).toEqual(['Notify Wait', 'SDMA']);
    expect(l.get('HCCL|NPU 0|Group 0 Communication')).toEqual(['hcom_allReduce__1_0_1']);
    expect(l.get('HCCL|NPU 0|Plane 0')).toEqual(['Notify_Wait']);
    expect(l.get('HCCL|NPU 0|Plane 1')).toEqual(['Memcpy']);
    expect(l.get(`CANN|CPU|Thread ${MAIN_TID}`)).toEqual([
      'AscendCL@aclnnAdd',
      'Hccl@HcclAllReduce',
    ]);
    expect(l.get(`Python|CPU|Thread ${MAIN_TID}`)).toEqual([
      'ProfilerStep#7',
      'aten::add',
      'Enqueue',
      'aten::mul',
      'c10d::allreduce_',
    ]);
    expect(l.get(`Python|CPU|Thread ${QUEUE_TID}`)).toEqual(['Dequeue@add', 'MulBackward0']);
    expect(l.get('Overlap Analysis|NPU 0|Computing')).toEqual(['Computing']);
    expect(l.get('Overlap Analysis|NPU 0|Communication(Not Overlapped)')).toHaveLength(1);
    expect(l.get('Overlap Analysis|NPU 0|Free')).toHaveLength(1);
    expect(startOf(trace, 'Add_0')).toBe(ns(250123));
    expect(startOf(trace, 'aten::mul')).toBe(ns(300001));
    expect(trace.stats.firstTsNs).toBe(ns(0));
    expect(trace.stats.lastTsNs).toBe(ns(600000));
    // The Python process keeps the host pid; the device pids follow the text export's encoding.
    const pids = Object.fromEntries(trace.processes.map((p) => [p.name, p.pid]));
    expect(pids['Python']).toBe(String(HOST_PID));
    expect(pids['Ascend Hardware']).toBe(String((HOST_PID << 10) | (13 << 5) | 0));
    expect(trace.stats.byPhase['M']).toBeUndefined();
  });

  test('args: task, kernel, comm, python and queue', () => {
    const { trace } = build(schema100());
    expect(argsOf(trace, 'Add_0')).toMatchObject({
      'Task Type': 'KERNEL_AIVEC',
      'Stream Id': 2,
      'Task Id': 11,
      connection_id: 500,
      'Accelerator Core': 'AI_VECTOR_CORE',
      'Block Dim': 8,
      'Input Shapes': '"4,4"',
    });
    expect(argsOf(trace, 'Notify Wait')).toMatchObject({ 'Op Name': 'hcom_allReduce__1_0_1' });
    expect(argsOf(trace, 'Notify_Wait')).toMatchObject({
      notify_id: '9223372036854775807',
      'op name': 'hcom_allReduce__1_0_1',
      'transport type': 'SDMA',
    });
    expect(argsOf(trace, 'hcom_allReduce__1_0_1')).toMatchObject({
      alg_type: 'RING',
      data_type: 'FP32',
      connection_id: 800,
    });
    expect(argsOf(trace, 'aten::add')).toMatchObject({
      'Sequence number': 5,
      'Call stack': 'train.py(10): step;\r\ntorch/nn/module.py(1): forward',
      'Input Dims': '"4,4"',
    });
    expect(argsOf(trace, 'Enqueue')).toEqual({ correlation_id: 900 });
  });

  test('flows: host→device, torch→npu, enqueue→dequeue, fwd→bwd', () => {
    const r = build(schema100());
    expect(flowNames(r.trace)).toEqual([
      'HostToDevice: AscendCL@aclnnAdd → Add_0',
      'HostToDevice: Hccl@HcclAllReduce → hcom_allReduce__1_0_1',
      'async_npu: aten::add → Add_0',
      'async_npu: c10d::allreduce_ → hcom_allReduce__1_0_1',
      'async_task_queue: Enqueue → Dequeue@add',
      'fwdbwd: aten::mul → MulBackward0',
    ]);
    expect(r.trace.stats.flows).toEqual({ matched: 6, startOnly: 0, endOnly: 0, unbound: 0 });
  });

  test('counters named like the text export', () => {
    const { trace } = build(schema100());
    const c = Object.fromEntries(trace.counters.map((x) => [x.name, x]));
    expect(c['HBM 0/Read']!.series[0]).toMatchObject({ name: 'Read(MB/s)' });
    expect(c['HBM 0/Read']!.series[0]!.values[0]).toBe(1);
    expect(c['HBM 0/Write']!.series[0]!.values[0]).toBe(2);
    expect(c['APP/HBM']!.series[0]!.values[0]).toBe(2048);
  });

  test('warnings: unmapped rows and tables are reported, never fatal', () => {
    const { trace } = build(schema100('CREATE TABLE SOMETHING_NEW (a INTEGER);'));
    const codes = Object.fromEntries(trace.warnings.map((w) => [w.code, w]));
    expect(codes['db_comm_task_without_task']?.count).toBe(1);
    expect(codes['db_table_not_mapped']?.example).toContain('SOMETHING_NEW');
  });

  test('STEP_TIME becomes ProfilerStep slices only when PYTORCH_API has none', () => {
    const without = build(schema100(`DELETE FROM PYTORCH_API WHERE name = 268435456;`)).trace;
    expect(lanes(without).get(`Python|CPU|Thread ${HOST_PID}`)).toEqual(['ProfilerStep#7']);
    const withSteps = build(schema100()).trace;
    expect(
      [...lanes(withSteps).values()].flat().filter((n) => n === 'ProfilerStep#7'),
    ).toHaveLength(1);
  });

  test('MindStudio Insight additions change nothing but a warning', () => {
    const plain = build(schema100());
    const touched = build(schema100(INSIGHT_ADDITIONS));
    expect(lanes(touched.trace)).toEqual(lanes(plain.trace));
    expect(touched.trace.warnings.find((w) => w.code === 'db_insight_tables')?.example).toContain(
      'status_info',
    );
  });
});

describe('older and newer schemas', () => {
  test('pre-1.0 msprof: API table, correlationId, block_dim, TEXT times relative to baseTimeNs', () => {
    const { trace } = build(schemaPre10());
    const l = lanes(trace);
    expect(l.get('Ascend Hardware|NPU 2|Stream 16')).toEqual(['MatMul_1']);
    expect(l.get('Ascend Hardware|NPU 2|Stream 18')).toEqual(['Notify Wait']);
    expect(l.get('CANN|CPU|Thread 1181473')).toEqual(['AscendCL@aclnnMatmul']);
    expect(l.get('HCCL|NPU 2|Plane 3')).toEqual(['Notify_Wait']);
    // "1.23282223630523e+17" is read as the decimal it spells, not as its float.
    expect(startOf(trace, 'MatMul_1')).toBe((PRE_1_0_BASE + 123282223630523000n).toString());
    expect(startOf(trace, 'Notify Wait')).toBe((PRE_1_0_BASE + 123282223640000123n).toString());
    expect(argsOf(trace, 'MatMul_1')).toMatchObject({ 'Block Dim': 48 });
    const codes = trace.warnings.map((w) => w.code);
    expect(codes).toContain('db_imprecise_time');
    expect(codes).toContain('db_relative_time');
  });

  test('1.2.0: blockNum/mixBlockNum, SIMT blockDim, per-op deviceId, "communication" API type', () => {
    const { trace } = build(schema120());
    expect(argsOf(trace, 'MatMulV3_1')).toMatchObject({
      'Block Num': 24,
      'Mix Block Num': 48,
      'OP State': 'dynamic',
      'HF32 Eligible': 'NO',
      'Grid Dim': '1',
      'Block Dim': '128',
    });
    const l = lanes(trace);
    expect(l.get('HCCL|NPU 3|Group 0 Communication')).toEqual(['hcom_allGather__5_0_1']);
    expect(l.get('CANN|CPU|Thread 78')).toEqual(['Communication@HcclAllGather']);
    expect(argsOf(trace, 'Notify_Record')).toMatchObject({ 'is master': 1 });
    expect(flowNames(trace)).toEqual([
      'HostToDevice: Communication@HcclAllGather → hcom_allGather__5_0_1',
    ]);
  });

  test('missing tables: a TASK-only db still draws its streams', () => {
    const { trace } = build(`
      CREATE TABLE TASK (startNs INTEGER, endNs INTEGER, streamId INTEGER);
      INSERT INTO TASK VALUES (${ns(10)}, ${ns(20)}, 1), (${ns(30)}, NULL, 1);`);
    const l = lanes(trace);
    expect(l.get('Ascend Hardware|NPU 0|Stream 1')).toEqual(['Task', 'Task']);
    expect(trace.warnings.map((w) => w.code)).toContain('missing_dur');
  });

  test('progress is reported and cancellation is honoured', () => {
    const db = DbFile.open(sql, makeDb(sql, schema100()), 'p.db');
    try {
      const seen: string[] = [];
      buildDbTrace(db, { onProgress: (p) => seen.push(`${p.stage}:${p.bytesTotal}`) });
      expect(seen[0]).toBe(`db:${db.size}`);
      const ac = new AbortController();
      ac.abort();
      expect(() => buildDbTrace(db, { signal: ac.signal })).toThrow(ImportCancelled);
    } finally {
      db.close();
    }
  });

  test('an empty database gives an empty trace', () => {
    const { trace } = build('CREATE TABLE STRING_IDS (id INTEGER PRIMARY KEY, value TEXT);');
    expect(trace.stats.events).toBe(0);
    expect(trace.sliceTracks).toHaveLength(0);
  });
});
