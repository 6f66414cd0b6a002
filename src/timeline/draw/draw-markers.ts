/**
 * Markers and notes on the timeline (issue 17): a point marker is a line across the tracks with
 * a flag and its name in the ruler; a range marker shades its span and labels it in the ruler.
 * Drawn on the overlay layer after the overlay (so it never touches the cached content layer).
 */
import type { TimeScale } from '../core/time-scale';
import { fitText, SMALL_FONT } from './text';

export interface MarkerMark {
  start: number;
  end?: number;
  name: string;
  color: string;
}

export interface MarkersFrame {
  ctx: CanvasRenderingContext2D;
  width: number;
  height: number;
  dpr: number;
  labelWidth: number;
  rulerHeight: number;
  scale: TimeScale;
  markers: readonly MarkerMark[];
}

export function drawMarkers(f: MarkersFrame): void {
  const { ctx, width, height, dpr, labelWidth, rulerHeight, scale, markers } = f;
  if (markers.length === 0) return;
  ctx.save();
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.beginPath();
  ctx.rect(labelWidth, 0, width - labelWidth, height);
  ctx.clip();
  ctx.font = SMALL_FONT;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  const right = width + 2;
  const flagY = rulerHeight - 11;
  for (const m of markers) {
    const x0 = labelWidth + scale.timeToPx(m.start);
    const x1 = m.end !== undefined ? labelWidth + scale.timeToPx(m.end) : x0;
    if (x1 < labelWidth - 2 || x0 > right) continue;
    ctx.fillStyle = m.color;
    ctx.strokeStyle = m.color;
    if (m.end !== undefined) {
      const a = Math.max(labelWidth - 2, x0);
      const b = Math.min(right, x1);
      ctx.globalAlpha = 0.12;
      ctx.fillRect(a, rulerHeight, Math.max(1, b - a), height - rulerHeight);
      ctx.globalAlpha = 1;
      ctx.fillRect(Math.round(x0), rulerHeight, 1, height - rulerHeight);
      ctx.fillRect(Math.round(x1), rulerHeight, 1, height - rulerHeight);
      ctx.fillRect(a, flagY + 7, Math.max(1, b - a), 3);
    } else {
      const x = Math.round(x0) + 0.5;
      ctx.lineWidth = 1;
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(x, rulerHeight);
      ctx.lineTo(x, height);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.beginPath();
      ctx.moveTo(x - 4, flagY);
      ctx.lineTo(x + 4, flagY);
      ctx.lineTo(x, flagY + 9);
      ctx.closePath();
      ctx.fill();
    }
    const label = fitText(ctx, SMALL_FONT, m.name, Math.max(0, Math.min(160, right - x0 - 8)));
    if (label) {
      const lx = Math.max(labelWidth + 2, x0 + 6);
      const tw = ctx.measureText(label).width + 6;
      ctx.globalAlpha = 0.9;
      ctx.fillRect(lx, 1, tw, 12);
      ctx.globalAlpha = 1;
      ctx.fillStyle = '#ffffff';
      ctx.fillText(label, lx + 3, 7);
    }
  }
  ctx.restore();
}
