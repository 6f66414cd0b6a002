import { describe, expect, it } from 'vitest';
import { mergedIndexOf, mergedMask, mergeStreams } from '../../model/merge-streams';
import { DEFAULT_TRACK_LAYOUT } from '../../store/track-layout';
import { sliceNamed, traceFromText } from '../test-trace-dsl';
import { STREAMS_TEXT, layoutState, ranksOf, rowTitles } from './test-layout';
import { hitTest } from './hit-test';
import { instantRect } from './instant-select';
import { sliceRect } from './placement';
import { computeRowLayout, DEPTH_H, TRACK_PAD, trackKey } from './row-layout';
import type { TraceGroup } from './timeline-groups';
import { TimeScale } from './time-scale';
import { sliceIndex } from './slice-index';

const TEXT =
  STREAMS_TEXT +
  `
  counter HBM / read 0=5 10=7
`;

const ranks = (): TraceGroup[] => ranksOf(TEXT);
const st = layoutState;
const titles = rowTitles;

describe('merged device streams', () => {
  it('packs every stream of a device into sub-rows without overlap, mapping back to real slices', () => {
    const t = traceFromText(TEXT);
    const hw = t.processes.findIndex((p) => p.name === 'Ascend Hardware');
    const members = t.processes[hw]!.threads.map((th) => t.threads[th]!.track);
    const m = mergeStreams(t, hw, members, 'Merged');
    const s = m.track.slices;
    expect(s.length).toBe(5);
    // Memoised: the same derived table every time (its index / pyramid are built once).
    expect(mergeStreams(t, hw, members, 'Merged')).toBe(m);
    // Sorted by start, and no two slices of one sub-row overlap.
    for (let i = 1; i < s.length; i++) expect(s.start[i]!).toBeGreaterThanOrEqual(s.start[i - 1]!);
    for (const lane of sliceIndex(s).lanes)
      for (let k = 1; k < lane.idx.length; k++) {
        const a = lane.idx[k - 1]!;
        const b = lane.idx[k]!;
        expect(s.start[a]! + s.dur[a]!).toBeLessThanOrEqual(s.start[b]!);
      }
    // mm [2,10) then ar [4,10) overlaps it, x [5,8) overlaps both: three sub-rows.
    expect(s.rows).toBe(3);
    const name = (i: number) => t.strings[s.name[i]!];
    expect([0, 1, 2].map(name)).toEqual(['mm', 'ar', 'x']);
    expect([0, 1, 2].map((i) => s.depth[i])).toEqual([0, 1, 2]);
    // add and cp go back to the first free sub-rows.
    expect(s.depth[3]).toBe(0);
    expect(s.depth[4]).toBe(1);
    // Both ways between merged and real addresses.
    const x = sliceNamed(t, 'x');
    const o = mergedIndexOf(m, x.track, x.index);
    expect(name(o)).toBe('x');
    expect([m.srcTrack[o], m.srcIndex[o]]).toEqual([x.track, x.index]);
    expect(mergedIndexOf(m, 99, 0)).toBe(-1);
    // Search masks follow the real slices.
    const masks = new Map([[`0:${x.track}`, Uint8Array.from([0, 1])]]);
    expect([...mergedMask(masks, 0, m)]).toEqual([0, 0, 1, 0, 0]);
  });

  it('one merged row per rank in place of the streams, side by side by kind; HCCL optionally', () => {
    const off = titles(ranks(), { ...DEFAULT_TRACK_LAYOUT, mode: 'kind' });
    expect(off.filter((x) => x === 'slices:Stream 7')).toHaveLength(2);

    const on = titles(ranks(), { ...DEFAULT_TRACK_LAYOUT, mode: 'kind', merge: 'streams' });
    const a = on.indexOf('process:rank 0 · Ascend Hardware');
    expect(on.slice(a, a + 4)).toEqual([
      'process:rank 0 · Ascend Hardware',
      'slices:Merged streams',
      'process:rank 1 · Ascend Hardware',
      'slices:Merged streams',
    ]);
    expect(on.some((x) => x.startsWith('slices:Stream'))).toBe(false);
    expect(on).toContain('slices:Plane 0');

    const withHccl = titles(ranks(), { ...DEFAULT_TRACK_LAYOUT, merge: 'streams+hccl' });
    expect(withHccl.some((x) => x.includes('HCCL') || x.includes('Plane'))).toBe(false);
    const l = computeRowLayout(ranks(), st({ ...DEFAULT_TRACK_LAYOUT, merge: 'streams+hccl' }));
    const row = l.rows.find((r) => r.merged && r.group === 1)!;
    expect(row.merged!.track.slices.length).toBe(6);
    expect(row.subtitle).toBe('3 streams');
  });

  it('a click on the merged row selects the real slice; the real slice is drawn on the merged row', () => {
    const groups = ranks();
    const layout = computeRowLayout(groups, st({ ...DEFAULT_TRACK_LAYOUT, merge: 'streams' }));
    const row = layout.rows.find((r) => r.merged && r.group === 0)!;
    const t = groups[0]!.trace;
    const x = sliceNamed(t, 'x');
    // Every member stream's key finds the merged row (selection, flows, navigation).
    expect(layout.byKey.get(trackKey('r0', x.track))).toBe(row);
    const scale = new TimeScale(0, 20_000, 1000); // 1 px = 20 ns … 20 µs over 1000 px
    const labelWidth = 200;
    const dy = TRACK_PAD + 2 * DEPTH_H + 4; // third sub-row: x
    const hit = hitTest(
      { layout, groups, scale, scrollTop: 0, labelWidth },
      labelWidth + scale.timeToPx(6000),
      layout.pinnedHeight + row.y + dy,
    );
    expect(hit).toMatchObject({ kind: 'slice', group: 0, track: x.track, index: x.index });
    const r = sliceRect(
      { layout, groups, scale, scrollTop: 0, labelWidth, rulerHeight: 0, height: 2000 },
      { group: 0, track: x.track, index: x.index },
    )!;
    expect(r.exact).toBe(true);
    expect(r.y).toBeGreaterThan(row.y + 2 * DEPTH_H);
    expect(r.y).toBeLessThan(row.y + 3 * DEPTH_H + TRACK_PAD);
  });

  it("an instant on the merged row is hit as its thread's instant and outlined there", () => {
    const groups = ranksOf(
      TEXT +
        `
  instant Ascend Hardware / Stream 7 3 rec7
  instant Ascend Hardware / Stream 9 8 rec9
`,
    );
    const layout = computeRowLayout(groups, st({ ...DEFAULT_TRACK_LAYOUT, merge: 'streams' }));
    const row = layout.rows.find((r) => r.merged && r.group === 0)!;
    expect(row.laneTop).toBeGreaterThan(0);
    const t = groups[0]!.trace;
    const s9 = t.threads.findIndex((th) => th.name === 'Stream 9');
    const scale = new TimeScale(0, 20_000, 1000);
    const labelWidth = 200;
    const y = layout.pinnedHeight + row.y + TRACK_PAD + 2; // in the instant lane
    const hit = hitTest(
      { layout, groups, scale, scrollTop: 0, labelWidth },
      labelWidth + scale.timeToPx(8000) + 2,
      y,
    );
    expect(hit).toMatchObject({ kind: 'instant', group: 0, thread: s9, index: 0 });
    expect(hit?.kind === 'instant' && hit.table).toBe(t.threads[s9]!.instants);
    // Nothing there: the row, not an instant.
    const miss = hitTest(
      { layout, groups, scale, scrollTop: 0, labelWidth },
      labelWidth + scale.timeToPx(5500),
      y,
    );
    expect(miss).toMatchObject({ kind: 'row' });
    const geo = { layout, groups, scale, scrollTop: 0, labelWidth, rulerHeight: 0, height: 2000 };
    const r = instantRect(geo, { profileId: 'r0', scope: 'thread', owner: s9, index: 0 })!;
    expect(r).not.toBeNull();
    expect(r.x + r.w / 2).toBeCloseTo(labelWidth + scale.timeToPx(8000), 6);
    expect(r.y).toBe(layout.pinnedHeight + row.y + TRACK_PAD);
  });
});
