/**
 * A virtualised, keyboard-accessible data grid: fixed-height rows (optionally with an expanded
 * detail block under a row, measured once drawn so nothing is clipped or overlapped), a sticky header with sortable, resizable columns, and only the rows
 * in view in the DOM (@tanstack/react-virtual), so a million rows scroll like fifty.
 *
 * It knows nothing about the data: columns read cells from a row id, `rows` gives the display
 * order. Every cell is rendered as text (or by the column's `render`); nothing is parsed as HTML.
 *
 * Keyboard: the grid is one tab stop (aria-activedescendant points at the active row);
 * ↑/↓, PageUp/PageDown, Home/End move it, Enter activates it (same as a click). A column header
 * is a button (Enter sorts); Shift + ←/→ on it narrows or widens the column. Assistive
 * technology gets the sort (aria-sort, and a status line when it changes) and the full row
 * count (aria-rowcount, aria-rowindex) though only the rows in view are in the DOM.
 */
import { t } from '../i18n/t';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
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
  const uid = useId();
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
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    overscan: 12,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const detailVersion = detail?.version;
  useEffect(() => {
    virtualizer.measure();
  }, [virtualizer, detailVersion, rows]);

  // The keyboard-active row, by id, and its position in the current order.
  const [active, setActive] = useState<{ pos: number; row: number } | null>(null);
  useEffect(() => {
    setActive((a) => {
      if (!a) return a;
      if (a.pos < count && rowAt(a.pos) === a.row) return a;
      const pos = findPos(rows, count, a.row);
      return pos < 0 ? null : { pos, row: a.row };
    });
  }, [rows, count, rowAt]);

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
    setActive({ pos, row });
    virtualizer.scrollToIndex(pos, { align: 'center' });
  }, [revealSeq, revealRowId, rows, count, virtualizer]);

  const moveTo = (pos: number) => {
    if (count === 0) return;
    const p = Math.max(0, Math.min(count - 1, pos));
    const row = rowAt(p);
    setActive({ pos: p, row });
    virtualizer.scrollToIndex(p, { align: 'auto' });
    props.onActiveRowChange?.(row);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 2);
    const pos = active?.pos ?? -1;
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        moveTo(pos + 1);
        break;
      case 'ArrowUp':
        moveTo(pos < 0 ? 0 : pos - 1);
        break;
      case 'PageDown':
        moveTo(pos + page);
        break;
      case 'PageUp':
        moveTo(pos - page);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(count - 1);
        break;
      case 'Enter':
        if (active) props.onRowActivate?.(active.row, 'keyboard');
        else handled = false;
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  };

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

  const resizeByKey = (c: ColumnDef, e: KeyboardEvent<HTMLButtonElement>) => {
    if (!e.shiftKey || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
    e.preventDefault();
    e.stopPropagation();
    const w = Math.max(MIN_WIDTH, widthOf(c) + (e.key === 'ArrowLeft' ? -16 : 16));
    if (props.onColumnResize) props.onColumnResize(c.id, w);
    else setLiveWidths((m) => ({ ...m, [c.id]: w }));
  };
  const sortedColumn = props.sort ? columns.find((c) => c.id === props.sort!.column) : undefined;
  const sortText = sortedColumn
    ? `Sorted by ${sortedColumn.label}, ${props.sort!.dir === 'asc' ? 'ascending' : 'descending'}.`
    : '';

  const items = virtualizer.getVirtualItems();
  const rowDomId = (pos: number) => `${uid}-r${pos}`;
  const activeVisible = active !== null && items.some((v) => v.index === active.pos);

  return (
    <div className="dt">
      <div
        ref={scrollRef}
        className="dt-scroll"
        role="grid"
        aria-label={props.ariaLabel}
        aria-rowcount={count + 1}
        aria-colcount={columns.length}
        aria-activedescendant={active && activeVisible ? rowDomId(active.pos) : undefined}
        aria-busy={props.busy || undefined}
        tabIndex={0}
        data-testid={props.testId}
        data-rows={count}
        onKeyDown={onKeyDown}
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
            {columns.map((c) => {
              const sorted = props.sort?.column === c.id ? props.sort.dir : null;
              return (
                <div
                  key={c.id}
                  role="columnheader"
                  className={alignOf(c) === 'right' ? 'dt-th num' : 'dt-th'}
                  aria-sort={
                    sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined
                  }
                  title={c.title ?? c.label}
                >
                  <button
                    type="button"
                    className="dt-sort"
                    data-testid={`sort-${c.id}`}
                    disabled={!props.onSortChange}
                    aria-keyshortcuts="Shift+ArrowLeft Shift+ArrowRight"
                    onKeyDown={(e) => resizeByKey(c, e)}
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
              (active?.pos === v.index ? ' active' : '') +
              (open ? ' open' : '');
            return (
              <div
                key={v.key}
                // An open row's real height (its detail block) is measured, not assumed.
                ref={open ? virtualizer.measureElement : undefined}
                data-index={v.index}
                id={rowDomId(v.index)}
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
                onClick={(e) => {
                  setActive({ pos: v.index, row });
                  props.onRowActivate?.(row, 'click', e);
                }}
              >
                {columns.map((c) => {
                  const text = c.text(row);
                  return (
                    <div
                      key={c.id}
                      role="gridcell"
                      className={alignOf(c) === 'right' ? 'dt-td num' : 'dt-td'}
                      title={text}
                    >
                      {cellContent(c, row, text)}
                    </div>
                  );
                })}
                {open && detail && (
                  <div
                    className="dt-detail"
                    style={{ maxHeight: detail.maxHeight }}
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

/** Position of row id `row` in the display order (-1 when not shown). */
function findPos(rows: ArrayLike<number> | null, count: number, row: number): number {
  if (!rows) return row >= 0 && row < count ? row : -1;
  for (let i = 0; i < rows.length; i++) if (rows[i] === row) return i;
  return -1;
}
