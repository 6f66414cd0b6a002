/**
 * Worker handlers for the SQL console, for the lead to spread into the worker session:
 *   sqlOpen  {dbPaths, trace?, ascend?} → {tables, attached, examples, problems}
 *   sqlQuery {sql, limit?}              → QueryResult (errors as messages)
 *   sqlClose {}                         → null
 * The trace and Ascend views are sent along with sqlOpen (a structured-clone copy: the worker's
 * own copy was transferred to the page after import); db files are read from the opened inputs.
 */
import type { AscendData } from '../../model/ascend-data';
import type { TraceModel } from '../../model/trace-model';
import type { InputFile } from '../sources/input-file';
import type { Handler } from '../worker-protocol';
import { CONSOLE_SCHEMA, type ConsoleTableDoc } from './console-schema';
import { readDbBytes } from './db-open';
import { examplesFor, SqlConsole, type AttachedDb } from './sql-console';

export interface SqlOpenRequest {
  dbPaths: string[];
  trace?: TraceModel | null;
  ascend?: AscendData | null;
}

export interface SqlOpenResult {
  tables: ConsoleTableDoc[];
  attached: AttachedDb[];
  examples: { title: string; sql: string }[];
  problems: string[];
}

export function createSqlConsoleHandlers(
  files: () => ReadonlyMap<string, InputFile> | null,
): Record<string, Handler> {
  let current: SqlConsole | null = null;
  return {
    sqlOpen: async (payload, ctx) => {
      const req = payload as SqlOpenRequest;
      current?.close();
      current = null;
      const opened = files();
      const dbs: { path: string; bytes: Uint8Array }[] = [];
      const problems: string[] = [];
      for (const path of req.dbPaths) {
        const f = opened?.get(path);
        if (!f) {
          problems.push(`${path}: not among the opened files`);
          continue;
        }
        dbs.push({
          path,
          bytes: await readDbBytes(f, { signal: ctx.signal, onProgress: (p) => ctx.progress(p) }),
        });
      }
      const sourcePath = req.trace?.args.sourcePath;
      const res = await SqlConsole.open({
        traceSource: sourcePath ? (opened?.get(sourcePath) ?? null) : null,
        trace: req.trace ?? null,
        ascend: req.ascend ?? null,
        dbs,
      });
      current = res.console;
      const result: SqlOpenResult = {
        tables: CONSOLE_SCHEMA,
        attached: current.attached,
        examples: examplesFor(current.attached),
        problems: [...problems, ...res.problems],
      };
      return result;
    },
    sqlQuery: (payload) => {
      const { sql, limit } = payload as { sql: string; limit?: number };
      if (!current) return Promise.resolve({ ok: false, error: 'no console is open', ms: 0 });
      return Promise.resolve(current.runQuery(sql, { limit }));
    },
    sqlClose: () => {
      current?.close();
      current = null;
      return Promise.resolve(null);
    },
  };
}
