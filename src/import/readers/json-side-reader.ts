/** Reads the small JSON side files (profiler_info, profiler_metadata, communication…) leniently. */
import { applyProfilerInfo } from '../discover';
import { fileKind } from '../file-kinds';
import { JsonSyntaxError, parseJsonBytes } from '../../lib/json-bytes';
import { readAll } from '../sources/input-file';
import type { FileReader } from './reader';

export const readJsonSideFile: FileReader = async (file, ctx, report) => {
  const bytes = await readAll(file);
  let value;
  try {
    let start = 0;
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
    value = parseJsonBytes(bytes, start, bytes.length);
  } catch (e) {
    const at = e instanceof JsonSyntaxError ? ` at byte ${e.offset}` : '';
    throw new Error(`not valid JSON${at}: ${e instanceof Error ? e.message : String(e)}`, {
      cause: e,
    });
  }
  const kind = fileKind(file.path);
  ctx.profile.json[kind] = value;
  if (kind === 'profiler_info.json') applyProfilerInfo(ctx.profile.descriptor, value);
  report.status = 'read';
};
