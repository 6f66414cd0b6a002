/**
 * Worker handlers for the SQL console (SqlProtocol in worker-protocol.ts), served by sql.worker.ts:
 *   sqlOpen  {dbPaths, trace?, ascend?} → {tables, attached, examples, problems}
 *   sqlQuery {sql, limit?}              → QueryResult (errors as messages)
 *   sqlClose {}                         → null
 * The trace and Ascend views are sent along with sqlOpen (a structured-clone copy: the worker's
 * own copy was transferred to the page after import); db files are read from the opened inputs.
 */
import type { Handlers } from '../../lib/worker-protocol';
import type { InputFile } from '../sources/input-file';
import type { SqlOpenResult, SqlProtocol } from '../worker-protocol';
import { CONSOLE_SCHEMA } from './console-schema';
import { readDbBytes } from './db-open';
import { examplesFor, SqlConsole } from './sql-console';

export function createSqlConsoleHandlers(
  files: () => ReadonlyMap<string, InputFile> | null,
): Handlers<SqlProtocol> {
  let current: SqlConsole | null = null;
  return {
    sqlOpen: async (req, ctx) => {
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
    sqlQuery: ({ sql, limit }) => {
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
