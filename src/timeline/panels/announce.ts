/**
 * The timeline's text alternative (issue 19): sentences that say what the canvas shows, read
 * out by a screen reader through the ARIA live regions of TimelineAnnouncer.tsx. Pure functions
 * of the model, so they are tested without a browser.
 */
import { trackPath } from '../../views/common/track-labels';
import { t as tr } from '../../i18n/t';
import { formatCount, formatDuration } from '../../lib/format';
import { SliceFlag, type TraceModel } from '../../model/trace-model';
import type { TimeSpan } from '../../model/units';

/** The keys a keyboard user needs first (the full map is behind `?`). */
export function keyboardHelp(): string {
  return tr('timeline:announce_keyboard_help');
}

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
  const where = trackPath(t, track) + (groupLabel ? ` (${groupLabel})` : '');
  const dur = formatDuration(s.dur[index]!);
  const unfinished = (s.flags[index]! & SliceFlag.Unfinished) !== 0;
  return tr('timeline:announce_slice', {
    name: name || tr('timeline:announce_unnamed'),
    dur: unfinished ? tr('timeline:announce_unfinished', { dur }) : dur,
    start: formatDuration(s.start[index]! + offsetNs),
    where,
    depth: formatCount(s.depth[index]!),
  });
}

/** "Showing 1.2 ms to 3.4 ms of the trace (2.2 ms wide)." */
export function describeWindow(w: TimeSpan): string {
  return tr('timeline:announce_window', {
    start: formatDuration(w.start),
    end: formatDuration(w.end),
    width: formatDuration(w.end - w.start),
  });
}

/** "Selected range 2 ms to 3 ms (1 ms)." */
export function describeRange(r: TimeSpan): string {
  return tr('timeline:announce_range', {
    start: formatDuration(r.start),
    end: formatDuration(r.end),
    width: formatDuration(r.end - r.start),
  });
}
