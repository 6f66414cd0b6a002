import { describe, expect, it } from 'vitest';
import { hitTest, type HitContext } from './hit-test';
import { DEPTH_H, TRACK_PAD } from './row-layout';
import { sampleTimeline } from '../test-sample-timeline';
import { sliceNamed, trackNamed } from '../test-trace-dsl';
import { TimeScale } from './time-scale';

const US = 1000;
const { trace: m, groups, layout } = sampleTimeline(15);
const LABEL = 200;
// 10 px per µs.
const ctx: HitContext = {
  layout,
  groups,
  scale: new TimeScale(0, 100 * US, 1000),
  scrollTop: 0,
  labelWidth: LABEL,
};
const main = layout.rows.find((r) => r.title === 'main')!;
const laneY = (d: number) => main.y + TRACK_PAD + main.laneTop + d * DEPTH_H + DEPTH_H / 2;
const xAt = (us: number) => LABEL + us * 10;

describe('hitTest', () => {
  it('finds slices by depth and time', () => {
    const outer = sliceNamed(m, 'outer');
    expect(hitTest(ctx, xAt(5), laneY(0))).toMatchObject({ kind: 'slice', ...outer });
    expect(hitTest(ctx, xAt(2.5), laneY(1))).toMatchObject({
      kind: 'slice',
      ...sliceNamed(m, 'in'),
    });
    expect(hitTest(ctx, xAt(6.5), laneY(1))).toMatchObject({ kind: 'row' });
  });

  it('finds instants on the thread instant lane and counter values', () => {
    const hit = hitTest(ctx, xAt(15.2), main.y + TRACK_PAD + 4);
    expect(hit).toMatchObject({ kind: 'instant', index: 0 });
    const counter = layout.rows.find((r) => r.kind === 'counter')!;
    expect(hitTest(ctx, xAt(12), counter.y + 10)).toMatchObject({ kind: 'counter', value: 7 });
    expect(hitTest(ctx, xAt(9), counter.y + 10)).toMatchObject({ kind: 'counter', value: 5 });
  });

  it('honours the scroll offset and the gutter', () => {
    const scrolled = { ...ctx, scrollTop: main.y };
    expect(hitTest(scrolled, xAt(5), laneY(0) - main.y)).toMatchObject({ kind: 'slice' });
    expect(hitTest(ctx, 4 + main.indent * 12 + 3, laneY(0))).toMatchObject({ kind: 'chevron' });
    expect(hitTest(ctx, LABEL - 5, laneY(0))).toMatchObject({ kind: 'pin' });
    expect(hitTest(ctx, 100, laneY(0))).toMatchObject({ kind: 'label' });
  });

  it('respects a trace offset on the shared axis', () => {
    const shifted = { ...ctx, groups: [{ ...groups[0]!, offsetNs: 50 * US }] };
    expect(hitTest(shifted, xAt(55), laneY(0))).toMatchObject({
      kind: 'slice',
      track: trackNamed(m, 'main'),
    });
    expect(hitTest(shifted, xAt(5), laneY(0))).toMatchObject({ kind: 'row' });
  });
});
