/**
 * Vertical layout of the timeline: which rows exist (trace groups, processes, thread / overflow /
 * async slice tracks, counters, instants), in display order, how tall each is, and where it sits.
 * Recomputed only when the traces, collapse state or pins change, never per frame.
 *
 *   y=0 ┌──────────────────────────────────────────┐ ─┐
 *       │ pinned rows (drawn at a fixed position)  │  │ pinnedHeight
 *       ├──────────────────────────────────────────┤ ─┘
 *       │ rows[k]  y = sum of heights before it    │ ─┐ scrolled area: a row is drawn at
 *       │ rows[k+1]                                │  │ pinnedHeight + row.y - scrollTop,
 *       │ …   only rows meeting [scrollTop,        │  │ and only if it meets the viewport
 *       │      scrollTop + viewport) are drawn     │  │ (bisect on y: virtualised)
 *       └──────────────────────────────────────────┘ ─┘ height
 *
 * A slices row stacks an optional instant lane (laneTop px) above its depth lanes:
 *   row.y ┬ pad ┬ instants (if any) ┬ depth 0 ┬ depth 1 … ┬ pad
 */
import { t as tr } from '../../i18n/t';
import type { TraceModel } from '../../model/trace-model';
import { processDisplayOrder, threadDisplayOrder } from '../../model/track-order';
import {
  counterKey,
  foldedLanes,
  groupKey,
  isCollapsed,
  isCounterOnly,
  processKey,
  startsFolded,
  threadKey,
  trackKey,
  type CollapseState,
} from './collapse-rules';
import type { TraceGroup } from './timeline-groups';
import { processLabel, threadLabel } from '../../model/labels';
import {
  processTitle as processName,
  threadTitle,
  trackTitle,
} from '../../views/common/track-labels';
import { MERGED_KINDS, orderRank, trackName, type TrackLayout } from '../../store/track-layout';
import { mergePlans, type MergedStreams } from '../../model/merge-streams';
import { mergedStreamsFor } from './merge-runner';

/** Height of one depth lane, CSS px. */
export const DEPTH_H = 18;
/** Height of a slice rect inside its lane. */
export const SLICE_H = 16;
export const TRACK_PAD = 3;
export const INSTANT_LANE_H = 12;
export const PROCESS_H = 24;
export const PROCESS_COLLAPSED_H = 30;
export const GROUP_H = 26;
export const COUNTER_H = 40;

export type RowKind = 'group' | 'process' | 'slices' | 'counter' | 'instants';

export interface Row {
  /** Stable key (collapse / pin state): `${profileId}|p3`, `${profileId}|t12`, … */
  key: string;
  kind: RowKind;
  group: number;
  /** Process index, -1 for group rows and global instants. */
  process: number;
  /** slices: slice track (-1 for a thread that only has instants); counter: counter index. */
  track: number;
  /** counter: series index. */
  series: number;
  /** Thread whose instants are drawn on this row (slices rows), else -1. */
  thread: number;
  /** Top, CSS px, within its area (pinned area or scrolled area). */
  y: number;
  height: number;
  /** Nesting level of the label (0 = group/process). */
  indent: number;
  title: string;
  subtitle: string;
  collapsible: boolean;
  collapsed: boolean;
  pinned: boolean;
  /** slices rows: depth lanes drawn (1 when collapsed). */
  lanes: number;
  /** slices rows: offset of depth lane 0 from row.y. */
  laneTop: number;
  /** slices rows: depth drawn on the first lane (a folded thread may start at its steps). */
  firstLane: number;
  /** Name that hides this row in the track layout (track-layout.ts), '' when it cannot be hidden. */
  hideName: string;
  /**
   * Merged device streams (model/merge-streams.ts): the row draws this derived table (track is
   * -1); its slices map back to their real tracks, which all resolve to this row in `byKey`.
   */
  merged: MergedStreams | null;
}

export interface RowLayout {
  pinned: Row[];
  pinnedHeight: number;
  rows: Row[];
  /** Total height of the scrolled rows. */
  height: number;
  byKey: Map<string, Row>;
}

export { counterKey, groupKey, processKey, trackKey, type CollapseState } from './collapse-rules';

function baseRow(partial: Partial<Row> & Pick<Row, 'key' | 'kind' | 'group' | 'title'>): Row {
  return {
    process: -1,
    track: -1,
    series: 0,
    thread: -1,
    y: 0,
    height: 0,
    indent: 0,
    subtitle: '',
    collapsible: false,
    collapsed: false,
    pinned: false,
    lanes: 0,
    laneTop: 0,
    firstLane: 0,
    hideName: '',
    merged: null,
    ...partial,
  };
}

function processTitle(t: TraceModel, p: number): { title: string; subtitle: string } {
  const pr = t.processes[p]!;
  const title = processName(pr);
  const parts = [];
  if (pr.name !== null && pr.pid) parts.push(pr.pid);
  return { title, subtitle: parts.join(' ') };
}

/** Rows of one trace group, before pinning and positions. */
/** Lower-cased terms of a track filter ("rank 1 stream", "hccl"), null when empty. */
export function filterTermsOf(filter: string | undefined): string[] | null {
  const terms = (filter ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return terms.length > 0 ? terms : null;
}

/**
 * Whether a track row passes the filter: every term appears in its rank label, process name,
 * or its own title / subtitle (thread name, tid, counter and series).
 */
function matchesFilter(terms: string[], g: TraceGroup, t: TraceModel, p: number, r: Row): boolean {
  const pr = t.processes[p]!;
  const text = [g.label, pr.name ?? '', pr.pid, pr.labels.join(' '), r.title, r.subtitle]
    .join(' ')
    .toLowerCase();
  return terms.every((w) => text.includes(w));
}

/** One process row and the rows under it (the unit the track layout orders and groups). */
interface ProcessBlock {
  kind: string;
  rows: Row[];
}

/**
 * Rows of one trace group: its header (group row, global instants) and its process blocks.
 * `byKind`: several ranks side by side by track kind, so no group row; process titles name the rank.
 */
function groupRows(
  g: TraceGroup,
  gi: number,
  st: CollapseState,
  multi: boolean,
  byKind: boolean,
): { head: Row[]; blocks: ProcessBlock[] } {
  const filterTerms = filterTermsOf(st.trackFilter);
  const hidden = new Set(st.trackLayout?.hidden ?? []);
  const t = g.trace;
  const id = g.profileId;
  const out: Row[] = [];
  const blocks: ProcessBlock[] = [];
  const merge = st.trackLayout?.merge;
  // A merge still being built (merge-runner.ts) leaves its streams unmerged until it is ready.
  const plans = (merge && merge !== 'off' ? mergePlans(t, MERGED_KINDS[merge]) : [])
    .map((pl) => ({
      ...pl,
      m: mergedStreamsFor(t, pl.host, pl.members, tr('timeline:merged_streams')),
    }))
    .filter((pl) => pl.m !== null);
  const mergedTracks = new Set(plans.flatMap((pl) => pl.members));
  let indent = 0;
  if (multi && !byKind) {
    const key = groupKey(id);
    const collapsed = isCollapsed(st, key, { kind: 'group' });
    out.push(
      baseRow({ key, kind: 'group', group: gi, title: g.label, collapsible: true, collapsed }),
    );
    if (collapsed) return { head: out, blocks };
    indent = 1;
  }
  if (t.globalInstants.length > 0) {
    out.push(
      baseRow({
        key: `${id}|gi`,
        kind: 'instants',
        group: gi,
        track: -2,
        indent,
        title: tr('timeline:global_instants'),
      }),
    );
  }
  for (const p of processDisplayOrder(t)) {
    const pr = t.processes[p]!;
    const kind = processLabel(pr);
    if (hidden.has(kind)) continue;
    const children: Row[] = [];
    const plan = plans.find((pl) => pl.host === p);
    const m = plan?.m;
    if (plan && m) {
      children.push(
        baseRow({
          key: `${id}|m${p}`,
          kind: 'slices',
          group: gi,
          process: p,
          indent: indent + 1,
          // The title from the current language (the memoised lane set keeps the first one).
          title: tr('timeline:merged_streams'),
          subtitle: tr('timeline:merged_streams_count', {
            count: new Set(plan.members.map((k) => t.sliceTracks[k]!.thread)).size,
          }),
          lanes: m.track.slices.rows,
          laneTop: m.instants ? INSTANT_LANE_H : 0,
          hideName: trackName(kind, 'Merged streams'),
          merged: m,
        }),
      );
    }
    if (pr.instants.length > 0) {
      children.push(
        baseRow({
          key: `${id}|pi${p}`,
          kind: 'instants',
          group: gi,
          process: p,
          track: -1,
          indent: indent + 1,
          title: tr('timeline:process_instants'),
          hideName: trackName(kind, 'Process instants'),
        }),
      );
    }
    for (const th of threadDisplayOrder(t.threads, pr.threads)) {
      const thread = t.threads[th]!;
      const hasInstants = thread.instants.length > 0;
      if (thread.track < 0 && !hasInstants) continue; // empty threads are hidden
      if (mergedTracks.has(thread.track)) continue; // drawn on the merged row
      const track = thread.track >= 0 ? t.sliceTracks[thread.track]! : null;
      const depthRows = track?.slices.rows ?? 0;
      const hasOverflow = thread.overflowTrack >= 0;
      const tkey = thread.track >= 0 ? trackKey(id, thread.track) : threadKey(id, th);
      const collapsible = depthRows > 1 || hasOverflow;
      const collapsed = collapsible && isCollapsed(st, tkey, { kind: 'thread', depthRows });
      const name = track?.name ?? threadLabel(thread);
      // Shown in the interface language; `name` (the model's) names it in links.
      const shown = track ? trackTitle(t, thread.track) : threadTitle(thread);
      const folded = collapsed && track ? foldedLanes(t, thread.track) : null;
      children.push(
        baseRow({
          key: tkey,
          kind: 'slices',
          group: gi,
          process: p,
          track: thread.track,
          thread: hasInstants ? th : -1,
          indent: indent + 1,
          title: shown,
          subtitle: name.includes(thread.tid) ? '' : thread.tid,
          collapsible,
          collapsed,
          lanes: folded ? folded.count : depthRows,
          firstLane: folded ? folded.first : 0,
          laneTop: hasInstants ? INSTANT_LANE_H : 0,
          hideName: trackName(kind, name),
        }),
      );
      if (hasOverflow && !collapsed) {
        const ov = t.sliceTracks[thread.overflowTrack]!;
        children.push(
          baseRow({
            key: trackKey(id, thread.overflowTrack),
            kind: 'slices',
            group: gi,
            process: p,
            track: thread.overflowTrack,
            indent: indent + 2,
            title: tr('timeline:overlapping_slices'),
            subtitle: shown,
            lanes: ov.slices.rows,
            hideName: trackName(kind, name),
          }),
        );
      }
    }
    for (const a of pr.asyncTracks) {
      const at = t.sliceTracks[a]!;
      if (at.slices.length === 0) continue;
      const key = trackKey(id, a);
      const collapsible = at.slices.rows > 1;
      const collapsed = collapsible && isCollapsed(st, key, { kind: 'async' });
      children.push(
        baseRow({
          key,
          kind: 'slices',
          group: gi,
          process: p,
          track: a,
          indent: indent + 1,
          title: at.name,
          collapsible,
          collapsed,
          lanes: collapsed ? 1 : at.slices.rows,
          hideName: trackName(kind, at.name),
        }),
      );
    }
    for (const c of pr.counters) {
      const ct = t.counters[c]!;
      if (ct.ts.length === 0) continue;
      const plotted = ct.series.filter((s) => !isIdentifierSeries(s.name));
      ct.series.forEach((s, si) => {
        // Identifiers (Acc PMU's acc_id) are labels of the samples, not values to plot.
        if (isIdentifierSeries(s.name) && plotted.length > 0) return;
        const multiSeries = plotted.length > 1;
        const title = multiSeries ? `${ct.name} · ${s.name}` : ct.name;
        children.push(
          baseRow({
            key: counterKey(id, c, si),
            kind: 'counter',
            group: gi,
            process: p,
            track: c,
            series: si,
            indent: indent + 1,
            title,
            subtitle: multiSeries ? '' : s.name === ct.name ? '' : s.name,
            hideName: trackName(kind, title),
          }),
        );
      });
    }
    const shown = children.filter(
      (r) => !hidden.has(r.hideName) && (!filterTerms || matchesFilter(filterTerms, g, t, p, r)),
    );
    if (shown.length === 0) continue;
    const key = processKey(id, p);
    const counterOnly = isCounterOnly(t, p);
    const collapsed = isCollapsed(st, key, { kind: 'process', foldFirst: startsFolded(t, p) });
    const { title, subtitle } = processTitle(t, p);
    const procRow = baseRow({
      key,
      kind: 'process',
      group: gi,
      process: p,
      indent,
      title: byKind ? `${g.label} · ${title}` : title,
      subtitle: [
        pr.labels.join(', '),
        subtitle,
        counterOnly && collapsed ? tr('timeline:n_counters', { count: pr.counters.length }) : '',
      ]
        .filter(Boolean)
        .join(' · '),
      collapsible: true,
      collapsed,
      hideName: kind,
    });
    blocks.push({ kind, rows: collapsed ? [procRow] : [procRow, ...shown] });
  }
  return { head: out, blocks };
}

/**
 * Orders the groups' process blocks: by rank (each group's blocks under its header, in the
 * user's kind order) or by kind (every rank's block of one kind together, kinds in the user's
 * order, then in the order they first appear).
 */
function arrange(
  parts: readonly { head: Row[]; blocks: ProcessBlock[] }[],
  layout: TrackLayout | undefined,
  byKind: boolean,
): Row[] {
  const sortBlocks = (blocks: ProcessBlock[]) =>
    blocks
      .map((b, i) => ({ b, i, r: orderRank(layout, b.kind) }))
      .sort((x, y) => x.r - y.r || x.i - y.i)
      .map((x) => x.b);
  const out: Row[] = [];
  if (!byKind) {
    for (const part of parts) {
      out.push(...part.head);
      for (const b of sortBlocks(part.blocks)) out.push(...b.rows);
    }
    return out;
  }
  const kinds = new Map<string, ProcessBlock>();
  for (const part of parts) {
    out.push(...part.head);
    for (const b of part.blocks) {
      const k = kinds.get(b.kind);
      if (k) k.rows.push(...b.rows);
      else kinds.set(b.kind, { kind: b.kind, rows: [...b.rows] });
    }
  }
  for (const b of sortBlocks([...kinds.values()])) out.push(...b.rows);
  return out;
}

/** A counter series that holds an identifier (`acc_id`, `device_id`), not a measured value. */
export function isIdentifierSeries(name: string): boolean {
  return /(^|_)id$/i.test(name);
}

export function rowHeight(r: Row): number {
  switch (r.kind) {
    case 'group':
      return GROUP_H;
    case 'process':
      return r.collapsed ? PROCESS_COLLAPSED_H : PROCESS_H;
    case 'counter':
      return COUNTER_H;
    case 'instants':
      return INSTANT_LANE_H + 2 * TRACK_PAD + 4;
    case 'slices':
      return r.laneTop + Math.max(r.lanes, 1) * DEPTH_H + 2 * TRACK_PAD;
  }
}

export function computeRowLayout(groups: readonly TraceGroup[], st: CollapseState): RowLayout {
  const multi = groups.length > 1;
  const byKind = multi && st.trackLayout?.mode === 'kind';
  const all = arrange(
    groups.map((g, gi) => groupRows(g, gi, st, multi, byKind)),
    st.trackLayout,
    byKind,
  );
  const pinSet = new Set(st.pinnedTracks);
  const pinnedByKey = new Map<string, Row>();
  const rows: Row[] = [];
  for (const r of all) {
    if (pinSet.has(r.key) && r.kind !== 'process' && r.kind !== 'group') {
      r.pinned = true;
      const proc = r.process >= 0 ? groups[r.group]!.trace.processes[r.process] : undefined;
      const where = proc ? processName(proc) : '';
      // Pinned rows leave their group: with several traces (ranks) they keep its label.
      r.subtitle =
        groups.length > 1 ? [groups[r.group]!.label, where].filter(Boolean).join(' · ') : where;
      pinnedByKey.set(r.key, r);
    } else rows.push(r);
  }
  const pinned: Row[] = [];
  for (const k of st.pinnedTracks) {
    const r = pinnedByKey.get(k);
    if (r) pinned.push(r);
  }
  let y = 0;
  for (const r of pinned) {
    r.y = y;
    r.height = rowHeight(r);
    y += r.height;
  }
  const pinnedHeight = y;
  y = 0;
  for (const r of rows) {
    r.y = y;
    r.height = rowHeight(r);
    y += r.height;
  }
  const byKey = new Map<string, Row>();
  for (const r of [...pinned, ...rows]) {
    byKey.set(r.key, r);
    // A merged stream's own key finds the merged row (selection, flows, navigation).
    if (r.merged)
      for (const k of r.merged.members) byKey.set(trackKey(groups[r.group]!.profileId, k), r);
  }
  return { pinned, pinnedHeight, rows, height: y, byKey };
}
