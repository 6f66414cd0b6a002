/**
 * Read-only questions about the traces a timeline shows (tooltip text, flows of a slice, flow
 * categories, slices by name). TimelineView exposes them as methods over its current groups.
 */
import { formatDuration } from '../../lib/format';
import { SliceFlag } from '../../model/trace-model';
import { flowIndex, flowsFrom, flowsTo } from './flow-index';
import type { Hit } from './hit-test';
import type { SliceAddress, TraceGroup } from './timeline-groups';

/** What is under the pointer, as plain text lines for the tooltip (null: no tooltip). */
export function describeHit(groups: readonly TraceGroup[], h: Hit): string[] | null {
  const g = groups[h.row.group];
  if (!g) return null;
  const t = g.trace;
  if (h.kind === 'slice') {
    const s = t.sliceTracks[h.track]!.slices;
    const unfinished = (s.flags[h.index]! & SliceFlag.Unfinished) !== 0;
    return [
      t.strings[s.name[h.index]!] ?? '',
      `${formatDuration(s.dur[h.index]!)}${unfinished ? ' (did not end)' : ''}`,
      `start ${formatDuration(s.start[h.index]!)}`,
    ];
  }
  if (h.kind === 'instant') {
    return [
      t.strings[h.table.name[h.index]!] ?? '',
      `instant at ${formatDuration(h.table.ts[h.index]!)}`,
    ];
  }
  // Counters show their value beside the cursor on the overlay instead.
  return null;
}

/** Flow rows leaving and entering a slice. */
export function flowsOfSlice(
  groups: readonly TraceGroup[],
  a: SliceAddress,
): { out: number[]; in: number[] } {
  const t = groups[a.group]?.trace;
  if (!t) return { out: [], in: [] };
  return { out: flowsFrom(t, a.track, a.index), in: flowsTo(t, a.track, a.index) };
}

/** Flow categories over all groups, with counts. */
export function flowCategoryCounts(
  groups: readonly TraceGroup[],
): { name: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const g of groups)
    for (const c of flowIndex(g.trace).cats)
      counts.set(c.name, (counts.get(c.name) ?? 0) + c.count);
  return [...counts].map(([name, count]) => ({ name, count }));
}

/** First slice named `name` in a group, or null. */
export function findSliceNamed(
  groups: readonly TraceGroup[],
  name: string,
  group: number,
): SliceAddress | null {
  const t = groups[group]?.trace;
  if (!t) return null;
  const id = t.strings.indexOf(name);
  if (id < 0) return null;
  for (let tr = 0; tr < t.sliceTracks.length; tr++) {
    const s = t.sliceTracks[tr]!.slices;
    for (let i = 0; i < s.length; i++) if (s.name[i] === id) return { group, track: tr, index: i };
  }
  return null;
}
