/**
 * The notes sidecar `<name>.atv-notes.json`: markers and notes that travel with a profile.
 * Versioned and validated on the way in (a sidecar or a link is untrusted input: unknown fields
 * are dropped, strings capped, colours checked). Schema, version 1:
 *
 *   { "format": "atv-notes", "version": 1,
 *     "profile": { "name": "run-42", "fingerprint": "<hex id>" },
 *     "markers": [ { "id": "m1", "start": 1200, "end": 3400, "name": "slow step",
 *                    "color": "#d6455d", "note": "plain text",
 *                    "slice": { "profile": ".", "track": "pid|tid|kind|name",
 *                               "start": 1200, "dur": 2200 } } ] }
 *
 * Times are ns on the timeline axis (ns since the trace's start); `end` only for ranges;
 * `slice` only for a note on a slice.
 */
import { MARKER_COLORS, type Marker, type SliceRef } from '../../store/notes-slice';

export const NOTES_FORMAT = 'atv-notes';
export const NOTES_VERSION = 1;
const MAX_MARKERS = 5000;

export interface NotesDoc {
  format: typeof NOTES_FORMAT;
  version: number;
  profile: { name: string; fingerprint: string };
  markers: Marker[];
}

export function makeNotesDoc(name: string, fingerprint: string, markers: Marker[]): NotesDoc {
  return {
    format: NOTES_FORMAT,
    version: NOTES_VERSION,
    profile: { name, fingerprint },
    markers,
  };
}

/** Parses a sidecar; throws one line naming the problem. */
export function parseNotesDoc(text: string): NotesDoc {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new Error('not JSON');
  }
  if (!isObject(v) || v['format'] !== NOTES_FORMAT)
    throw new Error(`not a notes file (format "${NOTES_FORMAT}")`);
  const version = v['version'];
  if (typeof version !== 'number' || version > NOTES_VERSION)
    throw new Error(`version ${String(version)}; this viewer reads up to ${NOTES_VERSION}`);
  const p = isObject(v['profile']) ? v['profile'] : {};
  return {
    format: NOTES_FORMAT,
    version,
    profile: { name: str(p['name'], 200), fingerprint: str(p['fingerprint'], 100) },
    markers: sanitizeMarkers(v['markers']),
  };
}

/** Keeps the well-formed markers of an untrusted list (at most 5,000). */
export function sanitizeMarkers(list: unknown): Marker[] {
  if (!Array.isArray(list)) return [];
  const out: Marker[] = [];
  for (const m of list.slice(0, MAX_MARKERS) as unknown[]) {
    if (!isObject(m) || !finite(m['start'])) continue;
    const marker: Marker = {
      id: str(m['id'], 40) || `m${out.length + 1}`,
      start: m['start'],
      name: str(m['name'], 200),
      color:
        typeof m['color'] === 'string' && /^#[0-9a-f]{6}$/i.test(m['color'])
          ? m['color']
          : MARKER_COLORS[0]!,
      note: str(m['note'], 10_000),
    };
    if (finite(m['end']) && m['end'] >= m['start']) marker.end = m['end'];
    const slice = sanitizeSliceRef(m['slice']);
    if (slice) marker.slice = slice;
    out.push(marker);
  }
  return out;
}

export function sanitizeSliceRef(v: unknown): SliceRef | null {
  if (!isObject(v) || !finite(v['start']) || !finite(v['dur'])) return null;
  if (typeof v['track'] !== 'string' || typeof v['profile'] !== 'string') return null;
  return {
    profile: str(v['profile'], 1000),
    track: str(v['track'], 1000),
    start: v['start'],
    dur: v['dur'],
  };
}

function str(v: unknown, max: number): string {
  return typeof v === 'string' ? v.slice(0, max) : '';
}

function finite(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
