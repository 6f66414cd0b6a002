/** Test helper: one scan with each parser, everything observable about it as plain data. */
import { expect } from 'vitest';
import { TraceCollector } from '../trace/trace-collector';
import type { JsonValue } from '../../lib/json-bytes';
import type { Detail } from '../../lib/message';
import type { RawEvent } from './raw-event';
import { TraceEventScanner, type ScanOptions } from './trace-scanner';

/** Every event as the collector sees it, the raw parts, the strings and the scan's end. */
function scan(bytes: Uint8Array, wasm: boolean, chunk: number, opts: ScanOptions = {}) {
  const collector = new TraceCollector({ copyArgs: true });
  const seen: unknown[] = [];
  const handler = {
    event(ev: RawEvent, buf: Uint8Array, bufBase: number) {
      const args =
        ev.argsStart < 0
          ? null
          : Array.from(buf.subarray(ev.argsStart - bufBase, ev.argsEnd - bufBase));
      seen.push({ ...ev, ts: { ...ev.ts }, dur: { ...ev.dur }, args });
      collector.event(ev, buf, bufBase);
    },
    metadata(key: string, value: JsonValue | undefined, n: number) {
      seen.push(['metadata', key, n]);
      collector.metadata(key, value, n);
    },
    warn(code: string, example: string | Detail) {
      seen.push(['warn', code]);
      collector.warn(code, example);
    },
  };
  const scanner = new TraceEventScanner(handler, collector.strings, { ...opts, wasm });
  let error: unknown = null;
  try {
    for (let k = 0; k < bytes.length; k += chunk) {
      if (!scanner.push(bytes.subarray(k, k + chunk))) break;
    }
  } catch (e) {
    error = String(e);
  }
  const end = error ? null : scanner.end();
  return {
    result: { seen, end, error, parts: collector.finish(), strings: collector.strings.strings },
    fast: scanner.fastEvents,
  };
}

/** Scans `bytes` with the JS parser and with the fast path (chunks of `chunk` bytes). */
export function scanBothWays(bytes: Uint8Array, chunk: number, opts: ScanOptions = {}) {
  const js = scan(bytes, false, chunk, opts);
  const wasm = scan(bytes, true, chunk, opts);
  expect(js.fast).toBe(-1);
  return { js: js.result, wasm: wasm.result, fastEvents: wasm.fast };
}
