// `.` / `,` with nothing selected start at the first top-level slice in view.
import { describe, expect, it } from 'vitest';
import { firstVisibleSlice } from './first-slice';
import type { Row } from './row-layout';
import { traceFromText } from '../test-trace-dsl';

const US = 1000;
const m = traceFromText(`
  thread P (CPU) / a
    :|aa---| |bb|  |cc|
    : |in|
  thread P (CPU) / b
    :   |dd| |ee|
`);
const groups = [{ profileId: 'p', trace: m, offsetNs: 0, label: 'p' }];

function row(track: number, y: number, pinned = false): Row {
  return {
    key: `p|t${track}`,
    kind: 'slices',
    group: 0,
    process: 0,
    track,
    series: -1,
    thread: track,
    y,
    height: 40,
    indent: 1,
    title: '',
    subtitle: '',
    collapsible: true,
    collapsed: false,
    pinned,
    lanes: 2,
    laneTop: 0,
  } as Row;
}
const nameAt = (a: { track: number; index: number } | null) =>
  a ? m.strings[m.sliceTracks[a.track]!.slices.name[a.index]!] : null;
const trackOf = (thread: string) => m.sliceTracks.findIndex((t) => t.name.endsWith(thread));

describe('firstVisibleSlice', () => {
  const a = trackOf('a');
  const b = trackOf('b');
  const rows = [row(a, 0), row(b, 40)];

  it('picks the first top-level slice starting in the window on the topmost row', () => {
    expect(nameAt(firstVisibleSlice(rows, groups, { start: 0, end: 100 * US }, 0))).toBe('aa');
    // aa starts before the window: the first that starts inside it.
    expect(nameAt(firstVisibleSlice(rows, groups, { start: 2 * US, end: 100 * US }, 0))).toBe('bb');
  });

  it('skips rows scrolled out of view, and rows with nothing in the window', () => {
    expect(nameAt(firstVisibleSlice(rows, groups, { start: 0, end: 100 * US }, 50))).toBe('dd');
    // Track a has nothing starting in 2–7 µs (bb starts at 8 µs): dd on track b.
    expect(nameAt(firstVisibleSlice(rows, groups, { start: 2 * US, end: 7 * US }, 0))).toBe('dd');
    // A pinned row comes first even when scrolled past.
    const pinnedB = [row(a, 0), row(b, 0, true)];
    expect(nameAt(firstVisibleSlice(pinnedB, groups, { start: 0, end: 100 * US }, 100))).toBe('dd');
  });

  it('nothing in view at all: null', () => {
    expect(firstVisibleSlice(rows, groups, { start: 500 * US, end: 600 * US }, 0)).toBeNull();
    expect(firstVisibleSlice([], groups, { start: 0, end: 100 * US }, 0)).toBeNull();
  });
});
