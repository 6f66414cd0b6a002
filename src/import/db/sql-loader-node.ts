/**
 * Node's sql.js locator (headless summary, tests, benchmarks): reads the wasm that ships in
 * `node_modules/sql.js/dist/` directly, so no URL or fetch is involved.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setSqlJsLocator, type SqlJsLocator } from './sql-loader';

export function nodeSqlJsLocator(): SqlJsLocator {
  const require = createRequire(import.meta.url);
  const bytes = readFileSync(require.resolve('sql.js/dist/sql-wasm.wasm'));
  const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return { wasmBinary };
}

let cached: SqlJsLocator | null = null;

/** Makes `loadSqlJs()` use the wasm file from node_modules (idempotent). */
export function locateSqlJsInNode(): void {
  cached ??= nodeSqlJsLocator();
  setSqlJsLocator(cached);
}
