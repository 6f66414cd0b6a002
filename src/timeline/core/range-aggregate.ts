/**
 * Aggregates the slices that overlap a time range, grouped by name (as Perfetto's area selection
 * does) and by track. `total` is the time inside the range (each slice clipped to it), so no row
 * exceeds the range length times its slices' tracks; `wall` sums whole-slice durations (a 156 ms
 * slice met by a 25 ms range adds 25 ms to total and 156 ms to wall); average, min and max are of
 * whole durations. Per track: slices met and busy time inside the range (its top-level slices,
 * clipped). Runs as a chunked generator so a range over millions of slices does not block the
 * page; each lane is bisected to the range.
 */
import type { TimeSpan } from '../../model/units';
import { firstEndingAfter } from './slice-index';
import { sliceIndex } from './slice-index';
import type { TraceGroup } from './timeline-groups';
import { processTitle, trackTitle } from '../../views/common/track-labels';

export interface AggregateRow {
  name: string;
  count: number;
  /** Time inside the range: durations clipped to it, summed, ns. */
  total: number;
  /** Whole-slice durations summed, ns. */
  wall: number;
  min: number;
  max: number;
  avg: number;
}

export interface TrackAggregate {
  group: number;
  track: number;
  /** "process / thread" (the rank label first when several traces are shown). */
  label: string;
  slices: number;
  /** Busy inside the range: top-level slices clipped to it, ns (≤ the range length). */
  busy: number;
}

export interface AggregateResult {
  rows: AggregateRow[];
  /** Tracks with slices in the range, busiest first. */
  byTrack: TrackAggregate[];
  /** Slices counted. */
  slices: number;
  /** Tracks looked at. */
  tracks: number;
}

/** Which tracks to include: `${group}:${track}` keys, or null for every slice track. */
export type TrackFilter = ReadonlySet<string> | null;

export const trackFilterKey = (group: number, track: number) => `${group}:${track}`;

const YIELD_EVERY = 20_000;

export function* aggregateRangeGen(
  groups: readonly TraceGroup[],
  range: TimeSpan,
  filter: TrackFilter,
): Generator<undefined, AggregateResult, unknown> {
  const byName = new Map<string, AggregateRow>();
  const byTrack: TrackAggregate[] = [];
  let slices = 0;
  let tracks = 0;
  let work = 0;
  for (let g = 0; g < groups.length; g++) {
    const { trace, offsetNs } = groups[g]!;
    const r0 = range.start - offsetNs;
    const r1 = range.end - offsetNs;
    const n = trace.strings.length;
    const count = new Float64Array(n);
    const total = new Float64Array(n);
    const wall = new Float64Array(n);
    const min = new Float64Array(n).fill(Infinity);
    const max = new Float64Array(n).fill(-Infinity);
    for (let tr = 0; tr < trace.sliceTracks.length; tr++) {
      if (filter && !filter.has(trackFilterKey(g, tr))) continue;
      const table = trace.sliceTracks[tr]!.slices;
      if (table.length === 0) continue;
      tracks++;
      const { start, dur, name, depth } = table;
      let trackSlices = 0;
      let busy = 0;
      for (const lane of sliceIndex(table).lanes) {
        const idx = lane.idx;
        for (let p = firstEndingAfter(table, lane, r0 - 1); p < idx.length; p++) {
          const i = idx[p]!;
          const s = start[i]!;
          if (s > r1 || (s === r1 && r1 > r0)) break;
          const d = dur[i]!;
          const e = s + d;
          if (e <= r0 && !(d === 0 && s === r0)) continue;
          const nm = name[i]!;
          const inRange = Math.max(0, Math.min(e, r1) - Math.max(s, r0));
          count[nm]!++;
          total[nm]! += inRange;
          wall[nm]! += d;
          trackSlices++;
          if (depth[i] === 0) busy += inRange;
          if (d < min[nm]!) min[nm] = d;
          if (d > max[nm]!) max[nm] = d;
          slices++;
          if (++work % YIELD_EVERY === 0) yield undefined;
        }
      }
      if (trackSlices > 0)
        byTrack.push({
          group: g,
          track: tr,
          label: trackLabel(groups, g, tr),
          slices: trackSlices,
          busy,
        });
    }
    for (let nm = 0; nm < n; nm++) {
      const c = count[nm]!;
      if (c === 0) continue;
      const key = trace.strings[nm]!;
      const row = byName.get(key);
      if (row) {
        row.count += c;
        row.total += total[nm]!;
        row.wall += wall[nm]!;
        row.min = Math.min(row.min, min[nm]!);
        row.max = Math.max(row.max, max[nm]!);
      } else {
        byName.set(key, {
          name: key,
          count: c,
          total: total[nm]!,
          wall: wall[nm]!,
          min: min[nm]!,
          max: max[nm]!,
          avg: 0,
        });
      }
    }
  }
  const rows = [...byName.values()];
  for (const r of rows) r.avg = r.wall / r.count;
  rows.sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
  byTrack.sort((a, b) => b.busy - a.busy || a.group - b.group || a.track - b.track);
  return { rows, byTrack, slices, tracks };
}

function trackLabel(groups: readonly TraceGroup[], g: number, tr: number): string {
  const grp = groups[g]!;
  const t = grp.trace;
  const st = t.sliceTracks[tr]!;
  const proc = t.processes[st.process];
  const parts = [processTitle(proc), trackTitle(t, tr)];
  if (groups.length > 1) parts.unshift(grp.label);
  return parts.join(' / ');
}

export type AggregateSortKey = keyof AggregateRow;

export function sortAggregate(
  rows: readonly AggregateRow[],
  key: AggregateSortKey,
  desc: boolean,
): AggregateRow[] {
  const sign = desc ? -1 : 1;
  return [...rows].sort((a, b) => {
    const va = a[key];
    const vb = b[key];
    const c =
      typeof va === 'string' && typeof vb === 'string'
        ? va.localeCompare(vb)
        : (va as number) - (vb as number);
    return sign * c || a.name.localeCompare(b.name);
  });
}
