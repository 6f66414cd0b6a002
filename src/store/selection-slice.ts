/** What is selected and hovered: a slice, a time range, search matches. */
import type { StateCreator } from 'zustand';
import type { ProfileSliceAddress } from '../model/slice-address';
import type { TimeSpan } from '../model/units';
import type { AppState } from './app-store';

/** A slice of a loaded profile's trace. */
export type SelectedSlice = ProfileSliceAddress;

/** An instant event: trace-wide ('global'), of process `owner`, or of thread `owner`. */
export interface SelectedInstant {
  profileId: string;
  scope: 'global' | 'process' | 'thread';
  owner: number;
  index: number;
}

/** A slice track of a shown profile (a range limited to tracks). */
export interface RangeTrack {
  profileId: string;
  track: number;
}

export interface SelectionSlice {
  selected: SelectedSlice | null;
  /** An instant selected by click (a slice selection clears it). */
  selectedInstant: SelectedInstant | null;
  hovered: SelectedSlice | null;
  /** Range selected with a modifier-drag or in the ruler (ns on the timeline axis). */
  range: TimeSpan | null;
  /** Limit the range aggregation to these slice tracks (of any shown rank); empty = all. */
  rangeTracks: RangeTrack[];
  selectSlice: (s: SelectedSlice | null) => void;
  selectInstant: (s: SelectedInstant | null) => void;
  hoverSlice: (s: SelectedSlice | null) => void;
  setRange: (r: TimeSpan | null, tracks?: RangeTrack[]) => void;
  /** The tracks a range drag covers so far (the range itself is set when the drag ends). */
  setRangeTracks: (tracks: RangeTrack[]) => void;
  clearSelection: () => void;
}

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set) => ({
  selected: null,
  selectedInstant: null,
  hovered: null,
  range: null,
  rangeTracks: [],
  selectSlice: (selected) => set({ selected, selectedInstant: null }),
  selectInstant: (selectedInstant) => set({ selected: null, selectedInstant }),
  hoverSlice: (hovered) => set({ hovered }),
  setRange: (range, tracks = []) => set({ range, rangeTracks: tracks }),
  setRangeTracks: (rangeTracks) => set({ rangeTracks }),
  clearSelection: () =>
    set({ selected: null, selectedInstant: null, range: null, rangeTracks: [] }),
});
