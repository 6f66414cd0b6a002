/**
 * Where the slice keys (`.` / `,`) start when nothing is selected yet, so a keyboard user can
 * pick a first slice without the mouse: the first top-level slice that starts inside the
 * visible window, on the topmost slice row in view (pinned rows first, then from the scroll
 * position down; rows above the scroll position last).
 */
import { lowerBound } from '../../lib/bisect';
import type { TimeSpan } from '../../model/units';
import type { Row } from './row-layout';
import type { SliceAddress, TraceGroup } from './timeline-groups';

export function firstVisibleSlice(
  rows: readonly Row[],
  groups: readonly TraceGroup[],
  w: TimeSpan,
  scrollTop: number,
): SliceAddress | null {
  const slices = rows.filter((r) => r.kind === 'slices' && r.track >= 0);
  const inView = (r: Row) => r.pinned || r.y + r.height > scrollTop;
  const order = [...slices.filter(inView), ...slices.filter((r) => !inView(r))];
  for (const r of order) {
    const g = groups[r.group];
    const t = g?.trace.sliceTracks[r.track]?.slices;
    if (!g || !t) continue;
    const lo = w.start - g.offsetNs;
    const hi = w.end - g.offsetNs;
    for (let i = lowerBound(t.start, lo); i < t.length && t.start[i]! <= hi; i++)
      if (t.depth[i] === 0) return { group: r.group, track: r.track, index: i };
  }
  return null;
}
