import { describe, expect, it } from 'vitest';
import { clampCursor, moveCursor, pageRows, type GridCursor, type GridShape } from './grid-nav';

const shape: GridShape = { count: 100, cols: 5, page: 10 };
const at = (pos: number, col: number, detail = false): GridCursor => ({ pos, col, detail });
const move = (c: GridCursor, key: string, s: GridShape = shape, ctrl = false) =>
  moveCursor(c, { key, ctrl }, s);

describe('grid cursor movement (APG grid keys)', () => {
  it('←/→ move between cells of a row and stop at its ends', () => {
    expect(move(at(3, 2), 'ArrowRight')).toEqual(at(3, 3));
    expect(move(at(3, 2), 'ArrowLeft')).toEqual(at(3, 1));
    expect(move(at(3, 4), 'ArrowRight')).toEqual(at(3, 4));
    expect(move(at(3, 0), 'ArrowLeft')).toEqual(at(3, 0));
    // In the header row too.
    expect(move(at(-1, 0), 'ArrowRight')).toEqual(at(-1, 1));
  });

  it('↑/↓ move between rows in the same column; the header is the row above the first', () => {
    expect(move(at(3, 2), 'ArrowDown')).toEqual(at(4, 2));
    expect(move(at(3, 2), 'ArrowUp')).toEqual(at(2, 2));
    expect(move(at(0, 2), 'ArrowUp')).toEqual(at(-1, 2));
    expect(move(at(-1, 2), 'ArrowUp')).toEqual(at(-1, 2));
    expect(move(at(-1, 2), 'ArrowDown')).toEqual(at(0, 2));
    expect(move(at(99, 2), 'ArrowDown')).toEqual(at(99, 2));
  });

  it('Home/End go to the first/last cell of the row; with Ctrl, of the table', () => {
    expect(move(at(7, 2), 'Home')).toEqual(at(7, 0));
    expect(move(at(7, 2), 'End')).toEqual(at(7, 4));
    expect(move(at(7, 2), 'Home', shape, true)).toEqual(at(-1, 0));
    expect(move(at(7, 2), 'End', shape, true)).toEqual(at(99, 4));
    expect(move(at(-1, 3), 'End', shape, true)).toEqual(at(99, 4));
  });

  it('PageUp/PageDown move by a page and stop at the first/last row', () => {
    expect(move(at(7, 1), 'PageDown')).toEqual(at(17, 1));
    expect(move(at(95, 1), 'PageDown')).toEqual(at(99, 1));
    expect(move(at(17, 1), 'PageUp')).toEqual(at(7, 1));
    expect(move(at(7, 1), 'PageUp')).toEqual(at(-1, 1));
    expect(move(at(-1, 1), 'PageDown')).toEqual(at(9, 1));
  });

  it('an open detail block is a line of its own under its row', () => {
    const open = new Set([4]);
    const s: GridShape = { ...shape, isOpen: (p) => open.has(p) };
    expect(move(at(4, 3), 'ArrowDown', s)).toEqual(at(4, 3, true));
    expect(move(at(4, 3, true), 'ArrowDown', s)).toEqual(at(5, 3));
    expect(move(at(5, 3), 'ArrowUp', s)).toEqual(at(4, 3, true));
    expect(move(at(4, 3, true), 'ArrowUp', s)).toEqual(at(4, 3));
    // One cell wide: ←/→/Home/End stay; the column is kept for the way back.
    expect(move(at(4, 3, true), 'ArrowLeft', s)).toEqual(at(4, 3, true));
    expect(move(at(4, 3, true), 'End', s)).toEqual(at(4, 3, true));
    // Paging skips detail lines.
    expect(move(at(4, 3, true), 'PageDown', s)).toEqual(at(14, 3));
  });

  it('an empty table keeps the cursor in the header; other keys are not handled', () => {
    const empty: GridShape = { count: 0, cols: 3, page: 10 };
    expect(move(at(-1, 1), 'ArrowDown', empty)).toEqual(at(-1, 1));
    expect(move(at(-1, 1), 'PageDown', empty)).toEqual(at(-1, 1));
    expect(move(at(-1, 1), 'End', empty, true)).toEqual(at(-1, 2));
    expect(move(at(3, 1), 'Enter')).toBeNull();
    expect(move(at(3, 1), 'a')).toBeNull();
    expect(move(at(3, 1), 'ArrowDown', { count: 5, cols: 0, page: 1 })).toBeNull();
  });

  it('a cursor left outside the grid (rows filtered away, columns hidden) is pulled back in', () => {
    expect(clampCursor(at(40, 7), { count: 10, cols: 3, page: 5 })).toEqual(at(9, 2));
    expect(clampCursor(at(4, 1, true), { count: 10, cols: 3, page: 5 })).toEqual(at(4, 1));
    const same = at(2, 1);
    expect(clampCursor(same, shape)).toBe(same);
    expect(move(at(40, 7), 'ArrowLeft', { count: 10, cols: 3, page: 5 })).toEqual(at(9, 1));
  });

  it('a page is the rows in view less two', () => {
    expect(pageRows(440, 22)).toBe(18);
    expect(pageRows(30, 22)).toBe(1);
  });
});
