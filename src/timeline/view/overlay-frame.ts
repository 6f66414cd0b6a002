/**
 * Builds the overlay layer's frame from the view and the store: hovered / selected / current
 * match rects, the range (being dragged or stored) and its rows, flow arrows, the cursor and the
 * counter value under it. Pure geometry; drawing is draw/draw-overlay.ts.
 */
import { instantRect } from '../core/instant-select';
import { formatDuration } from '../../lib/format';
import { counterRange } from '../draw/draw-counters';
import type { FlowArrow, OverlayFrame, Rect } from '../draw/frame';
import { flowsOfSubtree, forEachFlowInWindow } from '../core/flow-index';
import {
  flowPoint,
  isOnScreen,
  rowForTrack,
  rowScreenTop,
  sliceRect,
  type ScreenGeometry,
} from '../core/placement';
import { groupIndexOf, type SliceAddress } from '../core/timeline-groups';
import { computeTicks, cursorText, type TimeScale } from '../core/time-scale';
import { rulerLabels, type RulerLabel } from '../draw/ruler-labels';
import type { TimelineView } from './timeline-view';
import { LABEL_W, RULER_H } from '../core/view-geometry';

/** Flow arrows drawn per frame at most in "all in view" mode. */
const MAX_VISIBLE_FLOWS = 2000;

/** The selected slice's flow rows, recomputed only when the selection changes. */
export class SelectedFlows {
  private key = '';
  private rows = new Set<number>();

  get(view: TimelineView, sel: SliceAddress | null): Set<number> {
    const g = sel ? view.groups[sel.group] : undefined;
    const key = sel && g ? `${g.profileId}:${sel.track}:${sel.index}` : '';
    if (key !== this.key) {
      this.key = key;
      this.rows = new Set();
      if (sel && g)
        for (const dir of ['out', 'in'] as const)
          for (const r of flowsOfSubtree(g.trace, sel.track, sel.index, dir).flows)
            this.rows.add(r);
    }
    return this.rows;
  }
}

function flowArrows(
  view: TimelineView,
  geo: ScreenGeometry,
  sel: SliceAddress | null,
  cache: SelectedFlows,
): FlowArrow[] {
  const s = view.state;
  const out: FlowArrow[] = [];
  const hidden = s.hiddenFlowCats;
  const push = (g: number, row: number, strong: boolean) => {
    const t = view.groups[g]!.trace;
    const f = t.flows;
    if (hidden[t.strings[f.cat[row]!] ?? '']) return;
    const a = flowPoint(geo, g, f.fromTrack[row]!, f.fromSlice[row]!, f.fromTs[row]!);
    const b = flowPoint(geo, g, f.toTrack[row]!, f.toSlice[row]!, f.toTs[row]!);
    if (a && b) out.push({ x0: a.x, y0: a.y, x1: b.x, y1: b.y, strong });
  };
  const strongRows = cache.get(view, sel);
  if (sel) for (const r of strongRows) push(sel.group, r, true);
  if (s.flowMode === 'visible') {
    view.groups.forEach((g, gi) => {
      if (g.trace.flows.length === 0) return;
      const sc = geo.scale.shifted(g.offsetNs);
      forEachFlowInWindow(g.trace, sc.start, sc.end, MAX_VISIBLE_FLOWS, (r) => {
        if (!(sel?.group === gi && strongRows.has(r))) push(gi, r, false);
      });
    });
  }
  return out;
}

function counterMarker(
  view: TimelineView,
  geo: ScreenGeometry,
): { x: number; y: number; label: string } | null {
  const h = view.hit;
  if (!h || h.kind !== 'counter' || !view.pointer || !Number.isFinite(h.value)) return null;
  const c = view.groups[h.group]!.trace.counters[h.row.track]!;
  const series = c.series[h.row.series]!;
  const top = rowScreenTop(geo, h.row);
  const { lo, hi } = counterRange(series.values);
  const y = top + 4 + (h.row.height - 8) * (1 - (h.value - lo) / (hi - lo));
  return { x: view.pointer.x, y, label: `${series.name}: ${h.value.toLocaleString('en-US')}` };
}

/** The ruler's tick labels as the content layer draws them. */
function tickLabels(ctx: CanvasRenderingContext2D, scale: TimeScale): RulerLabel[] {
  const ticks = computeTicks(scale);
  const xs = ticks.times.map((t) => Math.round(LABEL_W + scale.timeToPx(t)) + 0.5);
  return rulerLabels(ctx, xs, ticks.labels, Infinity);
}

export function buildOverlayFrame(
  view: TimelineView,
  ctx: CanvasRenderingContext2D,
  cache: SelectedFlows,
): OverlayFrame {
  const s = view.state;
  const geo = view.geometry();
  const scale = geo.scale;
  const visible = (r: Rect | null) => (r && isOnScreen(geo, r) ? r : null);
  const selAddr = view.addressOf(s.selected);
  const hoverAddr = view.hit?.kind === 'slice' ? view.hit : null;
  let currentMatch: Rect | null = null;
  const m = s.searchMatches;
  if (m && s.searchCurrent >= 0 && s.searchCurrent < m.count) {
    const k = s.searchCurrent;
    currentMatch = visible(
      sliceRect(geo, { group: m.group[k]!, track: m.track[k]!, index: m.index[k]! }),
    );
  }
  const highlights: Rect[] = [];
  for (const h of view.selectHighlights(s)) {
    const a = view.addressOf(h);
    const r = a ? visible(sliceRect(geo, a)) : null;
    if (r) highlights.push(r);
  }
  const range = view.dragRange ?? s.range;
  const rangeRows: Rect[] = [];
  if (range && s.rangeTracks.length > 0) {
    for (const t of s.rangeTracks) {
      const g = groupIndexOf(view.groups, t.profileId);
      const found = g < 0 ? null : rowForTrack(view.layout, view.groups, g, t.track);
      if (found?.exact)
        rangeRows.push({ x: 0, y: rowScreenTop(geo, found.row), w: 0, h: found.row.height });
    }
  }
  const p = view.pointer;
  const onContent = p !== null && p.x >= LABEL_W;
  return {
    ctx,
    width: view.width,
    height: view.height,
    dpr: view.dpr,
    labelWidth: LABEL_W,
    rulerHeight: RULER_H,
    colors: view.colors,
    scrollAreaTop: RULER_H + view.layout.pinnedHeight,
    cursorX: onContent ? p.x : null,
    cursorLabel: onContent ? cursorText(scale, p.x - LABEL_W) : null,
    hover: hoverAddr ? visible(sliceRect(geo, hoverAddr)) : null,
    selected: selAddr ? visible(sliceRect(geo, selAddr)) : instantRect(geo, s.selectedInstant),
    currentMatch,
    highlights,
    range: range
      ? {
          x0: scale.timeToPx(range.start),
          x1: scale.timeToPx(range.end),
          label: formatDuration(range.end - range.start),
        }
      : null,
    rangeRows,
    flows: flowArrows(view, geo, selAddr, cache),
    counter: counterMarker(view, geo),
    rulerLabels: tickLabels(ctx, scale),
  };
}
