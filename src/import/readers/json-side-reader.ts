/** Reads the small JSON side files (profiler_info, profiler_metadata, communication…) leniently. */
import { detail, MessageError, msg } from '../../lib/message';
import { applyProfilerInfo } from '../discover';
import { fileKind } from '../file-kinds';
import { JsonSyntaxError, parseJsonBytes } from '../../lib/json-bytes';
import { readAll } from '../sources/input-file';
import type { FileReader } from './reader';
import { coreCounts } from '../../model/ascend/core-counts';

/**
 * msprof's info.json (host or device): kept as `json['info.json']` when it names the AI Core
 * count (DeviceInfo[].ai_core_num); the first such file wins (host and device copies agree).
 */
export const readInfoJson: FileReader = async (file, ctx, report) => {
  const had = ctx.profile.json['info.json'];
  await readJsonSideFile(file, ctx, report);
  const value = ctx.profile.json['info.json'];
  if (had !== undefined) ctx.profile.json['info.json'] = had;
  else if (!coreCounts(value)) delete ctx.profile.json['info.json'];
  if (!coreCounts(value)) {
    report.status = 'skipped';
    report.reason = 'no DeviceInfo ai_core_num in this info.json';
    report.reasonMsg = msg('report:reason_no_core_count');
  }
};

export const readJsonSideFile: FileReader = async (file, ctx, report) => {
  const bytes = await readAll(file);
  let value;
  try {
    let start = 0;
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
    value = parseJsonBytes(bytes, start, bytes.length);
  } catch (e) {
    const at = e instanceof JsonSyntaxError ? ` at byte ${e.offset}` : '';
    const why = e instanceof Error ? e.message : String(e);
    throw new MessageError(
      detail(
        `not valid JSON${at}: ${why}`,
        e instanceof JsonSyntaxError
          ? msg('reader:json_invalid_at', { at: String(e.offset), why })
          : msg('reader:json_invalid', { why }),
      ),
      { cause: e },
    );
  }
  const kind = fileKind(file.path);
  ctx.profile.json[kind] = value;
  if (kind === 'profiler_info.json') applyProfilerInfo(ctx.profile.descriptor, value);
  report.status = 'read';
};
