/**
 * What the timeline shows: a list of traces placed on one shared time axis. Today that is the
 * active profile alone at offset 0; the cluster view will pass one group per rank.
 */
import type { ProfileModel } from '../../model/profile';
import type { TraceModel } from '../../model/trace-model';
import type { ProfileSliceAddress as ProfileSlice, TraceGroup } from '../../model/slice-address';
import type { AppState } from '../../store/app-store';
import { selectActiveProfile } from '../../store/selectors';
import { isAscendTrace } from '../../model/track-order';

export type { TraceGroup, ProfileSliceAddress as ProfileSlice } from '../../model/slice-address';

/** Index of a profile's group on the timeline (-1 when it is not shown). */
export function groupIndexOf(groups: readonly TraceGroup[], profileId: string): number {
  return groups.findIndex((g) => g.profileId === profileId);
}

/** Slice address inside the timeline: group index + track + index in the track. */
export interface SliceAddress {
  group: number;
  track: number;
  index: number;
}

/**
 * Chooses what the timeline shows. Must return the same array while nothing relevant changes
 * (the view compares by reference).
 */
export type GroupsSelector = (s: AppState) => readonly TraceGroup[];
/** Slices to outline as highlighted (e.g. one collective on every rank); same-array rule. */
export type HighlightsSelector = (s: AppState) => readonly ProfileSlice[];

let lastProfile: ProfileModel | null = null;
let lastGroups: readonly TraceGroup[] = [];

/** The default: the active profile alone, at offset 0. */
export const selectActiveGroups: GroupsSelector = (s) => {
  const p = selectActiveProfile(s);
  if (p !== lastProfile) {
    lastProfile = p;
    lastGroups = p?.trace
      ? [{ profileId: p.descriptor.id, trace: p.trace, offsetNs: 0, label: p.descriptor.label }]
      : [];
  }
  return lastGroups;
};

const NO_HIGHLIGHTS: readonly ProfileSlice[] = [];
export const selectNoHighlights: HighlightsSelector = () => NO_HIGHLIGHTS;

/** Which saved layout applies to these traces: one per kind of profile. */
export function layoutKindOf(groups: readonly TraceGroup[]): string | null {
  const t = groups[0]?.trace;
  return t ? layoutKindOfTrace(t) : null;
}

/** The kind of profile a trace is, for its saved track layout ('ascend', 'kineto', 'trace'). */
export function layoutKindOfTrace(t: TraceModel): string {
  if (isAscendTrace(t)) return 'ascend';
  const gpu = t.processes.some((p) => /\b(GPU|cuda|stream)\b/i.test(p.name ?? ''));
  return gpu ? 'kineto' : 'trace';
}
