/**
 * Hit-testing in model space: y → row (and depth lane), x → time on the axis → a bisect in that
 * lane (the same LOD rule the renderer uses, so what you click is what is drawn). No per-frame
 * geometry is kept for this.
 */
import { lowerBound, upperBound } from '../../lib/bisect';
import type { InstantTable, TraceModel } from '../../model/trace-model';
import { sliceAtTime } from './lod';
import { TRACK_PAD, type Row, type RowLayout } from './row-layout';
import { laneAt, rowAtY } from './row-geometry';
import { sliceIndex } from './slice-index';
import type { TraceGroup } from './timeline-groups';
import type { TimeScale } from './time-scale';

/** Gutter geometry (CSS px). */
export const CHEVRON_W = 14;
export const INDENT_W = 12;
export const PIN_W = 20;

export type Hit =
  | { kind: 'slice'; row: Row; group: number; track: number; index: number }
  | {
      kind: 'instant';
      row: Row;
      group: number;
      table: InstantTable;
      index: number;
      /** The thread whose table holds it, for an instant drawn on a merged row. */
      thread?: number;
    }
  | { kind: 'counter'; row: Row; group: number; sample: number; value: number }
  | { kind: 'row'; row: Row }
  | { kind: 'chevron' | 'pin' | 'label'; row: Row };

export interface HitContext {
  layout: RowLayout;
  groups: readonly TraceGroup[];
  /** Scale of the shared axis over the content area. */
  scale: TimeScale;
  scrollTop: number;
  labelWidth: number;
}

/** The instants table drawn on a row, if any. */
export function rowInstants(t: TraceModel, row: Row): InstantTable | null {
  if (row.kind === 'instants') {
    if (row.track === -2) return t.globalInstants;
    return t.processes[row.process]?.instants ?? null;
  }
  if (row.kind === 'slices' && row.thread >= 0) return t.threads[row.thread]!.instants;
  return null;
}

/**
 * The instant drawn nearest to `time` on a merged row (its members' threads' instants, merged in
 * time order when drawn): the table it belongs to, its index there and its thread. Null if none
 * is within `tolPx`.
 */
export function mergedInstantAt(
  t: TraceModel,
  row: Row,
  scale: TimeScale,
  time: number,
  tolPx = 4,
): { table: InstantTable; index: number; thread: number } | null {
  let best: { table: InstantTable; index: number; thread: number } | null = null;
  let bestD = Infinity;
  for (const m of row.merged?.members ?? []) {
    const th = t.sliceTracks[m]?.thread ?? -1;
    const table = th >= 0 ? t.threads[th]!.instants : null;
    if (!table || table.length === 0) continue;
    const i = instantAt(table, scale, time, tolPx);
    if (i < 0) continue;
    const d = Math.abs(table.ts[i]! - time);
    if (d < bestD) {
      best = { table, index: i, thread: th };
      bestD = d;
    }
  }
  return best;
}

/** Nearest instant to `time` within `tolPx`, or -1. */
export function instantAt(table: InstantTable, scale: TimeScale, time: number, tolPx = 4): number {
  const i = lowerBound(table.ts, time);
  let best = -1;
  let bestD = tolPx;
  for (const j of [i - 1, i]) {
    if (j < 0 || j >= table.length) continue;
    const d = Math.abs(table.ts[j]! - time) * scale.pxPerNs;
    if (d <= bestD) {
      best = j;
      bestD = d;
    }
  }
  return best;
}

/** x: CSS px from the left of the canvas (gutter included); y: from the top of the track area. */
export function hitTest(ctx: HitContext, x: number, y: number): Hit | null {
  const found = rowAtY(ctx.layout, y, ctx.scrollTop);
  if (!found) return null;
  const { row, top } = found;
  if (x < ctx.labelWidth) {
    if (x >= ctx.labelWidth - PIN_W && row.kind !== 'process' && row.kind !== 'group')
      return { kind: 'pin', row };
    const cx = 4 + row.indent * INDENT_W;
    if (row.collapsible && x >= cx - 2 && x < cx + CHEVRON_W + 2) return { kind: 'chevron', row };
    return { kind: 'label', row };
  }
  const g = ctx.groups[row.group];
  if (!g) return { kind: 'row', row };
  const scale = ctx.scale.shifted(g.offsetNs);
  const time = scale.pxToTime(x - ctx.labelWidth);
  const dy = y - top;
  const t = g.trace;
  const instants = rowInstants(t, row);
  if (instants && (row.kind === 'instants' || dy < TRACK_PAD + row.laneTop)) {
    const i = instantAt(instants, scale, time);
    return i >= 0
      ? { kind: 'instant', row, group: row.group, table: instants, index: i }
      : { kind: 'row', row };
  }
  // A merged row's instant lane: its streams' threads' instants.
  if (row.merged?.instants && dy < TRACK_PAD + row.laneTop) {
    const h = mergedInstantAt(t, row, scale, time);
    return h ? { kind: 'instant', row, group: row.group, ...h } : { kind: 'row', row };
  }
  if (row.kind === 'slices' && (row.track >= 0 || row.merged)) {
    const d = laneAt(row, dy);
    if (d < 0) return { kind: 'row', row };
    const m = row.merged;
    const table = (m?.track ?? t.sliceTracks[row.track]!).slices;
    const lane = sliceIndex(table).lanes[row.firstLane + d];
    if (!lane) return { kind: 'row', row };
    const i = sliceAtTime(table, lane, scale, time);
    if (i < 0) return { kind: 'row', row };
    // A merged row's slice is its real stream's slice.
    return m
      ? { kind: 'slice', row, group: row.group, track: m.srcTrack[i]!, index: m.srcIndex[i]! }
      : { kind: 'slice', row, group: row.group, track: row.track, index: i };
  }
  if (row.kind === 'counter') {
    const c = t.counters[row.track]!;
    const k = upperBound(c.ts, time) - 1;
    if (k >= 0) {
      const v = c.series[row.series]?.values[k] ?? NaN;
      return { kind: 'counter', row, group: row.group, sample: k, value: v };
    }
  }
  return { kind: 'row', row };
}
