/** Test helpers: import a trace from text/bytes, summarise a model for assertions. */
import type { TraceModel } from '../../model/trace-model';
import { memoryFile, type InputFile } from '../sources/input-file';
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

/** Everything observable about a model, as plain data. */
export function fingerprint(m: TraceModel) {
  const s = (id: number) => m.strings[id];
  return {
    baseNs: m.baseNs,
    endNs: m.endNs,
    stats: m.stats,
    warnings: m.warnings.filter((w) => w.code !== 'parallel_fallback'),
    processes: m.processes.map((p) => [
      p.pid,
      p.name,
      p.labels,
      p.sortIndex,
      p.threads.length,
      p.counters.length,
    ]),
    threads: m.threads.map((t) => [t.tid, t.name, t.sortIndex, t.process, t.instants.length]),
    tracks: m.sliceTracks.map((t) => ({
      kind: t.kind,
      name: t.name,
      start: Array.from(t.slices.start),
      dur: Array.from(t.slices.dur),
      depth: Array.from(t.slices.depth),
      names: Array.from(t.slices.name, s),
      cats: Array.from(t.slices.cat, s),
      flags: Array.from(t.slices.flags),
    })),
    counters: m.counters.map((c) => [
      c.name,
      Array.from(c.ts),
      c.series.map((x) => [x.name, Array.from(x.values)]),
    ]),
    flows: Array.from({ length: m.flows.length }, (_, i) => [
      m.flows.fromTrack[i],
      m.flows.fromSlice[i],
      m.flows.toTrack[i],
      m.flows.toSlice[i],
      s(m.flows.cat[i]!),
      s(m.flows.name[i]!),
      s(m.flows.id[i]!),
    ]).sort(),
  };
}

/** Every 97th slice's args, read back as text (from the arena or the file). */
export async function argsOf(m: TraceModel, file: InputFile): Promise<string[]> {
  const out: string[] = [];
  for (const t of m.sliceTracks) {
    for (let i = 0; i < t.slices.length; i += 97) {
      const a = t.slices.args[i]!;
      if (a < 0) continue;
      const off = m.args.offset[a]!;
      const bytes = m.args.arena
        ? m.args.arena.subarray(off, off + m.args.size[a]!)
        : await file.slice(off, off + m.args.size[a]!);
      out.push(new TextDecoder().decode(bytes));
    }
  }
  return out;
}
