/**
 * The Compare view's timelines (issue 15): a baseline and a target shown as two groups on one
 * time axis, each rebased to its first step or its trace start (model/compare/align.ts), so
 * pan and zoom move both; and the slices a diff row points at on both sides (outlined).
 *
 * What the timeline reads: `selectCompareGroups` (null while no compare pair is shown, then the
 * cluster's groups apply) and `compareHighlights`.
 */
import type { StateCreator } from 'zustand';
import { comparePlacement, type CompareAlign } from '../model/compare/align';
import type { ProfileModel } from '../model/profile';
import type { AppState } from './app-store';
import type { ProfileSliceAddress, TraceGroup } from '../model/slice-address';

export interface CompareTimeline {
  baseline: string;
  target: string;
  align: CompareAlign;
}

export interface CompareSides {
  baseline: string | null;
  target: string | null;
}

export interface CompareSlice {
  /** The Compare view's baseline and target (profile ids); null until the user picks. */
  compareSides: CompareSides | null;
  setCompareSides: (s: CompareSides | null) => void;
  /** The pair shown on the timeline (null: the timeline shows what it did before). */
  compareTimeline: CompareTimeline | null;
  /** A diff row's item on both sides, outlined on the timeline. */
  compareHighlights: ProfileSliceAddress[];
  /**
   * Shows the pair on one axis (extent = both placed traces, the whole of it in view), or
   * takes it off (null: the active profile's extent again).
   */
  showCompareTimeline: (t: CompareTimeline | null) => void;
  setCompareHighlights: (h: ProfileSliceAddress[]) => void;
}

export const createCompareSlice: StateCreator<AppState, [], [], CompareSlice> = (set, get) => ({
  compareSides: null,
  setCompareSides: (compareSides) => set({ compareSides }),
  compareTimeline: null,
  compareHighlights: [],
  showCompareTimeline: (t) => {
    const s = get();
    if (t === null) {
      if (s.compareTimeline === null) return;
      const active = s.activeProfileId !== null ? s.profiles[s.activeProfileId] : undefined;
      set({ compareTimeline: null, compareHighlights: [] });
      // Ranks open together keep their own axis (cluster slice); else the active trace's.
      if (s.clusterTimeline.length > 0) s.syncClusterTimeline();
      else if (active?.trace) s.setExtent({ start: 0, end: Math.max(active.trace.endNs, 1) });
      return;
    }
    const b = s.profiles[t.baseline]?.trace;
    const g = s.profiles[t.target]?.trace;
    if (!b || !g) return;
    const same =
      s.compareTimeline?.baseline === t.baseline &&
      s.compareTimeline.target === t.target &&
      s.compareTimeline.align === t.align;
    set({ compareTimeline: same ? s.compareTimeline : { ...t }, compareHighlights: [] });
    if (!same) s.setExtent({ start: 0, end: comparePlacement(b, g, t.align).endNs });
  },
  setCompareHighlights: (compareHighlights) => set({ compareHighlights }),
});

let memo: {
  t: CompareTimeline;
  b: ProfileModel;
  g: ProfileModel;
  groups: TraceGroup[];
} | null = null;

/**
 * The baseline and the target as two timeline groups on one axis, labelled "baseline · …" and
 * "target · …"; null while no pair is shown or a side is not loaded. The same array while
 * nothing changes (the timeline compares by reference).
 */
export function selectCompareGroups(s: AppState): TraceGroup[] | null {
  const t = s.compareTimeline;
  // One profile on both sides has nothing to place twice (its rows are keyed by profile).
  if (!t || t.baseline === t.target) return null;
  const b = s.profiles[t.baseline];
  const g = s.profiles[t.target];
  if (!b?.trace || !g?.trace) return null;
  if (memo && memo.t === t && memo.b === b && memo.g === g) return memo.groups;
  const p = comparePlacement(b.trace, g.trace, t.align);
  const groups: TraceGroup[] = [
    {
      profileId: b.descriptor.id,
      trace: b.trace,
      offsetNs: p.baseline.offsetNs,
      label: `baseline · ${b.descriptor.label}`,
    },
    {
      profileId: g.descriptor.id,
      trace: g.trace,
      offsetNs: p.target.offsetNs,
      label: `target · ${g.descriptor.label}`,
    },
  ];
  memo = { t, b, g, groups };
  return groups;
}
