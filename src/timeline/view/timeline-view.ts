/**
 * The timeline's non-React core: owns the canvases, the row layout and the scroll position,
 * listens to the store transiently (no React re-render per frame) and redraws at most once per
 * animation frame. Input handling lives in timeline-input.ts, the search job in
 * search-runner.ts, background work (overview density, index warm-up) in timeline-background.ts;
 * React only creates the DOM and calls the actions below.
 */
import type { TimeSpan } from '../../model/units';
import type { AppState, AppStore } from '../../store/app-store';
import { LIGHT_COLORS, makePalette, type Palette, type ThemeColors } from '../draw/colors';
import { FrameScheduler, Layer } from './frame-scheduler';
import type { Hit } from '../core/hit-test';
import { KeyNavigator } from '../input/key-nav';
import { SelectedFlows } from './overlay-frame';
import { isOnScreen, sliceRect, type ScreenGeometry } from '../core/placement';
import { onMergeBuilt, pendingMerges, workerMerges } from '../core/merge-runner';
import { computeRowLayout, type RowLayout } from '../core/row-layout';
import { maxScrollTop } from '../core/row-geometry';
import * as act from './timeline-actions';
import { TimeScale } from '../core/time-scale';
import { BackgroundWork } from './timeline-background';
import type { PointerInput, TimelineActions, TimelineOverlayState } from './timeline-api';
import { layoutInputsChanged, storeChanges } from './store-changes';
import { measureView, sizeCanvases } from './view-size';
import {
  drawContentLayer,
  drawOverlayLayer,
  drawOverviewLayer,
  PartialFrame,
  prepareContentLayer,
  readColors,
  recordFrame,
  type FrameStats,
  type OverviewCache,
  type ViewElements,
} from './view-layers';
import {
  describeHit,
  findSliceNamed,
  flowCategoryCounts,
  flowsOfSlice,
} from '../core/timeline-queries';
import { LABEL_W, RULER_H } from '../core/view-geometry';
import {
  selectActiveGroups,
  selectNoHighlights,
  layoutKindOf,
  type GroupsSelector,
  type HighlightsSelector,
  type SliceAddress,
  type TraceGroup,
} from '../core/timeline-groups';

export type { FrameStats, ViewElements } from './view-layers';

export interface TimelineOptions {
  /** What to show (default: the active profile alone at offset 0). */
  selectGroups?: GroupsSelector;
  /** Slices to outline (default: none). */
  selectHighlights?: HighlightsSelector;
}

export class TimelineView implements TimelineActions, TimelineOverlayState {
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
  private pointerAt: { x: number; y: number } | null = null;
  private hitNow: Hit | null = null;
  private dragging: TimeSpan | null = null;
  /** The only writer of the pointer, hit and drag state: the input handlers (timeline-input). */
  readonly input: PointerInput = {
    setPointer: (p, hit) => {
      this.pointerAt = p;
      this.hitNow = hit;
    },
    setDragRange: (r) => {
      this.dragging = r;
    },
  };
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
  private readonly overviewCache: OverviewCache = { matchBins: null };
  private unsub: (() => void) | null = null;
  private unsubMerge: (() => void) | null = null;
  private resizeObs: ResizeObserver | null = null;
  private colorsDirty = true;
  private last: AppState;
  private listeners = new Set<() => void>();
  private readonly selFlows = new SelectedFlows();
  /** The groups whose first complete frame was drawn; until then frames are drawn in parts. */
  private completeFor: readonly TraceGroup[] | null = null;
  private readonly partial = new PartialFrame();

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
    // Merged streams built in the worker (merge-runner.ts): lay the rows out again.
    this.unsubMerge = onMergeBuilt(() => this.relayout());
    this.resizeObs = new ResizeObserver(() => this.resize());
    this.resizeObs.observe(el.tracksHost);
    this.resizeObs.observe(el.overview);
    el.scroller.addEventListener('scroll', this.onScroll, { passive: true });
    // The first frame on the next animation frame: a task of its own, not the mount's.
    this.resize();
    // A navigation made while the timeline was not mounted (from a table, the cluster view…).
    this.consumeReveal(this.state);
  }

  dispose(): void {
    this.background.dispose();
    this.unsub?.();
    this.unsubMerge?.();
    this.resizeObs?.disconnect();
    this.el.scroller.removeEventListener('scroll', this.onScroll);
    this.scheduler.dispose();
  }

  /** Called after layout / groups change (the React shell listens to update the spacer). */
  onChange(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  get pointer(): { readonly x: number; readonly y: number } | null {
    return this.pointerAt;
  }

  get hit(): Hit | null {
    return this.hitNow;
  }

  get dragRange(): TimeSpan | null {
    return this.dragging;
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
      // The layout saved for this kind of trace (set from outside this store callback).
      const kind = layoutKindOf(groups);
      if (kind && kind !== s.trackLayoutKind)
        queueMicrotask(() => this.store.getState().restoreTrackLayout(kind));
    }
    if (changed || layoutInputsChanged(s, prev)) {
      this.layout = computeRowLayout(this.groups, s);
      this.clampScroll();
      changed = true;
    }
    return changed;
  }

  /** Merged streams being built in the worker, and built there so far (for tests). */
  get merges(): { pending: number; inWorker: number } {
    return { pending: pendingMerges(), inWorker: workerMerges() };
  }

  private relayout(): void {
    this.layout = computeRowLayout(this.groups, this.store.getState());
    this.clampScroll();
    for (const cb of this.listeners) cb();
    this.scheduler.schedule(Layer.All);
  }

  private onStore(s: AppState, prev: AppState): void {
    this.last = prev;
    const c = storeChanges(s, prev, this.selectHighlights(s) !== this.selectHighlights(prev));
    let layers = c.layers;
    if (this.syncModel(s)) {
      layers |= Layer.All;
      for (const cb of this.listeners) cb();
    }
    if (s.revealRequest !== prev.revealRequest) this.consumeReveal(s);
    if (c.colors) this.colorsDirty = true;
    if (c.matches) this.overviewCache.matchBins = null;
    this.last = s;
    if (layers) this.scheduler.schedule(layers);
  }

  /** Scrolls a requested slice's row into view (navigation.ts), then clears the request. */
  private consumeReveal(s: AppState): void {
    const req = s.revealRequest;
    if (!req || this.groups.length === 0 || this.height <= 1) return;
    const a = this.addressOf(req);
    if (a) act.scrollToSlice(this, a);
    this.store.getState().requestReveal(null);
  }

  // ---------------------------------------------------------------- size & scroll

  /** Reads the boxes' sizes (view-size.ts); the canvases take them in the next frame. */
  resize(): void {
    Object.assign(this, measureView(this.el));
    this.clampScroll();
    for (const cb of this.listeners) cb();
    this.scheduler.schedule(Layer.All);
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
    if (this.nav.active) layers |= act.navStep(this, now);
    const resized = sizeCanvases(this.el, this);
    if (resized) layers |= Layer.All;
    if (this.colorsDirty) {
      this.colors = readColors(this.el.root, this.state.theme);
      this.palette = makePalette(this.colors, this.state.palette);
      this.colorsDirty = false;
    }
    const t0 = performance.now();
    let complete = true;
    // Until a trace's first complete frame, its content is drawn in parts, one per animation
    // frame, and the overlay and the strip wait for it: no task holds a whole first frame.
    const first = this.completeFor !== this.groups && (layers & Layer.Content) !== 0;
    if (first && resized) {
      // A frame of its own for the new canvases and the pixel buffer.
      prepareContentLayer(this);
      this.scheduler.schedule(layers);
      return;
    }
    if (first) {
      this.scheduler.schedule(layers & (Layer.Overlay | Layer.Overview));
      layers &= ~(Layer.Overlay | Layer.Overview);
    }
    if (layers & Layer.Content) complete = drawContentLayer(this, t0, first ? this.partial : null);
    if (first && complete) this.completeFor = this.groups;
    if (!first && layers & (Layer.Content | Layer.Overlay)) drawOverlayLayer(this, this.selFlows);
    if (layers & Layer.Overview) drawOverviewLayer(this, this.background, this.overviewCache);
    if (this.stats.forceRaster) {
      this.el.content.getContext('2d')?.getImageData(0, 0, 1, 1);
      this.el.overlay.getContext('2d')?.getImageData(0, 0, 1, 1);
    }
    if (layers & Layer.Content) {
      recordFrame(this.stats, t0, this.groups.length > 0 && this.width > 1, complete);
      // Background work waits for the first complete frame: the overview's density, then the
      // indexes of the tracks not on screen.
      if (complete) this.background.afterCompleteFrame(this.groups);
    }
    // Rows skipped because their index was not built yet: continue next frame.
    if (!complete) this.scheduler.schedule(Layer.Content | Layer.Overlay);
  }

  /** Timeline address of a store selection (null if its profile is not shown). */
  addressOf(sel: { profileId: string; track: number; index: number } | null): SliceAddress | null {
    if (!sel) return null;
    const g = this.groups.findIndex((x) => x.profileId === sel.profileId);
    return g < 0 ? null : { group: g, track: sel.track, index: sel.index };
  }

  // ------------------------------------- actions (timeline-api.ts: TimelineActions documents them)

  select(a: SliceAddress | null, reveal = false): void {
    act.selectSlice(this, a, reveal);
  }
  reveal(a: SliceAddress, opts: { center?: boolean } = {}): void {
    act.revealSlice(this, a, opts);
  }
  fit(): void {
    act.fitSelection(this);
  }
  followFlow(dir: 'out' | 'in'): boolean {
    return act.followFlow(this, dir);
  }
  stepSlice(dir: 1 | -1): void {
    act.stepSlice(this, dir);
  }
  stepDepth(dir: 'parent' | 'child'): void {
    act.stepDepth(this, dir);
  }
  gotoMatch(k: number): void {
    act.gotoMatch(this, k);
  }
  toggleRow(key: string): void {
    const row = this.layout.byKey.get(key);
    if (row?.collapsible) this.state.toggleCollapsed(key, row.collapsed);
  }
  describeHit(h: Hit): string[] | null {
    return describeHit(this.groups, h);
  }
  flowsOf(a: SliceAddress): { out: number[]; in: number[] } {
    return flowsOfSlice(this.groups, a);
  }
  flowCategories(): { name: string; count: number }[] {
    return flowCategoryCounts(this.groups);
  }
  findSlice(name: string, group = 0): SliceAddress | null {
    return findSliceNamed(this.groups, name, group);
  }
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
  clientXOf(t: number): number {
    return this.el.tracksHost.getBoundingClientRect().left + LABEL_W + this.scale().timeToPx(t);
  }
}
