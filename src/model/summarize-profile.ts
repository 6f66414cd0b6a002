/**
 * The headless summary (`npm run summarize`): a stable JSON description of a profile. Its keys
 * are a public contract read by scripts: keep documented keys and meanings, add keys freely.
 */
import type { InputReport, ProfileModel } from './profile';
import type { TraceModel, TraceWarning } from './trace-model';
import { metadataSummary } from './trace-facts';

export interface TraceSummary {
  events: number;
  byPhase: Record<string, number>;
  firstTsNs: string | null;
  lastTsNs: string | null;
  distinctTs: number;
  processNames: string[];
  flows: { matched: number; startOnly: number; endOnly: number; unbound: number; arrows: number };
  overflowSlices: number;
  slices: number;
  counterSamples: number;
  instants: number;
  processes: number;
  threads: number;
  maxDepth: number;
  /** Time zero of the timeline (smallest non-outlier ts), exact decimal ns. */
  timelineStartNs: string;
  durationNs: number;
  /**
   * The trace file's top-level keys (object form): `keys`, `rank` / `worldSize` / `backend` from
   * distributedInfo, `devices` from deviceProperties, and `values` (each key's value when its JSON
   * is ≤ 4 KiB, else a one-line summary). See model/trace-facts.ts.
   */
  metadata: Record<string, unknown>;
}

export interface ProfileSummary {
  profile: {
    label: string;
    root: string;
    kind: string;
    rank: number | null;
    runFolder: string | null;
    level: string | null;
    exportType: string | null;
    host: string | null;
  };
  inputs: InputReport[];
  trace: TraceSummary | null;
  tables: Record<string, { rows: number; columns: string[] }>;
  warnings: TraceWarning[];
  [key: string]: unknown;
}

/** An input's report as the summary prints it: without the interface's message (the English stays). */
export function inputJson(i: InputReport): InputReport {
  const { reasonMsg: _, ...rest } = i;
  if (rest.warnings) rest.warnings = rest.warnings.map(warningJson);
  return rest;
}

/** A warning as the summary prints it: code, count and the English example (no message). */
export function warningJson(w: TraceWarning): TraceWarning {
  const { exampleMsg: _, ...rest } = w;
  return rest;
}

export function summarizeTrace(t: TraceModel): TraceSummary {
  return {
    events: t.stats.events,
    byPhase: t.stats.byPhase,
    firstTsNs: t.stats.firstTsNs,
    lastTsNs: t.stats.lastTsNs,
    distinctTs: t.stats.distinctTs,
    processNames: t.stats.processNames,
    flows: { ...t.stats.flows, arrows: t.flows.length },
    overflowSlices: t.stats.overflowSlices,
    slices: t.stats.slices,
    counterSamples: t.stats.counters,
    instants: t.stats.instants,
    processes: t.processes.length,
    threads: t.threads.length,
    maxDepth: t.stats.maxDepth,
    timelineStartNs: t.baseNs,
    durationNs: t.endNs,
    metadata: metadataSummary(t.metadata),
  };
}

/** Summary extensions contributed by other modules (tables, steps, db…), keyed by summary key. */
export type SummaryExtension = (p: ProfileModel) => Record<string, unknown>;

export function summarizeProfile(
  p: ProfileModel,
  extensions: readonly SummaryExtension[] = [],
): ProfileSummary {
  const d = p.descriptor;
  const warnings: TraceWarning[] = p.warnings.map(warningJson);
  for (const input of p.inputs) {
    for (const w of input.warnings ?? [])
      warnings.push({ ...warningJson(w), example: `${input.path}: ${w.example}` });
    if (input.status === 'failed') {
      warnings.push({
        code: 'file_failed',
        count: 1,
        example: `${input.path}: ${input.reason ?? 'failed'}`,
      });
    }
  }
  const out: ProfileSummary = {
    profile: {
      label: d.label,
      root: d.root,
      kind: d.kind,
      rank: d.rank,
      runFolder: d.runFolder,
      level: d.level,
      exportType: d.exportType,
      host: d.host,
    },
    inputs: p.inputs.map(inputJson),
    trace: p.trace ? summarizeTrace(p.trace) : null,
    tables: Object.fromEntries(
      Object.entries(p.tables).map(([k, t]) => [k, { rows: t.rows.length, columns: t.header }]),
    ),
    warnings,
  };
  for (const ext of extensions) Object.assign(out, ext(p));
  return out;
}

/** Whether anything at all could be read from the profile. */
export function profileHasData(p: ProfileModel): boolean {
  return (
    p.trace !== null ||
    Object.keys(p.tables).length > 0 ||
    p.inputs.some(
      (i) =>
        i.status === 'read' &&
        i.kind !== 'profiler_info.json' &&
        i.kind !== 'profiler_metadata.json',
    )
  );
}
