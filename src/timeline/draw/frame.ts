/**
 * What one frame of the timeline needs, as plain inputs (no React, no store). The host builds
 * these from the store and its own state; draw functions are pure functions of them.
 */
import type { RulerLabel } from './ruler-labels';
import type { RowLayout } from '../core/row-layout';
import type { TraceGroup } from '../core/timeline-groups';
import type { TimeScale } from '../core/time-scale';
import type { Palette, ThemeColors } from './colors';

export interface CanvasFrame {
  ctx: CanvasRenderingContext2D;
  /** Canvas size, CSS px. */
  width: number;
  height: number;
  dpr: number;
}

export interface TracksFrame extends CanvasFrame {
  groups: readonly TraceGroup[];
  layout: RowLayout;
  scrollTop: number;
  /** Shared axis over the content area (x = 0 at labelWidth). */
  scale: TimeScale;
  labelWidth: number;
  rulerHeight: number;
  colors: ThemeColors;
  palette: Palette;
  /** Search membership per `${group}:${track}`; null when no search is active. */
  searchMasks: ReadonlyMap<string, Uint8Array> | null;
  /** Key of the row under the mouse (its gutter shows the pin button). */
  hoverRowKey: string | null;
  /**
   * Time budget for building track indexes during this frame (performance.now() deadline). Rows
   * whose index is not built yet and do not fit are skipped and `missed` is set; the host draws
   * again next frame. Absent: build whatever is needed.
   */
  indexBudget?: { deadline: number; missed: boolean };
  /**
   * Draw this frame in parts, one per call (the first frame of a trace): no row is started after
   * `deadline` (at least one row is drawn per part). `resume` says where the previous part
   * stopped (null: a new frame), and on return where this one stopped (null: the frame is
   * complete). The caller passes a part's `resume` back only for the same inputs.
   */
  part?: FramePart;
}

export interface FramePart {
  deadline: number;
  /** Area (0 scrolled, 1 pinned) and row index to continue from. */
  resume: { area: number; row: number } | null;
}

/** A rectangle in canvas CSS px. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface FlowArrow {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Flows of the selected slice are drawn bold. */
  strong: boolean;
}

export interface OverlayFrame extends CanvasFrame {
  labelWidth: number;
  rulerHeight: number;
  colors: ThemeColors;
  /** Top of the scrolled area (below the pinned rows), CSS px. */
  scrollAreaTop: number;
  cursorX: number | null;
  /** Text shown in the ruler at the cursor. */
  cursorLabel: string | null;
  hover: Rect | null;
  selected: Rect | null;
  currentMatch: Rect | null;
  /** Highlighted slices (e.g. a collective on every rank). */
  highlights: Rect[];
  /** Range in content px (x from the content left), with its duration label. */
  range: { x0: number; x1: number; label: string } | null;
  /** Rows (in canvas px) the range is limited to; empty = all. */
  rangeRows: Rect[];
  flows: FlowArrow[];
  counter: { x: number; y: number; label: string } | null;
  /** The ruler's tick labels as drawn (hidden whole where a tag covers them). */
  rulerLabels: readonly RulerLabel[];
}

export interface OverviewBand {
  color: string;
  /** Relative busy density per bin, 0..1; bins split [start, end) evenly. */
  values: Float32Array;
  /** Axis span the bins cover, ns. */
  start: number;
  end: number;
}

export interface OverviewFrame extends CanvasFrame {
  labelWidth: number;
  colors: ThemeColors;
  /** Axis span of the whole strip. */
  extent: { start: number; end: number };
  window: { start: number; end: number };
  range: { start: number; end: number } | null;
  bands: OverviewBand[];
  /** Matches per bin (same binning as bands), or null. */
  matchBins: Uint32Array | null;
  /** Text for the gutter part of the strip. */
  title: string;
}
