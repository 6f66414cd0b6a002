/**
 * Input for the timeline: d3-zoom drives drag-to-pan and Ctrl/⌘ + wheel (and pinch) zoom around
 * the cursor; the store owns the visible window and every change made elsewhere (keys, overview,
 * a table click) is pushed back into d3-zoom with `zoom.transform`, so the two never disagree.
 * Plain wheel scrolls the tracks natively; horizontal wheel or Shift + wheel pans. Shift + drag
 * (or a drag in the ruler) selects a time range. Clicks select; small drags still count as
 * clicks (CLICK_SLOP). The overview strip's input is overview-input.ts, the keyboard's
 * timeline-keys.ts (bindings follow Perfetto, keymap.ts).
 */
import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { zoom, zoomIdentity, zoomTransform, type D3ZoomEvent, type ZoomBehavior } from 'd3-zoom';
import type { AppState } from '../store/app-store';
import type { RangeTrack } from '../store/selection-slice';
import { Layer } from './frame-scheduler';
import { hitTest, type Hit } from './hit-test';
import { CLICK_SLOP, listen, localPoint, runCleanups, type Cleanups } from './input-events';
import { attachOverviewInput } from './overview-input';
import { sameNameKeys } from './pin-same';
import { instantOwnerOf } from './instant-select';
import { toggleHidden } from '../store/track-layout';
import { rowAtY } from './row-layout';
import { absoluteNs, absoluteSecondsText, formatRelativeExact } from './time-scale';
import { attachKeys, type KeyCallbacks } from './timeline-keys';
import type { TimelineView } from './timeline-view';
import { LABEL_W, RULER_H } from './view-geometry';

/** Quiet time after the view moved under a still pointer before the hover is taken again. */
const REHOVER_MS = 120;

export interface InputCallbacks extends KeyCallbacks {
  /** Extra UI elements whose pointer events belong to the timeline. */
  ruler: HTMLElement;
}

export function attachInput(view: TimelineView, cb: InputCallbacks): () => void {
  const { store } = view;
  const el = view.el;
  const scroller = el.scroller;
  const cleanups: Cleanups = [];

  // ------------------------------------------------------------ d3-zoom ↔ store
  const baseScale = () => {
    const { extent } = store.getState();
    return scaleLinear()
      .domain([extent.start, extent.end])
      .range([LABEL_W, LABEL_W + view.contentWidth]);
  };
  const transformFor = (s: AppState) => {
    const { extent, visibleWindow: w } = s;
    const k = (extent.end - extent.start) / Math.max(1e-9, w.end - w.start);
    const base = baseScale();
    return zoomIdentity.translate(LABEL_W - k * base(w.start), zoomTransform(scroller).y).scale(k);
  };
  let syncing = false;
  let lastY = 0;
  const zb: ZoomBehavior<HTMLDivElement, unknown> = zoom<HTMLDivElement, unknown>()
    .filter((e: Event) => {
      if (e.type === 'wheel') return (e as WheelEvent).ctrlKey || (e as WheelEvent).metaKey;
      if (e.type === 'mousedown') {
        const me = e as MouseEvent;
        return me.button === 0 && !me.shiftKey && offsetX(me) >= LABEL_W;
      }
      return e.type.startsWith('touch');
    })
    .wheelDelta((e: WheelEvent) => -e.deltaY * (e.deltaMode === 1 ? 0.05 : e.deltaMode ? 1 : 0.004))
    .scaleExtent([0.2, 1e13])
    .clickDistance(CLICK_SLOP)
    .on('start', (e: D3ZoomEvent<HTMLDivElement, unknown>) => {
      lastY = e.transform.y;
      if ((e.sourceEvent as Event | null)?.type === 'mousedown') scroller.classList.add('grabbing');
    })
    .on('zoom', (e: D3ZoomEvent<HTMLDivElement, unknown>) => {
      if (syncing || !e.sourceEvent) return;
      const [a, b] = e.transform.rescaleX(baseScale()).domain() as [number, number];
      store.getState().setVisibleWindow({ start: a, end: b });
      if ((e.sourceEvent as Event).type === 'mousemove') {
        const dy = e.transform.y - lastY;
        if (dy !== 0) view.setScrollTop(view.scrollTop - dy);
      }
      lastY = e.transform.y;
    })
    // Only touch the class when it is set: programmatic transforms end here every frame and a
    // class write would invalidate style each time.
    .on('end', () => {
      if (scroller.classList.contains('grabbing')) scroller.classList.remove('grabbing');
    });
  const sel = select(scroller);
  sel.call(zb).on('dblclick.zoom', null);
  const pushToZoom = () => {
    const want = transformFor(store.getState());
    const have = zoomTransform(scroller);
    if (Math.abs(want.k / have.k - 1) < 1e-12 && Math.abs(want.x - have.x) < 1e-6) return;
    syncing = true;
    try {
      zb.transform(sel, want);
    } finally {
      syncing = false;
    }
  };
  pushToZoom();
  cleanups.push(
    store.subscribe((s, prev) => {
      if (s.visibleWindow !== prev.visibleWindow || s.extent !== prev.extent) pushToZoom();
    }),
  );
  cleanups.push(view.onChange(pushToZoom));
  cleanups.push(() => sel.on('.zoom', null));

  // ------------------------------------------------------------ wheel: horizontal pan
  listen(
    cleanups,
    scroller,
    'wheel',
    (e) => {
      if (e.ctrlKey || e.metaKey) return;
      let dx = e.deltaX;
      if (e.shiftKey && dx === 0) dx = e.deltaY;
      if (dx === 0 || (!e.shiftKey && Math.abs(dx) < Math.abs(e.deltaY))) return;
      e.preventDefault();
      const unit = e.deltaMode === 1 ? 20 : e.deltaMode ? view.contentWidth : 1;
      store.getState().panBy(dx * unit * view.scale().nsPerPx);
    },
    { passive: false },
  );

  // ------------------------------------------------------------ hover, tooltip, readout
  let hoverKey: string | null = null;
  const setHover = (x: number, yTrack: number | null) => {
    view.pointer = { x, y: (yTrack ?? -RULER_H) + RULER_H };
    const hit = yTrack === null ? null : hitTest(hitCtx(), x, yTrack);
    const prevRow = view.hit?.row.key ?? null;
    view.hit = hit;
    const st = store.getState();
    const hovered =
      hit?.kind === 'slice'
        ? { profileId: view.groups[hit.group]!.profileId, track: hit.track, index: hit.index }
        : null;
    const key = hovered ? `${hovered.profileId}:${hovered.track}:${hovered.index}` : null;
    if (key !== hoverKey) {
      hoverKey = key;
      st.hoverSlice(hovered);
    }
    updateTooltip(hit, x, yTrack);
    updateReadout(x);
    view.scheduler.schedule(
      (hit?.row.key ?? null) !== prevRow ? Layer.Content | Layer.Overlay : Layer.Overlay,
    );
  };
  const hitCtx = () => ({
    layout: view.layout,
    groups: view.groups,
    scale: view.scale(),
    scrollTop: view.scrollTop,
    labelWidth: LABEL_W,
  });
  const updateTooltip = (hit: Hit | null, x: number, yTrack: number | null) => {
    const tip = el.tooltip;
    const lines = hit && yTrack !== null && !dragging ? view.describeHit(hit) : null;
    if (!lines) {
      tip.hidden = true;
      return;
    }
    tip.replaceChildren(
      ...lines.map((l, i) => {
        const d = document.createElement('div');
        d.className = i === 0 ? 'tl-tip-title' : 'tl-tip-line';
        d.textContent = l;
        return d;
      }),
    );
    tip.hidden = false;
    const host = el.tracksHost.getBoundingClientRect();
    const tw = tip.offsetWidth;
    const left = x + 14 + tw > host.width ? x - tw - 10 : x + 14;
    tip.style.transform = `translate(${Math.max(0, left)}px, ${RULER_H + yTrack! + 16}px)`;
  };
  const updateReadout = (x: number) => {
    const g = view.groups[0];
    if (!g || x < LABEL_W) {
      el.readout.textContent = '';
      return;
    }
    const t = view.scale().pxToNs(x - LABEL_W);
    const rel = t - g.offsetNs;
    const abs = absoluteNs(g.trace.baseNs, rel);
    el.readout.textContent = `cursor ${formatRelativeExact(rel)} · abs ${abs} ns (${absoluteSecondsText(abs)})`;
  };
  const clearHover = () => {
    view.pointer = null;
    view.hit = null;
    el.tooltip.hidden = true;
    el.readout.textContent = '';
    if (hoverKey !== null) {
      hoverKey = null;
      store.getState().hoverSlice(null);
    }
    view.scheduler.schedule(Layer.Content | Layer.Overlay);
  };

  // ------------------------------------------------------------ range drags
  let dragging: null | {
    kind: 'range' | 'ruler';
    x0: number;
    y0: number;
    t0: number;
    moved: boolean;
    pointerId: number;
  } = null;
  // Slice tracks of the rows between two y's, on every shown rank.
  const rangeTracksBetween = (yA: number, yB: number): RangeTrack[] => {
    const seen = new Set<string>();
    const out: RangeTrack[] = [];
    const add = (group: number, track: number) => {
      const profileId = view.groups[group]!.profileId;
      if (track < 0 || seen.has(`${profileId}|${track}`)) return;
      seen.add(`${profileId}|${track}`);
      out.push({ profileId, track });
    };
    const lo = Math.min(yA, yB);
    const hi = Math.max(yA, yB);
    for (let y = lo; ;) {
      const f = rowAtY(view.layout, y, view.scrollTop);
      const t = f ? view.groups[f.row.group]?.trace : undefined;
      if (f && t && f.row.kind === 'slices' && f.row.track >= 0) {
        add(f.row.group, f.row.track);
        const st = t.sliceTracks[f.row.track]!;
        if (st.thread >= 0 && f.row.collapsed)
          add(f.row.group, t.threads[st.thread]!.overflowTrack);
      } else if (f && t && f.row.kind === 'process' && f.row.collapsed) {
        const p = t.processes[f.row.process]!;
        for (const th of p.threads) {
          const thr = t.threads[th]!;
          add(f.row.group, thr.track);
          add(f.row.group, thr.overflowTrack);
        }
        for (const a of p.asyncTracks) add(f.row.group, a);
      }
      if (!f || y >= hi) break;
      y = Math.min(hi, f.top + f.row.height + 0.5);
      if (f.top + f.row.height > hi) break;
    }
    return out;
  };
  const updateDrag = (x: number, yTrack: number) => {
    if (!dragging) return;
    if (Math.abs(x - dragging.x0) > CLICK_SLOP) dragging.moved = true;
    if (!dragging.moved) return;
    const t = view.scale().pxToTime(Math.max(LABEL_W, x) - LABEL_W);
    view.dragRange = { start: Math.min(t, dragging.t0), end: Math.max(t, dragging.t0) };
    if (dragging.kind === 'range') {
      const tracks = rangeTracksBetween(dragging.y0, yTrack);
      store.setState({ rangeTracks: tracks });
    }
    view.scheduler.schedule(Layer.Overlay);
  };
  const endDrag = (commit: boolean) => {
    if (!dragging) return;
    const d = dragging;
    dragging = null;
    const r = view.dragRange;
    view.dragRange = null;
    scroller.classList.remove('selecting');
    if (commit && d.moved && r && r.end > r.start) {
      const st = store.getState();
      const tracks = d.kind === 'range' ? st.rangeTracks : [];
      st.setRange({ start: Math.round(r.start), end: Math.round(r.end) }, tracks);
      st.setPanelTab('range');
    } else if (commit && !d.moved && d.kind === 'ruler') {
      store.getState().setRange(null);
    }
    view.scheduler.schedule(Layer.Overlay | Layer.Overview);
  };
  const startDrag = (kind: 'range' | 'ruler', e: PointerEvent, x: number, yTrack: number) => {
    dragging = {
      kind,
      x0: x,
      y0: yTrack,
      t0: view.scale().pxToTime(Math.max(0, x - LABEL_W)),
      moved: false,
      pointerId: e.pointerId,
    };
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    if (kind === 'range') scroller.classList.add('selecting');
  };

  listen(cleanups, scroller, 'pointerdown', (e) => {
    if (e.button !== 0 || !e.shiftKey) return;
    const p = localPoint(e, scroller);
    if (p.x < LABEL_W) return;
    startDrag('range', e, p.x, p.y);
    e.preventDefault();
  });
  listen(cleanups, scroller, 'pointermove', (e) => {
    const p = localPoint(e, scroller);
    if (dragging && dragging.pointerId === e.pointerId) updateDrag(p.x, p.y);
    setHover(p.x, p.y);
  });
  listen(cleanups, scroller, 'pointerup', (e) => {
    if (dragging && dragging.pointerId === e.pointerId) endDrag(true);
  });
  listen(cleanups, scroller, 'pointercancel', () => endDrag(false));
  listen(cleanups, scroller, 'pointerleave', () => {
    if (!dragging) clearHover();
  });
  // The pointer stays while the view moves under it (keys, ] / [, a link, a scroll): the
  // tooltip, hover and cursor readout follow what is now under it.
  // While it moves (a held key) the stale tooltip is hidden and the readout follows; the hit is
  // taken again once the view settles, so a held key costs no hit-test or DOM per frame.
  let rehoverTimer: ReturnType<typeof setTimeout> | null = null;
  const rehover = () => {
    rehoverTimer = null;
    const p = view.pointer;
    if (!p || dragging) return;
    setHover(p.x, p.y >= RULER_H ? p.y - RULER_H : null);
  };
  const viewMoved = () => {
    const p = view.pointer;
    if (!p || dragging) return;
    if (!el.tooltip.hidden) el.tooltip.hidden = true;
    updateReadout(p.x);
    if (rehoverTimer !== null) clearTimeout(rehoverTimer);
    rehoverTimer = setTimeout(rehover, REHOVER_MS);
  };
  cleanups.push(
    store.subscribe((s, prev) => {
      if (s.visibleWindow !== prev.visibleWindow) viewMoved();
    }),
  );
  cleanups.push(() => {
    if (rehoverTimer !== null) clearTimeout(rehoverTimer);
  });
  listen(cleanups, scroller, 'scroll', viewMoved, { passive: true });
  listen(cleanups, scroller, 'click', (e) => {
    if (e.shiftKey) return;
    const p = localPoint(e, scroller);
    const hit = hitTest(hitCtx(), p.x, p.y);
    const st = store.getState();
    if (!hit) {
      st.clearSelection();
      return;
    }
    switch (hit.kind) {
      case 'chevron':
        view.toggleRow(hit.row.key);
        return;
      case 'pin':
        // Alt + click: the same track on every shown rank (pin same name across ranks).
        if (e.altKey && view.groups.length > 1)
          st.togglePinnedMany(sameNameKeys(view.groups, hit.row));
        else st.togglePinned(hit.row.key);
        return;
      case 'label':
        if (hit.row.collapsible) view.toggleRow(hit.row.key);
        return;
      case 'slice':
        st.setRange(null);
        view.select({ group: hit.group, track: hit.track, index: hit.index });
        return;
      case 'instant': {
        const owner = instantOwnerOf(hit.row);
        if (!owner) return;
        st.setRange(null);
        st.selectInstant({
          profileId: view.groups[hit.group]!.profileId,
          ...owner,
          index: hit.index,
        });
        st.setPanelTab('slice');
        return;
      }
      default:
        if (hit.row.kind === 'process' || hit.row.kind === 'group') view.toggleRow(hit.row.key);
        else st.clearSelection();
    }
  });

  // Right-click on a track's name hides it (the Tracks menu shows it again).
  listen(cleanups, scroller, 'contextmenu', (e) => {
    const p = localPoint(e, scroller);
    const hit = hitTest(hitCtx(), p.x, p.y);
    if (!hit || (hit.kind !== 'label' && hit.kind !== 'chevron') || !hit.row.hideName) return;
    e.preventDefault();
    const st = store.getState();
    st.setTrackLayout(toggleHidden(st.trackLayout, hit.row.hideName));
  });

  // Ruler: hover shows the cursor; a drag selects a range over every track.
  const ruler = cb.ruler;
  listen(cleanups, ruler, 'pointerdown', (e) => {
    if (e.button !== 0) return;
    const p = localPoint(e, ruler);
    if (p.x < LABEL_W) return;
    startDrag('ruler', e, p.x, 0);
    e.preventDefault();
  });
  listen(cleanups, ruler, 'pointermove', (e) => {
    const p = localPoint(e, ruler);
    if (dragging && dragging.pointerId === e.pointerId) updateDrag(p.x, 0);
    view.pointer = { x: p.x, y: p.y };
    view.hit = null;
    el.tooltip.hidden = true;
    updateReadout(p.x);
    view.scheduler.schedule(Layer.Overlay);
  });
  listen(cleanups, ruler, 'pointerup', (e) => {
    if (dragging && dragging.pointerId === e.pointerId) endDrag(true);
  });
  listen(cleanups, ruler, 'pointerleave', () => {
    if (!dragging) clearHover();
  });

  // ------------------------------------------------------------ overview strip, keyboard
  cleanups.push(attachOverviewInput(view));
  cleanups.push(attachKeys(view, cb));

  return () => runCleanups(cleanups);
}

function offsetX(e: MouseEvent): number {
  const t = e.currentTarget instanceof HTMLElement ? e.currentTarget : null;
  return t ? e.clientX - t.getBoundingClientRect().left : e.offsetX;
}
