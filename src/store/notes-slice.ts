/**
 * Markers and notes (issue 17): point and range markers on the timeline axis, named and
 * coloured, and plain-text notes on a slice or a range; plus the state of a shared link that
 * waits for its files. Plain data: the app layer persists markers per profile fingerprint and
 * puts them in links and `.atv-notes.json` sidecars.
 */
import type { StateCreator } from 'zustand';
import type { AppState } from './app-store';

/** A slice named independently of import order: its track key, exact start and duration (ns). */
export interface SliceRef {
  /** Profile id (the profile's root path in what was opened). */
  profile: string;
  /** "pid|tid|kind|name" of its slice track. */
  track: string;
  start: number;
  dur: number;
}

export const MARKER_COLORS = ['#e8a33d', '#d6455d', '#3a8ee6', '#36a374', '#9b59d0', '#7f8c8d'];

export interface Marker {
  id: string;
  /** Time on the timeline axis, ns. */
  start: number;
  /** End of a range marker (ns); absent for a point. */
  end?: number;
  name: string;
  color: string;
  /** Plain-text note (never rendered as HTML or Markdown). */
  note: string;
  /** The slice the note is attached to, if any. */
  slice?: SliceRef;
}

/** A shared link that waits for the user to open its local files. */
export interface PendingLink {
  /** What to ask for ("run-42 (12 files, 40 MB)"). */
  prompt: string;
  /** After a check: what differs between the link's files and the opened ones. */
  mismatch: string | null;
  /** The files of a run the link's view compares with, opened beside the first ones. */
  alongside?: boolean;
}

export interface NotesSlice {
  markers: Marker[];
  /** Fingerprint id the markers belong to ('' before anything is opened). */
  notesKey: string;
  markersOpen: boolean;
  pendingLink: PendingLink | null;
  /** One line about the last link or sidecar action (copied, applied, what differs). */
  shareMessage: string | null;
  /** An embedding page from an origin not in the allow-list asks to open a trace. */
  embedRequest: { origin: string } | null;
  addMarker: (m: Omit<Marker, 'id'>) => string;
  updateMarker: (id: string, patch: Partial<Omit<Marker, 'id'>>) => void;
  removeMarker: (id: string) => void;
  setMarkers: (markers: Marker[], notesKey?: string) => void;
  setMarkersOpen: (open: boolean) => void;
  setPendingLink: (p: PendingLink | null) => void;
  setShareMessage: (m: string | null) => void;
  setEmbedRequest: (r: { origin: string } | null) => void;
}

let nextId = 1;
export function newMarkerId(): string {
  return `m${Date.now().toString(36)}${(nextId++).toString(36)}`;
}

export const createNotesSlice: StateCreator<AppState, [], [], NotesSlice> = (set) => ({
  markers: [],
  notesKey: '',
  markersOpen: false,
  pendingLink: null,
  shareMessage: null,
  embedRequest: null,
  addMarker: (m) => {
    const id = newMarkerId();
    set((s) => ({ markers: [...s.markers, { ...m, id }].sort((a, b) => a.start - b.start) }));
    return id;
  },
  updateMarker: (id, patch) =>
    set((s) => ({ markers: s.markers.map((m) => (m.id === id ? { ...m, ...patch } : m)) })),
  removeMarker: (id) => set((s) => ({ markers: s.markers.filter((m) => m.id !== id) })),
  setMarkers: (markers, notesKey) =>
    set((s) => ({
      markers: [...markers].sort((a, b) => a.start - b.start),
      notesKey: notesKey ?? s.notesKey,
    })),
  setMarkersOpen: (markersOpen) => set({ markersOpen }),
  setPendingLink: (pendingLink) => set({ pendingLink }),
  setShareMessage: (shareMessage) => set({ shareMessage }),
  setEmbedRequest: (embedRequest) => set({ embedRequest }),
});
