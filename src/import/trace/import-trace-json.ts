/**
 * Imports one Chrome trace-event JSON file (plain, gzip or UTF-16) into a TraceModel by
 * streaming it through the byte scanner: bytes → scanner → collector → finalize.
 */
import { detail } from '../../lib/message';
import { epochMs } from '../../lib/epoch';
import type { TraceModel } from '../../model/trace-model';
import { CorruptStreamError, decodeStream, sniffEncoding } from '../sources/decode-stream';
import type { InputFile } from '../sources/input-file';
import { TraceEventScanner } from '../json/trace-scanner';
import { finalizeTrace } from './finalize-trace';
import { TraceCollector } from './trace-collector';
import type { RawTraceParts } from './raw-parts';
import { ImportCancelled } from '../import-cancelled';
import type { TraceImportOptions } from './import-options';
import { collectTraceJsonParallel, NO_TRACE_EVENTS } from './parallel-scan';
import { correlateLaunches } from './correlate';

export type { TraceImportOptions } from './import-options';

/** Scans a whole file into raw parts (single-threaded). */
export async function collectTraceJson(
  file: InputFile,
  opts: TraceImportOptions = {},
): Promise<RawTraceParts> {
  const head = await file.slice(0, 4);
  const plain = sniffEncoding(head) === 'utf-8';
  const collector = new TraceCollector({
    copyArgs: !(plain && opts.argsFromFile && file.rereadable === true),
  });
  const scanner = new TraceEventScanner(collector, collector.strings, {
    maxEventBytes: opts.maxEventBytes,
  });
  let bytesRead = 0;
  let lastReport = 0;
  try {
    for await (const chunk of decodeStream(file.stream(), (n) => (bytesRead += n))) {
      if (opts.signal?.aborted) throw new ImportCancelled();
      scanner.push(chunk);
      if (opts.onProgress && bytesRead - lastReport >= 1 << 20) {
        lastReport = bytesRead;
        opts.onProgress({
          bytesRead,
          bytesTotal: file.size,
          events: collector.eventCount,
          stage: 'scan',
        });
      }
    }
  } catch (e) {
    // Damaged compression: keep the events read before it (the scanner reports the cut).
    if (!(e instanceof CorruptStreamError)) throw e;
    collector.warn('corrupt_compression', e.detail);
  }
  const end = scanner.end();
  if (!end.sawEventsArray && end.objectForm) {
    collector.warn(
      NO_TRACE_EVENTS.code,
      detail(NO_TRACE_EVENTS.example, NO_TRACE_EVENTS.exampleMsg),
    );
  }
  return collector.finish();
}

export async function importTraceJson(
  file: InputFile,
  opts: TraceImportOptions = {},
): Promise<TraceModel> {
  const t0 = performance.now();
  const scanStart = epochMs();
  const parallel = opts.pool ? await collectTraceJsonParallel(file, opts.pool, opts) : null;
  const parts = parallel ?? (await collectTraceJson(file, opts));
  const t1 = performance.now();
  const merged = epochMs();
  opts.onProgress?.({
    bytesRead: file.size,
    bytesTotal: file.size,
    events: parts.events,
    stage: 'finalize',
  });
  const model = finalizeTrace(parts, { sourcePath: file.path });
  model.importTimings = {
    scanMs: Math.round(t1 - t0),
    finalizeMs: Math.round(performance.now() - t1),
    ranges: parallel ? (parallel.ranges ?? 1) : 1,
    marks: {
      scanStart,
      ...(parallel?.scannedAt ? { scanned: parallel.scannedAt } : {}),
      merged,
      finalized: epochMs(),
    },
  };
  // Kineto without ac2g flows: launch links from correlation / External id args.
  await correlateLaunches(model, file);
  model.importTimings.marks!.correlated = epochMs();
  return model;
}
