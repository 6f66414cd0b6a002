/** Test helpers: import a trace from text/bytes, summarise a model for assertions. */
import type { TraceModel } from '../../model/trace-model';
import { memoryFile } from '../sources/input-file';
import { importTraceJson } from './import-trace-json';

export async function importText(
  text: string | Uint8Array,
  chunkSize?: number,
): Promise<TraceModel> {
  const file = memoryFile('trace.json', text);
  if (chunkSize) {
    const orig = file.stream.bind(file);
    return importTraceJson({ ...file, stream: () => orig(chunkSize) });
  }
  return importTraceJson(file);
}

/** Slices of a thread (by thread name or tid) as "name@start+dur/depth" strings, in order. */
export function sliceStrings(m: TraceModel, thread: string, overflow = false): string[] {
  const t = m.threads.find((x) => x.name === thread || x.tid === thread);
  if (!t) return [];
  const track = overflow ? t.overflowTrack : t.track;
  if (track < 0) return [];
  const s = m.sliceTracks[track]!.slices;
  return Array.from(
    { length: s.length },
    (_, i) => `${m.strings[s.name[i]!]}@${s.start[i]}+${s.dur[i]}/${s.depth[i]}`,
  );
}

export function warningCodes(m: TraceModel): string[] {
  return m.warnings.map((w) => w.code).sort();
}
