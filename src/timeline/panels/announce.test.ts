// The timeline's text alternative: the sentences its live regions read out.
import { describe, expect, it } from 'vitest';
import { describeRange, describeSlice, describeWindow, keyboardHelp } from './announce';
import { traceFromText } from '../test-trace-dsl';

const m = traceFromText(`
  thread P (CPU) / a
    :|MatMul---| |add|
    : |inner|
`);
const nameOf = (i: number) => m.strings[m.sliceTracks[0]!.slices.name[i]!];

describe('timeline announcements', () => {
  it('names the selected slice, its duration, start, track and depth', () => {
    const s = m.sliceTracks[0]!.slices;
    const add = [...Array(s.length).keys()].find((i) => nameOf(i) === 'add')!;
    const text = describeSlice(m, 0, add)!;
    expect(text).toMatch(/^Selected slice add, /);
    expect(text).toContain(`starts at `);
    expect(text).toContain(m.sliceTracks[0]!.name);
    expect(text).toContain('depth 0');
    const inner = [...Array(s.length).keys()].find((i) => nameOf(i) === 'inner')!;
    expect(describeSlice(m, 0, inner)).toContain('depth 1');
  });

  it('adds the group offset and label when several ranks are shown', () => {
    const text = describeSlice(m, 0, 0, 2_000_000, 'rank 3')!;
    expect(text).toContain('starts at 2 ms');
    expect(text).toContain('(rank 3)');
  });

  it('says nothing for an address that does not exist', () => {
    expect(describeSlice(m, 0, 999)).toBeNull();
    expect(describeSlice(m, 42, 0)).toBeNull();
  });

  it('reads the visible window and a range with units', () => {
    expect(describeWindow({ start: 1_000_000, end: 3_500_000 })).toBe(
      'Showing 1 ms to 3.5 ms of the trace (2.5 ms wide).',
    );
    expect(describeRange({ start: 2000, end: 5000 })).toBe('Selected range 2 µs to 5 µs (3 µs).');
  });

  it('the keyboard help names the keys that need no mouse', () => {
    for (const k of ['W and S', 'A and D', 'Period and comma', 'Slash', 'Escape', 'question mark'])
      expect(keyboardHelp()).toContain(k);
  });
});
