/**
 * Rebuilds src/import/json/scan-wasm-bytes.ts from wasm/scan.ts (`npm run build:wasm`); with
 * `--check` it only compiles and exits 1 when the committed bytes differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bytesModuleSource, compileScanWasm } from './scan-wasm-compile';

const out = fileURLToPath(new URL('../src/import/json/scan-wasm-bytes.ts', import.meta.url));
const text = bytesModuleSource(await compileScanWasm());
if (process.argv.includes('--check')) {
  if (readFileSync(out, 'utf8') !== text) {
    console.error(`${out} is stale: run npm run build:wasm`);
    process.exit(1);
  }
  console.log('scan wasm up to date');
} else {
  writeFileSync(out, text);
  console.log(`wrote ${out}`);
}
