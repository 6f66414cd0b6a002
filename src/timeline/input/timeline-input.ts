/**
 * Input for the timeline, one module per gesture: zoom and pan (input-zoom.ts), range drags
 * (input-range.ts), clicks and right-clicks (input-click.ts), the overview strip
 * (overview-input.ts) and the keyboard (timeline-keys.ts, bindings after Perfetto in keymap.ts).
 * This file holds the hover (tooltip, cursor readout, re-hover after the view moves under a still
 * pointer) and wires the rest to the scroller and the ruler.
 */
import { Layer } from '../view/frame-scheduler';
import { hitTest, type Hit } from '../core/hit-test';
import { attachClicks } from './input-click';
import { listen, localPoint, runCleanups, type Cleanups } from './input-events';
import { createRangeDrag } from './input-range';
import { attachZoomPan } from './input-zoom';
import { attachOverviewInput } from './overview-input';
import { absoluteNs, absoluteSecondsText, formatRelativeExact } from '../core/time-scale';
import { attachKeys, type KeyCallbacks } from './timeline-keys';
import type { TimelineView } from '../view/timeline-view';
import { LABEL_W, RULER_H } from '../core/view-geometry';

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
  attachZoomPan(view, cleanups);

  // ------------------------------------------------------------ hover, tooltip, readout
  let hoverKey: string | null = null;
  const setHover = (x: number, yTrack: number | null) => {
    const hit = yTrack === null ? null : hitTest(hitCtx(), x, yTrack);
    const prevRow = view.hit?.row.key ?? null;
    view.input.setPointer({ x, y: (yTrack ?? -RULER_H) + RULER_H }, hit);
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
    const lines = hit && yTrack !== null && !drag.active ? view.describeHit(hit) : null;
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
    view.input.setPointer(null, null);
    el.tooltip.hidden = true;
    el.readout.textContent = '';
    if (hoverKey !== null) {
      hoverKey = null;
      store.getState().hoverSlice(null);
    }
    view.scheduler.schedule(Layer.Content | Layer.Overlay);
  };

  const drag = createRangeDrag(view);
  listen(cleanups, scroller, 'pointerdown', (e) => {
    if (e.button !== 0 || !e.shiftKey) return;
    const p = localPoint(e, scroller);
    if (p.x < LABEL_W) return;
    drag.start('range', e, p.x, p.y);
    e.preventDefault();
  });
  listen(cleanups, scroller, 'pointermove', (e) => {
    const p = localPoint(e, scroller);
    if (drag.owns(e.pointerId)) drag.update(p.x, p.y);
    setHover(p.x, p.y);
  });
  listen(cleanups, scroller, 'pointerup', (e) => {
    if (drag.owns(e.pointerId)) drag.end(true);
  });
  listen(cleanups, scroller, 'pointercancel', () => drag.end(false));
  listen(cleanups, scroller, 'pointerleave', () => {
    if (!drag.active) clearHover();
  });
  // The pointer stays while the view moves under it (keys, ] / [, a link, a scroll): the
  // tooltip, hover and cursor readout follow what is now under it.
  // While it moves (a held key) the stale tooltip is hidden and the readout follows; the hit is
  // taken again once the view settles, so a held key costs no hit-test or DOM per frame.
  let rehoverTimer: ReturnType<typeof setTimeout> | null = null;
  const rehover = () => {
    rehoverTimer = null;
    const p = view.pointer;
    if (!p || drag.active) return;
    setHover(p.x, p.y >= RULER_H ? p.y - RULER_H : null);
  };
  const viewMoved = () => {
    const p = view.pointer;
    if (!p || drag.active) return;
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
  attachClicks(view, cleanups, hitCtx);

  // Ruler: hover shows the cursor; a drag selects a range over every track.
  const ruler = cb.ruler;
  listen(cleanups, ruler, 'pointerdown', (e) => {
    if (e.button !== 0) return;
    const p = localPoint(e, ruler);
    if (p.x < LABEL_W) return;
    drag.start('ruler', e, p.x, 0);
    e.preventDefault();
  });
  listen(cleanups, ruler, 'pointermove', (e) => {
    const p = localPoint(e, ruler);
    if (drag.owns(e.pointerId)) drag.update(p.x, 0);
    view.input.setPointer({ x: p.x, y: p.y }, null);
    el.tooltip.hidden = true;
    updateReadout(p.x);
    view.scheduler.schedule(Layer.Overlay);
  });
  listen(cleanups, ruler, 'pointerup', (e) => {
    if (drag.owns(e.pointerId)) drag.end(true);
  });
  listen(cleanups, ruler, 'pointerleave', () => {
    if (!drag.active) clearHover();
  });

  // ------------------------------------------------------------ overview strip, keyboard
  cleanups.push(attachOverviewInput(view));
  cleanups.push(attachKeys(view, cb));

  return () => runCleanups(cleanups);
}
