/**
 * The timeline's text alternative (issue 19): sentences that say what the canvas shows, read
 * out by a screen reader through the ARIA live regions of TimelineAnnouncer.tsx. Pure functions
 * of the model, so they are tested without a browser.
 */
import { formatDuration } from '../../lib/format';
import { processLabel } from '../../model/labels';
import { SliceFlag, type TraceModel } from '../../model/trace-model';
import type { TimeSpan } from '../../model/units';

/** The keys a keyboard user needs first (the full map is behind `?`). */
export const KEYBOARD_HELP =
  'Timeline. W and S zoom in and out, A and D pan. Period and comma select the next and ' +
  'previous slice on the track, Up and Down arrows the parent and first child. Slash searches ' +
  'slice names; Enter in the search box selects the next match. F fits the selection, 0 shows ' +
  'the whole trace, Escape clears the selection, question mark lists every key.';

/** "Selected slice aclnnAdd, 12.3 µs, starts at 1.5 ms, on Process 1 › Thread 2, depth 1." */
export function describeSlice(
  t: TraceModel,
  track: number,
  index: number,
  offsetNs = 0,
  groupLabel = '',
): string | null {
  const st = t.sliceTracks[track];
  if (!st || index < 0 || index >= st.slices.length) return null;
  const s = st.slices;
  const name = t.strings[s.name[index]!] ?? '';
  const p = t.processes[st.process];
  const where = `${p ? processLabel(p) : 'Process ?'} › ${st.name}`;
  const group = groupLabel ? ` (${groupLabel})` : '';
  const dur = formatDuration(s.dur[index]!);
  const unfinished = (s.flags[index]! & SliceFlag.Unfinished) !== 0;
  return (
    `Selected slice ${name || '(unnamed)'}, ${unfinished ? `unfinished, at least ${dur}` : dur}, ` +
    `starts at ${formatDuration(s.start[index]! + offsetNs)}, on ${where}${group}, ` +
    `depth ${s.depth[index]!}.`
  );
}

/** "Showing 1.2 ms to 3.4 ms of the trace (2.2 ms wide)." */
export function describeWindow(w: TimeSpan): string {
  return (
    `Showing ${formatDuration(w.start)} to ${formatDuration(w.end)} of the trace ` +
    `(${formatDuration(w.end - w.start)} wide).`
  );
}

/** "Selected range 2 ms to 3 ms (1 ms)." */
export function describeRange(r: TimeSpan): string {
  return `Selected range ${formatDuration(r.start)} to ${formatDuration(r.end)} (${formatDuration(r.end - r.start)}).`;
}
