import { describe, expect, it } from 'vitest';
import { sampleTimeline } from '../test-sample-timeline';
import { TimeScale } from '../core/time-scale';
import { LIGHT_COLORS, makePalette } from './colors';
import { drawTracks } from './draw-tracks';
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
