/**
 * The overview strip (minimap): busy-density bands of the whole trace, one per busiest process,
 * search-match ticks, the selected range, and the visible window as a bright box with the rest
 * shaded. The bands and ticks only change with the data, the strip's size or the theme, so they
 * are rasterised once into pixels (pixel-layer.ts) and reused; a frame that only moves the window
 * copies them back and draws a few rects on top.
 */
import type { OverviewFrame } from './frame';
import { packColor, PixelLayer } from './pixel-layer';
import { fitText, LABEL_FONT } from './text';

const layer = new PixelLayer();
let cacheKey: unknown[] = [];

function sameKey(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function drawStatic(f: OverviewFrame): void {
  const { ctx, width, height, dpr, colors, labelWidth } = f;
  layer.begin(ctx, width, height, dpr, packColor(colors.bg2));
  const w = Math.max(1, width - labelWidth);
  const span = Math.max(1e-9, f.extent.end - f.extent.start);
  const xOf = (t: number) => labelWidth + ((t - f.extent.start) / span) * w;
  layer.clip(labelWidth, 0, w, height);
  const n = Math.max(1, f.bands.length);
  const bh = (height - 6) / n;
  const track = packColor(colors.dark ? '#25282f' : '#e9ebef');
  f.bands.forEach((b, k) => {
    const bins = b.values.length;
    const binNs = (b.end - b.start) / bins;
    const y0 = 3 + k * bh;
    layer.fillRect(labelWidth, y0, w, bh - 1, track);
    const color = packColor(b.color);
    for (let i = 0; i < bins; i++) {
      const v = b.values[i]!;
      if (v <= 0) continue;
      const x0 = xOf(b.start + i * binNs);
      const x1 = xOf(b.start + (i + 1) * binNs);
      // sqrt: light activity stays visible next to the busiest bins.
      const h = Math.max(1.5, Math.sqrt(v) * (bh - 1));
      layer.fillRect(x0, y0 + bh - 1 - h, Math.max(1, x1 - x0), h, color);
    }
  });
  if (f.matchBins) {
    const bins = f.matchBins.length;
    const accent = packColor(colors.accent);
    for (let i = 0; i < bins; i++) {
      if (f.matchBins[i]! === 0) continue;
      const x = Math.floor(labelWidth + ((i + 0.5) / bins) * w);
      layer.fillRect(x, 0, 2, 5, accent);
      layer.fillRect(x, height - 5, 2, 5, accent);
    }
  }
  layer.clip(0, 0, width, height);
  layer.fillRect(labelWidth - 1, 0, 1, height, packColor(colors.border));
  layer.fillRect(0, height - 1, width, 1, packColor(colors.border));
}

export function drawOverview(f: OverviewFrame): void {
  const { ctx, width, height, dpr, colors, labelWidth } = f;
  const key = [f.bands, f.extent.start, f.extent.end, width, height, dpr, colors, f.matchBins];
  if (!sameKey(key, cacheKey)) {
    drawStatic(f);
    cacheKey = key;
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  layer.put(ctx);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const w = Math.max(1, width - labelWidth);
  const span = Math.max(1e-9, f.extent.end - f.extent.start);
  const xOf = (t: number) => labelWidth + ((t - f.extent.start) / span) * w;

  ctx.font = LABEL_FONT;
  ctx.fillStyle = colors.fg2;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillText(fitText(ctx, LABEL_FONT, f.title, labelWidth - 12), 8, height / 2);

  if (f.range) {
    ctx.fillStyle = colors.dark ? 'rgba(91,147,245,0.25)' : 'rgba(47,111,222,0.18)';
    const a = xOf(f.range.start);
    ctx.fillRect(a, 0, Math.max(1, xOf(f.range.end) - a), height);
  }
  const x0 = Math.max(labelWidth, xOf(f.window.start));
  const x1 = Math.min(width, Math.max(x0 + 2, xOf(f.window.end)));
  ctx.fillStyle = colors.dark ? 'rgba(0,0,0,0.45)' : 'rgba(30,40,60,0.16)';
  ctx.fillRect(labelWidth, 0, x0 - labelWidth, height);
  ctx.fillRect(x1, 0, width - x1, height);
  ctx.strokeStyle = colors.accent;
  ctx.lineWidth = 1.5;
  ctx.strokeRect(x0 + 0.75, 0.75, x1 - x0 - 1.5, height - 1.5);
}
