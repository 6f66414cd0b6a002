import { describe, expect, it } from 'vitest';
import { isNumericColumn, textGridColumns } from './text-columns';
import { contentWidth, MAX_CONTENT_WIDTH, type ColumnDef } from './column';

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

describe('contentWidth', () => {
  const col = (cells: string[]): ColumnDef => ({
    id: 'name',
    label: 'Name',
    text: (r: number) => cells[r] ?? '',
  });
  it('fits the longest sampled text, capped', () => {
    const c = col(['a', 'x'.repeat(40), 'bb']);
    expect(contentWidth(c, [0, 1, 2])).toBe(40 * 7 + 20);
    expect(contentWidth(c, [0, 2])).toBe(2 * 7 + 20);
    expect(contentWidth(col(['y'.repeat(500)]), [0])).toBe(MAX_CONTENT_WIDTH);
  });

  it('gives capitals and CJK more room than lower case (AI_VECTOR_CORE is not cut)', () => {
    expect(contentWidth(col(['AI_VECTOR_CORE']), [0])).toBeGreaterThanOrEqual(
      Math.round(12 * 8.7 + 2 * 7 + 20),
    );
    expect(contentWidth(col(['算子']), [0])).toBe(2 * 12 + 20);
  });
});
