/** Reads trace_view.json or any Chrome trace JSON into `profile.trace`. */
import { msg } from '../../lib/message';
import { TraceFormatError } from '../json/scan-details';
import { importTraceJson } from '../trace/import-trace-json';
import type { FileReader } from './reader';

export const readTraceFile: FileReader = async (file, ctx, report) => {
  if (ctx.profile.trace) {
    report.status = 'skipped';
    report.reason = 'the profile already has a trace';
    report.reasonMsg = msg('report:reason_trace_already');
    return;
  }
  try {
    const model = await importTraceJson(file, {
      signal: ctx.signal,
      argsFromFile: ctx.argsFromFile,
      pool: ctx.pool,
      onProgress: (p) =>
        ctx.progress({
          path: file.path,
          stage: p.stage,
          bytesRead: p.bytesRead,
          bytesTotal: p.bytesTotal,
          items: p.events,
        }),
    });
    ctx.profile.trace = model;
    ctx.profile.traceSource = file.path;
    report.status = 'read';
    report.warnings = model.warnings;
    if (model.stats.events === 0) {
      report.reason = 'no trace events found';
      report.reasonMsg = msg('report:reason_no_trace_events');
    }
  } catch (e) {
    if (e instanceof TraceFormatError) throw new Error(e.message, { cause: e });
    throw e;
  }
};
