/**
 * The one place that says what starts collapsed on the timeline, and which rows must open so a
 * slice is drawn on a row of its own. The row layout asks `isCollapsed` for every collapsible row;
 * navigation asks `keysToOpen` before it selects and scrolls (both read the same rule, so a
 * slice shown from another view is never selected inside a folded row).
 *
 * Defaults: trace groups and async tracks start open; processes follow "Collapse all" /
 * "Expand all" (`collapseDefault`), except counter-only processes, HCCL and CANN, which start folded
 * to one summary row (startsFolded); threads nested DEEP_THREAD_ROWS or more deep (with_stack Python stacks) start
 * folded to their landmark lanes until "Expand all".
 */
import { cachedMerge, mergePlans } from '../../model/merge-streams';
import type { TraceModel } from '../../model/trace-model';
import { MERGED_KINDS, type TrackLayout } from '../../store/track-layout';

/** Threads with at least this many nesting rows start collapsed (see expandDeepThreads). */
export const DEEP_THREAD_ROWS = 12;

export interface CollapseState {
  collapseDefault: boolean;
  /** Deep threads start expanded (absent: true, i.e. no special case). */
  expandDeepThreads?: boolean;
  collapseOverrides: Readonly<Record<string, boolean>>;
  pinnedTracks: readonly string[];
  /** Show only the tracks whose rank, process, thread or name contain every word. */
  trackFilter?: string;
  /** Ranks by rank or by track kind, hidden tracks, the order of process kinds. */
  trackLayout?: TrackLayout;
}

export const processKey = (profileId: string, p: number) => `${profileId}|p${p}`;
export const trackKey = (profileId: string, track: number) => `${profileId}|t${track}`;
export const threadKey = (profileId: string, thread: number) => `${profileId}|th${thread}`;
export const counterKey = (profileId: string, c: number, s: number) => `${profileId}|c${c}.${s}`;
export const groupKey = (profileId: string) => `${profileId}|g`;

/** What a collapsible row is, for its default. */
export type CollapsibleKind =
  | { kind: 'group' }
  | { kind: 'process'; foldFirst: boolean }
  | { kind: 'thread'; depthRows: number }
  | { kind: 'async' };

/** Whether the row `key` is collapsed now: the user's override, else the default. */
export function isCollapsed(st: CollapseState, key: string, what: CollapsibleKind): boolean {
  const o = st.collapseOverrides[key];
  if (o !== undefined) return o;
  switch (what.kind) {
    case 'group':
    case 'async':
      return false;
    case 'process':
      return st.collapseDefault || (what.foldFirst && st.expandDeepThreads === false);
    case 'thread':
      return what.depthRows >= DEEP_THREAD_ROWS && st.expandDeepThreads === false;
  }
}

/**
 * Processes folded to their summary row on the first screen (until "Expand all"), so the steps,
 * the device streams and the Overlap Analysis lanes fit: counter-only processes, HCCL (its
 * per-plane lanes; the Overlap Analysis lanes already show communication and its overlap) and
 * CANN (the launch APIs under each operator; its summary row still shows when it is busy).
 */
export function startsFolded(t: TraceModel, p: number): boolean {
  return isCounterOnly(t, p) || /^(HCCL|CANN)\b/.test(t.processes[p]!.name ?? '');
}

/** A process that holds counters and nothing else (no slices, no instants). */
export function isCounterOnly(t: TraceModel, p: number): boolean {
  const pr = t.processes[p]!;
  if (pr.counters.length === 0 || pr.instants.length > 0) return false;
  if (pr.asyncTracks.some((a) => t.sliceTracks[a]!.slices.length > 0)) return false;
  return pr.threads.every((th) => {
    const x = t.threads[th]!;
    return x.track < 0 && x.instants.length === 0;
  });
}

/**
 * Rows that must be open for slice `index` of `track` to be drawn on its own lane: its group
 * (several traces shown), its process, its thread when the slice is nested (a folded thread
 * draws only its landmark lanes) or on the overflow lane (shown only while the thread is open).
 * Only those collapsed now are returned.
 */
export function keysToOpen(
  t: TraceModel,
  profileId: string,
  track: number,
  index: number,
  multi: boolean,
  st: CollapseState,
): string[] {
  const tr = t.sliceTracks[track];
  if (!tr) return [];
  const out: string[] = [];
  if (multi && isCollapsed(st, groupKey(profileId), { kind: 'group' }))
    out.push(groupKey(profileId));
  // A stream drawn on its device's merged row (HCCL included when merged in): open the process
  // that row sits in, not the stream's own process (it has no row while merged).
  const host = mergedHost(t, track, st);
  if (host >= 0) {
    const hKey = processKey(profileId, host);
    if (isCollapsed(st, hKey, { kind: 'process', foldFirst: startsFolded(t, host) }))
      out.push(hKey);
    return out;
  }
  const pKey = processKey(profileId, tr.process);
  const foldFirst = startsFolded(t, tr.process);
  if (isCollapsed(st, pKey, { kind: 'process', foldFirst })) out.push(pKey);
  const main = tr.thread >= 0 ? t.threads[tr.thread]!.track : -1;
  if (tr.kind === 'async') {
    const k = trackKey(profileId, track);
    if (tr.slices.depth[index]! > 0 && isCollapsed(st, k, { kind: 'async' })) out.push(k);
    return out;
  }
  if (main < 0) return out;
  const depthRows = t.sliceTracks[main]!.slices.rows;
  const k = trackKey(profileId, main);
  const folded = foldedLanes(t, main);
  const depth = tr.slices.depth[index]!;
  const needs =
    tr.kind === 'overflow' || depth < folded.first || depth >= folded.first + folded.count;
  if (needs && isCollapsed(st, k, { kind: 'thread', depthRows })) out.push(k);
  return out;
}

/** The process whose merged row draws slice track `track`, or -1 (not merged, or not built yet). */
function mergedHost(t: TraceModel, track: number, st: CollapseState): number {
  const merge = st.trackLayout?.merge;
  if (!merge || merge === 'off') return -1;
  for (const pl of mergePlans(t, MERGED_KINDS[merge]))
    if (pl.members.includes(track) && cachedMerge(t, pl.host, pl.members)) return pl.host;
  return -1;
}

/** Lanes under a step slice that a folded thread still shows (forward / backward, their modules). */
const LANES_UNDER_STEP = 2;

const stepNameIds = new WeakMap<TraceModel, Set<number>>();
/** Name ids of `ProfilerStep#N` slices (torch's step markers). */
export function stepNames(t: TraceModel): Set<number> {
  let s = stepNameIds.get(t);
  if (!s) {
    s = new Set();
    t.strings.forEach((x, i) => {
      if (x.startsWith('ProfilerStep#')) s!.add(i);
    });
    stepNameIds.set(t, s);
  }
  return s;
}

/** Depth lanes a folded thread draws: `count` lanes from depth `first`. */
export interface FoldedLanes {
  first: number;
  count: number;
}

const foldedCache = new WeakMap<object, FoldedLanes>();
/**
 * Lanes a folded thread shows: its landmarks, i.e. its steps and the forward / backward structure
 * under them (`ProfilerStep#N` at depth d → lanes d … d + 2; the frames above the step, the same
 * span as the step, are left out), else the top lane.
 */
export function foldedLanes(t: TraceModel, track: number): FoldedLanes {
  const table = t.sliceTracks[track]!.slices;
  let f = foldedCache.get(table);
  if (!f) {
    const steps = stepNames(t);
    let first = -1;
    if (steps.size > 0)
      for (let i = 0; i < table.length; i++)
        if (steps.has(table.name[i]!) && (first < 0 || table.depth[i]! < first))
          first = table.depth[i]!;
    f =
      first < 0
        ? { first: 0, count: Math.min(1, table.rows) }
        : { first, count: Math.min(table.rows - first, 1 + LANES_UNDER_STEP) };
    foldedCache.set(table, f);
  }
  return f;
}
