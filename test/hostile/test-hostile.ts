/**
 * Shared pieces of the hostile-input tests: importing bytes and folders the way the app does,
 * and the invariants every model and report must keep whatever the input (checkModel,
 * checkProfile). A check returns the list of broken invariants, so a fuzz failure can name them.
 */
import { generateAscendProfile, type GeneratedProfile } from '../../src/generator/ascend-profile';
import { importProfile } from '../../src/import/import-profile';
import { openInputs } from '../../src/import/open-inputs';
import { memoryFile, type InputFile } from '../../src/import/sources/input-file';
import { importTraceJson } from '../../src/import/trace/import-trace-json';
import { MAX_SPAN_NS } from '../../src/import/trace/time-base';
import type { InputReport, ProfileModel } from '../../src/model/profile';
import type { SliceTable, TraceModel, TraceWarning } from '../../src/model/trace-model';

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Imports one trace file from bytes, as the trace reader does. */
export function importBytes(data: string | Uint8Array, path = 'trace.json'): Promise<TraceModel> {
  return importTraceJson(memoryFile(path, data));
}

export function codes(x: { warnings?: readonly TraceWarning[] }): string[] {
  return (x.warnings ?? []).map((w) => w.code).sort();
}

export function warning(
  x: { warnings?: readonly TraceWarning[] },
  code: string,
): TraceWarning | undefined {
  return x.warnings?.find((w) => w.code === code);
}

/** A small generated Ascend rank folder (trace_view.json, CSVs, JSON side files). */
export function smallProfile(seed = 7): GeneratedProfile {
  return generateAscendProfile({ seed, steps: 1, kernelsPerStep: 16, withMemory: true });
}

/**
 * The files of a generated folder, with some replaced by name suffix (`null` removes the file)
 * and extra files added.
 */
export function folderFiles(
  g: GeneratedProfile,
  replace: Record<string, string | Uint8Array | null> = {},
  extra: Record<string, string | Uint8Array> = {},
): InputFile[] {
  const out: InputFile[] = [];
  for (const f of g.files) {
    const key = Object.keys(replace).find((k) => f.path.endsWith(k));
    if (key === undefined) out.push(memoryFile(f.path, f.data));
    else if (replace[key] !== null) out.push(memoryFile(f.path, replace[key]!));
  }
  const root = g.files[0]!.path.split('/')[0]!;
  for (const [rel, data] of Object.entries(extra)) out.push(memoryFile(`${root}/${rel}`, data));
  return out;
}

export function fileText(g: GeneratedProfile, suffix: string): string {
  const f = g.files.find((x) => x.path.endsWith(suffix));
  if (!f) throw new Error(`no generated file ending with ${suffix}`);
  return f.data;
}

/** Opens inputs and imports every profile found, as the worker does (open → import). */
export async function importInputs(
  inputs: InputFile[],
): Promise<{ reports: InputReport[]; profiles: ProfileModel[] }> {
  const opened = await openInputs(inputs);
  const profiles: ProfileModel[] = [];
  for (const d of opened.discovery.profiles) {
    profiles.push(await importProfile(d, opened.files, { argsFromFile: true }));
  }
  return { reports: opened.reports, profiles };
}

/** The report of the input whose path ends with `suffix`. */
export function reportOf(p: ProfileModel, suffix: string): InputReport {
  const r = p.inputs.find((i) => i.path.endsWith(suffix));
  if (!r) throw new Error(`no input report for ${suffix}`);
  return r;
}

function checkSlices(t: SliceTable, where: string, m: TraceModel, out: string[]): void {
  const arrays = [t.start, t.dur, t.depth, t.parent, t.name, t.cat, t.args, t.flags];
  if (arrays.some((a) => a.length !== t.length)) out.push(`${where}: column lengths differ`);
  if (t.rows > 65536) out.push(`${where}: ${t.rows} rows`);
  for (let i = 0; i < t.length; i++) {
    const s = t.start[i]!;
    const d = t.dur[i]!;
    if (!Number.isFinite(s) || s < 0) out.push(`${where}[${i}]: start ${s}`);
    if (!Number.isFinite(d) || d < 0) out.push(`${where}[${i}]: dur ${d}`);
    if (i > 0 && s < t.start[i - 1]!) out.push(`${where}[${i}]: not sorted by start`);
    if (s + d > m.endNs) out.push(`${where}[${i}]: ends at ${s + d} after endNs ${m.endNs}`);
    if (t.depth[i]! >= Math.max(t.rows, 1)) out.push(`${where}[${i}]: depth ${t.depth[i]} >= rows`);
    const p = t.parent[i]!;
    if (p >= i || p < -1) out.push(`${where}[${i}]: parent ${p}`);
    if (t.name[i]! >= m.strings.length || t.cat[i]! >= m.strings.length)
      out.push(`${where}[${i}]: string id out of range`);
    if (t.args[i]! >= m.args.length || t.args[i]! < -1) out.push(`${where}[${i}]: args id`);
    if (out.length > 20) return;
  }
}

/** Invariants of any imported trace model (an empty list when all hold). */
export function checkModel(m: TraceModel): string[] {
  const out: string[] = [];
  if (!/^-?\d+$/.test(m.baseNs)) out.push(`baseNs "${m.baseNs}" is not an integer`);
  // The time axis never collapses: inliers span at most MAX_SPAN_NS, durations at most as much.
  if (!Number.isFinite(m.endNs) || m.endNs < 0 || m.endNs > 2 * MAX_SPAN_NS)
    out.push(`endNs ${m.endNs} outside [0, ${2 * MAX_SPAN_NS}]`);
  m.sliceTracks.forEach((tr, k) => {
    if (tr.process < 0 || tr.process >= m.processes.length) out.push(`track ${k}: process`);
    checkSlices(tr.slices, `track ${k}`, m, out);
  });
  m.threads.forEach((t, k) => {
    if (t.process < 0 || t.process >= m.processes.length) out.push(`thread ${k}: process`);
    for (const tr of [t.track, t.overflowTrack])
      if (tr < -1 || tr >= m.sliceTracks.length) out.push(`thread ${k}: track ${tr}`);
    const ts = t.instants.ts;
    for (let i = 0; i < ts.length; i++) {
      if (!Number.isFinite(ts[i]!) || (i > 0 && ts[i]! < ts[i - 1]!))
        out.push(`thread ${k}: instant ${i} at ${ts[i]}`);
    }
  });
  m.counters.forEach((c, k) => {
    for (let i = 0; i < c.ts.length; i++) {
      if (!Number.isFinite(c.ts[i]!) || (i > 0 && c.ts[i]! < c.ts[i - 1]!))
        out.push(`counter ${k}: sample ${i} at ${c.ts[i]}`);
    }
    for (const s of c.series)
      if (s.values.length !== c.ts.length) out.push(`counter ${k}: series "${s.name}" length`);
  });
  const f = m.flows;
  for (let i = 0; i < f.length; i++) {
    for (const [track, slice] of [
      [f.fromTrack[i]!, f.fromSlice[i]!],
      [f.toTrack[i]!, f.toSlice[i]!],
    ] as const) {
      const t = m.sliceTracks[track];
      if (!t || slice < 0 || slice >= t.slices.length) {
        out.push(`flow ${i}: endpoint ${track}/${slice} is not a slice`);
        break;
      }
    }
  }
  if (m.stats.events < 0 || !Number.isFinite(m.stats.events)) out.push('stats.events');
  for (const w of m.warnings)
    if (!(w.count > 0) || !w.example) out.push(`warning ${w.code} without count or example`);
  return out;
}

/** Invariants of an imported profile: every input has a status, failures a reason. */
export function checkProfile(p: ProfileModel): string[] {
  const out: string[] = [];
  for (const i of p.inputs) {
    if (!['read', 'skipped', 'failed'].includes(i.status))
      out.push(`${i.path}: status ${i.status}`);
    if (i.status === 'failed' && !i.reason) out.push(`${i.path}: failed without a reason`);
    for (const w of i.warnings ?? [])
      if (!(w.count > 0) || !w.example) out.push(`${i.path}: warning ${w.code} without count`);
  }
  if (p.trace) out.push(...checkModel(p.trace).map((m) => `trace: ${m}`));
  return out;
}
