import { describe, expect, it } from 'vitest';
import { isNumericColumn, textGridColumns } from './text-columns';

const grid = {
  header: ['OP Type', 'Count', 'Ratio(%)', 'Count'],
  rows: [
    ['MatMulV2', '8', '10.58', '1'],
    ['TransData', '57', 'N/A', '2'],
    ['Conv2D', '', '8.14', 'x'],
  ],
};

describe('columns of a text grid', () => {
  it('detects numeric columns, ignoring missing markers', () => {
    expect(isNumericColumn(grid, 0)).toBe(false);
    expect(isNumericColumn(grid, 1)).toBe(true);
    expect(isNumericColumn(grid, 2)).toBe(true);
    expect(isNumericColumn(grid, 3)).toBe(false);
    expect(isNumericColumn({ header: ['a'], rows: [['N/A'], ['']] }, 0)).toBe(false);
  });

  it('gives unique ids and numeric values', () => {
    const cols = textGridColumns(grid);
    expect(cols.map((c) => c.id)).toEqual(['OP Type', 'Count', 'Ratio(%)', 'Count#2']);
    expect(cols[1]!.value!(1)).toBe(57);
    expect(cols[1]!.value!(2)).toBeNaN();
    expect(cols[0]!.value).toBeUndefined();
    expect(cols[0]!.text(2)).toBe('Conv2D');
  });
});
