// Every real SQLite export under ../shared/samples/ascend, checked against independent queries on
// the same file (plain sql.js, no importer code): slice counts per lane equal the source rows,
// first/last timestamps are exact, flows all bind. The text and db exports of the same
// workload give the same kernels and communication ops. Skips with SKIP_REASON without samples.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  hasSamples,
  MI,
  MS,
  SAMPLES_DIR,
  samplePath,
  SKIP_REASON,
  UB,
} from '../../../test/real-samples';
import type { InputReport, ProfileModel } from '../../model/profile';
import { summarizeProfile } from '../../model/summarize-profile';
import type { TraceModel } from '../../model/trace-model';
import { emptyProfile } from '../import-profile';
import { parseCsvFile } from '../readers/csv-reader';
import type { FileReader } from '../readers/reader';
import { memoryFile } from '../sources/input-file';
import { importTraceJson } from '../trace/import-trace-json';
import { DB_SUMMARY_EXTENSION } from '.';
import { DbFile } from './db-file';
import { readAnalysisDb, readClusterDb, readProfilerDb } from './db-readers';
import { buildDbTrace, type DbTraceResult } from './db-trace';
import { loadSqlJs, type Database, type SqlJsStatic } from './sql-loader';
import { locateSqlJsInNode } from './sql-loader-node';

const level = (l: string, r: number) => `${MI}/db/${l}/rank${r}_ascend_pt/ASCEND_PROFILER_OUTPUT`;
const MI_PAIRS = ['level0', 'level2'].flatMap((l) => [0, 1].map((r) => ({ l, r })));

const PROFILER_DBS = [
  ...MI_PAIRS.map(({ l, r }) => `${level(l, r)}/ascend_pytorch_profiler_${r}.db`),
  `${UB}/51936664b60996abbac52ba3428d06721fca8f71.ascend_pytorch_profiler.db`,
  `${UB}/6971c32e1aa9267332925e42bb216b9c9969f8dd.ascend_pytorch_profiler.db`,
  `${UB}/9f6479d7c6fd32132328c555b4b986ce2612ea31.ascend_pytorch_profiler.db`,
  `${UB}/547569835251d5d819a6e1df1443f9b7c1e83ae9.msprof.db`,
  `${UB}/cb8025bd1e53ee6f9c60153504ce4b096db94fe7.msprof.db`,
  `${UB}/cfbc77c9ec6ade2863970c1c8549630dfd63e2be.msprof.db`,
  `${UB}/d27a856ad9f0ec962d7a3ef548d427c270f3cb4e.msprof.db`,
  `${UB}/d4014934e788e8c456c466d8628dd447d8bbf47f.msprof.db`,
  `${UB}/fc25e811618c61c759caa16cd0c378a3d7dfc3f8.msprof.db`,
  `${MS}/full_db/msprof_0.db`,
];
const ANALYSIS_DBS = [
  ...MI_PAIRS.map(({ l, r }) => `${level(l, r)}/analysis.db`),
  `${UB}/9e06b218934a79563c2bf42515e6e8b3f73f2c81.analysis.db`,
  `${UB}/a6b48e978d3225f9a4f456028c8d1a30abf8b30f.analysis.db`,
  `${UB}/a728680e6898cac71aa4f62480faeff94a1a2239.analysis.db`,
  `${UB}/ac9b98154da744c3bfd1b4c1a68f28312b03c6ba.analysis.db`,
  `${MS}/multiDevice/msprof_db/ASCEND_PROFILER_OUTPUT/analysis.dat`,
];
const CLUSTER_DB = `${UB}/5ca4593931553501182e77ae716fb39820e1411b.cluster_analysis.db`;

let sql: SqlJsStatic;
const timings: string[] = [];
const bytesOf = (rel: string) => new Uint8Array(readFileSync(samplePath(rel)));

beforeAll(async () => {
  locateSqlJsInNode();
  sql = await loadSqlJs();
});
afterAll(() => {
  if (timings.length > 0) console.log(`db import timings:\n${timings.join('\n')}`);
});

// ---- independent reference queries ------------------------------------------------------------

function q(db: Database, text: string): (string | number | null)[][] {
  const r = db.exec(text)[0];
  return (r?.values ?? []) as (string | number | null)[][];
}
const has = (db: Database, t: string) =>
  q(db, `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '${t}'`).length > 0;
const cols = (db: Database, t: string) =>
  q(db, `PRAGMA table_info("${t}")`).map((r) => String(r[1]));
const pick = (db: Database, t: string, ...names: string[]) =>
  names.find((n) => cols(db, t).includes(n)) ?? null;

/** Exact ns of a stored time: integer text, or a decimal / exponent text (pre-1.0 dbs). */
function exactNs(text: string): bigint {
  if (/^-?\d+$/.test(text)) return BigInt(text);
  const m = /^(\d+)(?:\.(\d+))?e\+?(\d+)$/i.exec(text);
  if (!m) throw new Error(`unexpected time ${text}`);
  const digits = m[1]! + (m[2] ?? '');
  return BigInt(digits) * 10n ** BigInt(Number(m[3]) - (m[2] ?? '').length);
}

/** baseTimeNs when the db stored times relative to it (the oldest msprof schema). */
function offsetOf(db: Database): bigint {
  const t = has(db, 'TARGET_INFO_SESSION_TIME') ? 'TARGET_INFO_SESSION_TIME' : 'SESSION_TIME_INFO';
  if (!has(db, t) || !cols(db, t).includes('baseTimeNs')) return 0n;
  const [base, start] = q(
    db,
    `SELECT CAST(baseTimeNs AS TEXT), CAST(startTimeNs AS TEXT) FROM ${t}`,
  )[0]!;
  const task = pick(db, 'TASK', 'startNs', 'start')!;
  const sample = exactNs(String(q(db, `SELECT CAST("${task}" AS TEXT) FROM TASK LIMIT 1`)[0]![0]));
  const b = BigInt(String(base));
  const s = BigInt(String(start));
  const abs = (v: bigint) => (v < 0n ? -v : v);
  return abs(sample + b - s) < abs(sample - s) ? b : 0n;
}

/** Every value of a time column as exact ns. */
function times(db: Database, table: string, col: string, off: bigint): bigint[] {
  return q(db, `SELECT CAST("${col}" AS TEXT) FROM "${table}" WHERE "${col}" IS NOT NULL`).map(
    (r) => exactNs(String(r[0])) + off,
  );
}

const min = (v: bigint[]) => v.reduce((a, b) => (b < a ? b : a));
const max = (v: bigint[]) => v.reduce((a, b) => (b > a ? b : a));

// ---- trace inspection -----------------------------------------------------------------------

interface Lane {
  count: number;
  starts: bigint[];
}

/** Slices per "process|labels|thread name", main and overflow lanes together. */
function traceLanes(t: TraceModel): Map<string, Lane> {
  const out = new Map<string, Lane>();
  const base = BigInt(t.baseNs);
  for (const tr of t.sliceTracks) {
    const p = t.processes[tr.process]!;
    const th = t.threads[tr.thread];
    const key = `${p.name}|${p.labels.join(',')}|${th?.name ?? tr.name}`;
    const lane = out.get(key) ?? { count: 0, starts: [] };
    lane.count += tr.slices.length;
    for (let i = 0; i < tr.slices.length; i++) lane.starts.push(base + BigInt(tr.slices.start[i]!));
    out.set(key, lane);
  }
  return out;
}

function laneCounts(t: TraceModel, process: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of traceLanes(t)) {
    const [p, , thread] = k.split('|');
    if (p === process) out.set(thread!, (out.get(thread!) ?? 0) + v.count);
  }
  return out;
}

function counterSamples(t: TraceModel, process: string): number {
  let n = 0;
  for (const c of t.counters) if (t.processes[c.process]!.name === process) n += c.ts.length;
  return n;
}

function open(rel: string): { built: DbTraceResult; ms: number } {
  const t0 = performance.now();
  const db = DbFile.open(sql, bytesOf(rel), rel);
  try {
    const built = buildDbTrace(db);
    return { built, ms: performance.now() - t0 };
  } finally {
    db.close();
  }
}

async function read(
  reader: FileReader,
  rel: string,
  profile?: ProfileModel,
): Promise<ProfileModel> {
  const p =
    profile ??
    emptyProfile({
      id: rel,
      root: rel,
      label: rel,
      kind: 'ascend',
      rank: null,
      runFolder: null,
      level: null,
      exportType: null,
      host: null,
      files: [rel],
    });
  const bytes = bytesOf(rel);
  const report: InputReport = { path: rel, kind: 'db', bytes: bytes.length, status: 'skipped' };
  await reader(
    memoryFile(rel, bytes),
    { profile: p, argsFromFile: false, progress: () => {} },
    report,
  );
  p.inputs.push(report);
  return p;
}

// ---- tests ------------------------------------------------------------------------------------

describe.skipIf(!hasSamples)(`real SQLite exports${hasSamples ? '' : ` - ${SKIP_REASON}`}`, () => {
  test('every db in the samples is covered', () => {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(db|dat)$/.test(e.name)) found.push(relative(SAMPLES_DIR, p));
      }
    };
    walk(samplePath('ascend'));
    expect(found.sort()).toEqual([...PROFILER_DBS, ...ANALYSIS_DBS, CLUSTER_DB].sort());
  });

  describe.each(PROFILER_DBS)('%s', (rel) => {
    let built: DbTraceResult;
    let ref: Database;
    let off: bigint;
    beforeAll(() => {
      const r = open(rel);
      built = r.built;
      timings.push(`  ${r.ms.toFixed(0).padStart(5)} ms  ${rel}`);
      ref = new sql.Database(bytesOf(rel));
      off = offsetOf(ref);
    });
    afterAll(() => ref.close());

    test('device streams: one slice per TASK row, first/last start exact', () => {
      const t = built.trace;
      const lanes = traceLanes(t);
      const start = pick(ref, 'TASK', 'startNs', 'start')!;
      const rows = q(ref, 'SELECT DISTINCT deviceId, streamId FROM TASK');
      expect(rows.length).toBeGreaterThan(0);
      let total = 0;
      for (const [dev, stream] of rows) {
        const lane = lanes.get(`Ascend Hardware|NPU ${dev}|Stream ${stream}`)!;
        const where = `WHERE deviceId = ${dev} AND streamId = ${stream}`;
        const ts = q(ref, `SELECT CAST("${start}" AS TEXT) FROM TASK ${where}`).map(
          (r) => exactNs(String(r[0])) + off,
        );
        expect(lane.count, `stream ${stream}`).toBe(ts.length);
        expect(min(lane.starts)).toBe(min(ts));
        expect(max(lane.starts)).toBe(max(ts));
        total += ts.length;
      }
      expect(laneCounts(t, 'Ascend Hardware').size).toBe(rows.length);
      expect(total).toBe(q(ref, 'SELECT count(*) FROM TASK')[0]![0]);
    });

    test('communication: ops on group lanes, tasks on plane lanes', () => {
      const hccl = laneCounts(built.trace, 'HCCL');
      const groups = [...hccl].filter(([k]) => k.endsWith('Communication'));
      const ops = has(ref, 'COMMUNICATION_OP')
        ? q(ref, 'SELECT count(*) FROM COMMUNICATION_OP')[0]![0]
        : 0;
      expect(groups.reduce((a, [, n]) => a + n, 0)).toBe(ops);
      if (!has(ref, 'COMMUNICATION_TASK_INFO')) return;
      const key = pick(ref, 'TASK', 'globalTaskId', 'correlationId')!;
      const ctKey = pick(ref, 'COMMUNICATION_TASK_INFO', 'globalTaskId', 'correlationId')!;
      const planes = q(
        ref,
        `SELECT CASE WHEN ct.planeId < 0 OR ct.planeId >= 4294967295 THEN 0 ELSE ct.planeId END, count(*)
         FROM COMMUNICATION_TASK_INFO ct JOIN TASK t ON t."${key}" = ct."${ctKey}" GROUP BY 1`,
      );
      for (const [plane, n] of planes) expect(hccl.get(`Plane ${plane}`), `plane ${plane}`).toBe(n);
      expect([...hccl.keys()].filter((k) => k.startsWith('Plane'))).toHaveLength(planes.length);
    });

    test('host lanes: CANN and Python threads hold their API rows', () => {
      const api = has(ref, 'CANN_API') ? 'CANN_API' : has(ref, 'API') ? 'API' : null;
      const cann = laneCounts(built.trace, 'CANN');
      if (api) {
        const rows = q(ref, `SELECT globalTid & 4294967295, count(*) FROM "${api}" GROUP BY 1`);
        for (const [tid, n] of rows) expect(cann.get(`Thread ${tid}`), `CANN ${tid}`).toBe(n);
        expect(cann.size).toBe(rows.length);
      } else expect(cann.size).toBe(0);
      const py = laneCounts(built.trace, 'Python');
      if (has(ref, 'PYTORCH_API')) {
        const rows = q(ref, 'SELECT globalTid & 4294967295, count(*) FROM PYTORCH_API GROUP BY 1');
        for (const [tid, n] of rows) expect(py.get(`Thread ${tid}`), `Python ${tid}`).toBe(n);
        expect(py.size).toBe(rows.length);
      } else expect(py.size).toBe(0);
    });

    test('counters: samples per source row as in the text export', () => {
      const t = built.trace;
      const per: [string, string, number][] = [
        ['HBM', 'HBM', 1],
        ['LLC', 'LLC', 2],
        ['DDR', 'DDR', 2],
        ['NPU_MEM', 'NPU MEM', 3],
        ['ACC_PMU', 'Acc PMU', 4],
        ['SOC_BANDWIDTH_LEVEL', 'Stars Soc Info', 2],
        ['AICORE_FREQ', 'AI Core Freq', 1],
      ];
      for (const [table, process, k] of per) {
        const rows = has(ref, table) ? Number(q(ref, `SELECT count(*) FROM ${table}`)[0]![0]) : 0;
        expect(counterSamples(t, process), table).toBe(rows * k);
      }
    });

    test('flows all bind; arrows match the connection ids', () => {
      const f = built.trace.stats.flows;
      expect(f.unbound).toBe(0);
      expect(f.startOnly + f.endOnly).toBe(0);
      const api = has(ref, 'CANN_API') ? 'CANN_API' : has(ref, 'API') ? 'API' : null;
      const ops = has(ref, 'COMMUNICATION_OP')
        ? 'SELECT connectionId AS c FROM COMMUNICATION_OP WHERE connectionId IS NOT NULL'
        : 'SELECT NULL AS c WHERE 0';
      // A flow target per connection: the op when one has it, else every task.
      const targets = `SELECT connectionId AS c FROM TASK WHERE connectionId NOT IN (SELECT c FROM (${ops}))
        UNION ALL ${ops}`;
      let expected = 0;
      if (api && cols(ref, api).includes('connectionId')) {
        // One start per connection id (MindStudio Insight repeats API rows at several depths).
        expected += Number(
          q(
            ref,
            `SELECT count(*) FROM (SELECT DISTINCT connectionId FROM "${api}") a JOIN (${targets}) x ON x.c = a.connectionId`,
          )[0]![0],
        );
      }
      if (has(ref, 'PYTORCH_API') && has(ref, 'CONNECTION_IDS')) {
        expected += Number(
          q(
            ref,
            `SELECT count(*) FROM CONNECTION_IDS ci JOIN PYTORCH_API p ON p.connectionId = ci.id JOIN (${targets}) x ON x.c = ci.connectionId`,
          )[0]![0],
        );
        expected += Number(
          q(
            ref,
            `SELECT count(*) - count(DISTINCT ci.connectionId) FROM CONNECTION_IDS ci JOIN PYTORCH_API p ON p.connectionId = ci.id
             WHERE ci.connectionId IN (SELECT connectionId FROM CONNECTION_IDS GROUP BY 1 HAVING count(*) > 1)
               AND ci.connectionId NOT IN (SELECT c FROM (${targets}))`,
          )[0]![0],
        );
      }
      expect(built.trace.flows.length).toBe(expected);
    });

    test('first and last timestamps are exact', () => {
      const all: bigint[] = [];
      const tables: [string, string[]][] = [
        ['TASK', ['startNs', 'start']],
        ['CANN_API', ['startNs']],
        ['API', ['startNs', 'start']],
        ['PYTORCH_API', ['startNs']],
        ['COMMUNICATION_OP', ['startNs']],
        ['MSTX_EVENTS', ['startNs']],
        ['HBM', ['timestampNs']],
        ['LLC', ['timestampNs']],
        ['DDR', ['timestampNs']],
        ['NPU_MEM', ['timestampNs']],
        ['ACC_PMU', ['timestampNs']],
        ['SOC_BANDWIDTH_LEVEL', ['timestampNs']],
        ['AICORE_FREQ', ['timestampNs']],
      ];
      for (const [table, names] of tables) {
        if (!has(ref, table)) continue;
        const c = pick(ref, table, ...names);
        if (c) all.push(...times(ref, table, c, off));
      }
      const t = built.trace;
      expect(t.stats.firstTsNs).toBe(min(all).toString());
      // Overlap Analysis slices start where device intervals end: part of the last event too.
      const overlap = [...traceLanes(t)].filter(([k]) => k.startsWith('Overlap Analysis|'));
      const last = max([...all, ...overlap.flatMap(([, l]) => l.starts)]);
      expect(t.stats.lastTsNs).toBe(last.toString());
    });
  });

  describe.each(MI_PAIRS)('text vs db export, $l rank $r', ({ l, r }) => {
    let text: TraceModel;
    let db: ProfileModel;
    beforeAll(async () => {
      const dir = `${MI}/text/${l}/rank${r}_ascend_pt/ASCEND_PROFILER_OUTPUT`;
      text = await importTraceJson(
        memoryFile('trace_view.json', bytesOf(`${dir}/trace_view.json`)),
      );
      db = await read(readProfilerDb, `${level(l, r)}/ascend_pytorch_profiler_${r}.db`);
    });

    test('same compute kernels (names and counts) and communication ops', async () => {
      const csv = await parseCsvFile(
        memoryFile(
          'k.csv',
          bytesOf(`${MI}/text/${l}/rank${r}_ascend_pt/ASCEND_PROFILER_OUTPUT/kernel_details.csv`),
        ),
      );
      const nameCol = csv.table.header.indexOf('Name');
      const coreCol = csv.table.header.indexOf('Accelerator Core');
      const textKernels = new Set(
        csv.table.rows.filter((x) => x[coreCol] !== 'HCCL').map((x) => x[nameCol]!),
      );
      const dbKernels = db.ascend.kernels!;
      const dbKernelNames = new Set<string>();
      for (let i = 0; i < dbKernels.length; i++) {
        if (dbKernels.strings[dbKernels.core[i]!] !== 'HCCL')
          dbKernelNames.add(dbKernels.strings[dbKernels.name[i]!]!);
      }
      const hist = (t: TraceModel, names: Set<string>) => {
        const out = new Map<string, number>();
        for (const tr of t.sliceTracks) {
          if (t.processes[tr.process]!.name !== 'Ascend Hardware') continue;
          for (let i = 0; i < tr.slices.length; i++) {
            const n = t.strings[tr.slices.name[i]!]!;
            if (names.has(n)) out.set(n, (out.get(n) ?? 0) + 1);
          }
        }
        return out;
      };
      const textHist = hist(text, textKernels);
      const dbHist = hist(db.trace!, dbKernelNames);
      expect([...dbHist].sort()).toEqual([...textHist].sort());
      expect([...dbHist.values()].reduce((a, b) => a + b, 0)).toBe(187);
      // The Kernels view lists the same kernels as kernel_details.csv, plus the same HCCL rows.
      expect(dbKernels.length).toBe(csv.table.rows.length);
      const groups = (t: TraceModel) =>
        [...laneCounts(t, 'HCCL')]
          .filter(([k]) => k.endsWith('Communication'))
          .reduce((a, [, n]) => a + n, 0);
      expect(groups(db.trace!)).toBe(groups(text));
      expect(groups(text)).toBe(4);
    });

    test('Overlap Analysis lanes: as many slices as the text export', () => {
      const text0 = laneCounts(text, 'Overlap Analysis');
      const db0 = laneCounts(db.trace!, 'Overlap Analysis');
      expect(Object.fromEntries(db0)).toEqual(Object.fromEntries(text0));
    });

    test('steps from STEP_TIME equal analysis.db StepTraceTime', async () => {
      const a = await read(readAnalysisDb, `${level(l, r)}/analysis.db`);
      expect(db.ascend.steps).toEqual(a.ascend.steps);
    });

    test('summary: trace block like the text one, plus the db key', async () => {
      await read(readAnalysisDb, `${level(l, r)}/analysis.db`, db);
      const s = summarizeProfile(db, [DB_SUMMARY_EXTENSION]);
      const textKeys = Object.keys({ ...s.trace, ...text.stats }).length;
      expect(textKeys).toBeGreaterThan(0);
      expect(Object.keys(s.trace!).sort()).toEqual(
        Object.keys(summarizeProfile({ ...db, trace: text }).trace!).sort(),
      );
      expect(s.trace!.processNames.slice(0, 5)).toEqual([
        'Python',
        'CANN',
        'Ascend Hardware',
        'HCCL',
        'Overlap Analysis',
      ]);
      const dbKey = s['db'] as {
        schemaVersion: string;
        tables: Record<string, number>;
        steps: string;
      };
      expect(dbKey.schemaVersion).toBe('1.0.0');
      expect(dbKey.tables['TASK']).toBeGreaterThan(500);
      expect(dbKey.steps).toBe('StepTraceTime');
    });
  });

  describe.each(ANALYSIS_DBS)('%s', (rel) => {
    test('steps, communication and matrix hold every row', async () => {
      const p = await read(readAnalysisDb, rel);
      const ref = new sql.Database(bytesOf(rel));
      try {
        const steps = q(ref, 'SELECT * FROM StepTraceTime');
        expect(p.ascend.steps).toHaveLength(steps.length);
        const stepCols = cols(ref, 'StepTraceTime');
        steps.forEach((row, i) => {
          const s = p.ascend.steps![i]!;
          expect(s.step).toBe(String(row[stepCols.indexOf('step')] ?? ''));
          expect(s.computing).toBe(row[stepCols.indexOf('computing')]);
          expect(s.deviceId).toBe(stepCols.includes('deviceId') ? String(row[0]) : null);
        });
        const n = (t: string) =>
          has(ref, t) ? Number(q(ref, `SELECT count(*) FROM ${t}`)[0]![0]) : null;
        expect(p.ascend.communication?.length ?? null).toBe(n('CommAnalyzerTime'));
        expect(p.ascend.commMatrix?.length ?? null).toBe(n('CommAnalyzerMatrix'));
      } finally {
        ref.close();
      }
    });
  });

  test('cluster_analysis.db: every table listed with all its rows', async () => {
    const p = await read(readClusterDb, CLUSTER_DB);
    const ref = new sql.Database(bytesOf(CLUSTER_DB));
    try {
      const tables = q(
        ref,
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
      ).map((r) => String(r[0]));
      expect(Object.keys(p.tables).sort()).toEqual(
        tables.map((t) => `cluster_analysis.db:${t}`).sort(),
      );
      for (const t of tables) {
        expect(p.tables[`cluster_analysis.db:${t}`]!.rows).toHaveLength(
          Number(q(ref, `SELECT count(*) FROM "${t}"`)[0]![0]),
        );
      }
      expect(p.tables['cluster_analysis.db:ClusterCommAnalyzerTime']!.header).toContain('rank_set');
    } finally {
      ref.close();
    }
  });

  test('the db reader never replaces a trace_view.json trace', async () => {
    const p = emptyProfile({
      id: '',
      root: '',
      label: 't',
      kind: 'ascend',
      rank: null,
      runFolder: null,
      level: null,
      exportType: null,
      host: null,
      files: [],
    });
    const dir = `${MI}/text/level2/rank0_ascend_pt/ASCEND_PROFILER_OUTPUT`;
    p.trace = await importTraceJson(
      memoryFile('trace_view.json', bytesOf(`${dir}/trace_view.json`)),
    );
    const trace = p.trace;
    await read(readProfilerDb, `${level('level2', 0)}/ascend_pytorch_profiler_0.db`, p);
    expect(p.trace).toBe(trace);
    expect(p.ascend.kernels?.source).toBe('db');
    expect((summarizeProfile(p, [DB_SUMMARY_EXTENSION])['db'] as { trace: string }).trace).toBe(
      'trace_view.json',
    );
  });
});
