/**
 * The WebAssembly fast path against the JS EventParser on every real trace JSON under
 * ../shared/samples (plain UTF-8 ones; gzip and UTF-16 go through the same scanner after
 * decoding and are covered by the generated cases): the same events and raw parts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasSamples, SAMPLES_DIR, SKIP_REASON } from '../../../test/real-samples';
import { scanBothWays } from './wasm-scan-diff';

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.json')) out.push(p);
  }
  return out;
}

const files = hasSamples ? walk(SAMPLES_DIR).filter((p) => statSync(p).size > 0) : [];

describe.skipIf(!hasSamples)(
  `real samples, both scan paths${hasSamples ? '' : ` - ${SKIP_REASON}`}`,
  () => {
    it('give the same events on every real trace JSON', () => {
      let traces = 0;
      let fast = 0;
      for (const file of files) {
        const bytes = new Uint8Array(readFileSync(file));
        if (bytes[0] === 0xff || bytes[0] === 0xfe) continue; // UTF-16: decoded before scanning
        const { js, wasm, fastEvents } = scanBothWays(bytes, 1 << 20);
        expect(wasm, relative(SAMPLES_DIR, file)).toEqual(js);
        if (fastEvents > 0) traces++;
        fast += fastEvents;
      }
      expect(traces).toBeGreaterThan(40);
      expect(fast).toBeGreaterThan(10_000);
    }, 600_000);
  },
);
