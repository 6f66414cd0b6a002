// Every real analysis.db and cluster_analysis.db under ../shared/samples/ascend, checked against
// independent queries on the same file (plain sql.js): every row of the tables read is kept.
// Skips with SKIP_REASON without samples.
import { beforeAll, describe, expect, test } from 'vitest';
import { hasSamples, SKIP_REASON } from '../../../test/real-samples';
import { readAnalysisDb, readClusterDb } from './db-readers';
import { ANALYSIS_DBS, bytesOf, CLUSTER_DB, cols, has, q, readSample } from './test-real-dbs';
import { loadSqlJs, type SqlJsStatic } from './sql-loader';
import { locateSqlJsInNode } from './sql-loader-node';

let sql: SqlJsStatic;

beforeAll(async () => {
  locateSqlJsInNode();
  sql = await loadSqlJs();
});

describe.skipIf(!hasSamples)(`real SQLite exports${hasSamples ? '' : ` - ${SKIP_REASON}`}`, () => {
  describe.each(ANALYSIS_DBS)('%s', (rel) => {
    test('steps, communication and matrix hold every row', async () => {
      const bytes = bytesOf(rel);
      const p = await readSample(readAnalysisDb, rel, undefined, bytes);
      const ref = new sql.Database(bytes);
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
    const bytes = bytesOf(CLUSTER_DB);
    const p = await readSample(readClusterDb, CLUSTER_DB, undefined, bytes);
    const ref = new sql.Database(bytes);
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
});
