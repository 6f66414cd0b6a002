/**
 * The content layer: the ruler's ticks, the track gutter (names, chevrons, pins), and every
 * visible row's slices, counters, instants and collapsed-process summaries. Only rows meeting
 * the viewport are visited; each slice lane goes through the LOD walker (≤ ~2 rects per pixel
 * column); rects are batched per colour and labels drawn afterwards where they fit.
 */
import { lowerBound, upperBound } from '../../lib/bisect';
import {
  SliceFlag,
  type CounterTrack,
  type InstantTable,
  type SliceTable,
} from '../../model/trace-model';
import { walkLane } from '../lod';
import {
  DEPTH_H,
  INSTANT_LANE_H,
  SLICE_H,
  TRACK_PAD,
  visibleRowRange,
  type Row,
} from '../row-layout';
import { isIndexed, sliceIndex, warmIndex } from '../slice-index';
import { computeTicks, type TimeScale } from '../time-scale';
import { CHEVRON_W, INDENT_W, PIN_W, rowInstants } from '../hit-test';
import { colorIndexForName, colorIndexOf, mix } from './colors';
import type { TracksFrame } from './frame';
import { packColor, PixelLayer } from './pixel-layer';
import { BOLD_FONT, fitText, LABEL_FONT, MIN_LABEL_PX, SMALL_FONT } from './text';
import { formatDuration } from '../../lib/format';
import type { Palette } from './colors';

/** Tracks summarised in a collapsed process (more would cost too much per frame). */
const SUMMARY_MAX_TRACKS = 256;

const pixels = new PixelLayer();

const packedPalettes = new WeakMap<Palette, Uint32Array>();
function packedFill(p: Palette): Uint32Array {
  let u = packedPalettes.get(p);
  if (!u) {
    u = Uint32Array.from(p.fill, (c) => packColor(c));
    packedPalettes.set(p, u);
  }
  return u;
}

/** Queued labels: x0, x1, y, group, nameId, colour. */
class LabelQueue {
  x0 = new Float32Array(1024);
  x1 = new Float32Array(1024);
  y = new Float32Array(1024);
  group = new Uint16Array(1024);
  name = new Uint32Array(1024);
  color = new Uint16Array(1024);
  n = 0;
  push(x0: number, x1: number, y: number, group: number, name: number, color: number) {
    if (this.n === this.x0.length) this.grow();
    const k = this.n++;
    this.x0[k] = x0;
    this.x1[k] = x1;
    this.y[k] = y;
    this.group[k] = group;
    this.name[k] = name;
    this.color[k] = color;
  }
  private grow() {
    const g = <T extends Float32Array | Uint16Array | Uint32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    this.x0 = g(this.x0);
    this.x1 = g(this.x1);
    this.y = g(this.y);
    this.group = g(this.group);
    this.name = g(this.name);
    this.color = g(this.color);
  }
}

/** Work queued for the canvas-API pass of one area (scrolled or pinned). */
interface AreaQueue {
  labels: LabelQueue;
  /** Unfinished-slice markers: right edge x, y. */
  markers: number[];
}
const queues: AreaQueue[] = [0, 1].map(() => ({ labels: new LabelQueue(), markers: [] }));
let summaryDiff = new Int32Array(0);
let counterCols = new Float64Array(0);

/** Per-series value range, cached per values array. */
const seriesRange = new WeakMap<Float64Array, { lo: number; hi: number }>();
/** The value range a counter row is drawn with (0 included), cached per series. */
export function counterRange(values: Float64Array): { lo: number; hi: number } {
  let r = seriesRange.get(values);
  if (!r) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v !== v) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (lo === Infinity) lo = hi = 0;
    r = { lo: Math.min(0, lo), hi: Math.max(hi, lo === hi ? lo + 1 : hi) };
    if (r.hi === r.lo) r.hi = r.lo + 1;
    seriesRange.set(values, r);
  }
  return r;
}

/** Compact number for counter scales ("1.25 k", "3.4 M"). */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [u, s] of units) if (a >= u) return `${Number((v / u).toPrecision(3))} ${s}`;
  return `${Number(v.toPrecision(4))}`;
}

export function drawTracks(f: TracksFrame): void {
  const { ctx, width, height, dpr, colors, layout, labelWidth, rulerHeight } = f;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const ticks = computeTicks(f.scale);
  const contentW = width - labelWidth;
  const scrollTop = rulerHeight + layout.pinnedHeight;
  const areas = [
    {
      rows: layout.rows,
      originY: scrollTop - f.scrollTop,
      top: scrollTop,
      bottom: height,
      q: queues[0]!,
    },
    {
      rows: layout.pinned,
      originY: rulerHeight,
      top: rulerHeight,
      bottom: scrollTop,
      q: queues[1]!,
    },
  ].filter((a) => a.bottom > a.top);
  // Pass 1: every opaque rect into the pixel buffer, one putImageData.
  pixels.begin(ctx, width, height, dpr, packColor(colors.bg));
  const visible = areas.map((a) => {
    const range = visibleRowRange(a.rows, a.top - a.originY, a.bottom - a.originY);
    pixelArea(f, a.rows, range, a.originY, a.top, a.bottom, ticks.times, a.q);
    return range;
  });
  pixels.put(ctx);
  // Pass 2: text, curves and lines with the canvas API, clipped per area.
  areas.forEach((a, k) => {
    const [first, end] = visible[k]!;
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, a.top, width, a.bottom - a.top);
    ctx.clip();
    ctx.save();
    ctx.beginPath();
    ctx.rect(labelWidth, a.top, contentW, a.bottom - a.top);
    ctx.clip();
    for (let r = first; r < end; r++) canvasRow(f, a.rows[r]!, a.originY + a.rows[r]!.y);
    drawLabels(f, a.q.labels);
    drawMarkers(f, a.q.markers);
    ctx.restore();
    for (let r = first; r < end; r++) {
      const row = a.rows[r]!;
      const y = a.originY + row.y;
      drawGutter(f, row, y);
      ctx.fillStyle = colors.border;
      ctx.fillRect(0, y + row.height - 1, width, 1);
    }
    ctx.fillStyle = colors.border;
    ctx.fillRect(labelWidth - 1, a.top, 1, a.bottom - a.top);
    ctx.restore();
  });
  if (layout.pinned.length > 0) {
    ctx.fillStyle = colors.border;
    ctx.fillRect(0, scrollTop - 1, width, 1);
    ctx.fillStyle = mix(colors.border, colors.fg2, 0.3);
    ctx.fillRect(0, scrollTop, width, 1);
  }
  drawRuler(f, ticks, contentW);
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
  const spanText = `Visible ${formatDuration(scale.end - scale.start)}`;
  ctx.fillText(fitText(ctx, LABEL_FONT, spanText, labelWidth - 12), 8, rulerHeight / 2);
  ctx.save();
  ctx.beginPath();
  ctx.rect(labelWidth, 0, contentW, rulerHeight);
  ctx.clip();
  for (let k = 0; k < ticks.times.length; k++) {
    const x = Math.round(labelWidth + scale.timeToPx(ticks.times[k]!)) + 0.5;
    ctx.fillStyle = colors.fg2;
    ctx.fillRect(x - 0.5, rulerHeight - 8, 1, 8);
    ctx.fillStyle = colors.fg;
    ctx.fillText(ticks.labels[k]!, x + 4, rulerHeight / 2 - 1);
  }
  ctx.restore();
}

/** Pass 1 for one area: backgrounds, grid, slices and summaries into the pixel buffer. */
function pixelArea(
  f: TracksFrame,
  rows: readonly Row[],
  [first, end]: [number, number],
  originY: number,
  clipTop: number,
  clipBottom: number,
  tickTimes: readonly number[],
  q: AreaQueue,
): void {
  const { colors, labelWidth, width } = f;
  const contentW = width - labelWidth;
  q.labels.n = 0;
  q.markers.length = 0;
  pixels.clip(labelWidth, clipTop, contentW, clipBottom - clipTop);
  const bg2 = packColor(colors.bg2);
  const bg3 = packColor(colors.bg3);
  for (let r = first; r < end; r++) {
    const row = rows[r]!;
    if (row.kind === 'process' || row.kind === 'group')
      pixels.fillRect(
        labelWidth,
        originY + row.y,
        contentW,
        row.height,
        row.kind === 'group' ? bg3 : bg2,
      );
  }
  const grid = packColor(mix(colors.bg, colors.dark ? '#ffffff' : '#000000', 0.06));
  for (const t of tickTimes) {
    const x = Math.round(labelWidth + f.scale.timeToPx(t));
    pixels.fillRect(x, clipTop, 1 / f.dpr, clipBottom - clipTop, grid);
  }
  for (let r = first; r < end; r++) {
    const row = rows[r]!;
    const y = originY + row.y;
    const g = f.groups[row.group];
    if (!g) continue;
    const scale = f.scale.shifted(g.offsetNs);
    if (row.kind === 'slices') {
      if (row.track >= 0) sliceRowPixels(f, row, y, scale, q);
      if (row.thread >= 0)
        instantPixels(f, g.trace.threads[row.thread]!.instants, y + TRACK_PAD, scale);
    } else if (row.kind === 'instants') {
      const table = rowInstants(g.trace, row);
      if (table) instantPixels(f, table, y + TRACK_PAD + 2, scale);
    } else if (row.kind === 'counter') {
      counterPixels(f, g.trace.counters[row.track]!, row, y, scale);
    } else if (row.kind === 'process' && row.collapsed) summaryPixels(f, row, y, scale);
  }
}

/** Pass 2 for one row: text that belongs to the content area (counter scales). */
function canvasRow(f: TracksFrame, row: Row, y: number): void {
  const g = f.groups[row.group];
  if (g && row.kind === 'counter') counterLabels(f, g.trace.counters[row.track]!, row, y);
}

/** Whether a table may be drawn this frame (building its index if the budget allows). */
function ready(f: TracksFrame, table: SliceTable): boolean {
  if (isIndexed(table)) return true;
  const b = f.indexBudget;
  if (b && performance.now() > b.deadline) {
    b.missed = true;
    return false;
  }
  warmIndex(table);
  return true;
}

function sliceRowPixels(f: TracksFrame, row: Row, y: number, scale: TimeScale, q: AreaQueue): void {
  const g = f.groups[row.group]!;
  const trace = g.trace;
  const table = trace.sliceTracks[row.track]!.slices;
  if (!ready(f, table)) return;
  const ix = sliceIndex(table);
  const { labelWidth, palette } = f;
  const fills = packedFill(palette);
  const contentW = f.width - labelWidth;
  const mask = f.searchMasks ? (f.searchMasks.get(`${row.group}:${row.track}`) ?? null) : null;
  const dimAll = f.searchMasks !== null;
  const strings = trace.strings;
  const { name, flags } = table;
  const labels = q.labels;
  for (let d = 0; d < row.lanes; d++) {
    const lane = ix.lanes[d];
    if (!lane) continue;
    const ly = y + TRACK_PAD + row.laneTop + d * DEPTH_H + (DEPTH_H - SLICE_H) / 2;
    walkLane(table, lane, scale, (i, x0, x1, merged) => {
      const cx0 = x0 < 0 ? 0 : x0;
      const cx1 = x1 > contentW ? contentW : x1;
      if (cx1 <= cx0 && !merged) return;
      let color = colorIndexOf(strings, name[i]!);
      if (dimAll && (mask === null || mask[i] === 0)) color += palette.size;
      pixels.fillRect(labelWidth + cx0, ly, cx1 - cx0, SLICE_H, fills[color]!);
      if (!merged) {
        if (cx1 - cx0 >= MIN_LABEL_PX + 9)
          labels.push(labelWidth + cx0, labelWidth + cx1, ly, row.group, name[i]!, color);
        if (flags[i]! & SliceFlag.Unfinished && x1 <= contentW + 1 && x1 - x0 >= 6)
          q.markers.push(labelWidth + x1, ly);
      }
    });
  }
}

function drawLabels(f: TracksFrame, labels: LabelQueue): void {
  const { ctx, palette } = f;
  if (labels.n === 0) return;
  ctx.font = LABEL_FONT;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'center';
  let lastColor = -1;
  for (let k = 0; k < labels.n; k++) {
    const x0 = labels.x0[k]!;
    const x1 = labels.x1[k]!;
    const text = fitText(
      ctx,
      LABEL_FONT,
      f.groups[labels.group[k]!]!.trace.strings[labels.name[k]!] ?? '',
      x1 - x0 - 4,
    );
    if (!text) continue;
    const c = labels.color[k]!;
    if (c !== lastColor) {
      ctx.fillStyle = palette.text[c]!;
      lastColor = c;
    }
    ctx.fillText(text, (x0 + x1) / 2, labels.y[k]! + SLICE_H / 2 + 0.5);
  }
}

/** Unfinished slices end in a striped notch: "this did not end before the trace did". */
function drawMarkers(f: TracksFrame, markers: readonly number[]): void {
  const { ctx, colors } = f;
  if (markers.length === 0) return;
  ctx.fillStyle = colors.dark ? 'rgba(0,0,0,0.55)' : 'rgba(255,255,255,0.85)';
  ctx.beginPath();
  for (let k = 0; k < markers.length; k += 2) {
    const x = markers[k]!;
    const y = markers[k + 1]!;
    for (let s = 0; s < 3; s++) {
      ctx.moveTo(x - 2 - s * 4, y + SLICE_H);
      ctx.lineTo(x - s * 4, y + SLICE_H);
      ctx.lineTo(x - s * 4 - 6, y);
      ctx.lineTo(x - s * 4 - 8, y);
      ctx.closePath();
    }
  }
  ctx.fill();
}

/** Instants as small down-pointing triangles, at most one per pixel column (pixel pass). */
function instantPixels(f: TracksFrame, table: InstantTable, y: number, scale: TimeScale): void {
  const { labelWidth, colors } = f;
  const contentW = f.width - labelWidth;
  const color = packColor(colors.dark ? '#e0b050' : '#c77700');
  const h = INSTANT_LANE_H - 3;
  let lastCol = -Infinity;
  for (let i = lowerBound(table.ts, scale.start - 4 * scale.nsPerPx); i < table.length; i++) {
    const x = scale.timeToPx(table.ts[i]!);
    if (x > contentW + 4) break;
    const col = Math.floor(x);
    if (col === lastCol) continue;
    lastCol = col;
    const cx = labelWidth + x;
    for (let r = 0; r < h; r++) {
      const w = Math.max(1, 8 * (1 - r / h));
      pixels.fillRect(cx - w / 2, y + r, w, 1, color);
    }
  }
}

/**
 * A counter series as a step chart with an area under it (pixel pass): per pixel column the last
 * value (carried over empty columns) and min/max whiskers where a column held several samples.
 * Runs of equal values become one rect, so a flat stretch costs one fill.
 */
function counterPixels(
  f: TracksFrame,
  c: CounterTrack,
  row: Row,
  y: number,
  scale: TimeScale,
): void {
  const { labelWidth, colors } = f;
  const series = c.series[row.series];
  if (!series || c.ts.length === 0) return;
  const values = series.values;
  const contentW = Math.max(1, Math.floor(f.width - labelWidth));
  const { lo, hi } = counterRange(values);
  const top = y + 4;
  const h = row.height - 8;
  const yOf = (v: number) => top + h - ((v - lo) / (hi - lo)) * h;
  if (counterCols.length < contentW * 3) counterCols = new Float64Array(contentW * 3);
  const cols = counterCols;
  cols.fill(NaN, 0, contentW * 3);
  const ts = c.ts;
  let k = Math.max(0, upperBound(ts, scale.start) - 1);
  const firstX = scale.timeToPx(ts[k]!);
  let carry = firstX < 0 ? values[k]! : NaN;
  for (; k < ts.length; k++) {
    const x = scale.timeToPx(ts[k]!);
    if (x >= contentW) break;
    const v = values[k]!;
    if (v !== v) continue;
    const b = (x < 0 ? 0 : Math.floor(x)) * 3;
    if (!(v >= cols[b]!)) cols[b] = v;
    if (!(v <= cols[b + 1]!)) cols[b + 1] = v;
    cols[b + 2] = v;
  }
  const strokeCss = f.palette.fill[colorIndexForName(c.name)]!;
  const stroke = packColor(strokeCss);
  const area = packColor(mix(strokeCss, colors.bg, 0.55));
  const baseY = yOf(Math.max(lo, Math.min(0, hi)));
  let runStart = -1;
  let runV = NaN;
  const flushRun = (end: number) => {
    if (runStart < 0 || runV !== runV) return;
    const yv = yOf(runV);
    const x = labelWidth + runStart;
    const w = end - runStart;
    if (yv < baseY) pixels.fillRect(x, yv, w, baseY - yv, area);
    else if (yv > baseY) pixels.fillRect(x, baseY, w, yv - baseY, area);
    pixels.fillRect(x, yv - 0.5, w, 1, stroke);
  };
  for (let col = Math.max(0, Math.floor(firstX)); col < contentW; col++) {
    const b = col * 3;
    const last = cols[b + 2]!;
    const has = last === last;
    if (!has && carry !== carry) continue;
    const prev = carry;
    const v = has ? last : carry;
    if (v !== runV) {
      flushRun(col);
      runStart = col;
      runV = v;
    }
    if (has) {
      // The step into this column's first value, and its min/max whisker.
      const mn = cols[b]!;
      const mx = cols[b + 1]!;
      const x = labelWidth + col;
      if (prev === prev) {
        const a = yOf(prev);
        const z = yOf(mn === mn && Math.abs(yOf(mn) - a) > Math.abs(yOf(mx) - a) ? mx : mn);
        pixels.fillRect(x, Math.min(a, z) - 0.5, 1, Math.abs(a - z) + 1, stroke);
      }
      if (mx > mn) pixels.fillRect(x, yOf(mx) - 0.5, 1, yOf(mn) - yOf(mx) + 1, stroke);
      carry = last;
    }
  }
  flushRun(contentW);
}

/** Counter scale labels (canvas pass). */
function counterLabels(f: TracksFrame, c: CounterTrack, row: Row, y: number): void {
  const { ctx, labelWidth, colors } = f;
  const series = c.series[row.series];
  if (!series) return;
  const { lo, hi } = counterRange(series.values);
  ctx.font = SMALL_FONT;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillStyle = colors.fg2;
  ctx.fillText(formatValue(hi), labelWidth + 4, y + 3);
  if (lo < 0) {
    ctx.textBaseline = 'bottom';
    ctx.fillText(formatValue(lo), labelWidth + 4, y + row.height - 2);
  }
}

function summaryPixels(f: TracksFrame, row: Row, y: number, scale: TimeScale): void {
  const { labelWidth } = f;
  const trace = f.groups[row.group]!.trace;
  const proc = trace.processes[row.process]!;
  const tracks: number[] = [];
  for (const th of proc.threads) {
    const t = trace.threads[th]!.track;
    if (t >= 0) tracks.push(t);
  }
  for (const a of proc.asyncTracks) tracks.push(a);
  if (tracks.length === 0) return;
  const used = tracks.slice(0, SUMMARY_MAX_TRACKS);
  const contentW = Math.max(1, Math.ceil(f.width - labelWidth));
  if (summaryDiff.length < contentW + 2) summaryDiff = new Int32Array(contentW + 2);
  const diff = summaryDiff;
  diff.fill(0, 0, contentW + 2);
  for (const t of used) {
    const table = trace.sliceTracks[t]!.slices;
    if (!ready(f, table)) continue;
    const lane = sliceIndex(table).lanes[0];
    if (!lane) continue;
    walkLane(table, lane, scale, (_i, x0, x1) => {
      const a = Math.max(0, Math.floor(x0));
      const b = Math.min(contentW, Math.max(a + 1, Math.ceil(x1)));
      if (a >= contentW || b <= 0) return;
      diff[a]!++;
      diff[b]!--;
    });
  }
  const color = packedFill(f.palette)[colorIndexForName(proc.name ?? proc.pid)]!;
  const top = y + 4;
  const h = row.height - 8;
  let acc = 0;
  let runStart = -1;
  let runH = 0;
  const flushRun = (x: number) => {
    if (runStart >= 0 && runH > 0)
      pixels.fillRect(labelWidth + runStart, top + h - runH, x - runStart, runH, color);
  };
  for (let x = 0; x <= contentW; x++) {
    if (x < contentW) acc += diff[x]!;
    const bh =
      x < contentW && acc > 0 ? Math.max(2, Math.round(Math.min(1, acc / used.length) * h)) : 0;
    if (bh !== runH) {
      flushRun(x);
      runStart = x;
      runH = bh;
    }
  }
  flushRun(contentW);
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
    const w = ctx.measureText(title).width + 6;
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
