import { describe, expect, it } from 'vitest';
import { absUsTextToTimelineNs, absUsToTimelineNs, windowAround } from './abs-time';

const BASE = '1736412474607917240';

describe('absolute times on the timeline', () => {
  it('converts CSV µs text exactly', () => {
    expect(absUsTextToTimelineNs('1736412474720984.920\t', BASE)).toBe(113067680);
    expect(absUsTextToTimelineNs('', BASE)).toBeNaN();
    expect(absUsTextToTimelineNs('N/A', BASE)).toBeNaN();
  });

  it('converts float µs to the nearest ns', () => {
    expect(absUsToTimelineNs(1736412474757059.75, BASE)).toBe(149142510);
    expect(absUsToTimelineNs(null, BASE)).toBeNaN();
  });

  it('frames a time or an interval with margins', () => {
    expect(windowAround(1000, 0)).toEqual({ start: -9000, end: 11000 });
    expect(windowAround(0, 100_000)).toEqual({ start: -100_000, end: 200_000 });
  });
});
