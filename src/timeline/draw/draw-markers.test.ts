import { describe, expect, it } from 'vitest';
import { TimeScale } from '../core/time-scale';
import { drawMarkers, type MarkerMark } from './draw-markers';

/** A 2D context that records fillRect / lineTo / fillText calls with their arguments. */
function fakeContext() {
  const calls: { k: string; args: unknown[] }[] = [];
  const ctx = new Proxy(
    {},
    {
      get: (_t, k: string) => {
        if (k === 'measureText') return (s: string) => ({ width: s.length * 6 });
        return (...args: unknown[]) => calls.push({ k, args });
      },
      set: () => true,
    },
  ) as unknown as CanvasRenderingContext2D;
  return { ctx, calls };
}

const frame = (markers: MarkerMark[]) => {
  const f = fakeContext();
  drawMarkers({
    ctx: f.ctx,
    width: 1100,
    height: 400,
    dpr: 1,
    labelWidth: 100,
    rulerHeight: 26,
    scale: new TimeScale(0, 1000, 1000),
    markers,
  });
  return f.calls;
};

describe('drawMarkers', () => {
  it('draws nothing without markers or off screen', () => {
    expect(frame([])).toEqual([]);
    const off = frame([{ start: 5000, name: 'later', color: '#ff0000' }]);
    expect(off.filter((c) => c.k === 'fillText' || c.k === 'lineTo')).toEqual([]);
  });

  it('puts a point marker at its time, across the tracks, named in the ruler', () => {
    const calls = frame([{ start: 250, name: 'here', color: '#ff0000' }]);
    const line = calls.filter((c) => c.k === 'lineTo')[0]!;
    expect(line.args).toEqual([350.5, 400]);
    expect(calls.some((c) => c.k === 'fillText' && c.args[0] === 'here')).toBe(true);
  });

  it('shades a range marker between its edges', () => {
    const calls = frame([{ start: 100, end: 300, name: 'r', color: '#00ff00' }]);
    const band = calls.find((c) => c.k === 'fillRect' && c.args[1] === 26)!;
    expect(band.args).toEqual([200, 26, 200, 374]);
  });
});
