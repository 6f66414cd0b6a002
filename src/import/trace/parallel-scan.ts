/**
 * Parallel import of one plain-UTF-8 trace file: the byte stream is split at event boundaries
 * and each range is scanned by its own worker; the parts are merged in file order.
 *
 *   file:   [ range 0 ........ | range 1 ........ | range 2 ........ ]
 *                              ^ b1               ^ b2
 *   b_i is the `{` of the first event boundary (`,{"`) found at or after i·size/n. The scanner of
 *   range i-1 runs past b_i to finish the event it is in, and stops before the first event that
 *   starts at or after b_i, reporting that offset. If it is exactly b_i (and it was between events
 *   of the events array), the split was right; otherwise (the boundary sat inside a string or in
 *   args) the whole file is re-read by one scanner. The result is always the single-scan model.
 */
import { concatBytes } from '../../lib/bytes';
import { msg } from '../../lib/message';
import { epochMs } from '../../lib/epoch';
import { skipWs } from '../../lib/json-bytes';
import { TraceEventScanner, type ScanEnd } from '../json/trace-scanner';
import { sniffEncoding } from '../sources/decode-stream';
import type { InputFile } from '../sources/input-file';
import { ImportCancelled } from '../import-cancelled';
import type { TraceImportOptions } from './import-options';
import { mergeParts } from './merge-parts';
import { hashStrings } from './merge-strings';
import { sortedDistinct } from './distinct-ts';
import type { RawTraceParts } from './raw-parts';
import { TraceCollector } from './trace-collector';

export interface ScanRange {
  /** Absolute offset where scanning starts (0, or an event's `{`). */
  start: number;
  /** Stop before the first event starting at or after this offset (Infinity for the last). */
  stopAt: number;
  /** Whether `start` is inside the events array (every range but the first). */
  inArray: boolean;
  objectForm: boolean;
  argsFromFile: boolean;
}

export interface RangeResult {
  parts: RawTraceParts;
  end: ScanEnd;
}

/** Runs range scans somewhere (workers in the browser, in-process in Node and tests). */
export interface ScanPool {
  readonly size: number;
  scan(
    file: InputFile,
    range: ScanRange,
    onBytes: (n: number) => void,
    signal?: AbortSignal,
  ): Promise<RangeResult>;
}

const CHUNK = 4 << 20;

/** The warning for an object-form file that has no events array (both scan paths). */
export const NO_TRACE_EVENTS = {
  code: 'no_trace_events',
  example: 'object-form JSON without a "traceEvents" array',
  exampleMsg: msg('reader:no_trace_events'),
} as const;

/** Scans one range of a file (what each scan worker runs). */
export async function scanRange(
  file: InputFile,
  range: ScanRange,
  onBytes: (n: number) => void = () => {},
  signal?: AbortSignal,
): Promise<RangeResult> {
  const collector = new TraceCollector({
    copyArgs: !(range.argsFromFile && file.rereadable === true),
  });
  const scanner = new TraceEventScanner(collector, collector.strings, {
    startInArray: range.inArray,
    objectForm: range.objectForm,
    baseOffset: range.start,
    stopAt: range.stopAt,
  });
  for await (const chunk of readFrom(file, range.start)) {
    if (signal?.aborted) throw new ImportCancelled();
    onBytes(chunk.length);
    if (!scanner.push(chunk)) break;
  }
  const end = scanner.end();
  const parts = collector.finish();
  // Work that needs no other range, done here in parallel rather than after the merge.
  parts.stringHashes = hashStrings(parts.strings);
  parts.distinctTs = sortedDistinct([
    [parts.allTsUs, parts.allTsFrac],
    [parts.metaTsUs ?? new Float64Array(0), parts.metaTsFrac ?? new Uint16Array(0)],
  ]);
  return { parts, end };
}

/**
 * Reads a file from `start` to its end in chunks of about CHUNK bytes. A Blob is read as one
 * stream (about twice as fast in Chromium as a slice per chunk), its small pieces gathered.
 */
async function* readFrom(file: InputFile, start: number): AsyncGenerator<Uint8Array> {
  if (!file.blob || typeof file.blob.stream !== 'function') {
    for (let pos = start; pos < file.size; pos += CHUNK) {
      yield await file.slice(pos, Math.min(file.size, pos + CHUNK));
    }
    return;
  }
  const reader = file.blob.slice(start).stream().getReader();
  try {
    let parts: Uint8Array[] = [];
    let n = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (value) {
        parts.push(value);
        n += value.length;
      }
      if (n >= CHUNK || (done && n > 0)) {
        yield concatBytes(parts);
        parts = [];
        n = 0;
      }
      if (done) return;
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
}

/** Finds the `{` of the first event boundary at or after `from`, or -1. */
export async function findBoundary(file: InputFile, from: number, limit: number): Promise<number> {
  const WINDOW = 1 << 16;
  for (let pos = from; pos < limit; pos += WINDOW - 16) {
    const buf = await file.slice(pos, Math.min(file.size, pos + WINDOW));
    for (let i = 0; i < buf.length; i++) {
      if (buf[i] !== 44) continue;
      const j = skipWs(buf, i + 1, buf.length);
      if (j >= buf.length || buf[j] !== 123) continue;
      const k = skipWs(buf, j + 1, buf.length);
      if (k < buf.length && buf[k] === 34 && pos + j >= from) return pos + j;
    }
  }
  return -1;
}

/** Plans up to n ranges; fewer when boundaries cannot be found. */
export async function planRanges(
  file: InputFile,
  n: number,
  argsFromFile: boolean,
): Promise<ScanRange[] | null> {
  const head = await file.slice(0, 64);
  if (sniffEncoding(head) !== 'utf-8') return null;
  let first = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) first = 3;
  first = skipWs(head, first, head.length);
  const objectForm = head[first] === 123;
  const starts = [0];
  for (let k = 1; k < n; k++) {
    const from = Math.floor((file.size * k) / n);
    const b = await findBoundary(
      file,
      Math.max(from, starts[starts.length - 1]! + 1),
      Math.min(file.size, from + (64 << 20)),
    );
    if (b > starts[starts.length - 1]!) starts.push(b);
  }
  if (starts.length < 2) return null;
  return starts.map((start, k) => ({
    start,
    stopAt: k + 1 < starts.length ? starts[k + 1]! : Infinity,
    inArray: k > 0,
    objectForm,
    argsFromFile,
  }));
}

/**
 * Collects a plain UTF-8 trace with a pool of scanners (one range when the file is small, and
 * the whole file again when a split point turns out not to be an event boundary). Returns null
 * for input that cannot be read by ranges (gzip, UTF-16): the caller streams it instead.
 */
export async function collectTraceJsonParallel(
  file: InputFile,
  pool: ScanPool,
  opts: TraceImportOptions = {},
): Promise<RawTraceParts | null> {
  if (sniffEncoding(await file.slice(0, 4)) !== 'utf-8') return null;
  const minBytes = opts.minBytesPerRange ?? 32 << 20;
  const n = Math.min(pool.size, Math.floor(file.size / minBytes));
  const ranges = n >= 2 ? await planRanges(file, n, opts.argsFromFile ?? false) : null;
  const single = async (): Promise<RawTraceParts> => {
    const r = await pool.scan(
      file,
      {
        start: 0,
        stopAt: Infinity,
        inArray: false,
        objectForm: false,
        argsFromFile: opts.argsFromFile ?? false,
      },
      progress(0),
      opts.signal,
    );
    if (!r.end.sawEventsArray && r.end.objectForm)
      r.parts.warnings.push({ ...NO_TRACE_EVENTS, count: 1 });
    return r.parts;
  };
  let read = 0;
  const counts: number[] = [];
  function progress(k: number) {
    counts[k] = 0;
    return (bytes: number) => {
      counts[k]! += bytes;
      read += bytes;
      opts.onProgress?.({
        bytesRead: Math.min(read, file.size),
        bytesTotal: file.size,
        events: 0,
        stage: 'scan',
      });
    };
  }
  if (!ranges) return single();
  const results = await Promise.all(
    ranges.map((r, k) => pool.scan(file, r, progress(k), opts.signal)),
  );
  for (let k = 0; k + 1 < results.length; k++) {
    const end = results[k]!.end;
    if (end.stoppedAt !== ranges[k + 1]!.start || end.state !== 'array') {
      // A split point was not an event boundary of the events array: read it all in one go.
      const parts = await single();
      parts.warnings.push({
        code: 'parallel_fallback',
        count: 1,
        example: `split at byte ${ranges[k + 1]!.start} was not an event boundary; read in one pass`,
        exampleMsg: msg('reader:parallel_fallback', { at: String(ranges[k + 1]!.start) }),
      });
      return parts;
    }
  }
  const scannedAt = epochMs();
  const merged = mergeParts(results.map((r) => r.parts));
  merged.ranges = results.length;
  merged.scannedAt = scannedAt;
  return merged;
}

/** A pool that scans ranges one after another in this thread (Node, tests). */
export function inProcessPool(size: number): ScanPool {
  return { size, scan: (file, range, onBytes, signal) => scanRange(file, range, onBytes, signal) };
}
