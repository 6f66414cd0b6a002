/**
 * A virtualised, keyboard-accessible data grid: fixed-height rows (optionally with an expanded
 * detail block under a row, measured once drawn so nothing is clipped or overlapped), a sticky header with sortable, resizable columns, and only the rows
 * in view in the DOM (@tanstack/react-virtual), so a million rows scroll like fifty.
 *
 * It knows nothing about the data: columns read cells from a row id, `rows` gives the display
 * order. Every cell is rendered as text (or by the column's `render`); nothing is parsed as HTML.
 *
 * Keyboard (WAI-ARIA APG grid, use-grid-focus.ts): one tab stop, a cell (roving tabindex);
 * ←/→ move between cells, ↑/↓ between rows (an open detail block is a line of its own),
 * Home/End to the row's first/last cell, Ctrl+Home/End to the table's first/last cell,
 * PageUp/PageDown by a page; Enter on a header cell sorts (Shift+←/→ narrows/widens the column),
 * Enter on a data cell does what a click on the row does; F2 moves into a cell's buttons or
 * links, Esc back. The focused cell's row is always rendered, so focus survives scrolling.
 * Assistive technology gets the sort (aria-sort, and a status line when it changes) and the
 * full row count (aria-rowcount, aria-rowindex, aria-colindex) though only the rows in view are
 * in the DOM.
 */
import { t } from '../i18n/t';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type MouseEvent,
  type PointerEvent,
  type ReactNode,
} from 'react';
import {
  alignOf,
  cellContent,
  CONTENT_SAMPLE,
  contentWidth,
  labelWidth,
  nextSort,
  type ColumnDef,
  type SortSpec,
} from './column';
import { findPos, useGridFocus } from './use-grid-focus';
import './table.css';

export const ROW_HEIGHT = 22;
const HEADER_HEIGHT = 26;
const MIN_WIDTH = 40;
const DEFAULT_WIDTH = 120;

/** Extra content shown under some rows (e.g. an operator's call stack). */
export interface RowDetail {
  isOpen: (row: number) => boolean;
  /**
   * Estimated height of the detail block, CSS px: rows are positioned from it until the open row
   * is drawn, then from its measured height (so an estimate that is off clips nothing).
   */
  height: (row: number) => number;
  /** Largest detail block, CSS px; longer content scrolls inside it. */
  maxHeight?: number;
  render: (row: number) => ReactNode;
  /** Changes whenever the set of open rows changes. */
  version: unknown;
}

export interface DataTableProps {
  /** Visible columns, in order. */
  columns: readonly ColumnDef[];
  /** Row ids in display order; null = 0..rowCount-1. */
  rows: ArrayLike<number> | null;
  rowCount: number;
  sort?: SortSpec | null;
  onSortChange?: (s: SortSpec | null) => void;
  /** Row id shown as selected (e.g. the kernel of the slice selected on the timeline). */
  selectedRow?: number | null;
  /** When `seq` changes, scrolls to this row id and makes it the active row. */
  revealRow?: { row: number; seq: unknown } | null;
  /** Click or Enter on a row. */
  onRowActivate?: (row: number, how: 'click' | 'keyboard', e?: MouseEvent) => void;
  /** The keyboard-active row changed (arrow keys). */
  onActiveRowChange?: (row: number) => void;
  columnWidths?: Readonly<Record<string, number>>;
  onColumnResize?: (column: string, width: number) => void;
  detail?: RowDetail;
  ariaLabel: string;
  testId?: string;
  emptyText?: string;
  /** Shows a "working" badge (a newer sort/filter is being computed). */
  busy?: boolean;
}

export function DataTable(props: DataTableProps) {
  const { columns, rows, rowCount, detail } = props;
  const count = rows ? rows.length : rowCount;
  const rowAt = useCallback((pos: number) => (rows ? rows[pos]! : pos), [rows]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [liveWidths, setLiveWidths] = useState<Record<string, number>>({});
  // Until the user resizes a column, it fits its label and its content (the first rows shown,
  // up to MAX_CONTENT_WIDTH); the width the user drags to is kept (columnWidths).
  const fitted = useMemo(() => {
    const sample: number[] = [];
    for (let i = 0; i < Math.min(count, CONTENT_SAMPLE); i++) sample.push(rowAt(i));
    return new Map(columns.map((c) => [c.id, contentWidth(c, sample)]));
  }, [columns, count, rowAt]);
  const widthOf = (c: ColumnDef) =>
    liveWidths[c.id] ??
    props.columnWidths?.[c.id] ??
    Math.max(c.width ?? DEFAULT_WIDTH, labelWidth(c.label), fitted.get(c.id) ?? 0);
  const widths = columns.map(widthOf);
  const template = `${widths.map((w) => `${w}px`).join(' ')} minmax(0, 1fr)`;
  const totalWidth = widths.reduce((a, b) => a + b, 0);

  const estimateSize = useCallback(
    (i: number) => {
      if (!detail) return ROW_HEIGHT;
      const r = rowAt(i);
      return detail.isOpen(r) ? ROW_HEIGHT + detail.height(r) : ROW_HEIGHT;
    },
    [detail, rowAt],
  );
  const detailVersion = detail?.version;
  const isOpenPos = useMemo(
    () => (detail ? (pos: number) => pos < count && detail.isOpen(rowAt(pos)) : undefined),
    // The open set changes with `detail.version`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [detail, detailVersion, count, rowAt],
  );
  const grid = useGridFocus({
    scrollRef,
    rows,
    count,
    cols: columns.length,
    rowAt,
    rowPx: ROW_HEIGHT,
    isOpenPos,
    onActivate: (row) => props.onRowActivate?.(row, 'keyboard'),
    onHeaderEnter: (col) => {
      const c = columns[col];
      if (c && props.onSortChange) props.onSortChange(nextSort(props.sort ?? null, c));
    },
    onHeaderResize: (col, dir) => {
      const c = columns[col];
      if (c) resizeBy(c, dir * 16);
    },
    onActiveRowChange: props.onActiveRowChange,
  });
  const { cursor, stop, setActiveRow } = grid;
  // The tab stop's row stays rendered, so focus survives rows being recycled by scrolling.
  const keepPos = stop.pos;
  const rangeExtractor = useCallback(
    (range: Range) => {
      const r = defaultRangeExtractor(range);
      if (keepPos < 0 || keepPos >= range.count || r.includes(keepPos)) return r;
      return [...r, keepPos].sort((x, y) => x - y);
    },
    [keepPos],
  );
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    overscan: 12,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    rangeExtractor,
  });
  useEffect(() => {
    virtualizer.measure();
  }, [virtualizer, detailVersion, rows]);

  // A reveal request waits until its row is in the rows shown (e.g. a sort still running), then
  // scrolls once; later re-sorts keep the user's scroll position.
  const revealSeq = props.revealRow?.seq;
  const revealRowId = props.revealRow?.row;
  const pendingReveal = useRef<number | null>(null);
  useEffect(() => {
    pendingReveal.current = revealRowId ?? null;
  }, [revealSeq, revealRowId]);
  useEffect(() => {
    const row = pendingReveal.current;
    if (row === null) return;
    const pos = findPos(rows, count, row);
    if (pos < 0) return;
    pendingReveal.current = null;
    setActiveRow(pos, row);
    virtualizer.scrollToIndex(pos, { align: 'center' });
  }, [revealSeq, revealRowId, rows, count, virtualizer, setActiveRow]);

  const startResize = (c: ColumnDef, e: PointerEvent<HTMLSpanElement>) => {
    e.preventDefault();
    e.stopPropagation();
    const el = e.currentTarget;
    el.setPointerCapture(e.pointerId);
    const x0 = e.clientX;
    const w0 = widthOf(c);
    let w = w0;
    const move = (ev: globalThis.PointerEvent) => {
      w = Math.max(MIN_WIDTH, w0 + ev.clientX - x0);
      setLiveWidths((m) => ({ ...m, [c.id]: w }));
    };
    const up = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', up);
      props.onColumnResize?.(c.id, w);
      setLiveWidths((m) => {
        const { [c.id]: _done, ...rest } = m;
        return props.onColumnResize ? rest : { ...rest, [c.id]: w };
      });
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
  };

  const resizeBy = (c: ColumnDef, dx: number) => {
    const w = Math.max(MIN_WIDTH, widthOf(c) + dx);
    if (props.onColumnResize) props.onColumnResize(c.id, w);
    else setLiveWidths((m) => ({ ...m, [c.id]: w }));
  };
  const sortedColumn = props.sort ? columns.find((c) => c.id === props.sort!.column) : undefined;
  const sortText = !sortedColumn
    ? ''
    : props.sort!.dir === 'asc'
      ? t('tables:grid_sorted_asc', { column: sortedColumn.label })
      : t('tables:grid_sorted_desc', { column: sortedColumn.label });

  const items = virtualizer.getVirtualItems();
  const colCount = columns.length + (detail ? 1 : 0);
  const tabOf = (pos: number, col: number, isDetail = false) =>
    stop.pos === pos && (isDetail ? stop.detail : !stop.detail && stop.col === col) ? 0 : -1;

  return (
    <div className="dt">
      <div
        ref={scrollRef}
        className="dt-scroll"
        role="grid"
        aria-label={props.ariaLabel}
        aria-rowcount={count + 1}
        aria-colcount={colCount}
        aria-busy={props.busy || undefined}
        // Not a tab stop itself (a cell is); focusing it (a click on empty space) moves to the stop.
        tabIndex={-1}
        data-testid={props.testId}
        data-rows={count}
        {...grid.handlers}
      >
        <div
          className="dt-inner"
          style={{ height: virtualizer.getTotalSize(), minWidth: totalWidth }}
        >
          <div
            className="dt-head"
            role="row"
            aria-rowindex={1}
            style={{ gridTemplateColumns: template, height: HEADER_HEIGHT }}
          >
            {columns.map((c, ci) => {
              const sorted = props.sort?.column === c.id ? props.sort.dir : null;
              return (
                <div
                  key={c.id}
                  role="columnheader"
                  className={alignOf(c) === 'right' ? 'dt-th num' : 'dt-th'}
                  aria-colindex={ci + 1}
                  aria-sort={
                    sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined
                  }
                  aria-keyshortcuts={
                    props.onSortChange ? 'Enter Shift+ArrowLeft Shift+ArrowRight' : undefined
                  }
                  title={c.title ?? c.label}
                  tabIndex={tabOf(-1, ci)}
                  data-cell="h"
                  data-col={ci}
                >
                  <button
                    type="button"
                    className="dt-sort"
                    data-testid={`sort-${c.id}`}
                    disabled={!props.onSortChange}
                    tabIndex={-1}
                    onClick={() => props.onSortChange?.(nextSort(props.sort ?? null, c))}
                  >
                    <span className="dt-label">{c.label}</span>
                    <span className="dt-arrow" aria-hidden>
                      {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                    </span>
                  </button>
                  <span
                    className="dt-resize"
                    role="separator"
                    aria-orientation="vertical"
                    aria-label={`${t('tables:resize')} ${c.label}`}
                    onPointerDown={(e) => startResize(c, e)}
                  />
                </div>
              );
            })}
          </div>
          {items.map((v) => {
            const row = rowAt(v.index);
            const open = detail?.isOpen(row) ?? false;
            const cls =
              'dt-row' +
              (v.index % 2 ? ' odd' : '') +
              (row === props.selectedRow ? ' selected' : '') +
              (cursor?.pos === v.index ? ' active' : '') +
              (open ? ' open' : '');
            return (
              <div
                key={v.key}
                // An open row's real height (its detail block) is measured, not assumed.
                ref={open ? virtualizer.measureElement : undefined}
                data-index={v.index}
                role="row"
                aria-rowindex={v.index + 2}
                aria-selected={row === props.selectedRow}
                className={cls}
                data-row={row}
                style={{
                  transform: `translateY(${v.start}px)`,
                  height: open ? undefined : v.size,
                  gridTemplateColumns: template,
                  gridTemplateRows: open ? `${ROW_HEIGHT}px auto` : `${ROW_HEIGHT}px`,
                }}
                onClick={(e) => props.onRowActivate?.(row, 'click', e)}
              >
                {columns.map((c, ci) => {
                  const text = c.text(row);
                  return (
                    <div
                      key={c.id}
                      role="gridcell"
                      className={alignOf(c) === 'right' ? 'dt-td num' : 'dt-td'}
                      aria-colindex={ci + 1}
                      title={text}
                      tabIndex={tabOf(v.index, ci)}
                      data-cell="d"
                      data-col={ci}
                    >
                      {cellContent(c, row, text)}
                    </div>
                  );
                })}
                {open && detail && (
                  // The detail block is one more cell of its row, drawn under it (a line of
                  // its own for ↑/↓; Enter or F2 moves into its buttons).
                  <div
                    role="gridcell"
                    className="dt-detail"
                    aria-colindex={columns.length + 1}
                    aria-keyshortcuts="Enter F2"
                    style={{ maxHeight: detail.maxHeight }}
                    tabIndex={tabOf(v.index, 0, true)}
                    data-cell="x"
                    onClick={(e) => e.stopPropagation()}
                  >
                    {detail.render(row)}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
      {count === 0 && (
        <div className="dt-empty" style={{ top: HEADER_HEIGHT }}>
          {props.busy ? t('tables:working') : (props.emptyText ?? t('tables:no_rows'))}
        </div>
      )}
      {props.busy && count > 0 && <div className="dt-busy">{t('tables:working')}</div>}
      <div className="visually-hidden" role="status">
        {sortText}
      </div>
    </div>
  );
}
