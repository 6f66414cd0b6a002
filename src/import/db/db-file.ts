/**
 * One opened SQLite export: header sanity checks, read-only open from bytes, and the schema
 * lookups every reader needs (tables and columns by name, STRING_IDS and ENUM_* maps, META_DATA).
 *
 * Columns are always selected by name after `PRAGMA table_info`, never by position, because
 * msprof renamed and added columns between schema versions and MindStudio Insight adds its own.
 * Exact times: SQLite INTEGERs beyond 2^53 (ns since the epoch) do not survive sql.js's float
 * conversion, so times are split into µs and ns remainder inside SQL (see `DbFile.time`).
 */
import { setFromBigNs, type ExactTime } from '../../lib/exact-time';
import { decimalNs, setExact } from './db-time';
import type { Database, SqlJsStatic, SqlValue, Statement } from './sql-loader';
import { detail, MessageError, msg, type Detail } from '../../lib/message';

/** Result columns produced by `DbFile.time`. */
export const TIME_COLUMNS = 3;

/** Why a file could not be opened as a database (the message is one line). */
export class DbOpenError extends MessageError {
  constructor(d: Detail) {
    super(d);
    this.name = 'DbOpenError';
  }
}

const MAGIC = 'SQLite format 3\0';

/** The reason bytes are not a readable SQLite file, or null. */
export function sqliteHeaderProblem(bytes: Uint8Array): string | null {
  return sqliteHeaderDetail(bytes)?.text ?? null;
}

/** `sqliteHeaderProblem` with its interface message. */
function sqliteHeaderDetail(bytes: Uint8Array): Detail | null {
  if (bytes.length === 0) return detail('empty file', msg('reader:db_empty_file'));
  if (bytes.length < 100)
    return detail(
      `not an SQLite database (${bytes.length} bytes)`,
      msg('reader:db_too_short', { bytes: String(bytes.length) }),
    );
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[i] !== MAGIC.charCodeAt(i)) {
      const first = String.fromCharCode(...bytes.subarray(0, 16)).replace(/[^\x20-\x7e]/g, '.');
      return detail(
        `not an SQLite database (starts with "${first}")`,
        msg('reader:db_bad_magic', { first }),
      );
    }
  }
  const raw = (bytes[16]! << 8) | bytes[17]!;
  const pageSize = raw === 1 ? 65536 : raw;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    return detail(
      `corrupt SQLite header (page size ${raw})`,
      msg('reader:db_bad_page_size', { size: String(raw) }),
    );
  }
  const pages = readU32(bytes, 28);
  const valid = readU32(bytes, 24) === readU32(bytes, 92);
  if (valid && pages > 0 && bytes.length < pages * pageSize) {
    return detail(
      `truncated SQLite database (${bytes.length} of ${pages * pageSize} bytes)`,
      msg('reader:db_truncated', {
        bytes: String(bytes.length),
        expected: String(pages * pageSize),
      }),
    );
  }
  return null;
}

function readU32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

/** A column list with case-insensitive lookup (SQLite identifiers are case-insensitive). */
export interface TableInfo {
  name: string;
  columns: string[];
  lower: Map<string, string>;
}

/** Double-quotes an SQL identifier. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** sql.js's Database also exposes the MEMFS file name it opened (used to ATTACH it). */
interface DatabaseWithFile extends Database {
  filename?: string;
}

export class DbFile {
  readonly tables = new Map<string, TableInfo>();
  /** META_DATA name → value. */
  readonly meta: Record<string, string> = {};
  /** `META_DATA.SCHEMA_VERSION`, or null (pre-1.0 msprof dbs have no META_DATA). */
  readonly schemaVersion: string | null;
  /** Added to every time (the oldest msprof schema stored times relative to `baseTimeNs`). */
  readonly timeOffsetNs: bigint;
  private stringMap: Map<number, string> | null = null;
  private readonly enums = new Map<string, Map<number, string>>();
  private readonly counts = new Map<string, number>();
  private closed = false;

  private constructor(
    readonly db: Database,
    readonly path: string,
    /** Size of the database file in bytes. */
    readonly size: number,
  ) {
    const names = this.rows(
      "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
    ).map((r) => String(r[0]));
    for (const name of names) {
      const columns = this.rows(`PRAGMA table_info(${ident(name)})`).map((r) => String(r[1]));
      const lower = new Map(columns.map((c) => [c.toLowerCase(), c]));
      this.tables.set(name.toLowerCase(), { name, columns, lower });
    }
    const metaName = this.col('META_DATA', 'name');
    const metaValue = this.col('META_DATA', 'value');
    if (metaName && metaValue) {
      for (const [k, v] of this.rows(
        `SELECT ${ident(metaName)}, ${ident(metaValue)} FROM META_DATA`,
      )) {
        if (k !== null) this.meta[String(k)] = v === null ? '' : String(v);
      }
    }
    this.schemaVersion = this.meta['SCHEMA_VERSION'] ?? null;
    this.timeOffsetNs = this.detectTimeOffset();
  }

  /**
   * Opens a copy of `bytes` read-only. Throws DbOpenError with a one-line reason for a file that
   * is not a (readable) SQLite database.
   */
  static open(sql: SqlJsStatic, bytes: Uint8Array, path: string): DbFile {
    const problem = sqliteHeaderDetail(bytes);
    if (problem) throw new DbOpenError(problem);
    // WAL-mode files need their -wal sibling and shared memory; the main file alone is a
    // consistent checkpointed image, so read it as a rollback-journal database.
    if (bytes[18] === 2 || bytes[19] === 2) {
      bytes = bytes.slice();
      bytes[18] = 1;
      bytes[19] = 1;
    }
    let db: Database | null = null;
    try {
      db = new sql.Database(bytes);
      db.exec('PRAGMA query_only = 1');
      return new DbFile(db, path, bytes.length);
    } catch (e) {
      db?.close();
      throw new DbOpenError(sqliteErrorDetail(e));
    }
  }

  /** The MEMFS file name sql.js opened this database under (for ATTACH). */
  get memfsName(): string | null {
    return (this.db as DatabaseWithFile).filename ?? null;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  has(table: string): boolean {
    return this.tables.has(table.toLowerCase());
  }

  table(table: string): TableInfo | undefined {
    return this.tables.get(table.toLowerCase());
  }

  /** The first of `tables` that exists (e.g. CANN_API vs the pre-1.0 API table). */
  firstTable(...tables: string[]): string | null {
    for (const t of tables) {
      const info = this.table(t);
      if (info) return info.name;
    }
    return null;
  }

  /** The actual name of the first candidate column present in `table`, or null. */
  col(table: string, ...candidates: string[]): string | null {
    const info = this.table(table);
    if (!info) return null;
    for (const c of candidates) {
      const actual = info.lower.get(c.toLowerCase());
      if (actual) return actual;
    }
    return null;
  }

  /** All rows of a query (small results only). */
  rows(sql: string): SqlValue[][] {
    const out: SqlValue[][] = [];
    this.each(sql, (r) => out.push(r.slice()));
    return out;
  }

  /** Streams rows; `row` is reused between calls. */
  each(sql: string, onRow: (row: SqlValue[]) => void): number {
    let stmt: Statement | null = null;
    let n = 0;
    try {
      stmt = this.db.prepare(sql);
      while (stmt.step()) {
        onRow(stmt.get());
        n++;
      }
    } finally {
      stmt?.free();
    }
    return n;
  }

  /**
   * Runs statements that only create or drop TEMP objects (scratch tables and indexes that live
   * in sql.js memory, never in the file). The connection is query-only again afterwards.
   */
  execTemp(sql: string): void {
    this.db.exec('PRAGMA query_only = 0');
    try {
      this.db.exec(sql);
    } finally {
      this.db.exec('PRAGMA query_only = 1');
    }
  }

  scalar(sql: string): SqlValue {
    const r = this.rows(sql)[0];
    return r ? (r[0] ?? null) : null;
  }

  /** Row count of a table (0 when it does not exist); counted once (the file is read-only). */
  count(table: string): number {
    const info = this.table(table);
    if (!info) return 0;
    let n = this.counts.get(info.name);
    if (n === undefined) {
      n = Number(this.scalar(`SELECT count(*) FROM ${ident(info.name)}`) ?? 0);
      this.counts.set(info.name, n);
    }
    return n;
  }

  /** STRING_IDS id → value (loaded once). */
  get strings(): Map<number, string> {
    if (!this.stringMap) {
      const m = new Map<number, string>();
      const id = this.col('STRING_IDS', 'id');
      const value = this.col('STRING_IDS', 'value');
      if (id && value) {
        this.each(`SELECT ${ident(id)}, ${ident(value)} FROM STRING_IDS`, (r) => {
          if (typeof r[0] === 'number') m.set(r[0], r[1] === null ? '' : String(r[1]));
        });
      }
      this.stringMap = m;
    }
    return this.stringMap;
  }

  /** STRING_IDS lookup; null for NULL or unknown ids. */
  str(id: SqlValue): string | null {
    if (typeof id !== 'number') return typeof id === 'string' ? id : null;
    return this.strings.get(id) ?? null;
  }

  /** An ENUM_* table as id → name (empty when absent). */
  enumMap(table: string): Map<number, string> {
    let m = this.enums.get(table);
    if (!m) {
      m = new Map();
      const info = this.table(table);
      const id = this.col(table, 'id');
      const name = this.col(table, 'name');
      if (info && id && name) {
        for (const [k, v] of this.rows(
          `SELECT ${ident(id)}, ${ident(name)} FROM ${ident(info.name)}`,
        )) {
          if (typeof k === 'number') m.set(k, v === null ? '' : String(v));
        }
      }
      this.enums.set(table, m);
    }
    return m;
  }

  /**
   * An enum column's text: through `enumTable` when the db has it, else STRING_IDS (pre-1.0
   * dbs stored these as string ids), else the number itself.
   */
  enumText(enumTable: string, id: SqlValue): string | null {
    if (id === null) return null;
    if (typeof id !== 'number') return String(id);
    const e = this.enumMap(enumTable);
    if (e.size > 0) return e.get(id) ?? String(id);
    return this.strings.get(id) ?? String(id);
  }

  /** SQL for the integer value of a column stored as INTEGER, TEXT digits or REAL. */
  intExpr(expr: string): string {
    return `CAST(CAST(${expr} AS NUMERIC) AS INTEGER)`;
  }

  /** SQL for the exact integer ns of a time column, with the db's time offset applied. */
  nsExpr(expr: string): string {
    const x = this.intExpr(expr);
    return this.timeOffsetNs === 0n ? x : `(${x} + ${this.timeOffsetNs})`;
  }

  /**
   * TIME_COLUMNS result columns for a time: µs and ns remainder of the integer ns, plus the
   * source text when the db stored a decimal or exponent form (pre-1.0 TEXT times), which
   * `readTime` then parses exactly instead of going through a float.
   */
  time(expr: string): string {
    // CAST AS INTEGER is exact for INTEGER and digit TEXT; decimal / exponent TEXT (which it
    // would cut at the '.') comes back whole in the third column instead.
    const i = `CAST(${expr} AS INTEGER)`;
    const x = this.timeOffsetNs === 0n ? i : `(${i} + ${this.timeOffsetNs})`;
    return (
      `${x} / 1000, ${x} % 1000, CASE WHEN typeof(${expr}) = 'text' AND ` +
      `${expr} GLOB '*[.eE]*' THEN ${expr} END`
    );
  }

  /** Reads the TIME_COLUMNS columns at `i` (see `time`); false when the time is NULL. */
  readTime(out: ExactTime, row: SqlValue[], i: number): boolean {
    const text = row[i + 2];
    if (typeof text === 'string') {
      const ns = decimalNs(text);
      if (ns !== null && setFromBigNs(ns + this.timeOffsetNs, out)) return true;
    }
    return setExact(out, row[i], row[i + 1]);
  }

  /** Rows of `table` whose time column holds a float (sub-µs precision lost in the db itself). */
  impreciseTimes(table: string, column: string): number {
    const c = ident(column);
    return Number(
      this.scalar(
        `SELECT count(*) FROM ${ident(table)} WHERE typeof(${c}) = 'real' OR ` +
          `(typeof(${c}) = 'text' AND (${c} GLOB '*[.eE]*'))`,
      ) ?? 0,
    );
  }

  private detectTimeOffset(): bigint {
    const session = this.firstTable('SESSION_TIME_INFO', 'TARGET_INFO_SESSION_TIME');
    if (!session) return 0n;
    const baseCol = this.col(session, 'baseTimeNs');
    const startCol = this.col(session, 'startTimeNs');
    if (!baseCol || !startCol) return 0n;
    const row = this.rows(
      `SELECT CAST(${ident(baseCol)} AS TEXT), CAST(${ident(startCol)} AS TEXT) FROM ${ident(session)} LIMIT 1`,
    )[0];
    const base = toBig(row?.[0]);
    const start = toBig(row?.[1]);
    if (base === null || start === null || base <= 0n) return 0n;
    const sample = this.sampleTime();
    if (sample === null) return 0n;
    const abs = (v: bigint) => (v < 0n ? -v : v);
    return abs(sample + base - start) < abs(sample - start) ? base : 0n;
  }

  private sampleTime(): bigint | null {
    for (const [t, cols] of [
      ['TASK', ['startNs', 'start']],
      ['CANN_API', ['startNs', 'start']],
      ['API', ['startNs', 'start']],
    ] as const) {
      const c = this.col(t, ...cols);
      const info = this.table(t);
      if (!c || !info) continue;
      const v = this.scalar(
        `SELECT CAST(${this.intExpr(ident(c))} AS TEXT) FROM ${ident(info.name)} WHERE ${ident(c)} IS NOT NULL LIMIT 1`,
      );
      const b = toBig(v);
      if (b !== null) return b;
    }
    return null;
  }
}

function toBig(v: SqlValue | undefined): bigint | null {
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return BigInt(v.trim());
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
  return null;
}

/** One line from an sql.js error ("file is not a database", "database disk image is malformed"). */
export function sqliteErrorText(e: unknown): string {
  return sqliteErrorDetail(e).text;
}

function sqliteErrorDetail(e: unknown): Detail {
  const text = e instanceof Error ? e.message : String(e);
  const line = text.split('\n')[0]!.trim();
  if (/file is not a database/i.test(line))
    return detail('not an SQLite database', msg('reader:db_not_sqlite'));
  if (/malformed/i.test(line))
    return detail(`corrupt SQLite database (${line})`, msg('reader:db_corrupt', { why: line }));
  return line
    ? detail(line, msg('reader:db_error', { why: line }))
    : detail('unreadable SQLite database', msg('reader:db_unreadable'));
}
