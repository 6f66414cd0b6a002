import { describe, expect, it } from 'vitest';
import { makeKernels } from '../ascend/test-models';
import { kernelTimelineStarts, overlapsRange, rangeMask } from './range-filter';

describe('range filtering', () => {
  const r = { start: 100, end: 200 };
  it('keeps rows overlapping the half-open range', () => {
    expect(overlapsRange(50, 50, r)).toBe(false); // ends exactly at the start
    expect(overlapsRange(50, 51, r)).toBe(true);
    expect(overlapsRange(150, 1000, r)).toBe(true);
    expect(overlapsRange(200, 10, r)).toBe(false); // starts at the end
    expect(overlapsRange(100, 0, r)).toBe(true); // zero-length at the start
    expect(overlapsRange(200, 0, r)).toBe(false);
    expect(overlapsRange(NaN, 10, r)).toBe(false);
    expect(overlapsRange(150, NaN, r)).toBe(true);
  });

  it('builds a mask from starts and durations', () => {
    expect([...rangeMask([0, 120, 199, 250], [150, 5, 5, 5], r)]).toEqual([1, 1, 1, 0]);
    expect([...rangeMask([100, 200], null, r)]).toEqual([1, 0]);
  });

  it('places kernels on the timeline exactly', () => {
    const k = makeKernels([
      { name: 'a', start: '1736412474730135.222', durNs: 1 },
      { name: 'b', start: 'N/A', durNs: 1 },
    ]);
    const s = kernelTimelineStarts(k, '1736412474607917240');
    expect(s[0]).toBe(122217982);
    expect(s[1]).toBeNaN();
    expect(kernelTimelineStarts(k, '1736412474607917240')).toBe(s);
  });
});
