// Byte offsets past 2^31 and 2^32 (files of 2 GB and more): the scanner, the range planner and
// the args kept as file ranges must use exact offsets there. A file of that size is not written:
// a virtual file places a generated trace's events at a high offset (and refuses reads below it),
// and its ranges are scanned, merged and finalised as the parallel import does.
import { describe, expect, it } from 'vitest';
import { streamTorchNpuTrace } from '../../generator/torch-npu-stream';
import type { InputFile } from '../sources/input-file';
import { finalizeTrace } from './finalize-trace';
import { importTraceJson } from './import-trace-json';
import { mergeParts } from './merge-parts';
import { findBoundary, scanRange, type ScanRange } from './parallel-scan';
import { memoryFile } from '../sources/input-file';
import { argsOf, fingerprint } from './test-helpers';

/** A file of `base + events.length` bytes whose bytes from `base` on are `events`. */
function highFile(base: number, events: Uint8Array): InputFile {
  const slice = (start: number, end: number) => {
    if (start < base) throw new Error(`read below the events (${start} < ${base})`);
    return Promise.resolve(events.subarray(start - base, Math.max(start, end) - base));
  };
  return {
    path: 'trace_view.json',
    size: base + events.length,
    lastModified: 0,
    rereadable: true,
    stream: () => {
      throw new Error('not streamed');
    },
    slice,
  };
}

function torchNpuText(mb: number): string {
  const chunks: string[] = [];
  streamTorchNpuTrace({ targetMB: mb, seed: 4, chunkSize: 1 << 16 }, (c) => chunks.push(c));
  return chunks.join('');
}

describe('offsets beyond 2^31 and 2^32', () => {
  const text = torchNpuText(0.4);
  // The events array's elements: drop the leading `[` (the virtual file starts at an event).
  const events = new TextEncoder().encode(text.slice(1));
  const refFile: InputFile = { ...memoryFile('trace_view.json', text), rereadable: true };
  const reference = importTraceJson(refFile, { argsFromFile: true });

  for (const [label, base] of [
    ['split point exactly at 2^31', 2 ** 31 - Math.floor(events.length / 2)],
    ['events straddling 2^32', 2 ** 32 - 1001],
    ['above 2^33', 2 ** 33 + 3],
  ] as const) {
    it(`${label}: ranges meet at the boundary, the model and the args read back are exact`, async () => {
      const file = highFile(base, events);
      const mid = base + Math.floor(events.length / 2);
      const b = await findBoundary(file, mid, file.size);
      expect(b).toBeGreaterThanOrEqual(mid);
      expect(events[b - base]).toBe(123); // `{` of an event
      expect(new TextDecoder().decode(events.subarray(b - base - 2, b - base + 2))).toBe(', {"');
      const range = (start: number, stopAt: number): ScanRange => ({
        start,
        stopAt,
        inArray: start > base,
        objectForm: false,
        argsFromFile: true,
      });
      // The first range starts at the first event, as if the `[` were at base - 1.
      const first = await scanRange(file, { ...range(base, b), inArray: true });
      expect(first.end.stoppedAt).toBe(b);
      expect(first.end.state).toBe('array');
      const second = await scanRange(file, range(b, Infinity));
      const model = finalizeTrace(mergeParts([first.parts, second.parts]), {
        sourcePath: file.path,
      });
      const ref = await reference;
      expect(fingerprint(model)).toEqual(fingerprint(ref));
      expect(model.args.arena).toBeNull();
      // Args are byte ranges into the file at their true (high) offsets.
      const a = model.sliceTracks[0]!.slices.args[0]!;
      expect(model.args.offset[a]!).toBeGreaterThan(base);
      expect(model.args.offset[a]! - base).toBe(ref.args.offset[a]! - 1);
      expect(ref.args.arena).toBeNull();
      expect(await argsOf(model, file)).toEqual(await argsOf(ref, refFile));
    });
  }
});
