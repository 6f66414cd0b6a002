import { describe, expect, it } from 'vitest';
import { sampleTimeline } from '../test-sample-timeline';
import { computeRowLayout } from '../core/row-layout';
import { TimeScale } from '../core/time-scale';
import { LIGHT_COLORS, makePalette } from './colors';
import { resetLaneColumns } from './draw-lod';
import { drawTracks } from './draw-tracks';
import { synthTrace } from '../../../bench/lib/timeline-synth-model';
import { warmIndex } from '../core/slice-index';
import type { FramePart } from './frame';
import { PixelLayer, packColor } from './pixel-layer';

class FakeImageData {
  data: Uint8ClampedArray;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Uint8ClampedArray(width * height * 4);
  }
}

/** A 2D context that records method calls and does nothing else. */
function fakeContext() {
  const calls: string[] = [];
  let put: FakeImageData | null = null;
  const ctx = new Proxy(
    {},
    {
      get: (_t, k: string) => {
        if (k === 'measureText') return (s: string) => ({ width: s.length * 6 });
        if (k === 'createImageData') return (w: number, h: number) => new FakeImageData(w, h);
        if (k === 'putImageData') return (img: FakeImageData) => (put = img);
        return (...args: unknown[]) => calls.push(`${k}:${String(args[0])}`);
      },
      set: () => true,
    },
  ) as unknown as CanvasRenderingContext2D;
  return { ctx, calls, image: () => put };
}

describe('drawTracks', () => {
  const { groups, layout } = sampleTimeline(12);

  it('paints slices into the pixel buffer and labels them', () => {
    const { ctx, calls, image } = fakeContext();
    drawTracks({
      ctx,
      width: 500,
      height: 300,
      dpr: 1,
      groups,
      layout,
      scrollTop: 0,
      scale: new TimeScale(0, 24_000, 400),
      labelWidth: 100,
      rulerHeight: 26,
      colors: LIGHT_COLORS,
      palette: makePalette(LIGHT_COLORS),
      searchMasks: null,
      hoverRowKey: null,
    });
    const img = image()!;
    expect(img.width).toBe(500);
    // A pixel inside "outer" (x = 100 + 1 µs) on the main row's first lane is not background.
    const row = layout.rows.find((r) => r.title === 'main')!;
    const y = 26 + row.y + 3 + row.laneTop + 9;
    const px = new Uint32Array(img.data.buffer)[y * 500 + 100 + 20];
    expect(px).not.toBe(packColor(LIGHT_COLORS.bg));
    expect(calls).toContain('fillText:outer');
    expect(calls.some((c) => c.startsWith('fillText:main'))).toBe(true);
  });
});

describe('drawTracks in parts (the first frame of a trace)', () => {
  const { groups } = sampleTimeline(12);
  // With a pinned row too: the pinned area is drawn after the scrolled one.
  const all = computeRowLayout(groups, {
    collapseDefault: false,
    collapseOverrides: {},
    pinnedTracks: [],
  });
  const pin = all.rows.find((r) => r.kind === 'counter')!.key;
  const layout = computeRowLayout(groups, {
    collapseDefault: false,
    collapseOverrides: {},
    pinnedTracks: [pin],
  });
  const frame = (ctx: CanvasRenderingContext2D, part?: FramePart) => ({
    ctx,
    width: 500,
    height: 400,
    dpr: 1,
    groups,
    layout,
    scrollTop: 0,
    scale: new TimeScale(0, 24_000, 400),
    labelWidth: 100,
    rulerHeight: 26,
    colors: LIGHT_COLORS,
    palette: makePalette(LIGHT_COLORS),
    searchMasks: null,
    hoverRowKey: null,
    part,
  });

  it('ends with the same pixels and text as one whole frame, a row per part at least', () => {
    const whole = fakeContext();
    drawTracks(frame(whole.ctx));
    const want = Array.from(new Uint32Array(whole.image()!.data.buffer));
    const wantText = whole.calls.filter((c) => c.startsWith('fillText')).sort();

    const inParts = fakeContext();
    // A deadline already passed: each part draws one row.
    const part: FramePart = { deadline: -Infinity, resume: null };
    let parts = 0;
    do {
      drawTracks(frame(inParts.ctx, part));
      parts++;
    } while (part.resume && parts < 1000);
    expect(layout.pinned).toHaveLength(1);
    expect(part.resume).toBeNull();
    expect(parts).toBeGreaterThanOrEqual(2);
    expect(Array.from(new Uint32Array(inParts.image()!.data.buffer))).toEqual(want);
    // Every row's text once (the ruler's is drawn by every part).
    const text = inParts.calls.filter((c) => c.startsWith('fillText'));
    for (const t of wantText) expect(text).toContain(t);
    expect(text.filter((c) => c === 'fillText:outer')).toHaveLength(
      wantText.filter((c) => c === 'fillText:outer').length,
    );
  });

  it('draws the whole frame at once when the deadline is far', () => {
    const { ctx } = fakeContext();
    const part: FramePart = { deadline: Infinity, resume: null };
    drawTracks(frame(ctx, part));
    expect(part.resume).toBeNull();
  });
});

describe('drawTracks while panning a zoomed-out view (lanes drawn from their pyramids)', () => {
  const trace = synthTrace({ slices: 300_000, spanNs: 2e9, workerThreads: 8, seed: 3 });
  for (const t of trace.sliceTracks) warmIndex(t.slices);
  const groups = [{ profileId: 'p', trace, offsetNs: 0, label: 'p' }];
  const layout = computeRowLayout(groups, {
    collapseDefault: false,
    collapseOverrides: {},
    pinnedTracks: [],
  });
  const palette = makePalette(LIGHT_COLORS);
  const draw = (start: number, span: number, dpr: number) => {
    const { ctx, calls, image } = fakeContext();
    drawTracks({
      ctx,
      width: 500,
      height: 4000,
      dpr,
      groups,
      layout,
      scrollTop: 0,
      scale: new TimeScale(start, start + span, 300),
      labelWidth: 200,
      rulerHeight: 26,
      colors: LIGHT_COLORS,
      palette,
      searchMasks: null,
      hoverRowKey: null,
    });
    return {
      px: new Uint32Array(image()!.data.buffer).slice(),
      text: calls.filter((c) => c.startsWith('fill')),
    };
  };

  it('draws every panned frame as a frame drawn from scratch', () => {
    for (const dpr of [1, 2]) {
      const span = trace.endNs * 0.8;
      let start = trace.endNs * 0.05;
      resetLaneColumns();
      draw(start, span, dpr);
      for (const step of [2.3, 5.1, -3.7, 11.9, -40.2, 0.4, 60.5, -1.1]) {
        start += (step * span) / 300;
        const kept = draw(start, span, dpr);
        resetLaneColumns();
        const fresh = draw(start, span, dpr);
        let diff = 0;
        for (let j = 0; j < fresh.px.length; j++) diff += +(kept.px[j] !== fresh.px[j]);
        expect(diff).toBe(0);
        expect(kept.text).toEqual(fresh.text);
      }
    }
  });
});

describe('PixelLayer', () => {
  it('snaps rects to device pixels and clips', () => {
    const { ctx, image } = fakeContext();
    const p = new PixelLayer();
    p.begin(ctx, 10, 4, 2, 0);
    p.clip(0, 0, 5, 4);
    p.fillRect(1, 1, 0.2, 1, 7); // narrower than a device pixel: still one pixel wide
    p.fillRect(3, 0, 10, 1, 9); // clipped at x = 5 CSS px
    p.put(ctx);
    const u = new Uint32Array(image()!.data.buffer);
    expect(u[2 * 20 + 2]).toBe(7);
    expect(u[2 * 20 + 3]).toBe(0);
    expect(u[0 * 20 + 6]).toBe(9);
    expect(u[0 * 20 + 9]).toBe(9);
    expect(u[0 * 20 + 10]).toBe(0);
  });
});
