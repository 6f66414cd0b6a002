/**
 * Where a key moves the focused cell of a data grid (WAI-ARIA APG grid pattern), as a pure
 * function of the grid's shape, so it is tested without a DOM. The grid is the header row
 * (`pos` -1) and the data rows (`pos` 0..count-1, in display order); a row whose detail block is
 * open has one more line under it (`detail`), a single cell spanning the row.
 */

export interface GridCursor {
  /** Row position in display order; -1 = the header row. */
  pos: number;
  /** Column index (kept while on a detail line, so ↑/↓ come back to the same column). */
  col: number;
  /** On the detail block under row `pos`. */
  detail: boolean;
}

export interface GridShape {
  /** Data rows. */
  count: number;
  /** Columns. */
  cols: number;
  /** Rows a PageUp/PageDown moves. */
  page: number;
  /** Whether the row at a position has its detail block open. */
  isOpen?: (pos: number) => boolean;
}

export interface GridKey {
  key: string;
  ctrl?: boolean;
}

/** Keys that move the cursor (everything else is left to the caller). */
export const NAV_KEYS: ReadonlySet<string> = new Set([
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Home',
  'End',
  'PageUp',
  'PageDown',
]);

/** The cell a key moves to, or null when the key is not a navigation key (or there are no columns). */
export function moveCursor(c: GridCursor, k: GridKey, s: GridShape): GridCursor | null {
  if (!NAV_KEYS.has(k.key) || s.cols <= 0) return null;
  const cur = clampCursor(c, s);
  const open = (p: number) => p >= 0 && (s.isOpen?.(p) ?? false);
  const row = (pos: number): GridCursor => ({ pos, col: cur.col, detail: false });
  const last = s.count - 1;
  switch (k.key) {
    case 'ArrowRight':
      return cur.detail ? cur : { ...cur, col: Math.min(s.cols - 1, cur.col + 1) };
    case 'ArrowLeft':
      return cur.detail ? cur : { ...cur, col: Math.max(0, cur.col - 1) };
    case 'Home':
      if (k.ctrl) return { pos: -1, col: 0, detail: false };
      return cur.detail ? cur : { ...cur, col: 0 };
    case 'End':
      if (k.ctrl) return { pos: last, col: s.cols - 1, detail: false };
      return cur.detail ? cur : { ...cur, col: s.cols - 1 };
    case 'ArrowDown':
      if (!cur.detail && open(cur.pos)) return { ...cur, detail: true };
      return cur.pos < last ? row(cur.pos + 1) : cur;
    case 'ArrowUp':
      if (cur.detail) return { ...cur, detail: false };
      if (cur.pos < 0) return cur;
      if (open(cur.pos - 1)) return { pos: cur.pos - 1, col: cur.col, detail: true };
      return row(cur.pos - 1);
    case 'PageDown':
      return row(Math.min(last, cur.pos + Math.max(1, s.page)));
    case 'PageUp':
      return row(Math.max(-1, cur.pos - Math.max(1, s.page)));
  }
  return null;
}

/** The cursor kept inside the grid (rows or columns may have gone since it was set). */
export function clampCursor(c: GridCursor, s: GridShape): GridCursor {
  const pos = Math.max(-1, Math.min(s.count - 1, c.pos));
  const col = Math.max(0, Math.min(s.cols - 1, c.col));
  const detail = c.detail && pos === c.pos && pos >= 0 && (s.isOpen?.(pos) ?? false);
  return pos === c.pos && col === c.col && detail === c.detail ? c : { pos, col, detail };
}

/** Rows a page moves: the rows in view, less two for context. */
export function pageRows(viewportPx: number, rowPx: number): number {
  return Math.max(1, Math.floor(viewportPx / rowPx) - 2);
}
