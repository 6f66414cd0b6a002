import { beforeAll, describe, expect, test } from 'vitest';
import { summarizeProfile } from '../../model/summarize-profile';
import { memoryFile } from '../sources/input-file';
import { DB_READERS, DB_SUMMARY_EXTENSION } from '.';
import { readAnalysisDb, readAnyDb, readClusterDb, readProfilerDb } from './db-readers';
import { openDbFile } from './db-open';
import { loadSqlJs, type SqlJsStatic } from './sql-loader';
import { locateSqlJsInNode } from './sql-loader-node';
import { analysisSchema, CLUSTER_SCHEMA, makeDb, ns, schema100 } from './test-dbs';
import { readDb, testProfile } from './test-helpers';

let sql: SqlJsStatic;
beforeAll(async () => {
  locateSqlJsInNode();
  sql = await loadSqlJs();
});

describe('profiler db reader', () => {
  test('fills the trace and every Ascend view, with sources', async () => {
    const { profile, report } = await readDb(
      readProfilerDb,
      'ASCEND_PROFILER_OUTPUT/ascend_pytorch_profiler_3.db',
      makeDb(sql, schema100()),
    );
    expect(report.status).toBe('read');
    expect(profile.trace?.stats.slices).toBeGreaterThan(0);
    const a = profile.ascend;
    expect(a.sources).toEqual({
      kernels: 'db',
      memory: 'db',
      moduleMemory: 'db',
      operatorMemory: 'db',
      steps: 'db',
    });
    expect(profile.descriptor.rank).toBe(3);
    // Kernels: the compute task and the communication op, like kernel_details.csv.
    const k = a.kernels!;
    expect(k.length).toBe(2);
    expect(k.text.header.slice(0, 12)).toEqual([
      'Step Id',
      'Device_id',
      'Model ID',
      'Task ID',
      'Stream ID',
      'Name',
      'Type',
      'Accelerator Core',
      'Start Time(us)',
      'Duration(us)',
      'Wait Time(us)',
      'Block Dim',
    ]);
    expect(k.text.header).toContain('aic_mac_ratio');
    const row = (name: string) => k.text.rows.find((r) => r[5] === name)!;
    expect(row('Add_0').slice(0, 11)).toEqual([
      '7',
      '0',
      '4294967295',
      '11',
      '2',
      'Add_0',
      'Add',
      'AI_VECTOR_CORE',
      `${ns(250123).slice(0, -3)}.123`,
      '10.333',
      '0',
    ]);
    expect(row('Add_0')[k.text.header.indexOf('aic_mac_ratio')]).toBe('0.25');
    expect(row('hcom_allReduce__1_0_1')[7]).toBe('HCCL');
    expect(k.strings[k.core[1]!]).toBe('HCCL');
    expect(k.step[0]).toBe(7);
    expect(k.startFrac[0]).toBe(123);
    // Memory: PTA series sorted by time, APP from NPU_MEM, MB = 2^20 bytes.
    const pta = a.memory!.find((m) => m.component === 'PTA')!;
    expect([...pta.allocatedMB]).toEqual([0.5, 1]);
    expect(pta.device).toBe('NPU:0');
    expect(a.memory!.find((m) => m.component === 'APP')!.reservedMB[0]).toBe(2);
    expect(a.moduleMemory![0]).toMatchObject({ component: 'HCCL', device: 'NPU:0' });
    expect(a.moduleMemory![0]!.reservedMB[0]).toBe(3);
    expect(a.operatorMemory!.rows[0]!.slice(0, 6)).toEqual([
      'aten::empty',
      '2',
      `${ns(100010).slice(0, -3)}.010`,
      `${ns(200020).slice(0, -3)}.020`,
      '',
      '100.01',
    ]);
    // Steps recomputed from STEP_TIME and the device intervals (µs).
    expect(a.steps).toEqual([
      {
        step: '7',
        deviceId: null,
        computing: 10.333,
        communicationNotOverlapped: 20,
        overlapped: 0,
        communication: 20,
        free: 239.544,
        stage: 269.877,
        bubble: 0,
        communicationNotOverlappedExcludeReceive: 20,
        preparing: 250.123,
      },
    ]);
  });

  test('with a trace already read (trace_view.json first), no second trace is built', async () => {
    const profile = testProfile();
    const first = await readDb(readProfilerDb, 'a.db', makeDb(sql, schema100()), profile);
    const trace = first.profile.trace;
    const again = await readDb(readProfilerDb, 'b.db', makeDb(sql, schema100()), profile);
    expect(again.profile.trace).toBe(trace);
    expect(again.report.reason).toMatch(/timeline taken from trace_view\.json/);
    const s = DB_SUMMARY_EXTENSION(profile) as { db: { trace: string } };
    expect(s.db.trace).toBe('db');
  });

  test('summary: db key and a trace block', async () => {
    const { profile } = await readDb(readProfilerDb, 'p.db', makeDb(sql, schema100()));
    await readDb(readAnalysisDb, 'analysis.db', makeDb(sql, analysisSchema(false)), profile);
    const s = summarizeProfile(profile, [DB_SUMMARY_EXTENSION]);
    const db = s['db'] as Record<string, unknown>;
    expect(db['schemaVersion']).toBe('1.0.0');
    expect((db['tables'] as Record<string, number>)['TASK']).toBe(4);
    expect(db['steps']).toBe('StepTraceTime');
    expect(Object.keys(db['files'] as object)).toEqual(['p.db', 'analysis.db']);
    expect(s.trace?.events).toBe(Object.values(s.trace!.byPhase).reduce((x, y) => x + y, 0));
    expect(s.trace?.flows.matched).toBe(6);
  });
});

describe('analysis.db and cluster_analysis.db', () => {
  test('StepTraceTime (with and without deviceId), CommAnalyzer tables', async () => {
    const { profile } = await readDb(
      readAnalysisDb,
      'analysis.db',
      makeDb(sql, analysisSchema(true)),
    );
    const a = profile.ascend;
    expect(a.steps).toEqual([
      {
        step: '7',
        deviceId: '1',
        computing: 10.5,
        communicationNotOverlapped: 2.25,
        overlapped: 1,
        communication: 3.25,
        free: 4,
        stage: 16.75,
        bubble: 0,
        communicationNotOverlappedExcludeReceive: 2.25,
        preparing: 1.5,
      },
    ]);
    expect(a.communication).toEqual([
      {
        step: 'step7',
        kind: 'collective',
        op: 'hcom_allReduce__1_0_1',
        group: '123',
        startUs: 1736414119678217.5,
        elapseMs: 80,
        transitMs: 0.25,
        waitMs: 0.75,
        syncMs: 0.5,
        idleMs: 79,
        waitRatio: 0.75,
        syncRatio: 0.6667,
        bandwidth: { HCCS: { sizeMB: 28.5, timeMs: 1.5, bandwidthGBs: 19, largePacketRatio: 0 } },
      },
    ]);
    expect(a.commMatrix?.[0]).toMatchObject({
      group: 'allreduce-top1',
      src: 0,
      dst: 1,
      transport: 'HCCS',
    });
    const noDevice = await readDb(
      readAnalysisDb,
      'analysis.db',
      makeDb(sql, analysisSchema(false)),
    );
    expect(noDevice.profile.ascend.steps?.[0]?.deviceId).toBeNull();
  });

  test('analysis.db wins over steps recomputed from STEP_TIME, in either order', async () => {
    const p1 = testProfile();
    await readDb(readProfilerDb, 'p.db', makeDb(sql, schema100()), p1);
    await readDb(readAnalysisDb, 'analysis.db', makeDb(sql, analysisSchema(false)), p1);
    const p2 = testProfile();
    await readDb(readAnalysisDb, 'analysis.db', makeDb(sql, analysisSchema(false)), p2);
    await readDb(readProfilerDb, 'p.db', makeDb(sql, schema100()), p2);
    expect(p1.ascend.steps).toEqual(p2.ascend.steps);
    expect(p1.ascend.steps?.[0]?.computing).toBe(10.5);
  });

  test('cluster_analysis.db tables are kept as text', async () => {
    const { profile } = await readDb(
      readClusterDb,
      'cluster_analysis.db',
      makeDb(sql, CLUSTER_SCHEMA),
    );
    expect(Object.keys(profile.tables).sort()).toEqual([
      'cluster_analysis.db:ClusterStepTraceTime',
      'cluster_analysis.db:CommunicationGroup',
    ]);
    expect(profile.tables['cluster_analysis.db:ClusterStepTraceTime']!.rows[1]).toEqual([
      '1',
      'rank',
      '1',
      '178060.76',
    ]);
  });

  test('a generic .db is dispatched on its tables', async () => {
    const r1 = await readDb(readAnyDb, 'x.db', makeDb(sql, analysisSchema(false)));
    expect(r1.profile.ascend.steps).toHaveLength(1);
    const r2 = await readDb(readAnyDb, 'y.db', makeDb(sql, 'CREATE TABLE notes (a TEXT);'));
    expect(r2.report).toMatchObject({
      status: 'skipped',
      reason: 'not a profiler database (tables: notes)',
    });
    expect(DB_READERS['db']).toBe(readAnyDb);
  });
});

describe('corrupt and non-SQLite files fail with a one-line reason', () => {
  const cases: [string, () => Uint8Array, RegExp][] = [
    ['empty file', () => new Uint8Array(0), /^empty file$/],
    [
      'JSON',
      () => new TextEncoder().encode('[{"ph":"X","name":"a"}]'.repeat(10)),
      /^not an SQLite database \(starts with "\[\{"ph":"X","name/,
    ],
    ['short', () => new Uint8Array([1, 2, 3]), /^not an SQLite database \(3 bytes\)$/],
    [
      'truncated',
      () => makeDb(sql, schema100()).slice(0, 4096 + 100),
      /^truncated SQLite database \(4196 of \d+ bytes\)$/,
    ],
    [
      'garbage pages',
      () => {
        const b = makeDb(sql, schema100());
        for (let i = 100; i < b.length; i++) b[i] = (i * 7919) & 0xff;
        return b;
      },
      /^(corrupt SQLite database|not an SQLite database)/,
    ],
  ];
  for (const [label, bytes, reason] of cases) {
    test(label, async () => {
      const err = await readDb(readProfilerDb, 'bad.db', bytes()).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(err).toBeInstanceOf(Error);
      expect(err!.message).toMatch(reason);
      expect(err!.message).not.toContain('\n');
    });
  }

  test('a file read in many chunks opens (one buffer, progress reported)', async () => {
    const bytes = makeDb(sql, schema100());
    const file = {
      ...memoryFile('chunked.db', bytes),
      stream: () => memoryFile('c', bytes).stream(1000),
    };
    const progress: number[] = [];
    const db = await openDbFile(file, { onProgress: (p) => progress.push(p.bytesRead) });
    try {
      expect(db.count('TASK')).toBe(4);
      expect(db.size).toBe(bytes.length);
    } finally {
      db.close();
    }
  });

  test('a WAL-mode header still opens', async () => {
    const b = makeDb(sql, schema100());
    b[18] = 2;
    b[19] = 2;
    const { report } = await readDb(readProfilerDb, 'wal.db', b);
    expect(report.status).toBe('read');
  });
});
