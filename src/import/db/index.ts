/**
 * The SQLite exports: readers to register, the summary extension, on-demand timeline building
 * and the SQL console. sql.js must be given its wasm location first: `locateSqlJsInBrowser()` from
 * `./sql-loader-browser` in the worker, `locateSqlJsInNode()` from `./sql-loader-node` in Node.
 */
import type { TraceModel } from '../../model/trace-model';
import type { FileReader } from '../readers/reader';
import { DbFile, DbOpenError } from './db-file';
import { MessageError } from '../../lib/message';
import { readAnalysisDb, readAnyDb, readClusterDb, readProfilerDb } from './db-readers';
import { buildDbTrace, type DbTraceOptions } from './db-trace';
import { loadSqlJs } from './sql-loader';

export { DB_SUMMARY_EXTENSION } from './db-summary';
export { loadSqlJs } from './sql-loader';

/** Readers by file kind (see file-kinds.ts), for the registry. */
export const DB_READERS: Record<string, FileReader> = {
  'ascend_pytorch_profiler.db': readProfilerDb,
  'msprof.db': readProfilerDb,
  'analysis.db': readAnalysisDb,
  'cluster_analysis.db': readClusterDb,
  db: readAnyDb,
};

/**
 * Suggested read order for the registry: analysis.db before the profiler db, so StepTraceTime
 * wins over steps recomputed from STEP_TIME (either order gives the same result).
 */
export const DB_READ_ORDER = [
  'analysis.db',
  'ascend_pytorch_profiler.db',
  'msprof.db',
  'db',
  'cluster_analysis.db',
];

/**
 * The timeline of a profiler db on demand (e.g. to switch a folder that has trace_view.json to
 * the db's timeline). Throws an Error with a one-line reason when the bytes are not a database.
 */
export async function buildTraceFromDb(
  bytes: Uint8Array,
  opts: DbTraceOptions & { path?: string } = {},
): Promise<TraceModel> {
  const sql = await loadSqlJs();
  let db: DbFile;
  try {
    db = DbFile.open(sql, bytes, opts.path ?? 'db');
  } catch (e) {
    if (e instanceof DbOpenError) throw new MessageError(e.detail, { cause: e });
    throw e;
  }
  try {
    return buildDbTrace(db, opts).trace;
  } finally {
    db.close();
  }
}
