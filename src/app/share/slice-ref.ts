/**
 * Names a slice so a link or a note finds it again after a fresh import: its track's key
 * (pid, tid, kind, name) and its exact start and duration, never an internal index.
 */
import { lowerBound } from '../../lib/bisect';
import type { TraceModel } from '../../model/trace-model';
import type { SliceRef } from '../../store/notes-slice';

export function trackKeyOf(t: TraceModel, track: number): string {
  const st = t.sliceTracks[track];
  if (!st) return '';
  const pid = t.processes[st.process]?.pid ?? '';
  const tid = st.thread >= 0 ? (t.threads[st.thread]?.tid ?? '') : '';
  return `${pid}|${tid}|${st.kind}|${st.name}`;
}

export function sliceRefOf(
  t: TraceModel,
  profile: string,
  track: number,
  index: number,
): SliceRef | null {
  const s = t.sliceTracks[track]?.slices;
  if (!s || index < 0 || index >= s.length) return null;
  return { profile, track: trackKeyOf(t, track), start: s.start[index]!, dur: s.dur[index]! };
}

/** Finds the slice a ref names (same track key, same start and duration), or null. */
export function resolveSliceRef(
  t: TraceModel,
  ref: SliceRef,
): { track: number; index: number } | null {
  for (let track = 0; track < t.sliceTracks.length; track++) {
    if (trackKeyOf(t, track) !== ref.track) continue;
    const s = t.sliceTracks[track]!.slices;
    // Starts are ascending within a track: look at the run of equal starts.
    let i = lowerBound(s.start, ref.start);
    for (; i < s.length && s.start[i] === ref.start; i++)
      if (s.dur[i] === ref.dur) return { track, index: i };
    for (let j = 0; j < s.length; j++)
      if (s.start[j] === ref.start && s.dur[j] === ref.dur) return { track, index: j };
  }
  return null;
}
