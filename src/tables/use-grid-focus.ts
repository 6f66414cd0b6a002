/**
 * The focused cell of a DataTable (WAI-ARIA APG grid, roving tabindex): which cell is the tab
 * stop, the keys that move it (grid-nav.ts) or act on it, and keeping DOM focus on it while the
 * virtual list recycles rows (the caller keeps the stop's row rendered, see `keepPos`).
 *
 * Cells carry `data-cell` ("h" header, "d" data, "x" a row's detail block), `data-col`, and sit
 * in a row with `data-index` (its position). Widgets inside cells (buttons, links) are out of the
 * tab order: F2 (or Enter on a detail block) moves into them, Tab cycles among them, Esc or F2
 * goes back to the cell.
 */
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import { clampCursor, moveCursor, pageRows, type GridCursor, type GridShape } from './grid-nav';

/** Widgets a cell may hold, reached with F2 (not with Tab). */
const WIDGET =
  'a[href], button:not(:disabled), input:not(:disabled), select, textarea, summary, [tabindex]:not([data-cell])';

export interface GridFocusOptions {
  scrollRef: RefObject<HTMLDivElement | null>;
  rows: ArrayLike<number> | null;
  count: number;
  cols: number;
  rowAt: (pos: number) => number;
  rowPx: number;
  /** Whether the row at a position has its detail block open. */
  isOpenPos?: (pos: number) => boolean;
  /** Enter on a data cell (the row's click action). */
  onActivate: (row: number) => void;
  /** Enter on a header cell. */
  onHeaderEnter: (col: number) => void;
  /** Shift+←/→ on a header cell. */
  onHeaderResize: (col: number, dir: -1 | 1) => void;
  onActiveRowChange?: (row: number) => void;
}

/** The focused cell, and the row id it is on (-1 for the header). */
export type ActiveCell = GridCursor & { row: number };

export function useGridFocus(o: GridFocusOptions) {
  const { scrollRef, rows, count, cols, rowAt } = o;
  const [cursor, setCursor] = useState<ActiveCell | null>(null);
  const shape: GridShape = { count, cols, page: 1, isOpen: o.isOpenPos };
  // The tab stop: the cursor, or the first data cell (the header's first cell when empty).
  const stop = clampCursor(cursor ?? { pos: count > 0 ? 0 : -1, col: 0, detail: false }, shape);
  /** Focus the stop after the next render ('scroll': also bring it into view). */
  const focusRequest = useRef<'scroll' | 'keep' | null>(null);
  const focusInside = useRef(false);

  // A new order: the cursor follows its row (or leaves when the row is filtered out).
  useEffect(() => {
    setCursor((a) => {
      if (!a || a.pos < 0) return a;
      if (a.pos < count && rowAt(a.pos) === a.row) return a;
      const pos = findPos(rows, count, a.row);
      return pos < 0 ? null : { ...a, pos, detail: a.detail && pos === a.pos };
    });
  }, [rows, count, rowAt]);

  useLayoutEffect(() => {
    const root = scrollRef.current;
    if (!root) return;
    for (const w of root.querySelectorAll<HTMLElement>(`[data-cell] :is(${WIDGET})`))
      if (w.tabIndex !== -1) w.tabIndex = -1;
    const want = focusRequest.current;
    const active = document.activeElement;
    // Focus was on a cell (or on the grid, or on a row that was recycled away): keep it on the
    // stop, which may now be another element (a re-sort moved the row).
    const lost =
      focusInside.current &&
      (active === null ||
        active === document.body ||
        active === root ||
        (root.contains(active) && active.hasAttribute('data-cell')));
    if (!want && !lost) return;
    const el = cellElement(root, stop);
    if (!el) return;
    focusRequest.current = null;
    if (active !== el) el.focus({ preventScroll: true });
    if (want === 'scroll') el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  });

  const moveTo = (next: GridCursor, scroll: 'scroll' | 'keep') => {
    const row = next.pos >= 0 ? rowAt(next.pos) : -1;
    setCursor({ ...next, row });
    focusRequest.current = scroll;
    if (next.pos >= 0 && next.pos !== stop.pos) o.onActiveRowChange?.(row);
  };

  /** Makes a row the cursor's row (a reveal request), keeping the column. */
  const setActiveRow = useCallback((pos: number, row: number) => {
    setCursor((a) => ({ pos, row, col: a?.col ?? 0, detail: false }));
  }, []);

  const onFocus = (e: FocusEvent<HTMLDivElement>) => {
    focusInside.current = true;
    const root = e.currentTarget;
    if (e.target === root) {
      cellElement(root, stop)?.focus({ preventScroll: true });
      return;
    }
    const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-cell]');
    if (!cell || !root.contains(cell)) return;
    // A click on a header's sort button: the header cell keeps focus (arrows go on working).
    if (cell.dataset['cell'] === 'h' && e.target !== cell) cell.focus({ preventScroll: true });
    const at = cursorOfCell(cell, stop.col);
    const same = at && at.pos === stop.pos && at.col === stop.col && at.detail === stop.detail;
    if (at && (!cursor || !same)) setCursor({ ...at, row: at.pos >= 0 ? rowAt(at.pos) : -1 });
  };

  const onBlur = (e: FocusEvent<HTMLDivElement>) => {
    const to = e.relatedTarget as Node | null;
    if (!to || !e.currentTarget.contains(to)) focusInside.current = false;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const root = e.currentTarget;
    const target = e.target as HTMLElement;
    const cell = target.closest<HTMLElement>('[data-cell]');
    if (!cell || !root.contains(cell) || e.altKey) return;
    if (target !== cell) {
      // Inside a cell: its widgets have the keys, but for leaving and Tab.
      if (e.key === 'Escape' || e.key === 'F2') {
        e.preventDefault();
        e.stopPropagation();
        cell.focus();
      } else if (e.key === 'Tab') {
        const ws = widgets(cell);
        const i = ws.indexOf(target);
        if (ws.length > 0) {
          e.preventDefault();
          ws[(i + (e.shiftKey ? -1 : 1) + ws.length) % ws.length]!.focus();
        }
      }
      return;
    }
    const kind = cell.dataset['cell'];
    const col = Number(cell.dataset['col'] ?? 0);
    if (kind === 'h' && e.shiftKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
      e.preventDefault();
      o.onHeaderResize(col, e.key === 'ArrowLeft' ? -1 : 1);
      return;
    }
    const enter = () => {
      const ws = widgets(cell);
      if (ws.length === 0) return false;
      ws[0]!.focus();
      return true;
    };
    if (e.key === 'F2') {
      if (enter()) e.preventDefault();
      return;
    }
    if (e.key === 'Enter' || (e.key === ' ' && kind === 'h')) {
      e.preventDefault();
      if (kind === 'h') o.onHeaderEnter(col);
      else if (kind === 'x') enter();
      else if (stop.pos >= 0) o.onActivate(rowAt(stop.pos));
      return;
    }
    if (e.key === ' ') {
      // No row selection by Space; keep the browser from scrolling the focused cell away.
      e.preventDefault();
      return;
    }
    const page = pageRows(root.clientHeight, o.rowPx);
    const next = moveCursor(stop, { key: e.key, ctrl: e.ctrlKey || e.metaKey }, { ...shape, page });
    if (!next) return;
    e.preventDefault();
    moveTo(next, 'scroll');
  };

  return {
    /** The focused cell (null until a cell was focused, clicked or revealed). */
    cursor: cursor ? { ...clampCursor(cursor, shape), row: cursor.row } : null,
    /** The tab stop (tabindex 0), always rendered. */
    stop,
    setActiveRow,
    handlers: { onKeyDown, onFocus, onBlur },
  };
}

/** The element that takes focus for a cursor: a header cell, a data cell or a detail block. */
export function cellElement(root: HTMLElement, c: GridCursor): HTMLElement | null {
  if (c.pos < 0) return root.querySelector<HTMLElement>(`[data-cell="h"][data-col="${c.col}"]`);
  const row = root.querySelector<HTMLElement>(`[role=row][data-index="${c.pos}"]`);
  if (!row) return null;
  return row.querySelector<HTMLElement>(
    c.detail ? ':scope > [data-cell="x"]' : `:scope > [data-cell="d"][data-col="${c.col}"]`,
  );
}

function cursorOfCell(cell: HTMLElement, col: number): GridCursor | null {
  const kind = cell.dataset['cell'];
  const c = kind === 'x' ? col : Number(cell.dataset['col'] ?? 0);
  if (kind === 'h') return { pos: -1, col: c, detail: false };
  const row = cell.closest<HTMLElement>('[data-index]');
  if (!row) return null;
  return { pos: Number(row.dataset['index']), col: c, detail: kind === 'x' };
}

function widgets(cell: HTMLElement): HTMLElement[] {
  return [...cell.querySelectorAll<HTMLElement>(WIDGET)].filter((w) => w.getClientRects().length);
}

/** Position of row id `row` in the display order (-1 when not shown). */
export function findPos(rows: ArrayLike<number> | null, count: number, row: number): number {
  if (!rows) return row >= 0 && row < count ? row : -1;
  for (let i = 0; i < rows.length; i++) if (rows[i] === row) return i;
  return -1;
}
