/**
 * The advisor's idle-gap overlay: every idle gap of each device stream drawn over its row,
 * coloured by cause (host-bound, launch gap, synchronisation, GC, dataloader, memory, other).
 * Only the gaps in the visible window are visited (gaps are sorted per stream).
 */
import { lowerBound } from '../../lib/bisect';
import { IDLE_CAUSES, type IdleCause, type IdleGaps } from '../../model/advisor/types';
import { rowForTrack, rowScreenTop, type ScreenGeometry } from '../core/placement';

export const IDLE_CAUSE_COLOR: Record<IdleCause, string> = {
  'host-bound': '#e45756',
  'launch-gap': '#9ecae9',
  sync: '#f58518',
  gc: '#b279a2',
  dataloader: '#54a24b',
  memory: '#eeca3b',
  other: '#9d9da0',
};

/** At most this many gap rects per frame. */
const MAX_RECTS = 20000;

/** Per stream: [from, to) of its gaps in the columns (gaps are grouped by stream, by start). */
const segmentsCache = new WeakMap<IdleGaps, Map<number, [number, number]>>();
function segments(g: IdleGaps): Map<number, [number, number]> {
  let m = segmentsCache.get(g);
  if (!m) {
    m = new Map();
    for (let i = 0; i < g.length; i++) {
      const s = m.get(g.track[i]!);
      if (s) s[1] = i + 1;
      else m.set(g.track[i]!, [i, i + 1]);
    }
    segmentsCache.set(g, m);
  }
  return m;
}

type AdviceLike = { status: string; report?: { idle: { gaps: IdleGaps } | null } };

/** The gaps of each timeline group whose profile has an advisor report. */
export function idleGapLayers(
  groups: readonly { profileId: string }[],
  advice: Readonly<Record<string, AdviceLike>>,
): { group: number; gaps: IdleGaps }[] {
  const out: { group: number; gaps: IdleGaps }[] = [];
  groups.forEach((g, i) => {
    const gaps = advice[g.profileId]?.report?.idle?.gaps;
    if (gaps && gaps.length > 0) out.push({ group: i, gaps });
  });
  return out;
}

export function drawIdleGaps(
  ctx: CanvasRenderingContext2D,
  geo: ScreenGeometry,
  dpr: number,
  width: number,
  layers: readonly { group: number; gaps: IdleGaps }[],
): void {
  ctx.save();
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.beginPath();
  ctx.rect(geo.labelWidth, geo.rulerHeight, width - geo.labelWidth, geo.height - geo.rulerHeight);
  ctx.clip();
  ctx.globalAlpha = 0.6;
  let drawn = 0;
  for (const { group, gaps } of layers) {
    const grp = geo.groups[group];
    if (!grp) continue;
    const scale = geo.scale.shifted(grp.offsetNs);
    for (const [track, [from, to]] of segments(gaps)) {
      const found = rowForTrack(geo.layout, geo.groups, group, track);
      if (!found) continue;
      const top = rowScreenTop(geo, found.row);
      if (top > geo.height || top + found.row.height < geo.rulerHeight) continue;
      for (let i = lowerBound(gaps.endNs, scale.start, from, to); i < to; i++) {
        const s = gaps.startNs[i]!;
        if (s > scale.end || drawn >= MAX_RECTS) break;
        const x0 = geo.labelWidth + scale.timeToPx(s);
        const x1 = geo.labelWidth + scale.timeToPx(gaps.endNs[i]!);
        if (x1 - x0 < 0.5) continue;
        ctx.fillStyle = IDLE_CAUSE_COLOR[IDLE_CAUSES[gaps.cause[i]!]!];
        ctx.fillRect(x0, top + 1, x1 - x0, found.row.height - 2);
        drawn++;
      }
    }
  }
  ctx.restore();
}
