/**
 * Key `M` on the timeline: a range marker over the selected range, a point marker with a note
 * slot on the selected slice, or a point marker at the cursor. Listens on the window (the
 * timeline's own keymap is left alone) and ignores keys typed into fields.
 */
import type { AppStore } from '../../store/app-store';
import { MARKER_COLORS } from '../../store/notes-slice';
import { LABEL_W } from '../../timeline/core/view-geometry';
import { sliceRefOf } from './slice-ref';

export function installMarkerKeys(store: AppStore): () => void {
  let cursor: { x: number; width: number } | null = null;
  const onMove = (e: PointerEvent) => {
    const host = (e.target as Element | null)?.closest?.('.tl-tracks');
    if (!host) {
      cursor = null;
      return;
    }
    const r = host.getBoundingClientRect();
    const x = e.clientX - r.left - LABEL_W;
    cursor = x >= 0 ? { x, width: r.width - LABEL_W } : null;
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'm' && e.key !== 'M') return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target as HTMLElement | null;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    const s = store.getState();
    if (s.tab !== 'timeline' || s.status !== 'ready') return;
    const n = s.markers.length + 1;
    const color = MARKER_COLORS[(n - 1) % MARKER_COLORS.length]!;
    if (s.range) {
      s.addMarker({ start: s.range.start, end: s.range.end, name: `Range ${n}`, color, note: '' });
    } else if (s.selected) {
      const trace = s.profiles[s.selected.profileId]?.trace;
      const ref = trace
        ? sliceRefOf(trace, s.selected.profileId, s.selected.track, s.selected.index)
        : null;
      if (!ref) return;
      const offset =
        s.clusterTimeline.find((r) => r.profileId === s.selected?.profileId)?.axisOffsetNs ?? 0;
      s.addMarker({ start: offset + ref.start, name: `Marker ${n}`, color, note: '', slice: ref });
    } else if (cursor && cursor.width > 0) {
      const w = s.visibleWindow;
      const at = w.start + (cursor.x / cursor.width) * (w.end - w.start);
      s.addMarker({ start: Math.round(at), name: `Marker ${n}`, color, note: '' });
    } else return;
    e.preventDefault();
  };
  window.addEventListener('pointermove', onMove, { passive: true });
  window.addEventListener('keydown', onKey);
  return () => {
    window.removeEventListener('pointermove', onMove);
    window.removeEventListener('keydown', onKey);
  };
}
