import { describe, expect, it } from 'vitest';
import { nextSort, parseCellNumber, type ColumnDef } from './column';
import { applyMask, filterMask, rankStrings, sortKeys, sortOrder } from './query';

// A small table held as columns: name (dictionary), dur (numbers with a missing one), shape (text).
const names = ['MatMul', 'add', 'Conv2D', 'MatMulV2', 'add'];
const dict = { strings: ['MatMul', 'add', 'Conv2D', 'MatMulV2'], ids: [0, 1, 2, 3, 1] };
const durs = [50, 7, NaN, 120, 7];
const shapes = ['"4,4"', '', '"8,8";"8"', '"4,4"', '"2"'];

const name: ColumnDef = { id: 'name', label: 'Name', text: (r) => names[r]!, dict };
const dur: ColumnDef = {
  id: 'dur',
  label: 'Duration',
  text: (r) => String(durs[r]),
  value: (r) => durs[r]!,
};
const shape: ColumnDef = { id: 'shape', label: 'Shapes', text: (r) => shapes[r]! };
const columns = [name, dur, shape];

describe('sorting', () => {
  it('ranks strings naturally and case-insensitively, equal strings sharing a rank', () => {
    expect([...rankStrings(['b10', 'B2', 'a', 'b2'])]).toEqual([2, 1, 0, 1]);
  });

  it('sorts numbers both ways with NaN last and ties in row order', () => {
    const keys = sortKeys(dur, 5);
    expect([...sortOrder(keys, 'asc')]).toEqual([1, 4, 0, 3, 2]);
    expect([...sortOrder(keys, 'desc')]).toEqual([3, 0, 1, 4, 2]);
  });

  it('sorts dictionary and plain text columns by collation, empty text last', () => {
    expect([...sortOrder(sortKeys(name, 5), 'asc')]).toEqual([1, 4, 2, 0, 3]);
    expect([...sortOrder(sortKeys(shape, 5), 'asc')]).toEqual([4, 0, 3, 2, 1]);
    expect([...sortOrder(sortKeys(shape, 5), 'desc')]).toEqual([2, 0, 3, 4, 1]);
  });

  it('sorts only a subset when given one', () => {
    expect([...sortOrder(sortKeys(dur, 5), 'desc', [4, 2, 0])]).toEqual([0, 4, 2]);
  });

  it('cycles header clicks: numbers start largest-first, text A→Z, third click unsorts', () => {
    expect(nextSort(null, dur)).toEqual({ column: 'dur', dir: 'desc' });
    expect(nextSort({ column: 'dur', dir: 'desc' }, dur)).toEqual({ column: 'dur', dir: 'asc' });
    expect(nextSort({ column: 'dur', dir: 'asc' }, dur)).toBeNull();
    expect(nextSort({ column: 'dur', dir: 'asc' }, name)).toEqual({ column: 'name', dir: 'asc' });
  });

  it('reads numbers from cell text', () => {
    expect(parseCellNumber('1736412474730135.25\t')).toBe(1736412474730135.25);
    expect(parseCellNumber('12.5%')).toBe(12.5);
    expect(parseCellNumber('N/A')).toBeNaN();
    expect(parseCellNumber('')).toBeNaN();
  });
});

describe('filtering', () => {
  it('matches a case-insensitive substring in any text column', () => {
    expect([...filterMask(columns, 5, { text: 'matmul' })!]).toEqual([1, 0, 0, 1, 0]);
    expect([...filterMask(columns, 5, { text: '"8' })!]).toEqual([0, 0, 1, 0, 0]);
  });

  it('requires every term, each in any column', () => {
    expect([...filterMask(columns, 5, { text: 'matmul 4,4' })!]).toEqual([1, 0, 0, 1, 0]);
    expect([...filterMask(columns, 5, { text: 'add 4,4' })!]).toEqual([0, 0, 0, 0, 0]);
  });

  it('skips numeric columns unless asked for one', () => {
    expect([...filterMask(columns, 5, { text: '120' })!]).toEqual([0, 0, 0, 0, 0]);
    expect([...filterMask(columns, 5, { text: '120', column: 'dur' })!]).toEqual([0, 0, 0, 1, 0]);
    expect([...filterMask(columns, 5, { text: 'add', column: 'shape' })!]).toEqual([0, 0, 0, 0, 0]);
  });

  it('applies exact-match focus filters and an allow mask', () => {
    const exact = [{ column: 'name', value: 'MatMul' }];
    expect([...filterMask(columns, 5, { text: '', exact })!]).toEqual([1, 0, 0, 0, 0]);
    const allow = new Uint8Array([0, 1, 1, 1, 1]);
    expect([...filterMask(columns, 5, { text: 'matmul' }, allow)!]).toEqual([0, 0, 0, 1, 0]);
    expect(filterMask(columns, 5, { text: '  ' }, allow)).toBe(allow);
    expect(filterMask(columns, 5, { text: '' })).toBeNull();
    expect([
      ...filterMask(columns, 5, { text: '', exact: [{ column: 'x', value: 'a' }] })!,
    ]).toEqual([0, 0, 0, 0, 0]);
  });

  it('combines a sort order with a mask, keeping the order', () => {
    const mask = new Uint8Array([1, 0, 1, 1, 0]);
    expect([...applyMask(new Uint32Array([3, 0, 1, 4, 2]), 5, mask)!]).toEqual([3, 0, 2]);
    expect([...applyMask(null, 5, mask)!]).toEqual([0, 2, 3]);
    expect(applyMask(null, 5, null)).toBeNull();
  });
});
