/**
 * Where an evidence row lies on the timeline: its slice when it names one; else the slice with
 * exactly its start and duration on its track (kernel rows from kernel_details.csv carry the
 * stream's track), or on any Ascend Hardware / device track when the track is unknown; else the
 * row is a range.
 */
import { lowerBound } from '../../lib/bisect';
import type { SliceRef, TraceModel } from '../trace-model';
import type { EvidenceRow } from './types';

function exactOn(trace: TraceModel, track: number, start: number, dur: number): number {
  const s = trace.sliceTracks[track]?.slices;
  if (!s) return -1;
  for (let i = lowerBound(s.start, start, 0, s.length); i < s.length && s.start[i] === start; i++)
    if (s.dur[i] === dur) return i;
  return -1;
}

export function evidenceSlice(trace: TraceModel, row: EvidenceRow): SliceRef | null {
  if (row.slice) {
    const s = trace.sliceTracks[row.slice.track]?.slices;
    if (s && row.slice.index < s.length && s.start[row.slice.index] === row.startNs)
      return row.slice;
  }
  if (!row.task || !Number.isFinite(row.startNs)) return null;
  if (row.track >= 0) {
    const i = exactOn(trace, row.track, row.startNs, row.durNs);
    return i >= 0 ? { track: row.track, index: i } : null;
  }
  for (let t = 0; t < trace.sliceTracks.length; t++) {
    const p = trace.processes[trace.sliceTracks[t]!.process];
    if (p?.name !== 'Ascend Hardware') continue;
    const i = exactOn(trace, t, row.startNs, row.durNs);
    if (i >= 0) return { track: t, index: i };
  }
  return null;
}
