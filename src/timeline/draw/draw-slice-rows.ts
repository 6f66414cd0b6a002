/**
 * Slice rows: each depth lane goes through the LOD walker (≤ ~2 rects per pixel column) into the
 * pixel buffer; labels and unfinished-slice markers are queued during that pass and drawn with
 * the canvas API afterwards, where they fit.
 */
import { SliceFlag, type SliceTable } from '../../model/trace-model';
import { mergedMask } from '../../model/merge-streams';
import { walkLane, type LodEmit } from '../core/lod';
import { DEPTH_H, SLICE_H, TRACK_PAD, type Row } from '../core/row-layout';
import { isIndexed, sliceIndex, warmIndex } from '../core/slice-index';
import type { TimeScale } from '../core/time-scale';
import { colorIndexOf, type Palette } from './colors';
import { drawLaneFromPyramid } from './draw-lod';
import type { TracksFrame } from './frame';
import { memoized } from './memo';
import { packColor, type PixelLayer } from './pixel-layer';
import { fitText, LABEL_FONT, MIN_LABEL_PX } from './text';

const packedPalettes = new WeakMap<Palette, Uint32Array>();
const packFill = (p: Palette) => Uint32Array.from(p.fill, (c) => packColor(c));
/** The palette's fill colours, packed for the pixel buffer (cached per palette). */
export function packedFill(p: Palette): Uint32Array {
  return memoized(packedPalettes, p, packFill);
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
export interface AreaQueue {
  labels: LabelQueue;
  /** Unfinished-slice markers: right edge x, y. */
  markers: number[];
}

export function newAreaQueue(): AreaQueue {
  return { labels: new LabelQueue(), markers: [] };
}

/** Empties a queue for a new frame (keeping its buffers). */
export function resetAreaQueue(q: AreaQueue): void {
  q.labels.n = 0;
  q.markers.length = 0;
}

/** Whether a table may be drawn this frame (building its index if the budget allows). */
export function tableReady(f: TracksFrame, table: SliceTable): boolean {
  if (isIndexed(table)) return true;
  const b = f.indexBudget;
  if (b && performance.now() > b.deadline) {
    b.missed = true;
    return false;
  }
  warmIndex(table);
  return true;
}

/** Search-mask key of a slice row (`${group}:${track}`), kept per row object. */
const maskKeys = new WeakMap<Row, string>();
const maskKey = (row: Row) => `${row.group}:${row.track}`;

export function sliceRowPixels(
  pixels: PixelLayer,
  f: TracksFrame,
  row: Row,
  y: number,
  scale: TimeScale,
  q: AreaQueue,
): void {
  const g = f.groups[row.group]!;
  const trace = g.trace;
  const table = (row.merged?.track ?? trace.sliceTracks[row.track]!).slices;
  if (!tableReady(f, table)) return;
  const ix = sliceIndex(table);
  const { labelWidth, palette } = f;
  const fills = packedFill(palette);
  const contentW = f.width - labelWidth;
  const masks = f.searchMasks;
  const mask = !masks
    ? null
    : row.merged
      ? mergedMask(masks, row.group, row.merged)
      : (masks.get(memoized(maskKeys, row, maskKey)) ?? null);
  const dimAll = f.searchMasks !== null;
  const strings = trace.strings;
  const { name, flags } = table;
  const labels = q.labels;
  let ly = 0;
  const emit: LodEmit = (i, x0, x1, merged) => {
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
  };
  for (let d = 0; d < row.lanes; d++) {
    const lane = ix.lanes[row.firstLane + d];
    if (!lane) continue;
    ly = y + TRACK_PAD + row.laneTop + d * DEPTH_H + (DEPTH_H - SLICE_H) / 2;
    // Zoomed out, a lane with a pyramid is drawn from its cells (draw-lod.ts); a search's
    // dimming is per slice, so it keeps the rect walk.
    const p = lane.pyramid;
    if (
      p &&
      !dimAll &&
      drawLaneFromPyramid(
        pixels,
        table,
        lane,
        p,
        scale,
        strings,
        fills,
        labelWidth,
        contentW,
        ly,
        SLICE_H,
        emit,
      )
    )
      continue;
    walkLane(table, lane, scale, emit);
  }
}

export function drawLabels(f: TracksFrame, labels: LabelQueue): void {
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
export function drawMarkers(f: TracksFrame, markers: readonly number[]): void {
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
