import { describe, expect, it } from 'vitest';
import {
  absoluteNs,
  absoluteSecondsText,
  computeTicks,
  cursorText,
  formatInUnit,
  niceStep,
  TimeScale,
} from './time-scale';

describe('TimeScale', () => {
  it('maps the window to the content width', () => {
    const s = new TimeScale(1000, 2000, 500);
    expect(s.timeToPx(1000)).toBe(0);
    expect(s.timeToPx(2000)).toBe(500);
    expect(s.timeToPx(1500)).toBe(250);
    expect(s.pxToTime(250)).toBe(1500);
    expect(s.durationToPx(100)).toBe(50);
  });

  it('is exact to the ns at large offsets (2^50 ns and more)', () => {
    const base = 2 ** 50 + 7;
    const s = new TimeScale(base, base + 10, 1000); // 100 px per ns
    for (let k = 0; k <= 10; k++) {
      expect(s.timeToPx(base + k)).toBe(100 * k);
      expect(s.pxToNs(100 * k + 49)).toBe(base + k);
      expect(s.pxToNs(100 * k - 49)).toBe(base + k);
    }
  });

  it('stays exact with a fractional window start', () => {
    const start = 123_456_789_012.25;
    const s = new TimeScale(start, start + 20, 2000);
    expect(s.pxToNs(s.timeToPx(123_456_789_020))).toBe(123_456_789_020);
  });

  it('shifts for a trace placed at an offset on the shared axis', () => {
    const s = new TimeScale(5000, 6000, 1000).shifted(4000);
    expect(s.timeToPx(1000)).toBe(0);
    expect(s.timeToPx(1500)).toBe(500);
  });
});

describe('ticks', () => {
  it('chooses 1/2/5 steps, never below 1 ns', () => {
    expect(niceStep(0.3)).toBe(1);
    expect(niceStep(1)).toBe(1);
    expect(niceStep(1.2)).toBe(2);
    expect(niceStep(3)).toBe(5);
    expect(niceStep(7)).toBe(10);
    expect(niceStep(120_000)).toBe(200_000);
  });

  it('labels a whole trace in ms', () => {
    const t = computeTicks(new TimeScale(0, 400e6, 1000));
    expect(t.step).toBe(50e6);
    expect(t.labels.slice(0, 3)).toEqual(['0 ms', '50 ms', '100 ms']);
  });

  it('labels single-ns ticks exactly deep into the trace', () => {
    const start = 123_456_780;
    const t = computeTicks(new TimeScale(start, start + 10, 1400));
    expect(t.step).toBe(1);
    expect(t.times[0]).toBe(start);
    expect(t.labels[0]).toBe('123.456780 ms');
    expect(t.labels[9]).toBe('123.456789 ms');
  });

  it('keeps labels apart', () => {
    const s = new TimeScale(0, 1e9, 300);
    const t = computeTicks(s);
    expect(t.step * s.pxPerNs).toBeGreaterThanOrEqual(80);
  });

  it('formats in a unit with truncated decimals', () => {
    expect(formatInUnit(1_500_000_000, 1e9, 1)).toBe('1.5');
    expect(formatInUnit(2_000, 1e3, 0)).toBe('2');
    expect(formatInUnit(-2_500, 1e3, 1)).toBe('-2.5');
    expect(formatInUnit(1_234_567_000, 1e6, 3)).toBe('1,234.567');
  });
});

describe('absolute time', () => {
  it('adds the base exactly through BigInt', () => {
    expect(absoluteNs('1736412474607917240', 123_456_789)).toBe('1736412474731374029');
    expect(absoluteSecondsText('1736412474607917240')).toBe('1736412474.607917240 s');
    expect(absoluteSecondsText('5')).toBe('0.000000005 s');
  });
});

describe('cursorText', () => {
  it('shows as many decimals as a pixel resolves', () => {
    expect(cursorText(new TimeScale(0, 400e6, 1000), 500)).toBe('200.0 ms');
    expect(cursorText(new TimeScale(123_456_700, 123_456_800, 1000), 500)).toBe('123.456750 ms');
  });
});
