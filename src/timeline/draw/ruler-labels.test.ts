import { describe, expect, it } from 'vitest';
import { computeTicks, TimeScale } from '../core/time-scale';
import { hideLabelsUnder, rulerLabels } from './ruler-labels';

/** measureText with a width per character (wider than computeTicks' estimate: a worst case). */
function fakeContext(charPx: number) {
  const rects: number[][] = [];
  const ctx = {
    measureText: (s: string) => ({ width: s.length * charPx }),
    fillRect: (...a: number[]) => rects.push(a),
    fillStyle: '',
  } as unknown as CanvasRenderingContext2D;
  return { ctx, rects };
}

describe('ruler labels', () => {
  it('never overlap, at any zoom, even when labels are wider than estimated', () => {
    // Long absolute labels ("1,234,567.891234 ms") at many zooms.
    for (let w = 1; w < 1e12; w *= 7.3) {
      const start = 1.234e12;
      const scale = new TimeScale(start, start + w, 1200);
      const ticks = computeTicks(scale);
      const xs = ticks.times.map((t) => scale.timeToPx(t));
      const labels = rulerLabels(fakeContext(9).ctx, xs, ticks.labels, 1200);
      expect(labels.length).toBeGreaterThan(0);
      for (let k = 1; k < labels.length; k++)
        expect(labels[k]!.x).toBeGreaterThanOrEqual(labels[k - 1]!.x + labels[k - 1]!.w);
    }
  });

  it('leaves out a label that would touch the previous one', () => {
    const { ctx } = fakeContext(10);
    const l = rulerLabels(ctx, [0, 30, 120], ['12345', 'abc', 'x'], 500);
    expect(l.map((x) => x.text)).toEqual(['12345', 'x']);
  });

  it('hides whole labels under a tag', () => {
    const { ctx, rects } = fakeContext(10);
    const l = rulerLabels(ctx, [0, 100, 200], ['aa', 'bb', 'cc'], 500);
    hideLabelsUnder(ctx, l, 110, 150, 26, '#eee');
    expect(rects).toEqual([[103, 1, 22, 16]]);
  });
});
