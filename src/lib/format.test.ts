import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatDuration, formatNumber, formatNumberText } from './format';

describe('numbers as a person reads them', () => {
  it('drops binary float noise and exponents', () => {
    expect(formatNumber(401.24800000000005)).toBe('401.248');
    expect(formatNumber(954.3701171875)).toBe('954.37');
    expect(formatNumber(4.1e-5)).toBe('0.000041');
    expect(formatNumber(2e-5)).toBe('0.00002');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(211.84418749999998)).toBe('211.844');
    expect(formatNumber(-0.0000001)).toBe('-0.0000001');
    expect(formatNumber(-1e-30)).toBe('0');
  });

  it('keeps integers and short decimals, and says – for non-numbers', () => {
    expect(formatNumber(1736412474757059)).toBe('1736412474757059');
    expect(formatNumber(12)).toBe('12');
    expect(formatNumber(1.5)).toBe('1.5');
    expect(formatNumber(0.25)).toBe('0.25');
    expect(formatNumber(NaN)).toBe('–');
    expect(formatNumber(Infinity)).toBe('–');
    expect(formatNumber(3.14159, 2)).toBe('3.14');
  });

  it('formats cell text without touching exact decimals', () => {
    // Exact µs with ns digits: beyond float precision, never re-printed through a float.
    expect(formatNumberText('1736412474757059.740')).toBe('1736412474757059.740');
    expect(formatNumberText('1736412474757059.740\t')).toBe('1736412474757059.740');
    expect(formatNumberText('401.24800000000005')).toBe('401.248');
    expect(formatNumberText('954.3701171875')).toBe('954.37');
    expect(formatNumberText('4.1e-05')).toBe('0.000041');
    expect(formatNumberText('1.69512E+15')).toBe('1695120000000000');
    expect(formatNumberText('12.5%')).toBe('12.5%');
    expect(formatNumberText('33.333333333%')).toBe('33.333%');
    expect(formatNumberText('N/A')).toBe('N/A');
    expect(formatNumberText('')).toBe('');
    expect(formatNumberText('0.000041')).toBe('0.000041');
  });

  it('durations and sizes carry no noise either', () => {
    for (const ns of [401248 + 5e-11, 8126.000000001, 0.1 + 0.2, 5_600_000.000001])
      expect(formatDuration(ns)).not.toMatch(/\d\.\d{4,}|e-/);
    expect(formatDuration(5_600_000)).toBe('5.6 ms');
    expect(formatBytes(954.3701171875)).toBe('954.37 B');
    expect(formatBytes(1000.5)).not.toMatch(/\d\.\d{3,}/);
  });
});

describe('formatCount (without Intl)', () => {
  it('writes what toLocaleString("en-US") writes', () => {
    const values = [0, -0.4, 0.5, 1, 12, 999, 1000, -1000, 12345.6, 999999, 1e6, -1234567, 2 ** 31];
    for (let x = 1; x < 1e22; x = x * 7 + 3) values.push(x, -x);
    values.push(Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e21, -5e21);
    for (const v of values) expect(formatCount(v)).toBe(Math.round(v).toLocaleString('en-US'));
    expect(formatCount(NaN)).toBe('–');
    expect(formatCount(Infinity)).toBe('–');
  });
});
