/**
 * Loads sql.js (SQLite compiled to WebAssembly) once per realm. Where the .wasm file lives
 * differs between the Vite-built worker (a hashed asset URL) and Node (a file in node_modules),
 * so the caller injects a locator: `sql-loader-browser.ts` in the worker, `sql-loader-node.ts`
 * in Node. This module itself imports neither `?url` assets nor `node:` modules.
 */
import initSqlJs, { type SqlJsStatic } from 'sql.js';

export type { Database, SqlJsStatic, SqlValue, Statement } from 'sql.js';

/** How sql.js finds its wasm: a URL resolver (browser) or the bytes themselves (Node). */
export interface SqlJsLocator {
  locateFile?: (file: string) => string;
  wasmBinary?: ArrayBuffer;
}

let locator: SqlJsLocator | null = null;
let loading: Promise<SqlJsStatic> | null = null;

/** Sets where the wasm comes from; call before the first `loadSqlJs()`. */
export function setSqlJsLocator(next: SqlJsLocator): void {
  if (locator === next) return;
  locator = next;
  loading = null;
}

/** The sql.js module, initialised on first use and shared afterwards. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  if (!loading) {
    const config = locator ?? {};
    loading = initSqlJs(config).catch((e: unknown) => {
      loading = null;
      const why = e instanceof Error ? e.message : String(e);
      throw new Error(
        `SQLite (sql.js) could not be loaded: ${why}${locator ? '' : ' (no wasm locator was set)'}`,
        { cause: e },
      );
    });
  }
  return loading;
}
