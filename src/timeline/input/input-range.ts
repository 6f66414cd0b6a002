/**
 * Range drags: Shift + drag over the tracks (the range is limited to the tracks it covers, on
 * every rank shown) or a drag in the ruler (every track). A drag shorter than CLICK_SLOP is a
 * click (a click in the ruler clears the range).
 */
import type { RangeTrack } from '../../store/selection-slice';
import { Layer } from '../view/frame-scheduler';
import { CLICK_SLOP } from './input-events';
import { rowAtY } from '../core/row-geometry';
import type { TimelineView } from '../view/timeline-view';
import { LABEL_W } from '../core/view-geometry';

export interface RangeDrag {
  /** A drag is under way. */
  readonly active: boolean;
  /** Whether pointer `id` is the one dragging. */
  owns(id: number): boolean;
  start(kind: 'range' | 'ruler', e: PointerEvent, x: number, yTrack: number): void;
  update(x: number, yTrack: number): void;
  end(commit: boolean): void;
}

export function createRangeDrag(view: TimelineView): RangeDrag {
  const { store } = view;
  const scroller = view.el.scroller;
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
      if (f && t && f.row.merged) {
        for (const k of f.row.merged.members) add(f.row.group, k);
      } else if (f && t && f.row.kind === 'slices' && f.row.track >= 0) {
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
    view.input.setDragRange({ start: Math.min(t, dragging.t0), end: Math.max(t, dragging.t0) });
    if (dragging.kind === 'range') {
      const tracks = rangeTracksBetween(dragging.y0, yTrack);
      store.getState().setRangeTracks(tracks);
    }
    view.scheduler.schedule(Layer.Overlay);
  };
  const endDrag = (commit: boolean) => {
    if (!dragging) return;
    const d = dragging;
    dragging = null;
    const r = view.dragRange;
    view.input.setDragRange(null);
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

  return {
    get active() {
      return dragging !== null;
    },
    owns: (id) => dragging?.pointerId === id,
    start: startDrag,
    update: updateDrag,
    end: endDrag,
  };
}
