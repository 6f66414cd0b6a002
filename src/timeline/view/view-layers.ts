/**
 * What TimelineView draws each frame, layer by layer (content, overlay, overview), and the types
 * it shares with the shell and the benchmark: the elements it drives and its frame statistics.
 */
import { formatDuration } from '../../lib/format';
import { drawIdleGaps, idleGapLayers } from '../draw/draw-idle-gaps';
import { drawMarkers } from '../draw/draw-markers';
import { drawOverlay } from '../draw/draw-overlay';
import { drawOverview } from '../draw/draw-overview';
import { t } from '../../i18n/t';
import { drawTracks, prepareTracks } from '../draw/draw-tracks';
import type { FramePart } from '../draw/frame';
import { LIGHT_COLORS, type ThemeColors } from '../draw/colors';
import { buildOverlayFrame, type SelectedFlows } from './overlay-frame';
import { searchMatchBins, type BackgroundWork } from './timeline-background';
import type { TimelineView } from './timeline-view';
import { LABEL_W, RULER_H } from '../core/view-geometry';

/** Time a frame may spend building track indexes before it leaves rows for the next frame. */
const INDEX_BUDGET_MS = 30;

export interface ViewElements {
  root: HTMLElement;
  tracksHost: HTMLElement;
  content: HTMLCanvasElement;
  overlay: HTMLCanvasElement;
  overview: HTMLCanvasElement;
  scroller: HTMLDivElement;
  spacer: HTMLDivElement;
  tooltip: HTMLDivElement;
  readout: HTMLElement;
}

/** Frame statistics for the benchmark (exposed on window.__viewer.timeline in test builds). */
export interface FrameStats {
  frames: number;
  /** Draw durations of the last frames, ms. */
  drawMs: number[];
  /** performance.now() of the first complete frame of a trace (every visible row drawn). */
  firstTraceFrameAt: number | null;
  /** performance.now() of the first frame of a trace, complete or not. */
  firstPartialFrameAt: number | null;
  /** Rows visible in the last frame. */
  lastRows: number;
  /** performance.now() when the view was created (mounted). */
  createdAt: number;
  /**
   * Benchmark knob: read one pixel back after drawing so the browser rasterises the canvas inside
   * the measured draw time (otherwise raster happens later, at commit, and is not counted).
   */
  forceRaster: boolean;
}

/** Records a content frame drawn since `t0` (and the first frames of a trace). */
export function recordFrame(
  stats: FrameStats,
  t0: number,
  trace: boolean,
  complete: boolean,
): void {
  const now = performance.now();
  stats.frames++;
  stats.drawMs.push(now - t0);
  if (stats.drawMs.length > 5000) stats.drawMs.splice(0, 1000);
  if (!trace) return;
  stats.firstPartialFrameAt ??= now;
  if (complete) stats.firstTraceFrameAt ??= now;
}

/** The theme's colours from the CSS variables on `el`. */
export function readColors(el: HTMLElement, theme: string): ThemeColors {
  const cs = getComputedStyle(el);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  return {
    dark: theme === 'dark',
    bg: v('--bg', LIGHT_COLORS.bg),
    bg2: v('--bg-2', LIGHT_COLORS.bg2),
    bg3: v('--bg-3', LIGHT_COLORS.bg3),
    fg: v('--fg', LIGHT_COLORS.fg),
    fg2: v('--fg-2', LIGHT_COLORS.fg2),
    border: v('--border', LIGHT_COLORS.border),
    accent: v('--accent', LIGHT_COLORS.accent),
    select: v('--select', LIGHT_COLORS.select),
  };
}

/** Rows of the first frame of a trace are started within this much of a frame's start. */
const PART_MS = 12;

/**
 * The first frame of a trace drawn in parts, one per animation frame (draw-tracks.ts: `part`),
 * so no task holds all of it. A part resumes where the last one stopped only when the inputs
 * are the same; anything else (a pan, a scroll, a hover) starts the frame over.
 */
export class PartialFrame {
  private key: readonly unknown[] = [];
  readonly part: FramePart = { deadline: 0, resume: null };

  next(key: readonly unknown[], deadline: number): FramePart {
    if (key.length !== this.key.length || key.some((k, i) => k !== this.key[i]))
      this.part.resume = null;
    this.key = key;
    this.part.deadline = deadline;
    return this.part;
  }
}

/** Allocates the content layer's buffer for the canvas's new size (draws nothing). */
export function prepareContentLayer(view: TimelineView): void {
  const ctx = view.el.content.getContext('2d');
  if (ctx) prepareTracks(ctx, view.width, view.height, view.dpr);
}

/**
 * Draws the content layer (`partial`: one part of it); false when some rows are still to draw
 * (a later part, or rows awaiting their index).
 */
export function drawContentLayer(
  view: TimelineView,
  now: number,
  partial: PartialFrame | null,
): boolean {
  const ctx = view.el.content.getContext('2d');
  if (!ctx) return true;
  const s = view.state;
  const indexBudget = { deadline: now + INDEX_BUDGET_MS, missed: false };
  const scale = view.scale();
  const searchMasks = s.searchMatches && s.searchQuery ? s.searchMatches.masks : null;
  const hoverRowKey = view.hit?.row.key ?? null;
  const { width, height, dpr, groups, layout, scrollTop, colors, palette } = view;
  const part = partial?.next(
    [
      width,
      height,
      dpr,
      groups,
      layout,
      scrollTop,
      scale,
      colors,
      palette,
      searchMasks,
      hoverRowKey,
    ],
    now + PART_MS,
  );
  drawTracks({
    ctx,
    width,
    height,
    dpr,
    groups,
    layout,
    scrollTop,
    scale,
    labelWidth: LABEL_W,
    rulerHeight: RULER_H,
    colors,
    palette,
    searchMasks,
    hoverRowKey,
    indexBudget,
    part,
  });
  return !indexBudget.missed && !part?.resume;
}

/** Draws the overlay layer: outlines, flows, range, cursor, idle gaps, markers. */
export function drawOverlayLayer(view: TimelineView, selFlows: SelectedFlows): void {
  const ctx = view.el.overlay.getContext('2d');
  if (!ctx) return;
  drawOverlay(buildOverlayFrame(view, ctx, selFlows));
  const { width, height, dpr } = view;
  const s = view.state;
  if (s.idleOverlay)
    drawIdleGaps(ctx, view.geometry(), dpr, width, idleGapLayers(view.groups, s.advice));
  drawMarkers({
    ctx,
    width,
    height,
    dpr,
    labelWidth: LABEL_W,
    rulerHeight: RULER_H,
    scale: view.scale(),
    markers: s.markers,
  });
}

/** Search-match bins of the overview strip, kept until the matches change. */
export interface OverviewCache {
  matchBins: Uint32Array | null;
}

/** Draws the overview strip: density bands, the window, the range, search-match ticks. */
export function drawOverviewLayer(
  view: TimelineView,
  background: BackgroundWork,
  cache: OverviewCache,
): void {
  const ctx = view.el.overview.getContext('2d');
  if (!ctx) return;
  const s = view.state;
  const bands = background.overviewBands(view.groups, view.palette);
  const m = s.searchMatches;
  if (m && m.count > 0 && !cache.matchBins) cache.matchBins = searchMatchBins(m, s.extent);
  drawOverview({
    ctx,
    width: view.overviewWidth,
    height: view.overviewHeight,
    dpr: view.dpr,
    labelWidth: LABEL_W,
    colors: view.colors,
    extent: s.extent,
    window: s.visibleWindow,
    range: s.range,
    bands,
    matchBins: m && m.count > 0 && s.searchQuery ? cache.matchBins : null,
    title: view.groups[0]
      ? `${t('timeline:overview')} ${formatDuration(s.extent.end - s.extent.start)}`
      : '',
  });
}
