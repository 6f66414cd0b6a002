/**
 * Instants selected by click: which table a hit instant belongs to (trace-wide, a process's, a
 * thread's), the table of a selection, and the rect the overlay outlines.
 */
import type { InstantTable, TraceModel } from '../../model/trace-model';
import type { SelectedInstant } from '../../store/selection-slice';
import type { Rect } from '../draw/frame';
import { isOnScreen, rowScreenTop, type ScreenGeometry } from './placement';
import { INSTANT_LANE_H, TRACK_PAD, type Row } from './row-layout';

/** Half width of the outline around a selected instant, CSS px. */
const HALF_W = 5;

/** Scope and owner of the instants drawn on a row. */
export function instantOwnerOf(row: Row): Pick<SelectedInstant, 'scope' | 'owner'> | null {
  if (row.kind === 'instants')
    return row.track === -2
      ? { scope: 'global', owner: -1 }
      : { scope: 'process', owner: row.process };
  if (row.kind === 'slices' && row.thread >= 0) return { scope: 'thread', owner: row.thread };
  return null;
}

export function instantTableOf(
  t: TraceModel,
  sel: Pick<SelectedInstant, 'scope' | 'owner'>,
): InstantTable | null {
  if (sel.scope === 'global') return t.globalInstants;
  if (sel.scope === 'process') return t.processes[sel.owner]?.instants ?? null;
  return t.threads[sel.owner]?.instants ?? null;
}

/** Outline of a selected instant on screen, or null when its row is not shown or off screen. */
export function instantRect(geo: ScreenGeometry, sel: SelectedInstant | null): Rect | null {
  if (!sel) return null;
  const gi = geo.groups.findIndex((g) => g.profileId === sel.profileId);
  const g = geo.groups[gi];
  const table = g ? instantTableOf(g.trace, sel) : null;
  if (!g || !table || sel.index >= table.length) return null;
  const t = g.trace;
  const row = [...geo.layout.pinned, ...geo.layout.rows].find((r) => {
    if (r.group !== gi) return false;
    // A thread's instants drawn on the merged row of its stream.
    if (r.merged && sel.scope === 'thread')
      return r.merged.members.some((m) => t.sliceTracks[m]?.thread === sel.owner);
    const o = instantOwnerOf(r);
    return o !== null && o.scope === sel.scope && o.owner === sel.owner;
  });
  if (!row) return null;
  const x = geo.labelWidth + geo.scale.shifted(g.offsetNs).timeToPx(table.ts[sel.index]!);
  const r = {
    x: x - HALF_W,
    y: rowScreenTop(geo, row) + TRACK_PAD,
    w: 2 * HALF_W,
    h: INSTANT_LANE_H,
  };
  return isOnScreen(geo, r) ? r : null;
}
