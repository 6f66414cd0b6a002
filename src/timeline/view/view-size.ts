/**
 * The view's size: read from the boxes of its elements when they change (ResizeObserver), given
 * to the canvases at the start of the next frame, which draws them at once (a resized canvas is
 * blank until drawn): no draw in the mount's task or in the observer's callback.
 */
import type { ViewElements } from './view-layers';

export interface ViewSize {
  dpr: number;
  /** Tracks area, CSS px. */
  width: number;
  height: number;
  /** Overview strip, CSS px. */
  overviewWidth: number;
  overviewHeight: number;
}

export function measureView(el: ViewElements): ViewSize {
  const host = el.tracksHost.getBoundingClientRect();
  const ov = el.overview.getBoundingClientRect();
  return {
    dpr: Math.max(1, window.devicePixelRatio || 1),
    width: Math.max(1, Math.floor(host.width)),
    height: Math.max(1, Math.floor(host.height)),
    overviewWidth: Math.max(1, Math.floor(ov.width)),
    overviewHeight: Math.max(1, Math.floor(ov.height)),
  };
}

/** Gives the canvases size `s`; true when one changed (everything is to be redrawn). */
export function sizeCanvases(el: ViewElements, s: ViewSize): boolean {
  let changed = false;
  const set = (c: HTMLCanvasElement, w: number, h: number, style: boolean) => {
    const dw = Math.round(w * s.dpr);
    const dh = Math.round(h * s.dpr);
    if (c.width === dw && c.height === dh && (!style || c.style.width === `${w}px`)) return;
    c.width = dw;
    c.height = dh;
    if (style) {
      c.style.width = `${w}px`;
      c.style.height = `${h}px`;
    }
    changed = true;
  };
  set(el.content, s.width, s.height, true);
  set(el.overlay, s.width, s.height, true);
  set(el.overview, s.overviewWidth, s.overviewHeight, false);
  return changed;
}
