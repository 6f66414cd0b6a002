/**
 * The overlay layer, redrawn on its own for pointer moves: range shading, flow arrows, the
 * hovered / selected / current-match outlines, the cursor line with its ruler readout, and the
 * counter value under the cursor. All geometry arrives resolved (canvas CSS px).
 */
import type { FlowArrow, OverlayFrame, Rect } from './frame';
import { hideLabelsUnder } from './ruler-labels';
import { fitText, LABEL_FONT } from './text';

export function drawOverlay(f: OverlayFrame): void {
  const { ctx, width, height, dpr, colors, labelWidth, rulerHeight } = f;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const contentW = width - labelWidth;
  ctx.save();
  ctx.beginPath();
  ctx.rect(labelWidth, 0, contentW, height);
  ctx.clip();

  if (f.range) {
    const x0 = labelWidth + Math.max(-2, f.range.x0);
    const x1 = labelWidth + Math.min(contentW + 2, f.range.x1);
    // Dim what is outside the range, tint the limited rows.
    ctx.fillStyle = colors.dark ? 'rgba(0,0,0,0.35)' : 'rgba(40,50,70,0.10)';
    if (x0 > labelWidth) ctx.fillRect(labelWidth, rulerHeight, x0 - labelWidth, height);
    if (x1 < width) ctx.fillRect(x1, rulerHeight, width - x1, height);
    if (f.rangeRows.length > 0) {
      ctx.fillStyle = colors.dark ? 'rgba(91,147,245,0.12)' : 'rgba(47,111,222,0.08)';
      for (const r of f.rangeRows) ctx.fillRect(x0, r.y, x1 - x0, r.h);
    }
    ctx.fillStyle = colors.accent;
    ctx.fillRect(Math.round(x0), 0, 1, height);
    ctx.fillRect(Math.round(x1), 0, 1, height);
    // Duration tag in the ruler.
    ctx.font = LABEL_FONT;
    const text = f.range.label;
    const tw = ctx.measureText(text).width + 10;
    const mid = Math.min(Math.max((x0 + x1) / 2, labelWidth + tw / 2), width - tw / 2);
    hideLabelsUnder(
      ctx,
      f.rulerLabels,
      mid - tw / 2 - 4,
      mid + tw / 2 + 4,
      rulerHeight,
      colors.bg2,
    );
    ctx.fillStyle = colors.accent;
    ctx.fillRect(mid - tw / 2, 3, tw, rulerHeight - 7);
    ctx.fillStyle = '#ffffff';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(text, mid, rulerHeight / 2 - 1);
  }

  ctx.beginPath();
  ctx.rect(labelWidth, rulerHeight, contentW, height - rulerHeight);
  ctx.clip();
  drawFlows(f, f.flows);
  for (const h of f.highlights) outline(ctx, h, colors.dark ? '#7ee0c3' : '#0a8f6a', 2);
  if (f.currentMatch) outline(ctx, f.currentMatch, colors.accent, 2.5);
  if (f.hover) outline(ctx, f.hover, colors.dark ? 'rgba(255,255,255,0.85)' : 'rgba(0,0,0,0.6)', 1);
  if (f.selected) {
    outline(ctx, f.selected, colors.dark ? '#ffffff' : '#000000', 3);
    outline(ctx, f.selected, colors.select, 1.5);
  }
  if (f.counter) {
    ctx.fillStyle = colors.fg;
    ctx.beginPath();
    ctx.arc(f.counter.x, f.counter.y, 3, 0, Math.PI * 2);
    ctx.fill();
    ctx.font = LABEL_FONT;
    const tw = ctx.measureText(f.counter.label).width + 8;
    const bx = f.counter.x + tw + 8 > width ? f.counter.x - tw - 6 : f.counter.x + 6;
    ctx.fillStyle = colors.dark ? 'rgba(30,33,40,0.92)' : 'rgba(255,255,255,0.92)';
    ctx.fillRect(bx, f.counter.y - 16, tw, 15);
    ctx.fillStyle = colors.fg;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.fillText(f.counter.label, bx + 4, f.counter.y - 8.5);
  }
  ctx.restore();

  if (f.cursorX !== null && f.cursorX >= labelWidth) {
    const x = Math.round(f.cursorX) + 0.5;
    ctx.strokeStyle = colors.dark ? 'rgba(255,255,255,0.45)' : 'rgba(0,0,0,0.4)';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(x, rulerHeight);
    ctx.lineTo(x, height);
    ctx.stroke();
    if (f.cursorLabel) {
      ctx.font = LABEL_FONT;
      const text = fitText(ctx, LABEL_FONT, f.cursorLabel, 320);
      const tw = ctx.measureText(text).width + 10;
      const bx = Math.min(Math.max(x - tw / 2, labelWidth), width - tw);
      ctx.save();
      ctx.beginPath();
      ctx.rect(labelWidth, 0, width - labelWidth, rulerHeight);
      ctx.clip();
      hideLabelsUnder(ctx, f.rulerLabels, bx - 4, bx + tw + 4, rulerHeight, colors.bg2);
      ctx.restore();
      ctx.fillStyle = colors.fg;
      ctx.fillRect(bx, 2, tw, rulerHeight - 5);
      ctx.fillStyle = colors.bg;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(text, bx + tw / 2, rulerHeight / 2 - 1);
    }
  }
}

function outline(ctx: CanvasRenderingContext2D, r: Rect, color: string, lw: number): void {
  ctx.strokeStyle = color;
  ctx.lineWidth = lw;
  const w = Math.max(r.w, 1);
  ctx.strokeRect(r.x - lw / 2, r.y - lw / 2, w + lw, r.h + lw);
}

function drawFlows(f: OverlayFrame, flows: readonly FlowArrow[]): void {
  const { ctx, colors } = f;
  if (flows.length === 0) return;
  const weak = colors.dark ? 'rgba(200,210,230,0.55)' : 'rgba(60,70,90,0.5)';
  const strong = colors.dark ? '#ffd27a' : '#d35400';
  for (const pass of [false, true]) {
    ctx.strokeStyle = pass ? strong : weak;
    ctx.fillStyle = pass ? strong : weak;
    ctx.lineWidth = pass ? 2 : 1;
    ctx.beginPath();
    for (const a of flows) {
      if (a.strong !== pass) continue;
      // A horizontal-tangent cubic, like Perfetto's flow arrows.
      const dx = Math.max(20, Math.abs(a.x1 - a.x0) / 2);
      ctx.moveTo(a.x0, a.y0);
      ctx.bezierCurveTo(a.x0 + dx, a.y0, a.x1 - dx, a.y1, a.x1, a.y1);
    }
    ctx.stroke();
    ctx.beginPath();
    for (const a of flows) {
      if (a.strong !== pass) continue;
      const s = pass ? 6 : 5;
      ctx.moveTo(a.x1, a.y1);
      ctx.lineTo(a.x1 - s, a.y1 - s / 1.6);
      ctx.lineTo(a.x1 - s, a.y1 + s / 1.6);
      ctx.closePath();
      ctx.moveTo(a.x0 + 2.5, a.y0);
      ctx.arc(a.x0, a.y0, 2.5, 0, Math.PI * 2);
    }
    ctx.fill();
  }
}
