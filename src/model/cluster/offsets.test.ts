import { describe, expect, it } from 'vitest';
import { axisPlacement, formatOffsetNs, parseOffsetNs } from './offsets';

describe('clock offsets', () => {
  it('parses what a user types, exactly', () => {
    expect(parseOffsetNs('1,734,567')).toBe(1734567n);
    expect(parseOffsetNs(' -12 ')).toBe(-12n);
    expect(parseOffsetNs('1.5 µs')).toBe(1500n);
    expect(parseOffsetNs('2ms')).toBe(2_000_000n);
    expect(parseOffsetNs('0.000000001 s')).toBe(1n);
    expect(parseOffsetNs('')).toBe(0n);
    // Beyond ns precision, or not a number: refused.
    expect(parseOffsetNs('1.0005 us')).toBeNull();
    expect(parseOffsetNs('abc')).toBeNull();
    // Offsets of far-apart clocks stay exact beyond 2^53.
    expect(parseOffsetNs('9007199254740993')).toBe(9007199254740993n);
  });

  it('formats signed, with separators', () => {
    expect(formatOffsetNs(1734567n)).toBe('+1,734,567 ns');
    expect(formatOffsetNs(-1000n)).toBe('−1,000 ns');
    expect(formatOffsetNs(0n)).toBe('0 ns');
    expect(formatOffsetNs(12n, false)).toBe('12 ns');
  });

  it('places traces on one axis from their exact bases and offsets', () => {
    // Two ranks whose host clocks differ by 1,734,567 ns; their traces start 500 ns apart in
    // true time. Axis offsets are small integers, exact as doubles.
    const a = { baseNs: '1735711200123456789', clockOffsetNs: 0n };
    const b = { baseNs: '1735711200125191856', clockOffsetNs: 1734567n };
    const { originNs, offsets } = axisPlacement([b, a]);
    expect(originNs).toBe(1735711200123456789n);
    expect(offsets).toEqual([500, 0]);
    expect(axisPlacement([])).toEqual({ originNs: null, offsets: [] });
  });
});
