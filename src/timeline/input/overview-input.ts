/**
 * Input on the overview strip: a press inside the visible window drags it, a press outside
 * brushes a new window, a click centres the window there, and the wheel zooms around the
 * pointer (or the window's centre when the pointer is outside the window).
 */
import { CLICK_SLOP, listen, localPoint, runCleanups, type Cleanups } from './input-events';
import type { TimelineView } from '../view/timeline-view';
import { LABEL_W } from '../core/view-geometry';

/** Smallest window the overview brush can make, CSS px of the strip. */
const MIN_BRUSH_PX = 3;

export function attachOverviewInput(view: TimelineView): () => void {
  const { store } = view;
  const ov = view.el.overview;
  const cleanups: Cleanups = [];
  let ovDrag: null | {
    mode: 'move' | 'brush';
    x0: number;
    t0: number;
    w0: { start: number; end: number };
  } = null;
  const ovTime = (x: number) => {
    const { extent } = store.getState();
    const w = Math.max(1, view.overviewWidth - LABEL_W);
    return extent.start + ((x - LABEL_W) / w) * (extent.end - extent.start);
  };
  listen(cleanups, ov, 'pointerdown', (e) => {
    if (e.button !== 0) return;
    const p = localPoint(e, ov);
    if (p.x < LABEL_W) return;
    const st = store.getState();
    const t = ovTime(p.x);
    const w = st.visibleWindow;
    ovDrag = { mode: t >= w.start && t <= w.end ? 'move' : 'brush', x0: p.x, t0: t, w0: w };
    ov.setPointerCapture(e.pointerId);
    e.preventDefault();
  });
  listen(cleanups, ov, 'pointermove', (e) => {
    if (!ovDrag) return;
    const p = localPoint(e, ov);
    const t = ovTime(Math.max(LABEL_W, p.x));
    const st = store.getState();
    if (ovDrag.mode === 'move') {
      const dt = t - ovDrag.t0;
      st.setVisibleWindow({ start: ovDrag.w0.start + dt, end: ovDrag.w0.end + dt });
    } else if (Math.abs(p.x - ovDrag.x0) >= MIN_BRUSH_PX) {
      st.setVisibleWindow({ start: Math.min(t, ovDrag.t0), end: Math.max(t, ovDrag.t0) });
    }
  });
  listen(cleanups, ov, 'pointerup', (e) => {
    if (!ovDrag) return;
    const p = localPoint(e, ov);
    if (Math.abs(p.x - ovDrag.x0) < CLICK_SLOP) {
      // A click centres the window there.
      const st = store.getState();
      const w = st.visibleWindow;
      const span = w.end - w.start;
      st.setVisibleWindow({ start: ovDrag.t0 - span / 2, end: ovDrag.t0 + span / 2 });
    }
    ovDrag = null;
  });
  listen(
    cleanups,
    ov,
    'wheel',
    (e) => {
      e.preventDefault();
      const p = localPoint(e, ov);
      const factor = Math.pow(2, e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.004));
      const w = store.getState().visibleWindow;
      const c = p.x >= LABEL_W ? ovTime(p.x) : (w.start + w.end) / 2;
      const anchor = c >= w.start && c <= w.end ? c : (w.start + w.end) / 2;
      store.getState().zoomAt(anchor, factor);
    },
    { passive: false },
  );
  return () => runCleanups(cleanups);
}
