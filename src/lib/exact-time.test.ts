import { describe, expect, it } from 'vitest';
import { exactToNsString, parseDecimalUs, parseNsString, type ExactTime } from './exact-time';

const parse = (s: string) => {
  const out: ExactTime = { us: 0, fracNs: 0 };
  const err = parseDecimalUs(s, out);
  return err ?? exactToNsString(out);
};

describe('parseDecimalUs', () => {
  it('keeps every ns digit of torch_npu string timestamps', () => {
    expect(parse('1736412474730135.222')).toBe('1736412474730135222');
    expect(parse('1736412474730135.25')).toBe('1736412474730135250');
    expect(parse('1736412474994600')).toBe('1736412474994600000');
  });
  it('accepts the CSV trailing TAB and surrounding spaces', () => {
    expect(parse('1736412474730135.222\t')).toBe('1736412474730135222');
    expect(parse('  12.5 ')).toBe('12500');
  });
  it('rounds sub-ns digits to the nearest ns', () => {
    expect(parse('55.1610625')).toBe('55161');
    expect(parse('0.0005')).toBe('1');
    expect(parse('0.9995')).toBe('1000');
    expect(parse('12.75479343917895')).toBe('12755');
  });
  it('handles negatives exactly', () => {
    expect(parse('-1.5')).toBe('-1500');
    expect(parse('-0.001')).toBe('-1');
    expect(parse('-3')).toBe('-3000');
  });
  it('handles exponent notation exactly', () => {
    expect(parse('1.736412474730135222e15')).toBe('1736412474730135222');
    expect(parse('1.69512E+15')).toBe('1695120000000000000');
    expect(parse('5e-4')).toBe('1');
  });
  it('reports what is not a number', () => {
    expect(parse('')).toBe('empty');
    expect(parse('NaN')).toBe('nan');
    expect(parse('Infinity')).toBe('infinite');
    expect(parse('-inf')).toBe('infinite');
    expect(parse('12abc')).toBe('syntax');
    expect(parse('99999999999999999999')).toBe('range');
  });
  it('is exact where float64 is not', () => {
    // float64 turns this into ...135.25; we must not.
    expect(BigInt(Number('1736412474730135.222') * 1000)).not.toBe(1736412474730135222n);
    expect(parse('1736412474730135.222')).toBe('1736412474730135222');
  });
});

describe('parseNsString', () => {
  it('parses db TEXT ns', () => {
    const out: ExactTime = { us: 0, fracNs: 0 };
    expect(parseNsString('1736414119636754590', out)).toBe(true);
    expect(exactToNsString(out)).toBe('1736414119636754590');
    expect(parseNsString('12x', out)).toBe(false);
  });
});
