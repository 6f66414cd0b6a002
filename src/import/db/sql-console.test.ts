import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { memoryFile } from '../sources/input-file';
import { readProfilerDb } from './db-readers';
import { EXAMPLE_QUERIES, examplesFor, readOnlyProblem, SqlConsole, aliasFor } from './sql-console';
import { createSqlConsoleHandlers } from './sql-console-handlers';
import { loadSqlJs, type SqlJsStatic } from './sql-loader';
import { locateSqlJsInNode } from './sql-loader-node';
import { analysisSchema, makeDb, ns, schema100 } from './test-dbs';
import { readDb, testProfile } from './test-helpers';
import type { ProfileModel } from '../../model/profile';

let sql: SqlJsStatic;
let profile: ProfileModel;
let bytes: Uint8Array;
let open: SqlConsole | null = null;

beforeAll(async () => {
  locateSqlJsInNode();
  sql = await loadSqlJs();
  bytes = makeDb(sql, schema100());
  ({ profile } = await readDb(
    readProfilerDb,
    'ascend_pytorch_profiler_0.db',
    bytes,
    testProfile({ label: 't' }),
  ));
});

afterEach(() => {
  open?.close();
  open = null;
});

async function consoleWithDbs(): Promise<SqlConsole> {
  const res = await SqlConsole.open({
    trace: profile.trace,
    ascend: profile.ascend,
    dbs: [
      { path: 'rank0/ASCEND_PROFILER_OUTPUT/ascend_pytorch_profiler_0.db', bytes },
      {
        path: 'rank0/ASCEND_PROFILER_OUTPUT/analysis.db',
        bytes: makeDb(sql, analysisSchema(false)),
      },
      { path: 'notes.txt', bytes: new TextEncoder().encode('hello') },
    ],
  });
  expect(res.problems).toEqual(['notes.txt: not an SQLite database (5 bytes)']);
  open = res.console;
  return res.console;
}

function rows(c: SqlConsole, q: string): unknown[][] {
  const r = c.runQuery(q);
  if (!r.ok) throw new Error(r.error);
  return r.rows;
}

describe('SQL console', () => {
  test('trace tables match the model', async () => {
    const c = await consoleWithDbs();
    const t = profile.trace!;
    expect(rows(c, 'SELECT count(*) FROM slice')).toEqual([[t.stats.slices]]);
    expect(rows(c, 'SELECT count(*) FROM flow')).toEqual([[t.flows.length]]);
    expect(rows(c, 'SELECT count(*) FROM process')).toEqual([[t.processes.length]]);
    expect(rows(c, "SELECT ts_abs, dur, name FROM slice WHERE name = 'Add_0'")).toEqual([
      [ns(250123), 10333, 'Add_0'],
    ]);
    expect(
      rows(
        c,
        "SELECT a.name, b.name FROM flow f JOIN slice a ON a.id = f.from_slice JOIN slice b ON b.id = f.to_slice WHERE f.category = 'fwdbwd'",
      ),
    ).toEqual([['aten::mul', 'MulBackward0']]);
    expect(
      rows(
        c,
        "SELECT p.name FROM slice s JOIN slice p ON p.id = s.parent WHERE s.name = 'Enqueue'",
      ),
    ).toEqual([['aten::add']]);
    expect(
      rows(c, "SELECT json_extract(args, '$.\"Block Dim\"') FROM slice WHERE name = 'Add_0'"),
    ).toEqual([[8]]);
    expect(rows(c, "SELECT value FROM counter WHERE name = 'HBM 0/Write'")).toEqual([[2]]);
    expect(rows(c, 'SELECT name, step, ts, dur FROM kernel ORDER BY ts')).toEqual([
      ['Add_0', 7, 250123, 10333],
      ['hcom_allReduce__1_0_1', 7, 500000, 20000],
    ]);
    expect(rows(c, 'SELECT step, computing FROM step')).toEqual([['7', 10.333]]);
    expect(rows(c, "SELECT value FROM meta WHERE key = 'trace_start_ns'")).toEqual([[ns(0)]]);
  });

  test('attached dbs join the trace; int64 values come back exact', async () => {
    const c = await consoleWithDbs();
    expect(c.attached.map((a) => a.alias)).toEqual(['ascend_pytorch_profiler_0', 'analysis']);
    expect(
      rows(c, 'SELECT startNs FROM ascend_pytorch_profiler_0.TASK WHERE globalTaskId = 10'),
    ).toEqual([[ns(250123)]]);
    expect(
      rows(
        c,
        'SELECT count(*) FROM slice s JOIN process p ON p.id = s.process ' +
          'JOIN ascend_pytorch_profiler_0.TASK t ON s.ts_abs = CAST(t.startNs AS TEXT) ' +
          "WHERE p.name = 'Ascend Hardware'",
      ),
    ).toEqual([[4]]);
    expect(rows(c, 'SELECT computing FROM analysis.StepTraceTime')).toEqual([[10.5]]);
  });

  test('read-only: writes, settings and several statements are refused', async () => {
    const c = await consoleWithDbs();
    const refused = [
      'DELETE FROM slice',
      "INSERT INTO slice (name) VALUES ('x')",
      'WITH x AS (SELECT 1) DELETE FROM slice',
      'UPDATE ascend_pytorch_profiler_0.TASK SET startNs = 0',
      'DROP TABLE slice',
      "ATTACH 'x' AS y",
      'PRAGMA query_only = 0',
      'PRAGMA query_only(0)',
      'PRAGMA writable_schema = 1',
      'PRAGMA journal_mode',
      'SELECT 1; DELETE FROM slice',
      'EXPLAIN PRAGMA query_only = 0',
      'VACUUM',
      '',
    ];
    for (const q of refused) {
      const r = c.runQuery(q);
      expect(r.ok, q).toBe(false);
    }
    expect(rows(c, 'SELECT count(*) FROM slice')).toEqual([[profile.trace!.stats.slices]]);
    for (const q of [
      'SELECT 1;',
      "SELECT replace(name, 'a', 'b') FROM slice LIMIT 1",
      'PRAGMA table_info(slice)',
      'PRAGMA ascend_pytorch_profiler_0.table_list',
      'PRAGMA database_list',
      'EXPLAIN QUERY PLAN SELECT * FROM slice',
      "SELECT ';' AS semicolon -- DELETE FROM slice",
      'WITH x AS (SELECT 1 AS a) SELECT a FROM x',
    ]) {
      expect(c.runQuery(q).ok, q).toBe(true);
    }
    expect(readOnlyProblem('  -- nothing\n')).toBe('empty query');
  });

  test('errors are messages; results are capped', async () => {
    const c = await consoleWithDbs();
    const bad = c.runQuery('SELECT * FROM nowhere');
    expect(bad).toMatchObject({ ok: false, error: 'no such table: nowhere' });
    const capped = c.runQuery('SELECT id FROM slice', { limit: 3 });
    expect(capped).toMatchObject({ ok: true, truncated: true });
    expect(capped.ok && capped.rows.length).toBe(3);
  });

  test('example queries run', async () => {
    const c = await consoleWithDbs();
    const examples = examplesFor(c.attached);
    expect(examples).toHaveLength(EXAMPLE_QUERIES.length);
    for (const q of examples) {
      const r = c.runQuery(q.sql);
      expect(r.ok ? '' : r.error, q.title).toBe('');
    }
    expect(c.runQuery(examples[0]!.sql)).toMatchObject({
      ok: true,
      rows: [
        ['hcom_allReduce__1_0_1', 'HCCL', 1, 20000, 20000, 20000],
        ['Add_0', 'AI_VECTOR_CORE', 1, 10333, 10333, 10333],
      ],
    });
  });

  test('aliases are safe identifiers', () => {
    expect(aliasFor('a/b/ascend_pytorch_profiler_0.db', new Set())).toBe(
      'ascend_pytorch_profiler_0',
    );
    expect(aliasFor('x/analysis.db', new Set(['analysis']))).toBe('analysis_2');
    expect(aliasFor('1-main.db', new Set())).toBe('db_1_main');
    expect(aliasFor('main.db', new Set())).toBe('main_db');
  });

  test('worker handlers: open, query, close', async () => {
    const files = new Map([['p.db', memoryFile('p.db', bytes)]]);
    const h = createSqlConsoleHandlers(() => files);
    const ctx = { signal: new AbortController().signal, progress: () => {} };
    const opened = await h['sqlOpen'](
      { dbPaths: ['p.db', 'missing.db'], trace: profile.trace },
      ctx,
    );
    expect(opened.attached.map((a) => a.alias)).toEqual(['p']);
    expect(opened.problems).toEqual(['missing.db: not among the opened files']);
    expect(opened.tables.map((t) => t.name)).toContain('slice');
    const r = await h['sqlQuery']({ sql: 'SELECT count(*) FROM p.TASK' }, ctx);
    expect(r).toMatchObject({ ok: true, rows: [[4]] });
    await h.sqlClose(undefined, ctx);
    expect(await h['sqlQuery']({ sql: 'SELECT 1' }, ctx)).toMatchObject({ ok: false });
  });
});
