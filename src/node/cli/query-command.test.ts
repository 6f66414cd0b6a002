// `ascend-trace-viewer query` on every input kind (generated data), its formats, profiles and
// error lines. Runs the command in-process; scripts/cli.test.ts runs the real processes.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { zipSync } from 'fflate';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../import/db/sql-loader';
import { locateSqlJsInNode } from '../../import/db/sql-loader-node';
import { makeDb, ns, schema100 } from '../../import/db/test-dbs';
import { kinetoTrace } from './test-traces';
import { cliMain } from './main';

const L2 = 'fixtures/ascend/level2-rank0';
const CLUSTER = 'fixtures/cluster-8/run_20250101';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await cliMain(argv, {
    out: (s) => (out += s),
    err: (s) => (err += s),
    progress: false,
  });
  return { code, out, err };
}

/** Runs a query that must succeed and returns its CSV as rows (header first). */
async function csv(input: string, sql: string, ...opts: string[]): Promise<string[][]> {
  const r = await run('query', input, sql, ...opts);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return Papa.parse<string[]>(r.out.trimEnd(), { skipEmptyLines: false }).data;
}

let tmp: string;
const write = (rel: string, data: string | Uint8Array): string => {
  const path = join(tmp, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
  return path;
};

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'atv-query-'));
});

describe('query: every input kind', () => {
  it('Ascend text folder: kernel, step, slice and flow tables', async () => {
    const truth = JSON.parse(readFileSync(join(L2, 'truth.json'), 'utf8')) as {
      kernels: { rows: number; totalDurNs: number; firstStartNs: string };
    };
    const rows = await csv(L2, 'SELECT count(*) AS n, sum(dur) AS total, min(ts_abs) FROM kernel');
    expect(rows).toEqual([
      ['n', 'total', 'min(ts_abs)'],
      [String(truth.kernels.rows), String(truth.kernels.totalDurNs), truth.kernels.firstStartNs],
    ]);
    const steps = await csv(L2, 'SELECT step, computing, computing_ns FROM step ORDER BY step');
    expect(steps[0]).toEqual(['step', 'computing', 'computing_ns']);
    expect(steps.length).toBeGreaterThan(1);
    for (const [, us, nsText] of steps.slice(1))
      expect(Number(nsText)).toBe(Math.round(Number(us) * 1000));
    const abs = await csv(
      L2,
      "SELECT ts, ts_abs, (SELECT value FROM meta WHERE key = 'trace_start_ns') AS base, " +
        'typeof(ts_abs) AS t FROM slice ORDER BY ts DESC LIMIT 1',
    );
    const [ts, tsAbs, base, type] = abs[1]!;
    expect(type).toBe('integer');
    expect(BigInt(tsAbs!)).toBe(BigInt(base!) + BigInt(ts!));
    const flows = await csv(
      L2,
      'SELECT count(*) FROM flow f JOIN slice a ON a.id = f.from_slice ' +
        'WHERE f.from_ts_abs - f.from_ts = (SELECT value FROM meta WHERE key = "trace_start_ns")',
    );
    expect(Number(flows[1]![0])).toBeGreaterThan(0);
    // Only the tables a script names are filled: flow alone still points at the right slices.
    const flowIds = 'SELECT count(*), sum(from_slice), sum(to_slice), max(from_ts_abs) FROM flow';
    expect(await csv(L2, flowIds)).toEqual(await csv(L2, `${flowIds} -- and slice, all tables`));
  });

  it('db-only folder: trace tables from the db and the db itself attached by its name', async () => {
    locateSqlJsInNode();
    const bytes = makeDb(await loadSqlJs(), schema100());
    const dir = join(tmp, 'dbonly');
    write('dbonly/rank0_ascend_pt/ASCEND_PROFILER_OUTPUT/ascend_pytorch_profiler_0.db', bytes);
    expect(await csv(dir, "SELECT ts_abs, dur FROM slice WHERE name = 'Add_0'")).toEqual([
      ['ts_abs', 'dur'],
      [ns(250123), '10333'],
    ]);
    expect(
      await csv(dir, 'SELECT startNs FROM ascend_pytorch_profiler_0.TASK WHERE globalTaskId = 10'),
    ).toEqual([['startNs'], [ns(250123)]]);
    expect(await csv(dir, 'SELECT name, dur FROM kernel ORDER BY ts LIMIT 1')).toEqual([
      ['name', 'dur'],
      ['Add_0', '10333'],
    ]);
  });

  it('cluster folder: a profile table, the first rank by default, --profile by rank or id', async () => {
    const profiles = await csv(CLUSTER, 'SELECT rank, selected FROM profile ORDER BY rank');
    expect(profiles.length).toBe(9);
    expect(profiles[1]).toEqual(['0', '1']);
    expect(profiles.slice(2).every((r) => r[1] === '0')).toBe(true);
    const rank5 = await csv(CLUSTER, 'SELECT rank FROM profile WHERE selected', '--profile', '5');
    expect(rank5).toEqual([['rank'], ['5']]);
    const id = (await csv(CLUSTER, 'SELECT id FROM profile WHERE rank = 3'))[1]![0]!;
    expect(await csv(CLUSTER, 'SELECT rank FROM profile WHERE selected', '--profile', id)).toEqual([
      ['rank'],
      ['3'],
    ]);
    // Ranks differ: the selected profile's own trace is what the tables hold.
    const start = async (p: string) =>
      (
        await csv(CLUSTER, "SELECT value FROM meta WHERE key = 'trace_start_ns'", '--profile', p)
      )[1];
    expect(await start('0')).not.toEqual(await start('4'));
    const bad = await run('query', CLUSTER, 'SELECT 1', '--profile', '99');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^--profile 99: no such profile; found: .*\(rank 0\)/);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
  });

  it('Kineto trace: kernels reached from CPU ops through flows', async () => {
    const path = write('kineto/worker0.pt.trace.json', kinetoTrace());
    const rows = await csv(
      path,
      'SELECT a.name AS op, b.name AS kernel FROM flow f JOIN slice a ON a.id = f.from_slice ' +
        'JOIN slice b ON b.id = f.to_slice ORDER BY b.ts',
    );
    expect(rows).toEqual([
      ['op', 'kernel'],
      ['cudaLaunchKernel', 'volta_sgemm_128x64_nn'],
      ['cudaLaunchKernel', 'vectorized_elementwise_kernel'],
    ]);
  });

  it('plain Chrome trace and gzip', async () => {
    const rows = await csv('fixtures/trace-json/instants.json', 'SELECT count(*) FROM instant');
    expect(Number(rows[1]![0])).toBeGreaterThan(0);
    const gz = await csv('fixtures/trace-json/gzip.json.gz', 'SELECT count(*) AS n FROM slice');
    const plain = await csv('fixtures/trace-json/gzip.json.gz', 'SELECT count(*) AS n FROM slice');
    expect(Number(gz[1]![0])).toBeGreaterThan(0);
    expect(gz).toEqual(plain);
  });

  it('zip of a profiler folder gives the same answers as the folder', async () => {
    const files: Record<string, Uint8Array> = {};
    const base = join(L2, 'node0_1408377_20250109084754607_ascend_pt');
    for (const name of ['trace_view.json', 'kernel_details.csv', 'step_trace_time.csv']) {
      files[`p_ascend_pt/ASCEND_PROFILER_OUTPUT/${name}`] = readFileSync(
        join(base, 'ASCEND_PROFILER_OUTPUT', name),
      );
    }
    const zip = write('l2.zip', zipSync(files));
    const sql =
      'SELECT name, count(*), sum(dur) FROM kernel GROUP BY name ORDER BY 3 DESC, 1 LIMIT 5;' +
      'SELECT count(*), sum(dur), min(ts_abs) FROM slice';
    const a = await csv(zip, sql);
    const b = await csv(L2, sql);
    expect(a).toEqual(b);
    const top = await csv(zip, sql.split(';')[0]!);
    expect(top.length).toBe(6);
    expect(top).toEqual(await csv(L2, sql.split(';')[0]!));
  });
});

describe('query: output formats and scripts', () => {
  const sql = 'SELECT 1 AS a, \'x,"y"\' AS b, NULL AS c, 1.5 AS d, 9007199254740993 AS e';
  it('CSV quotes what needs it; NULL is empty; big integers exact', async () => {
    const r = await run('query', L2, sql);
    expect(r.out).toBe('a,b,c,d,e\n1,"x,""y""",,1.5,9007199254740993\n');
  });
  it('JSON is an array of objects', async () => {
    const r = await run('query', L2, sql, '--format', 'json');
    expect(JSON.parse(r.out)).toEqual([
      { a: 1, b: 'x,"y"', c: null, d: 1.5, e: '9007199254740993' },
    ]);
    const empty = await run('query', L2, 'SELECT 1 WHERE 0', '--format', 'json');
    expect([empty.code, JSON.parse(empty.out)]).toEqual([0, []]);
  });
  it('table aligns columns', async () => {
    const r = await run(
      'query',
      L2,
      "SELECT 1 AS n, 'ab' AS s UNION ALL SELECT 100, 'c'",
      '--format',
      'table',
    );
    expect(r.out).toBe('n    s\n---  --\n  1  ab\n100  c\n(2 rows)\n');
  });
  it('several statements print the last; -f reads a file; an empty result keeps the header', async () => {
    const file = write(
      'q.sql',
      "-- a comment; with a semicolon\nSELECT ';' AS x;\nSELECT 2 AS y;\n",
    );
    const r = await run('query', L2, '-f', file);
    expect([r.code, r.out]).toEqual([0, 'y\n2\n']);
    const empty = await run('query', L2, 'SELECT name FROM slice WHERE 0');
    expect([empty.code, empty.out, empty.err]).toEqual([0, 'name\n', '']);
  });
});

describe('query: errors are one line on stderr, exit 2', () => {
  const fails = async (argv: string[], line: RegExp) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.endsWith('\n')).toBe(true);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err.trimEnd()).toMatch(line);
  };
  it('SQL errors name the line and column', async () => {
    await fails(
      ['query', L2, 'SELECT 1;\nSELECT name\n  FROM slice WHERE nope = 1'],
      /^SQL error at line 3, column 20: no such column: nope$/,
    );
    await fails(
      ['query', L2, 'SELECT name, ts FROM slice WHERE ts > 0 ts'],
      /^SQL error at line 1, column 41: near "ts": syntax error$/,
    );
    await fails(
      ['query', L2, 'SELECT * FROM nosuch'],
      /^SQL error at line 1, column 15: no such table: nosuch$/,
    );
    await fails(['query', L2, 'SELECT (1'], /^SQL error at line 1, column 10: incomplete input$/);
  });
  it('writes are refused', async () => {
    await fails(
      ['query', L2, 'SELECT 1; DELETE FROM slice'],
      /^SQL error at line 1, column 11: .*read-only/,
    );
    await fails(['query', L2, ' ; '], /^SQL error: empty query$/);
  });
  it('unusable input and bad arguments', async () => {
    await fails(['query', '/nonexistent', 'SELECT 1'], /^\/nonexistent: no such file or folder$/);
    const bad = write('bad/ASCEND_PROFILER_OUTPUT/trace_view.json', new Uint8Array([0x89, 0x50]));
    await fails(['query', dirname(dirname(bad)), 'SELECT 1'], /trace_view\.json: not a JSON trace/);
    await fails(['query', L2], /no SQL given/);
    await fails(
      ['query', L2, 'SELECT 1', '--format', 'xml'],
      /--format xml is not one of csv, json, table/,
    );
    await fails(['query', L2, 'SELECT 1', '--bogus'], /^query: Unknown option '--bogus'/);
    await fails(['query', L2, '-f', join(tmp, 'none.sql')], /none\.sql: no such file$/);
    await fails(['nope'], /unknown verb "nope"/);
  });
});

describe('help', () => {
  it('every verb has --help; the overview lists them', async () => {
    const all = await run('--help');
    expect(all.code).toBe(0);
    for (const verb of ['summarize', 'query', 'compare']) {
      expect(all.out).toContain(verb);
      const h = await run(verb, '--help');
      expect(h.code).toBe(0);
      expect(h.out).toMatch(new RegExp(`^usage: ascend-trace-viewer ${verb}`));
    }
  });
});
