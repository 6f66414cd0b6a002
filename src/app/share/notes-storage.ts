/** Markers kept in this browser per profile fingerprint (localStorage, `atv-notes:<id>`). */
import type { Marker } from '../../store/notes-slice';
import { sanitizeMarkers } from './notes-doc';

const PREFIX = 'atv-notes:';
/** Largest entry written (bigger marker sets live in sidecars). */
const MAX_ENTRY = 1 << 20;

export function loadStoredMarkers(key: string): Marker[] {
  try {
    const raw = globalThis.localStorage?.getItem(PREFIX + key);
    return raw ? sanitizeMarkers(JSON.parse(raw)) : [];
  } catch {
    return [];
  }
}

export function storeMarkers(key: string, markers: readonly Marker[]): void {
  try {
    if (markers.length === 0) {
      globalThis.localStorage?.removeItem(PREFIX + key);
      return;
    }
    const json = JSON.stringify(markers);
    if (json.length <= MAX_ENTRY) globalThis.localStorage?.setItem(PREFIX + key, json);
  } catch {
    /* storage full or unavailable: the markers last for this page */
  }
}

/** Adds `more` to `base`; a marker with the same id is replaced by the newer one. */
export function mergeMarkers(base: readonly Marker[], more: readonly Marker[]): Marker[] {
  const byId = new Map(base.map((m) => [m.id, m]));
  for (const m of more) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.start - b.start);
}
