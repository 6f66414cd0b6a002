/** What is selected and hovered: a slice, a time range, search matches. */
import type { StateCreator } from 'zustand';
import type { ProfileSliceAddress } from '../model/slice-address';
import type { TimeSpan } from '../model/units';
import type { AppState } from './app-store';

/** A slice of a loaded profile's trace. */
export type SelectedSlice = ProfileSliceAddress;

export interface SelectionSlice {
  selected: SelectedSlice | null;
  hovered: SelectedSlice | null;
  /** Range selected with a modifier-drag or in the ruler (ns on the timeline axis). */
  range: TimeSpan | null;
  /** Limit the range aggregation (and table filters) to these slice tracks; empty = all. */
  rangeTracks: number[];
  selectSlice: (s: SelectedSlice | null) => void;
  hoverSlice: (s: SelectedSlice | null) => void;
  setRange: (r: TimeSpan | null, tracks?: number[]) => void;
  /** The tracks a range drag covers so far (the range itself is set when the drag ends). */
  setRangeTracks: (tracks: number[]) => void;
  clearSelection: () => void;
}

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set) => ({
  selected: null,
  hovered: null,
  range: null,
  rangeTracks: [],
  selectSlice: (selected) => set({ selected }),
  hoverSlice: (hovered) => set({ hovered }),
  setRange: (range, tracks = []) => set({ range, rangeTracks: tracks }),
  setRangeTracks: (rangeTracks) => set({ rangeTracks }),
  clearSelection: () => set({ selected: null, range: null, rangeTracks: [] }),
});
