import { describe, expect, test } from 'vitest';
import { decimalNs, exactUsText, nsToUsText } from './db-time';
import { clippedLength, complement, computeOverlap, stepRow, subtract, union } from './overlap';
import { sqliteHeaderProblem } from './db-file';

describe('interval maths', () => {
  test('union merges overlapping and touching intervals, in any order', () => {
    expect(union([5, 7, 0, 2, 1, 3, 3, 4, 10, 10])).toEqual([0, 4, 5, 7, 10, 10]);
    expect(union([])).toEqual([]);
  });

  test('subtract and complement', () => {
    expect(subtract([0, 10, 20, 30], [2, 3, 5, 25])).toEqual([0, 2, 3, 5, 25, 30]);
    expect(subtract([0, 10], [])).toEqual([0, 10]);
    expect(subtract([0, 10], [-5, 15])).toEqual([]);
    expect(complement([2, 3, 5, 6], 0, 10)).toEqual([0, 2, 3, 5, 6, 10]);
    expect(clippedLength([0, 10, 20, 30], 5, 25)).toBe(10);
  });

  test('overlap lanes: computing, communication, not overlapped, free', () => {
    const l = computeOverlap([0, 10, 30, 40], [5, 35]);
    expect(l.computing).toEqual([0, 10, 30, 40]);
    expect(l.communication).toEqual([5, 35]);
    expect(l.communicationNotOverlapped).toEqual([10, 30]);
    expect(l.free).toEqual([]);
    expect(computeOverlap([0, 10, 30, 40], []).free).toEqual([10, 30]);
  });

  test('step row in µs', () => {
    const l = computeOverlap([1000, 2000], [1500, 5000], [4000, 5000]);
    expect(stepRow(l, '3', null, 0, 10000, 0)).toEqual({
      step: '3',
      deviceId: null,
      computing: 1,
      communicationNotOverlapped: 3,
      overlapped: 0.5,
      communication: 3.5,
      free: 0,
      stage: 4,
      bubble: 1,
      communicationNotOverlappedExcludeReceive: 2,
      preparing: 1,
    });
  });
});

describe('exact db times', () => {
  test('decimal and exponent text', () => {
    expect(decimalNs('1.23282223630523e+17')).toBe(123282223630523000n);
    expect(decimalNs('1736414119633143240')).toBe(1736414119633143240n);
    expect(decimalNs('12.5')).toBe(13n);
    expect(decimalNs('-2.5e1')).toBe(-25n);
    expect(decimalNs('abc')).toBeNull();
  });

  test('µs text', () => {
    expect(exactUsText({ us: 1736414119651037, fracNs: 828 })).toBe('1736414119651037.828');
    expect(exactUsText({ us: 5, fracNs: 7 })).toBe('5.007');
    expect(nsToUsText(51641)).toBe('51.641');
    expect(nsToUsText(1000)).toBe('1');
    expect(nsToUsText(100)).toBe('0.1');
    expect(nsToUsText(NaN)).toBe('');
  });

  test('header checks', () => {
    expect(sqliteHeaderProblem(new Uint8Array(0))).toBe('empty file');
    const b = new Uint8Array(512);
    b.set(new TextEncoder().encode('SQLite format 3\0'));
    b[16] = 0x03; // page size 768: not a power of two
    expect(sqliteHeaderProblem(b)).toBe('corrupt SQLite header (page size 768)');
  });
});
