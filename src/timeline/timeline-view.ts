/**
 * The timeline's non-React core: owns the canvases, the row layout and the scroll position,
 * listens to the store transiently (no React re-render per frame) and redraws at most once per
 * animation frame. Input handling lives in timeline-input.ts, the search job in
 * search-runner.ts, background work (overview density, index warm-up) in timeline-background.ts;
 * React only creates the DOM and calls the actions below.
 */
import { t } from '../i18n/t';
import { formatDuration } from '../lib/format';
import type { AppState, AppStore } from '../store/app-store';
import { LIGHT_COLORS, makePalette, type Palette, type ThemeColors } from './draw/colors';
import { drawOverlay } from './draw/draw-overlay';
import { drawMarkers } from './draw/draw-markers';
import { drawIdleGaps, idleGapLayers } from './draw/draw-idle-gaps';
import { drawOverview } from './draw/draw-overview';
import { drawTracks } from './draw/draw-tracks';
import { FrameScheduler, Layer } from './frame-scheduler';
import type { Hit } from './hit-test';
import { applyNavStep, KeyNavigator } from './key-nav';
import { buildOverlayFrame, SelectedFlows } from './overlay-frame';
import { isOnScreen, sliceRect, type ScreenGeometry } from './placement';
import { computeRowLayout, maxScrollTop, type RowLayout } from './row-layout';
import {
  fitSelection,
  followFlow,
  gotoMatch,
  revealSlice,
  scrollToSlice,
  selectSlice,
  stepDepth,
  stepSlice,
} from './timeline-actions';
import { TimeScale } from './time-scale';
import { BackgroundWork, searchMatchBins } from './timeline-background';
import { describeHit, findSliceNamed, flowCategoryCounts, flowsOfSlice } from './timeline-queries';
import { LABEL_W, RULER_H } from './view-geometry';
import {
  selectActiveGroups,
  selectNoHighlights,
  type GroupsSelector,
  type HighlightsSelector,
  type SliceAddress,
  type TraceGroup,
} from './timeline-groups';

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

function readColors(el: HTMLElement, theme: string): ThemeColors {
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

export interface TimelineOptions {
  /** What to show (default: the active profile alone at offset 0). */
  selectGroups?: GroupsSelector;
  /** Slices to outline (default: none). */
  selectHighlights?: HighlightsSelector;
}

export class TimelineView {
  groups: readonly TraceGroup[] = [];
  readonly selectGroups: GroupsSelector;
  readonly selectHighlights: HighlightsSelector;
  layout: RowLayout = computeRowLayout([], {
    collapseDefault: false,
    collapseOverrides: {},
    pinnedTracks: [],
  });
  scrollTop = 0;
  width = 0;
  height = 0;
  overviewWidth = 0;
  overviewHeight = 0;
  dpr = 1;
  colors: ThemeColors = LIGHT_COLORS;
  /** Slice palette of `colors` (refreshed with them). */
  palette: Palette = makePalette(LIGHT_COLORS);
  /** Pointer position over the canvas (CSS px), null when outside. */
  pointer: { x: number; y: number } | null = null;
  hit: Hit | null = null;
  /** Range being dragged (axis ns), with the rows it covers. */
  dragRange: { start: number; end: number } | null = null;
  readonly nav = new KeyNavigator();
  readonly scheduler: FrameScheduler;
  readonly stats: FrameStats = {
    frames: 0,
    drawMs: [],
    firstTraceFrameAt: null,
    firstPartialFrameAt: null,
    createdAt: performance.now(),
    lastRows: 0,
    forceRaster: false,
  };
  private readonly background: BackgroundWork;
  /** Last scale handed out (immutable; reused while the window and width stay). */
  private scaleCache: TimeScale | null = null;
  private matchBins: Uint32Array | null = null;
  private unsub: (() => void) | null = null;
  private resizeObs: ResizeObserver | null = null;
  private colorsDirty = true;
  private last: AppState;
  private listeners = new Set<() => void>();
  private readonly selFlows = new SelectedFlows();

  constructor(
    readonly store: AppStore,
    readonly el: ViewElements,
    opts: TimelineOptions = {},
  ) {
    this.selectGroups = opts.selectGroups ?? selectActiveGroups;
    this.selectHighlights = opts.selectHighlights ?? selectNoHighlights;
    this.scheduler = new FrameScheduler((layers, now) => this.frame(layers, now));
    this.background = new BackgroundWork(() => this.scheduler.schedule(Layer.Overview));
    this.last = store.getState();
    this.syncModel(this.last, true);
    this.unsub = store.subscribe((s, prev) => this.onStore(s, prev));
    this.resizeObs = new ResizeObserver(() => this.resize());
    this.resizeObs.observe(el.tracksHost);
    this.resizeObs.observe(el.overview);
    el.scroller.addEventListener('scroll', this.onScroll, { passive: true });
    this.resize();
    // A navigation made while the timeline was not mounted (from a table, the cluster view…).
    this.consumeReveal(this.state);
  }

  dispose(): void {
    this.background.dispose();
    this.unsub?.();
    this.resizeObs?.disconnect();
    this.el.scroller.removeEventListener('scroll', this.onScroll);
    this.scheduler.dispose();
  }

  /** Called after layout / groups change (the React shell listens to update the spacer). */
  onChange(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  get state(): AppState {
    return this.store.getState();
  }

  get contentWidth(): number {
    return Math.max(1, this.width - LABEL_W);
  }

  scale(): TimeScale {
    const w = this.state.visibleWindow;
    const width = this.contentWidth;
    const c = this.scaleCache;
    if (c && c.start === w.start && c.end === w.end && c.width === width) return c;
    return (this.scaleCache = new TimeScale(w.start, w.end, width));
  }

  geometry(): ScreenGeometry {
    return {
      layout: this.layout,
      groups: this.groups,
      scale: this.scale(),
      scrollTop: this.scrollTop,
      labelWidth: LABEL_W,
      rulerHeight: RULER_H,
      height: this.height,
    };
  }

  // ---------------------------------------------------------------- store

  private syncModel(s: AppState, force = false): boolean {
    const prev = this.last;
    let changed = false;
    const groups = this.selectGroups(s);
    if (force || groups !== this.groups) {
      this.groups = groups;
      changed = true;
    }
    if (
      changed ||
      s.collapseDefault !== prev.collapseDefault ||
      s.expandDeepThreads !== prev.expandDeepThreads ||
      s.collapseOverrides !== prev.collapseOverrides ||
      s.pinnedTracks !== prev.pinnedTracks ||
      s.trackFilter !== prev.trackFilter
    ) {
      this.layout = computeRowLayout(this.groups, s);
      this.clampScroll();
      changed = true;
    }
    return changed;
  }

  private onStore(s: AppState, prev: AppState): void {
    this.last = prev;
    let layers = 0;
    if (this.syncModel(s)) {
      layers |= Layer.All;
      for (const cb of this.listeners) cb();
    }
    if (s.revealRequest !== prev.revealRequest) this.consumeReveal(s);
    if (s.visibleWindow !== prev.visibleWindow || s.extent !== prev.extent) layers |= Layer.All;
    if (s.theme !== prev.theme) {
      this.colorsDirty = true;
      layers |= Layer.All;
    }
    if (s.searchMatches !== prev.searchMatches) {
      this.matchBins = null;
      layers |= Layer.All;
    }
    if (
      s.selected !== prev.selected ||
      s.hovered !== prev.hovered ||
      s.range !== prev.range ||
      s.rangeTracks !== prev.rangeTracks ||
      s.searchCurrent !== prev.searchCurrent ||
      s.flowMode !== prev.flowMode ||
      s.hiddenFlowCats !== prev.hiddenFlowCats ||
      s.markers !== prev.markers ||
      s.idleOverlay !== prev.idleOverlay ||
      s.advice !== prev.advice ||
      this.selectHighlights(s) !== this.selectHighlights(prev)
    )
      layers |= Layer.Overlay | Layer.Overview;
    this.last = s;
    if (layers) this.scheduler.schedule(layers);
  }

  /** Scrolls a requested slice's row into view (navigation.ts), then clears the request. */
  private consumeReveal(s: AppState): void {
    const req = s.revealRequest;
    if (!req || this.groups.length === 0 || this.height <= 1) return;
    const a = this.addressOf(req);
    if (a) scrollToSlice(this, a);
    this.store.getState().requestReveal(null);
  }

  // ---------------------------------------------------------------- size & scroll

  resize(): void {
    const host = this.el.tracksHost.getBoundingClientRect();
    const ov = this.el.overview.getBoundingClientRect();
    this.dpr = Math.max(1, window.devicePixelRatio || 1);
    this.width = Math.max(1, Math.floor(host.width));
    this.height = Math.max(1, Math.floor(host.height));
    this.overviewWidth = Math.max(1, Math.floor(ov.width));
    this.overviewHeight = Math.max(1, Math.floor(ov.height));
    for (const c of [this.el.content, this.el.overlay]) {
      c.width = Math.round(this.width * this.dpr);
      c.height = Math.round(this.height * this.dpr);
      c.style.width = `${this.width}px`;
      c.style.height = `${this.height}px`;
    }
    this.el.overview.width = Math.round(this.overviewWidth * this.dpr);
    this.el.overview.height = Math.round(this.overviewHeight * this.dpr);
    this.clampScroll();
    for (const cb of this.listeners) cb();
    this.scheduler.schedule(Layer.All);
    this.scheduler.flush();
  }

  private onScroll = () => {
    this.scrollTop = this.el.scroller.scrollTop;
    this.scheduler.schedule(Layer.Content | Layer.Overlay);
  };

  /** Height of the scrollable spacer (pinned rows + scrolled rows), CSS px. */
  get spacerHeight(): number {
    return this.layout.pinnedHeight + this.layout.height;
  }

  private clampScroll(): void {
    const max = maxScrollTop(this.layout, this.height - RULER_H);
    if (this.scrollTop > max) this.setScrollTop(max);
  }

  setScrollTop(y: number): void {
    const max = maxScrollTop(this.layout, this.height - RULER_H);
    this.scrollTop = Math.max(0, Math.min(max, y));
    this.el.spacer.style.height = `${this.spacerHeight}px`;
    this.el.scroller.scrollTop = this.scrollTop;
    this.scheduler.schedule(Layer.Content | Layer.Overlay);
  }

  // ---------------------------------------------------------------- frames

  private frame(layers: number, now: number): void {
    if (this.nav.active) {
      const step = this.nav.step(now);
      const w = this.state.visibleWindow;
      const anchor =
        this.pointer && this.pointer.x >= LABEL_W
          ? this.scale().pxToTime(this.pointer.x - LABEL_W)
          : (w.start + w.end) / 2;
      if (step.panPx !== 0 || step.zoom !== 0)
        this.state.setVisibleWindow(applyNavStep(w, step, anchor, this.contentWidth));
      layers |= this.scheduler.takePending(Layer.All);
      if (this.nav.active) this.scheduler.schedule(Layer.Animation);
    }
    if (this.colorsDirty) {
      this.colors = readColors(this.el.root, this.state.theme);
      this.palette = makePalette(this.colors);
      this.colorsDirty = false;
    }
    const t0 = performance.now();
    let complete = true;
    if (layers & Layer.Content) complete = this.drawContent(t0);
    if (layers & (Layer.Content | Layer.Overlay)) this.drawOverlayLayer();
    if (layers & Layer.Overview) this.drawOverviewLayer();
    if (this.stats.forceRaster) {
      this.el.content.getContext('2d')?.getImageData(0, 0, 1, 1);
      this.el.overlay.getContext('2d')?.getImageData(0, 0, 1, 1);
    }
    const dt = performance.now() - t0;
    if (layers & Layer.Content) {
      this.stats.frames++;
      this.stats.drawMs.push(dt);
      if (this.stats.drawMs.length > 5000) this.stats.drawMs.splice(0, 1000);
      if (this.groups.length > 0 && this.width > 1) {
        this.stats.firstPartialFrameAt ??= performance.now();
        if (complete) this.stats.firstTraceFrameAt ??= performance.now();
      }
      // Background work waits for the first complete frame: the overview's density, then the
      // indexes of the tracks not on screen.
      if (complete) this.background.afterCompleteFrame(this.groups);
    }
    // Rows skipped because their index was not built yet: continue next frame.
    if (!complete) this.scheduler.schedule(Layer.Content | Layer.Overlay);
  }

  /** Draws the content layer; false when some rows still await their index. */
  private drawContent(now: number): boolean {
    const ctx = this.el.content.getContext('2d');
    if (!ctx) return true;
    const s = this.state;
    const indexBudget = { deadline: now + INDEX_BUDGET_MS, missed: false };
    drawTracks({
      ctx,
      width: this.width,
      height: this.height,
      dpr: this.dpr,
      groups: this.groups,
      layout: this.layout,
      scrollTop: this.scrollTop,
      scale: this.scale(),
      labelWidth: LABEL_W,
      rulerHeight: RULER_H,
      colors: this.colors,
      palette: this.palette,
      searchMasks: s.searchMatches && s.searchQuery ? s.searchMatches.masks : null,
      hoverRowKey: this.hit?.row.key ?? null,
      indexBudget,
    });
    return !indexBudget.missed;
  }

  /** Timeline address of a store selection (null if its profile is not shown). */
  addressOf(sel: { profileId: string; track: number; index: number } | null): SliceAddress | null {
    if (!sel) return null;
    const g = this.groups.findIndex((x) => x.profileId === sel.profileId);
    return g < 0 ? null : { group: g, track: sel.track, index: sel.index };
  }

  private drawOverlayLayer(): void {
    const ctx = this.el.overlay.getContext('2d');
    if (!ctx) return;
    drawOverlay(buildOverlayFrame(this, ctx, this.selFlows));
    const { width, height, dpr } = this;
    const s = this.state;
    if (s.idleOverlay)
      drawIdleGaps(ctx, this.geometry(), dpr, width, idleGapLayers(this.groups, s.advice));
    drawMarkers({
      ctx,
      width,
      height,
      dpr,
      labelWidth: LABEL_W,
      rulerHeight: RULER_H,
      scale: this.scale(),
      markers: s.markers,
    });
  }

  private drawOverviewLayer(): void {
    const ctx = this.el.overview.getContext('2d');
    if (!ctx) return;
    const s = this.state;
    const bands = this.background.overviewBands(this.groups, this.palette);
    const m = s.searchMatches;
    if (m && m.count > 0 && !this.matchBins) this.matchBins = searchMatchBins(m, s.extent);
    drawOverview({
      ctx,
      width: this.overviewWidth,
      height: this.overviewHeight,
      dpr: this.dpr,
      labelWidth: LABEL_W,
      colors: this.colors,
      extent: s.extent,
      window: s.visibleWindow,
      range: s.range,
      bands,
      matchBins: m && m.count > 0 && s.searchQuery ? this.matchBins : null,
      title: this.groups[0]
        ? `${t('timeline:overview')} ${formatDuration(s.extent.end - s.extent.start)}`
        : '',
    });
  }

  // ---------------------------------------------------------------- actions (timeline-actions.ts)

  /** Selects a slice (or clears with null) and, if asked, brings it into view. */
  select(a: SliceAddress | null, reveal = false): void {
    selectSlice(this, a, reveal);
  }

  /** Expands what hides a slice's track, scrolls it into view and pans to it if needed. */
  reveal(a: SliceAddress, opts: { center?: boolean } = {}): void {
    revealSlice(this, a, opts);
  }

  /** F: fit the selected slice (with margins), else the range. */
  fit(): void {
    fitSelection(this);
  }

  /** ] / [: select the slice at the other end of the selected slice's flow. */
  followFlow(dir: 'out' | 'in'): boolean {
    return followFlow(this, dir);
  }

  /** . / , : the next / previous slice at the same depth of the same track. */
  stepSlice(dir: 1 | -1): void {
    stepSlice(this, dir);
  }

  /** ↑ / ↓: parent / first child. */
  stepDepth(dir: 'parent' | 'child'): void {
    stepDepth(this, dir);
  }

  /** Goes to search match k: selects it and brings it into view. */
  gotoMatch(k: number): void {
    gotoMatch(this, k);
  }

  /** Toggles the collapsed state of a row. */
  toggleRow(key: string): void {
    const row = this.layout.byKey.get(key);
    if (row?.collapsible) this.state.toggleCollapsed(key, row.collapsed);
  }

  /** Describes what is under the pointer for the tooltip (plain text lines). */
  describeHit(h: Hit): string[] | null {
    return describeHit(this.groups, h);
  }

  /** Flows of a slice for the details panel. */
  flowsOf(a: SliceAddress): { out: number[]; in: number[] } {
    return flowsOfSlice(this.groups, a);
  }

  /** Flow categories of the shown traces, with counts. */
  flowCategories(): { name: string; count: number }[] {
    return flowCategoryCounts(this.groups);
  }

  /** First slice named `name` (tests, links from other views), or null. */
  findSlice(name: string, group = 0): SliceAddress | null {
    return findSliceNamed(this.groups, name, group);
  }

  /** Centre of a slice's visible part in client (page) coordinates, or null if off-screen. */
  clientPointOf(a: SliceAddress): { x: number; y: number } | null {
    const geo = this.geometry();
    const r = sliceRect(geo, a);
    if (!r || !r.exact || !isOnScreen(geo, r)) return null;
    const x0 = Math.max(r.x, LABEL_W);
    const x1 = Math.min(r.x + r.w, this.width);
    if (x1 <= x0) return null;
    const box = this.el.tracksHost.getBoundingClientRect();
    return { x: box.left + (x0 + x1) / 2, y: box.top + r.y + r.h / 2 };
  }

  /** Client x of an axis time (tests: ruler drags). */
  clientXOf(t: number): number {
    return this.el.tracksHost.getBoundingClientRect().left + LABEL_W + this.scale().timeToPx(t);
  }
}
