/**
 * The committed WebAssembly module is the one its source compiles to: recompiles wasm/scan.ts
 * with the pinned AssemblyScript and compares the bytes (`npm run build:wasm` rewrites them).
 */
import { describe, expect, it } from 'vitest';
import { bytesModuleSource, compileScanWasm } from '../../../scripts/scan-wasm-compile';
import { SCAN_WASM_BASE64 } from './scan-wasm-bytes';

describe('scan-wasm-bytes.ts', () => {
  it('holds exactly the module that wasm/scan.ts compiles to', async () => {
    const bytes = await compileScanWasm();
    expect(Buffer.from(SCAN_WASM_BASE64, 'base64').toString('hex')).toBe(
      Buffer.from(bytes).toString('hex'),
    );
    expect(bytesModuleSource(bytes)).toContain(SCAN_WASM_BASE64.slice(0, 96));
    expect(WebAssembly.validate(bytes)).toBe(true);
  }, 60_000);
});
