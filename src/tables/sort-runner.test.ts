import { describe, expect, it } from 'vitest';
import type { ColumnDef } from './column';
import { cachedOrder, computeOrder } from './sort-runner';

describe('sort runner', () => {
  const values = [3, 1, NaN, 2];
  const col: ColumnDef = {
    id: 'v',
    label: 'V',
    text: (r) => String(values[r]),
    value: (r) => values[r]!,
  };

  it('sorts (here without a worker) and caches per data object, column and direction', async () => {
    const data = {};
    expect(cachedOrder(data, 'v', 'asc')).toBeUndefined();
    const asc = await computeOrder(data, col, 'asc', 4);
    expect([...asc]).toEqual([1, 3, 0, 2]);
    expect(cachedOrder(data, 'v', 'asc')).toBe(asc);
    expect(await computeOrder(data, col, 'asc', 4)).toBe(asc);
    expect([...(await computeOrder(data, col, 'desc', 4))]).toEqual([0, 3, 1, 2]);
    expect(cachedOrder({}, 'v', 'asc')).toBeUndefined();
  });
});
