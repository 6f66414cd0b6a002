/**
 * Zoom and pan input: d3-zoom drives drag-to-pan and Ctrl/⌘ + wheel (and pinch) zoom around the
 * cursor; the store owns the visible window and every change made elsewhere (keys, overview, a
 * table click) is pushed back into d3-zoom with `zoom.transform`, so the two never disagree.
 * Horizontal wheel or Shift + wheel pans; plain wheel scrolls the tracks natively.
 */
import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { zoom, zoomIdentity, zoomTransform, type D3ZoomEvent, type ZoomBehavior } from 'd3-zoom';
import type { AppState } from '../../store/app-store';
import { CLICK_SLOP, listen, type Cleanups } from './input-events';
import type { TimelineView } from '../view/timeline-view';
import { LABEL_W } from '../core/view-geometry';

export function attachZoomPan(view: TimelineView, cleanups: Cleanups): void {
  const { store } = view;
  const scroller = view.el.scroller;
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
}

function offsetX(e: MouseEvent): number {
  const t = e.currentTarget instanceof HTMLElement ? e.currentTarget : null;
  return t ? e.clientX - t.getBoundingClientRect().left : e.offsetX;
}
