/**
 * The content layer: the ruler's ticks, the track gutter (names, chevrons, pins), and every
 * visible row's slices, counters, instants and collapsed-process summaries. Only rows meeting
 * the viewport are visited. Pass 1 writes every opaque rect into a pixel buffer (slice rows:
 * draw-slice-rows.ts, counters: draw-counters.ts, instants and summaries: draw-summaries.ts);
 * pass 2 draws text, curves and lines with the canvas API on top.
 */
import { t } from '../../i18n/t';
import { formatDuration } from '../../lib/format';
import { TRACK_PAD, type Row } from '../core/row-layout';
import { visibleRowRange } from '../core/row-geometry';
import { computeTicks, type TimeScale } from '../core/time-scale';
import { CHEVRON_W, INDENT_W, PIN_W, rowInstants } from '../core/hit-test';
import { mix, type ThemeColors } from './colors';
import { counterLabels, counterPixels } from './draw-counters';
import {
  drawLabels,
  drawMarkers,
  newAreaQueue,
  resetAreaQueue,
  sliceRowPixels,
  type AreaQueue,
} from './draw-slice-rows';
import { instantPixels, summaryPixels } from './draw-summaries';
import type { TracksFrame } from './frame';
import { memoized } from './memo';
import { packColor, PixelLayer } from './pixel-layer';
import { rulerLabels } from './ruler-labels';
import { BOLD_FONT, fitText, LABEL_FONT, measure, SMALL_FONT } from './text';

const pixels = new PixelLayer();

/** One drawing area (the scrolled rows or the pinned rows), reused frame to frame. */
interface Area {
  rows: readonly Row[];
  /** Canvas y of the area's row y = 0. */
  originY: number;
  top: number;
  bottom: number;
  /** Visible rows [first, end). */
  first: number;
  end: number;
  /** Rows [from, to) drawn by this call (a part of the frame, or all of it). */
  from: number;
  to: number;
  q: AreaQueue;
}
function newArea(): Area {
  return {
    rows: [],
    originY: 0,
    top: 0,
    bottom: 0,
    first: 0,
    end: 0,
    from: 0,
    to: 0,
    q: newAreaQueue(),
  };
}
/** Scrolled area, then pinned area (drawn in this order). */
const areas: readonly Area[] = [newArea(), newArea()];

/** The axis of each group (the frame's scale shifted by the group's offset), per frame. */
const groupScales: TimeScale[] = [];

/** Theme colours the pixel pass uses, packed once per theme. */
interface PackedTheme {
  bg: number;
  bg2: number;
  bg3: number;
  grid: number;
  /** Second line under the pinned rows (canvas pass). */
  pinnedEdge: string;
}
const packedThemes = new WeakMap<ThemeColors, PackedTheme>();
function packTheme(colors: ThemeColors): PackedTheme {
  return {
    bg: packColor(colors.bg),
    bg2: packColor(colors.bg2),
    bg3: packColor(colors.bg3),
    grid: packColor(mix(colors.bg, colors.dark ? '#ffffff' : '#000000', 0.06)),
    pinnedEdge: mix(colors.border, colors.fg2, 0.3),
  };
}

function setArea(
  a: Area,
  rows: readonly Row[],
  originY: number,
  top: number,
  bottom: number,
): void {
  a.rows = rows;
  a.originY = originY;
  a.top = top;
  a.bottom = bottom;
  a.first = a.end = 0;
}

/**
 * Allocates the content layer's pixel buffer for a canvas of this size (done by the first
 * drawTracks otherwise): lets a view spend a frame of its own on it before a trace's first frame.
 */
export function prepareTracks(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  dpr: number,
): void {
  pixels.begin(ctx, width, height, dpr, 0);
}

export function drawTracks(f: TracksFrame): void {
  const { ctx, width, height, dpr, colors, layout, labelWidth, rulerHeight } = f;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const ticks = computeTicks(f.scale);
  const contentW = width - labelWidth;
  const scrollTop = rulerHeight + layout.pinnedHeight;
  const theme = memoized(packedThemes, colors, packTheme);
  const part = f.part ?? null;
  // A later part of a frame drawn in parts: continue on the same buffer and canvas.
  const resume = part?.resume && pixels.holds(width, height, dpr) ? part.resume : null;
  if (!resume) {
    setArea(areas[0]!, layout.rows, scrollTop - f.scrollTop, scrollTop, height);
    setArea(areas[1]!, layout.pinned, rulerHeight, rulerHeight, scrollTop);
    for (const a of areas)
      if (a.bottom > a.top)
        [a.first, a.end] = visibleRowRange(a.rows, a.top - a.originY, a.bottom - a.originY);
  }
  groupScales.length = f.groups.length;
  for (let g = 0; g < f.groups.length; g++) groupScales[g] = f.scale.shifted(f.groups[g]!.offsetNs);
  // Pass 1: every opaque rect into the pixel buffer, one putImageData.
  if (!resume) {
    pixels.begin(ctx, width, height, dpr, theme.bg);
    for (const a of areas) if (a.bottom > a.top) areaBackground(f, a, theme, ticks.times);
  }
  let stop: { area: number; row: number } | null = null;
  for (let k = 0; k < areas.length; k++) {
    const a = areas[k]!;
    a.from = a.to = a.end;
    if (a.bottom <= a.top || stop || (resume && resume.area > k)) continue;
    a.from = resume && resume.area === k ? resume.row : a.first;
    a.to = pixelArea(f, a, part?.deadline ?? Infinity);
    if (a.to < a.end) stop = { area: k, row: a.to };
  }
  if (part) part.resume = stop;
  if (!resume) pixels.put(ctx);
  else for (const a of areas) if (a.to > a.from) pixels.putBand(ctx, ...bandOf(a));
  // Pass 2: text, curves and lines with the canvas API, clipped per area (to the rows drawn).
  for (const a of areas) {
    if (a.bottom <= a.top || a.to <= a.from) continue;
    canvasArea(f, a, resume ? bandOf(a) : [a.top, a.bottom]);
  }
  if (layout.pinned.length > 0) {
    ctx.fillStyle = colors.border;
    ctx.fillRect(0, scrollTop - 1, width, 1);
    ctx.fillStyle = theme.pinnedEdge;
    ctx.fillRect(0, scrollTop, width, 1);
  }
  drawRuler(f, ticks, contentW);
}

/** CSS-px y range of the rows an area drew in this call, within the area. */
function bandOf(a: Area): [number, number] {
  const first = a.rows[a.from]!;
  const last = a.rows[a.to - 1]!;
  return [
    Math.max(a.top, a.originY + first.y),
    Math.min(a.bottom, a.originY + last.y + last.height),
  ];
}

function drawRuler(f: TracksFrame, ticks: ReturnType<typeof computeTicks>, contentW: number) {
  const { ctx, colors, labelWidth, rulerHeight, scale, width } = f;
  ctx.fillStyle = colors.bg2;
  ctx.fillRect(0, 0, width, rulerHeight);
  ctx.fillStyle = colors.border;
  ctx.fillRect(0, rulerHeight - 1, width, 1);
  ctx.fillRect(labelWidth - 1, 0, 1, rulerHeight);
  ctx.font = LABEL_FONT;
  ctx.textBaseline = 'middle';
  ctx.fillStyle = colors.fg2;
  ctx.textAlign = 'left';
  const spanText = t('timeline:visible_span', { span: formatDuration(scale.end - scale.start) });
  ctx.fillText(fitText(ctx, LABEL_FONT, spanText, labelWidth - 12), 8, rulerHeight / 2);
  ctx.save();
  ctx.beginPath();
  ctx.rect(labelWidth, 0, contentW, rulerHeight);
  ctx.clip();
  const xs = ticks.times.map((t) => Math.round(labelWidth + scale.timeToPx(t)) + 0.5);
  ctx.fillStyle = colors.fg2;
  for (const x of xs) ctx.fillRect(x - 0.5, rulerHeight - 8, 1, 8);
  ctx.fillStyle = colors.fg;
  for (const l of rulerLabels(ctx, xs, ticks.labels, width))
    ctx.fillText(l.text, l.x, rulerHeight / 2 - 1);
  ctx.restore();
}

/** Pass 1 for one area, once per frame: header backgrounds and the grid. */
function areaBackground(
  f: TracksFrame,
  area: Area,
  theme: PackedTheme,
  tickTimes: readonly number[],
): void {
  const { labelWidth, width } = f;
  const { rows, first, end, originY, top: clipTop, bottom: clipBottom } = area;
  const contentW = width - labelWidth;
  pixels.clip(labelWidth, clipTop, contentW, clipBottom - clipTop);
  for (let r = first; r < end; r++) {
    const row = rows[r]!;
    if (row.kind === 'process' || row.kind === 'group')
      pixels.fillRect(
        labelWidth,
        originY + row.y,
        contentW,
        row.height,
        row.kind === 'group' ? theme.bg3 : theme.bg2,
      );
  }
  for (const t of tickTimes) {
    const x = Math.round(labelWidth + f.scale.timeToPx(t));
    pixels.fillRect(x, clipTop, 1 / f.dpr, clipBottom - clipTop, theme.grid);
  }
}

/**
 * Pass 1 for the rows [area.from, area.end) of one area: slices, counters and summaries into the
 * pixel buffer. Starts no row after `deadline` but the first; returns the row it stopped at.
 */
function pixelArea(f: TracksFrame, area: Area, deadline: number): number {
  const { labelWidth, width } = f;
  const { rows, from, end, originY, top: clipTop, bottom: clipBottom, q } = area;
  const contentW = width - labelWidth;
  resetAreaQueue(q);
  pixels.clip(labelWidth, clipTop, contentW, clipBottom - clipTop);
  for (let r = from; r < end; r++) {
    if (r > from && deadline !== Infinity && performance.now() > deadline) return r;
    const row = rows[r]!;
    const y = originY + row.y;
    const g = f.groups[row.group];
    if (!g) continue;
    const scale = groupScales[row.group]!;
    if (row.kind === 'slices') {
      if (row.track >= 0 || row.merged) sliceRowPixels(pixels, f, row, y, scale, q);
      // A merged row draws its streams' instants (merged in time order).
      const inst = row.merged
        ? row.merged.instants
        : row.thread >= 0
          ? g.trace.threads[row.thread]!.instants
          : null;
      if (inst) instantPixels(pixels, f, inst, y + TRACK_PAD, scale);
    } else if (row.kind === 'instants') {
      const table = rowInstants(g.trace, row);
      if (table) instantPixels(pixels, f, table, y + TRACK_PAD + 2, scale);
    } else if (row.kind === 'counter') {
      counterPixels(pixels, f, g.trace.counters[row.track]!, row, y, scale);
    } else if (row.kind === 'process' && row.collapsed) summaryPixels(pixels, f, row, y, scale);
  }
  return end;
}

/**
 * Pass 2 for the rows [a.from, a.to) of one area, clipped to `band` (CSS y range): content text
 * (counter scales, labels, markers), then the gutter.
 */
function canvasArea(f: TracksFrame, a: Area, band: [number, number]): void {
  const { ctx, colors, width, labelWidth } = f;
  const contentW = width - labelWidth;
  const [top, bottom] = band;
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, top, width, bottom - top);
  ctx.clip();
  ctx.save();
  ctx.beginPath();
  ctx.rect(labelWidth, top, contentW, bottom - top);
  ctx.clip();
  for (let r = a.from; r < a.to; r++) canvasRow(f, a.rows[r]!, a.originY + a.rows[r]!.y);
  drawLabels(f, a.q.labels);
  drawMarkers(f, a.q.markers);
  ctx.restore();
  for (let r = a.from; r < a.to; r++) {
    const row = a.rows[r]!;
    const y = a.originY + row.y;
    drawGutter(f, row, y);
    ctx.fillStyle = colors.border;
    ctx.fillRect(0, y + row.height - 1, width, 1);
  }
  ctx.fillStyle = colors.border;
  ctx.fillRect(labelWidth - 1, top, 1, bottom - top);
  ctx.restore();
}

/** Pass 2 for one row: text that belongs to the content area (counter scales). */
function canvasRow(f: TracksFrame, row: Row, y: number): void {
  const g = f.groups[row.group];
  if (g && row.kind === 'counter') counterLabels(f, g.trace.counters[row.track]!, row, y);
}

function drawGutter(f: TracksFrame, row: Row, y: number): void {
  const { ctx, colors, labelWidth } = f;
  const isHeader = row.kind === 'process' || row.kind === 'group';
  ctx.fillStyle = isHeader ? (row.kind === 'group' ? colors.bg3 : colors.bg2) : colors.bg;
  ctx.fillRect(0, y, labelWidth - 1, row.height);
  const hovered = f.hoverRowKey === row.key;
  if (hovered && !isHeader) {
    ctx.fillStyle = colors.dark ? 'rgba(255,255,255,0.05)' : 'rgba(0,0,0,0.04)';
    ctx.fillRect(0, y, labelWidth - 1, row.height);
  }
  let x = 4 + row.indent * INDENT_W;
  const midY =
    y + (isHeader ? row.height / 2 : Math.min(row.height / 2, TRACK_PAD + 9 + row.laneTop));
  if (row.collapsible) {
    ctx.fillStyle = colors.fg2;
    ctx.beginPath();
    const cx = x + CHEVRON_W / 2;
    if (row.collapsed) {
      ctx.moveTo(cx - 2.5, midY - 4.5);
      ctx.lineTo(cx + 3, midY);
      ctx.lineTo(cx - 2.5, midY + 4.5);
    } else {
      ctx.moveTo(cx - 4.5, midY - 2.5);
      ctx.lineTo(cx + 4.5, midY - 2.5);
      ctx.lineTo(cx, midY + 3);
    }
    ctx.closePath();
    ctx.fill();
  }
  x += CHEVRON_W + 2;
  const right = labelWidth - (row.pinned || hovered ? PIN_W + 4 : 8);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  const font = isHeader ? BOLD_FONT : LABEL_FONT;
  ctx.font = font;
  ctx.fillStyle = colors.fg;
  const title = fitText(ctx, font, row.title, right - x);
  ctx.fillText(title, x, midY);
  if (row.subtitle && title === row.title) {
    // Cached width of the title in `font` (the context's font here): no measureText per frame.
    const w = measure(ctx, font, title) + 6;
    ctx.font = SMALL_FONT;
    ctx.fillStyle = colors.fg2;
    const sub = fitText(ctx, SMALL_FONT, row.subtitle, right - x - w);
    if (sub) ctx.fillText(sub, x + w, midY + 0.5);
  }
  if (row.pinned || (hovered && !isHeader))
    drawPin(f, labelWidth - PIN_W / 2 - 3, midY, row.pinned);
}

function drawPin(f: TracksFrame, cx: number, cy: number, pinned: boolean): void {
  const { ctx, colors } = f;
  ctx.strokeStyle = pinned ? colors.accent : colors.fg2;
  ctx.fillStyle = pinned ? colors.accent : 'transparent';
  ctx.lineWidth = 1.2;
  ctx.beginPath();
  ctx.arc(cx, cy - 2, 3.5, 0, Math.PI * 2);
  if (pinned) ctx.fill();
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(cx, cy + 1.5);
  ctx.lineTo(cx, cy + 6);
  ctx.stroke();
}
