// Every real profiler SQLite export under ../shared/samples/ascend, checked against independent
// queries on the same file (plain sql.js, no importer code): slice counts per lane equal the
// source rows, first/last timestamps are exact, flows all bind. Skips with SKIP_REASON without
// samples. (Text vs db exports: real-text-vs-db.test.ts; analysis/cluster dbs:
// real-analysis-dbs.test.ts.)
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hasSamples, SAMPLES_DIR, samplePath, SKIP_REASON } from '../../../test/real-samples';
import { DbFile } from './db-file';
import { buildDbTrace, type DbTraceResult } from './db-trace';
import {
  ANALYSIS_DBS,
  bytesOf,
  cols,
  CLUSTER_DB,
  counterSamples,
  exactNs,
  has,
  laneCounts,
  max,
  min,
  offsetOf,
  pick,
  PROFILER_DBS,
  q,
  times,
  traceLanes,
} from './test-real-dbs';
import { loadSqlJs, type Database, type SqlJsStatic } from './sql-loader';
import { locateSqlJsInNode } from './sql-loader-node';

let sql: SqlJsStatic;
const timings: string[] = [];

beforeAll(async () => {
  locateSqlJsInNode();
  sql = await loadSqlJs();
});
afterAll(() => {
  if (timings.length > 0) console.log(`db import timings:\n${timings.join('\n')}`);
});

function open(rel: string, bytes: Uint8Array): { built: DbTraceResult; ms: number } {
  const t0 = performance.now();
  const db = DbFile.open(sql, bytes, rel);
  try {
    const built = buildDbTrace(db);
    return { built, ms: performance.now() - t0 };
  } finally {
    db.close();
  }
}

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
      const bytes = bytesOf(rel);
      const r = open(rel, bytes);
      built = r.built;
      timings.push(`  ${r.ms.toFixed(0).padStart(5)} ms  ${rel}`);
      ref = new sql.Database(bytes);
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
});
