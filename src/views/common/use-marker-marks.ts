/**
 * The timeline's markers as chart marks on a profile's own time axis (ns since its trace start):
 * with ranks or a compare pair on one axis, a marker's axis time minus the profile's offset.
 * The memory and step charts draw them at the same times as the timeline (issue 17).
 */
import { useMemo } from 'react';
import type { Marker } from '../../store/notes-slice';
import type { AppState } from '../../store/app-store';
import { selectTimelineGroups } from '../../store/cluster-selectors';
import { useAppStore } from '../../store/use-app-store';
import type { ChartMark } from '../../ui/chart-marks';

/** Where a profile's ns 0 sits on the timeline axis (0 when it is shown alone). */
export const axisOffsetOf = (s: AppState, profileId: string | null) =>
  profileId === null
    ? 0
    : (selectTimelineGroups(s).find((g) => g.profileId === profileId)?.offsetNs ?? 0);

export function marksOf(markers: readonly Marker[], offsetNs: number): ChartMark[] {
  return markers.map((m) => ({
    id: m.id,
    start: m.start - offsetNs,
    ...(m.end !== undefined ? { end: m.end - offsetNs } : {}),
    color: m.color,
    name: m.note ? `${m.name} — ${m.note}` : m.name,
  }));
}

export function useMarkerMarks(profileId: string | null): ChartMark[] {
  const markers = useAppStore((s) => s.markers);
  const offset = useAppStore((s) => axisOffsetOf(s, profileId));
  return useMemo(() => marksOf(markers, offset), [markers, offset]);
}
