/**
 * SQL console backend: an in-memory SQLite database holding the loaded trace and Ascend views
 * as tables (see `console-tables.ts` for the schema shown in the UI), with the profile's db files
 * attached read-only (`ATTACH … AS <alias>`, alias = the file's base name, e.g.
 * `ascend_pytorch_profiler_0`, `analysis`), so one query can join them.
 *
 * Read-only: only one SELECT / WITH / PRAGMA (reading pragmas only) / EXPLAIN statement is run
 * at a time, and the connection has `PRAGMA query_only` on, so nothing can be modified; the
 * attached files are sql.js in-memory copies in any case, never the user's files. Errors come
 * back as messages, never as exceptions. Queries run synchronously (sql.js cannot interrupt).
 */
import type { AscendData } from '../../model/ascend-data';
import type { TraceModel } from '../../model/trace-model';
import type { ProfileDescriptor } from '../../model/profile';
import type { InputFile } from '../sources/input-file';
import { argsWithArena } from '../trace/args-arena';
import { loadProfileTable } from './console-profile-table';
import { loadConsoleTables } from './console-tables';
import { DbFile, ident, sqliteErrorText } from './db-file';
import { loadSqlJs, type Database, type SqlJsStatic, type SqlValue } from './sql-loader';

export type ConsoleCell = string | number | null;

export type QueryResult =
  | { ok: true; columns: string[]; rows: ConsoleCell[][]; truncated: boolean; ms: number }
  | { ok: false; error: string; ms: number };

export interface AttachedDb {
  alias: string;
  path: string;
  /** Tables of the attached db with their columns. */
  tables: { name: string; columns: string[] }[];
}

export interface ConsoleOpenOptions {
  trace?: TraceModel | null;
  ascend?: AscendData | null;
  /** Database files to attach (path relative to what was opened, and their bytes). */
  dbs?: { path: string; bytes: Uint8Array }[];
  /**
   * The trace's source file, for args kept as byte ranges into it (they are copied into memory
   * so that `slice.args` and the `args` view cover every slice).
   */
  traceSource?: InputFile | null;
  /** sql.js instance (default: `loadSqlJs()`). */
  sql?: SqlJsStatic;
  /** Every profile opened and the one shown: adds the `profile` table (command-line query). */
  profiles?: { list: readonly ProfileDescriptor[]; selected: string | null };
  /** Fill only the trace tables it accepts (all are created); all when absent. */
  onlyTables?: (table: string) => boolean;
}

/** Example queries for the console (`{db}` stands for the alias of an attached profiler db). */
export const EXAMPLE_QUERIES: { title: string; sql: string }[] = [
  {
    title: 'Top kernels by total time',
    sql:
      'SELECT name, core, count(*) AS calls, sum(dur) AS total_ns, round(avg(dur)) AS avg_ns, max(dur) AS max_ns\n' +
      'FROM kernel GROUP BY name, core ORDER BY total_ns DESC LIMIT 20',
  },
  {
    title: 'Gaps on a stream (idle time between device tasks)',
    sql:
      'WITH s AS (SELECT sl.ts, sl.dur, sl.name FROM slice sl JOIN track tr ON tr.id = sl.track\n' +
      '  JOIN process p ON p.id = sl.process\n' +
      "  WHERE p.name = 'Ascend Hardware' AND tr.name = 'Stream 2' AND sl.depth = 0)\n" +
      'SELECT name, ts, ts - lag(ts + dur) OVER (ORDER BY ts) AS gap_ns FROM s\n' +
      'ORDER BY gap_ns DESC LIMIT 20',
  },
  {
    title: 'Steps by duration',
    sql: "SELECT name, dur AS dur_ns, ts_abs FROM slice WHERE name LIKE 'ProfilerStep#%' ORDER BY dur DESC",
  },
  {
    title: 'Step breakdown (step_trace_time)',
    sql: 'SELECT * FROM step ORDER BY stage DESC',
  },
  {
    title: 'Slowest communication ops',
    sql:
      'SELECT sl.name, sl.dur, sl.ts_abs FROM slice sl JOIN process p ON p.id = sl.process\n' +
      "WHERE p.name IN ('HCCL', 'Communication') AND sl.depth = 0 AND sl.name NOT LIKE 'Notify%'\n" +
      'ORDER BY sl.dur DESC LIMIT 20',
  },
  {
    title: 'Python op → device kernels (torch_to_npu flows)',
    sql:
      'SELECT a.name AS op, b.name AS kernel, b.ts - a.ts AS launch_to_start_ns FROM flow f\n' +
      "JOIN slice a ON a.id = f.from_slice JOIN slice b ON b.id = f.to_slice WHERE f.name = 'torch_to_npu'\n" +
      'ORDER BY launch_to_start_ns DESC LIMIT 20',
  },
  {
    title: 'Attached db: task types ({db} = alias of a profiler db)',
    sql:
      'SELECT s.value AS task_type, count(*) AS tasks, sum(t.endNs - t.startNs) AS total_ns\n' +
      'FROM {db}.TASK t JOIN {db}.STRING_IDS s ON s.id = t.taskType GROUP BY 1 ORDER BY 3 DESC',
  },
];

const READ_PRAGMAS_WITH_ARG = new Set([
  'table_info',
  'table_xinfo',
  'table_list',
  'index_list',
  'index_info',
  'index_xinfo',
  'foreign_key_list',
  'foreign_key_check',
  'integrity_check',
  'quick_check',
]);
const READ_PRAGMAS = new Set([
  ...READ_PRAGMAS_WITH_ARG,
  'database_list',
  'compile_options',
  'function_list',
  'pragma_list',
  'collation_list',
  'module_list',
  'page_count',
  'page_size',
  'freelist_count',
  'encoding',
  'user_version',
  'schema_version',
  'application_id',
  'data_version',
  'query_only',
]);
const WRITE_WORDS = new Set([
  'INSERT',
  'UPDATE',
  'DELETE',
  'REPLACE',
  'CREATE',
  'DROP',
  'ALTER',
  'ATTACH',
  'DETACH',
  'VACUUM',
  'REINDEX',
  'ANALYZE',
  'BEGIN',
  'COMMIT',
  'ROLLBACK',
  'SAVEPOINT',
  'RELEASE',
]);

interface Scanned {
  /** SQL with comments removed and literals blanked. */
  code: string;
  statements: number;
}

/** Removes comments and blanks string literals / quoted identifiers; counts statements. */
function scan(sql: string): Scanned {
  let code = '';
  let statements = 0;
  let pending = false;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    if (ch === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      code += ' ';
      continue;
    }
    if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 1;
      code += ' ';
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`' || ch === '[') {
      const close = ch === '[' ? ']' : ch;
      let j = i + 1;
      for (; j < sql.length; j++) {
        if (sql[j] === close) {
          if (close !== ']' && sql[j + 1] === close) j++;
          else break;
        }
      }
      code += ch === "'" ? " '' " : ' x ';
      pending = true;
      i = j;
      continue;
    }
    if (ch === ';') {
      if (pending) statements++;
      pending = false;
      code += ' ; ';
      continue;
    }
    if (!/\s/.test(ch)) pending = true;
    code += ch;
  }
  if (pending) statements++;
  return { code, statements };
}

/** Why a statement is refused in the read-only console, or null when it may run. */
export function readOnlyProblem(sql: string): string | null {
  const { code, statements } = scan(sql);
  if (statements === 0) return 'empty query';
  if (statements > 1) return 'run one statement at a time';
  const words = code.replace(/;/g, ' ').trim().split(/\s+/);
  const first = (words[0] ?? '').toUpperCase();
  if (first === 'PRAGMA') return pragmaProblem(code);
  if (first === 'EXPLAIN') {
    let k = 1;
    if ((words[1] ?? '').toUpperCase() === 'QUERY' && (words[2] ?? '').toUpperCase() === 'PLAN')
      k = 3;
    const next = (words[k] ?? '').toUpperCase().replace(/\(.*/, '');
    if (next !== 'SELECT' && next !== 'WITH') return 'EXPLAIN is allowed for SELECT / WITH only';
  } else if (first !== 'SELECT' && first !== 'WITH') {
    return `only SELECT, WITH, PRAGMA and EXPLAIN are allowed (got ${first || 'nothing'}); the console is read-only`;
  }
  // A CTE may precede INSERT/UPDATE/DELETE: look at the top-level keywords.
  let depth = 0;
  for (const m of code.matchAll(/\(|\)|[A-Za-z_]+/g)) {
    const w = m[0];
    if (w === '(') depth++;
    else if (w === ')') depth--;
    else if (depth === 0 && WRITE_WORDS.has(w.toUpperCase())) {
      const after = code.slice(m.index + w.length).trimStart();
      if (!after.startsWith('('))
        return `${w.toUpperCase()} is not allowed; the console is read-only`;
    }
  }
  return null;
}

function pragmaProblem(code: string): string | null {
  const m = /^\s*PRAGMA\s+(?:[A-Za-z_]\w*\s*\.\s*)?([A-Za-z_]\w*)\s*(.*?)\s*;?\s*$/is.exec(code);
  if (!m) return 'unreadable PRAGMA';
  const name = m[1]!.toLowerCase();
  const rest = m[2]!.trim();
  if (rest.startsWith('=')) return 'PRAGMA assignments are not allowed; the console is read-only';
  if (!READ_PRAGMAS.has(name)) return `PRAGMA ${name} is not allowed in the console`;
  if (rest !== '' && !READ_PRAGMAS_WITH_ARG.has(name)) {
    return `PRAGMA ${name}(…) would change a setting; the console is read-only`;
  }
  return null;
}

/** A safe alias from a file name: `ascend_pytorch_profiler_0.db` → `ascend_pytorch_profiler_0`. */
export function aliasFor(path: string, taken: ReadonlySet<string>): string {
  const base = (path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '') || 'db')
    .replace(/[^A-Za-z0-9_]/g, '_')
    .toLowerCase();
  let alias = /^[a-z_]/.test(base) ? base : `db_${base}`;
  if (alias === 'main' || alias === 'temp') alias = `${alias}_db`;
  let out = alias;
  for (let n = 2; taken.has(out); n++) out = `${alias}_${n}`;
  return out;
}

type BigIntGet = { get(params: null, config: { useBigInt: boolean }): (SqlValue | bigint)[] };

function cell(v: SqlValue | bigint): ConsoleCell {
  if (typeof v === 'bigint') {
    return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(v)
      : v.toString();
  }
  if (v instanceof Uint8Array) return `<blob ${v.length} bytes>`;
  return v;
}

/** sql.js allows 10 attached databases. */
const MAX_ATTACHED = 10;

export class SqlConsole {
  readonly attached: AttachedDb[] = [];
  private readonly files: DbFile[] = [];
  private closed = false;

  private constructor(
    private readonly sql: SqlJsStatic,
    private readonly db: Database,
  ) {}

  /** Builds the console database; db files that cannot be opened are reported in `problems`. */
  static async open(
    opts: ConsoleOpenOptions = {},
  ): Promise<{ console: SqlConsole; problems: string[] }> {
    const sql = opts.sql ?? (await loadSqlJs());
    const db = new sql.Database();
    const c = new SqlConsole(sql, db);
    const problems: string[] = [];
    let trace = opts.trace ?? null;
    if (trace && !trace.args.arena && trace.args.length > 0) {
      const res = await argsWithArena(trace.args, opts.traceSource ?? null);
      if (res.ok) trace = { ...trace, args: res.args };
      else problems.push(`slice.args and the args view are empty: ${res.reason}`);
    }
    try {
      loadConsoleTables(db, trace, opts.ascend ?? null, opts.onlyTables);
      if (opts.profiles) loadProfileTable(db, opts.profiles.list, opts.profiles.selected);
      for (const f of opts.dbs ?? []) {
        const p = c.attach(f.path, f.bytes);
        if (p) problems.push(`${f.path}: ${p}`);
      }
      db.run('PRAGMA query_only = 1');
    } catch (e) {
      c.close();
      throw e;
    }
    return { console: c, problems };
  }

  /** Attaches a db file read-only; returns the reason when it cannot. */
  attach(path: string, bytes: Uint8Array): string | null {
    if (this.attached.length >= MAX_ATTACHED)
      return `at most ${MAX_ATTACHED} databases can be attached`;
    let file: DbFile;
    try {
      file = DbFile.open(this.sql, bytes, path);
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
    const name = file.memfsName;
    if (!name) {
      file.close();
      return 'this sql.js build cannot attach databases';
    }
    const alias = aliasFor(path, new Set(this.attached.map((a) => a.alias)));
    try {
      this.db.run('PRAGMA query_only = 0');
      this.db.run(`ATTACH '/${name.replace(/'/g, "''")}' AS ${ident(alias)}`);
    } catch (e) {
      file.close();
      return sqliteErrorText(e);
    } finally {
      this.db.run('PRAGMA query_only = 1');
    }
    this.files.push(file);
    this.attached.push({
      alias,
      path,
      tables: [...file.tables.values()].map((t) => ({ name: t.name, columns: t.columns })),
    });
    return null;
  }

  /**
   * Runs one read-only statement; at most `limit` rows come back (`truncated` says if more).
   * With `onRow`, every row goes to it instead of into the result (streaming, no limit), after
   * `onColumns` has been given the column names.
   */
  runQuery(
    sql: string,
    opts: {
      limit?: number;
      onRow?: (row: ConsoleCell[]) => void;
      onColumns?: (columns: string[]) => void;
    } = {},
  ): QueryResult {
    const t0 = performance.now();
    const ms = () => Math.round((performance.now() - t0) * 10) / 10;
    if (this.closed) return { ok: false, error: 'the console is closed', ms: 0 };
    const problem = readOnlyProblem(sql);
    if (problem) return { ok: false, error: problem, ms: ms() };
    const limit = Math.max(0, opts.limit ?? 1000);
    let stmt: ReturnType<Database['prepare']> | null = null;
    try {
      stmt = this.db.prepare(sql);
      const columns = stmt.getColumnNames();
      opts.onColumns?.(columns);
      const rows: ConsoleCell[][] = [];
      let truncated = false;
      const onRow = opts.onRow;
      while (stmt.step()) {
        if (onRow) {
          onRow((stmt as unknown as BigIntGet).get(null, { useBigInt: true }).map(cell));
          continue;
        }
        if (rows.length >= limit) {
          truncated = true;
          break;
        }
        rows.push((stmt as unknown as BigIntGet).get(null, { useBigInt: true }).map(cell));
      }
      return { ok: true, columns, rows, truncated, ms: ms() };
    } catch (e) {
      return { ok: false, error: sqliteErrorText(e), ms: ms() };
    } finally {
      stmt?.free();
    }
  }

  /** The error SQLite gives when compiling `sql` (never run), or null when it compiles. */
  compileError(sql: string): string | null {
    if (this.closed) return 'the console is closed';
    try {
      this.db.prepare(sql).free();
      return null;
    } catch (e) {
      return sqliteErrorText(e);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
    for (const f of this.files) f.close();
  }
}

/** Example queries with `{db}` replaced by an alias (the first attached profiler db). */
export function examplesFor(attached: readonly AttachedDb[]): { title: string; sql: string }[] {
  const prof = attached.find((a) => a.tables.some((t) => t.name === 'TASK'));
  return EXAMPLE_QUERIES.filter((q) => prof || !q.sql.includes('{db}')).map((q) => ({
    title: q.title,
    sql: prof ? q.sql.replace(/\{db\}/g, prof.alias) : q.sql,
  }));
}
