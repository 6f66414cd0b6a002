/**
 * The worker's sql.js locator: Vite copies the wasm into the build and gives its URL. Import this
 * module only from browser code (the import worker); Node uses `sql-loader-node.ts`.
 */
import wasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import { setSqlJsLocator, type SqlJsLocator } from './sql-loader';

export const BROWSER_SQLJS_LOCATOR: SqlJsLocator = { locateFile: () => wasmUrl };

/** Makes `loadSqlJs()` fetch the wasm from the built asset URL. */
export function locateSqlJsInBrowser(): void {
  setSqlJsLocator(BROWSER_SQLJS_LOCATOR);
}
