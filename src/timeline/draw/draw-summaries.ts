/**
 * The sparse marks of the pixel pass: instants as small triangles (at most one per pixel column)
 * and a collapsed process's summary, a busy histogram over its slice tracks' top lanes (or, for a
 * counter-only process, its first counter).
 */
import { lowerBound } from '../../lib/bisect';
import type { InstantTable, ProcessModel, TraceModel } from '../../model/trace-model';
import { INSTANT_LANE_H, type Row } from '../core/row-layout';
import { sliceIndex } from '../core/slice-index';
import type { TimeScale } from '../core/time-scale';
import { colorIndexForName } from './colors';
import { counterPixels } from './draw-counters';
import { packedFill, tableReady } from './draw-slice-rows';
import type { TracksFrame } from './frame';
import { packColor, type PixelLayer } from './pixel-layer';
import { summaryCounts, type SummaryLane } from './summary-columns';

/** Tracks summarised in a collapsed process (more would cost too much per frame). */
const SUMMARY_MAX_TRACKS = 256;

/** Instants as small down-pointing triangles, at most one per pixel column (pixel pass). */
export function instantPixels(
  pixels: PixelLayer,
  f: TracksFrame,
  table: InstantTable,
  y: number,
  scale: TimeScale,
): void {
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

/** What a collapsed process's summary draws: its first slice tracks and its palette index. */
interface SummarySource {
  /** Slice tracks summarised (threads' main tracks, then async tracks), capped. */
  tracks: number[];
  colorIndex: number;
}
/** Per process; a loaded trace does not change. */
const summarySources = new WeakMap<ProcessModel, SummarySource>();
function summarySource(trace: TraceModel, proc: ProcessModel): SummarySource {
  let s = summarySources.get(proc);
  if (!s) {
    const tracks: number[] = [];
    for (const th of proc.threads) {
      const t = trace.threads[th]!.track;
      if (t >= 0) tracks.push(t);
    }
    for (const a of proc.asyncTracks) tracks.push(a);
    s = {
      tracks: tracks.slice(0, SUMMARY_MAX_TRACKS),
      colorIndex: colorIndexForName(proc.name ?? proc.pid),
    };
    summarySources.set(proc, s);
  }
  return s;
}

/** The summarised tracks' top lanes, reused frame to frame. */
const lanes: SummaryLane[] = [];

export function summaryPixels(
  pixels: PixelLayer,
  f: TracksFrame,
  row: Row,
  y: number,
  scale: TimeScale,
): void {
  const { labelWidth } = f;
  const trace = f.groups[row.group]!.trace;
  const proc = trace.processes[row.process]!;
  const { tracks: used, colorIndex } = summarySource(trace, proc);
  if (used.length === 0) {
    // A folded counter process: its first counter stands for it.
    const c = trace.counters[proc.counters[0] ?? -1];
    if (c) counterPixels(pixels, f, c, row.series === 0 ? row : { ...row, series: 0 }, y, scale);
    return;
  }
  const contentW = Math.max(1, Math.ceil(f.width - labelWidth));
  // Busy tracks per column, kept across pans (summary-columns.ts).
  lanes.length = 0;
  let complete = true;
  for (const t of used) {
    const table = trace.sliceTracks[t]!.slices;
    if (!tableReady(f, table)) {
      complete = false;
      continue;
    }
    const lane = sliceIndex(table).lanes[0];
    if (lane) lanes.push({ table, lane });
  }
  const counts = summaryCounts(summarySource(trace, proc), lanes, scale, contentW, complete);
  const color = packedFill(f.palette)[colorIndex]!;
  const top = y + 4;
  const h = row.height - 8;
  let runStart = -1;
  let runH = 0;
  const flushRun = (x: number) => {
    if (runStart >= 0 && runH > 0)
      pixels.fillRect(labelWidth + runStart, top + h - runH, x - runStart, runH, color);
  };
  for (let x = 0; x <= contentW; x++) {
    const acc = x < contentW ? counts[x]! : 0;
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
