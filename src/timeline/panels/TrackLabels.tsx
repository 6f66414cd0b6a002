/**
 * The track names as keyboard targets: the label column is drawn on the canvas, so this lays one
 * focusable element over each row in view (pinned rows included) — a roving tab stop after the
 * tracks. ↑/↓ move between tracks (scrolling as needed), Home/End go to the first/last,
 * Enter/Space fold or unfold the track (as a click on its name), P pins or unpins it, Esc goes
 * back to the tracks. Each carries the track's name, its fold state and whether it is pinned.
 * The elements take no pointer events: the mouse still talks to the canvas.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { t } from '../../i18n/t';
import { type Row } from '../core/row-layout';
import { visibleRowRange } from '../core/row-geometry';
import { LABEL_W, RULER_H } from '../core/view-geometry';
import type { TimelineView } from '../view/timeline-view';

interface Placed {
  row: Row;
  /** Top within the scroller's content, CSS px. */
  top: number;
}

/** Every row in keyboard order: pinned first, then the scrolled ones. */
const allRows = (v: TimelineView): Row[] => [...v.layout.pinned, ...v.layout.rows];

function placedRows(v: TimelineView): Placed[] {
  const { pinned, pinnedHeight, rows } = v.layout;
  const top = v.scrollTop;
  const viewH = Math.max(0, v.height - RULER_H - pinnedHeight);
  const [a, b] = visibleRowRange(rows, top, top + viewH);
  return [
    ...pinned.map((row) => ({ row, top: top + row.y })),
    ...rows.slice(a, b).map((row) => ({ row, top: pinnedHeight + row.y })),
  ];
}

function rowName(r: Row): string {
  const name = r.subtitle ? `${r.title} ${r.subtitle}` : r.title;
  return r.pinned ? t('timeline:track_label_pinned', { name }) : name;
}

export function TrackLabels({ view }: { view: TimelineView }) {
  const [placed, setPlaced] = useState<Placed[]>(() => placedRows(view));
  const [active, setActive] = useState<string | null>(null);
  const focusWanted = useRef<string | null>(null);
  const boxRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let raf = 0;
    const update = () => {
      cancelAnimationFrame(raf);
      raf = requestAnimationFrame(() => setPlaced(placedRows(view)));
    };
    const off = view.onChange(update);
    const scroller = view.el.scroller;
    scroller.addEventListener('scroll', update);
    const ro = new ResizeObserver(update);
    ro.observe(scroller);
    update();
    return () => {
      off();
      scroller.removeEventListener('scroll', update);
      ro.disconnect();
      cancelAnimationFrame(raf);
    };
  }, [view]);

  // Focus follows the wanted track once it is laid out (after a scroll brought it into view).
  useEffect(() => {
    const key = focusWanted.current;
    if (key === null) return;
    const el = boxRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
    if (el) {
      focusWanted.current = null;
      el.focus({ preventScroll: true });
    }
  }, [placed]);

  const goTo = useCallback(
    (row: Row) => {
      setActive(row.key);
      focusWanted.current = row.key;
      if (!row.pinned) {
        const { pinnedHeight } = view.layout;
        const viewH = Math.max(0, view.height - RULER_H - pinnedHeight);
        if (row.y < view.scrollTop) view.setScrollTop(row.y);
        else if (row.y + row.height > view.scrollTop + viewH)
          view.setScrollTop(row.y + row.height - viewH);
      }
      setPlaced(placedRows(view));
    },
    [view],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLElement>, row: Row) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const rows = allRows(view);
    const at = rows.findIndex((r) => r.key === row.key);
    let next: Row | undefined;
    switch (e.key) {
      case 'ArrowDown':
        next = rows[Math.min(rows.length - 1, at + 1)];
        break;
      case 'ArrowUp':
        next = rows[Math.max(0, at - 1)];
        break;
      case 'Home':
        next = rows[0];
        break;
      case 'End':
        next = rows[rows.length - 1];
        break;
      case 'Enter':
      case ' ':
        view.toggleRow(row.key);
        focusWanted.current = row.key;
        break;
      case 'p':
      case 'P':
        view.store.getState().togglePinned(row.key);
        focusWanted.current = row.key;
        break;
      case 'Escape':
        view.el.scroller.focus();
        break;
      default:
        return;
    }
    // Stopped: the timeline's own keys (W/A/S/D, arrows, Esc) listen on the window.
    e.preventDefault();
    e.stopPropagation();
    if (next) goTo(next);
  };

  const stop = placed.some((p) => p.row.key === active) ? active : (placed[0]?.row.key ?? null);
  return (
    <div
      ref={boxRef}
      className="tl-labels"
      role="group"
      aria-label={t('timeline:track_labels')}
      data-testid="timeline-track-labels"
    >
      {placed.map(({ row, top }) => (
        <div
          key={row.key}
          data-key={row.key}
          className={`tl-label${row.pinned ? ' pinned' : ''}`}
          style={{ top, height: row.height, width: LABEL_W }}
          role="button"
          tabIndex={row.key === stop ? 0 : -1}
          aria-label={rowName(row)}
          aria-expanded={row.collapsible ? !row.collapsed : undefined}
          aria-keyshortcuts="Enter Space P"
          onFocus={() => setActive(row.key)}
          onKeyDown={(e) => onKeyDown(e, row)}
        />
      ))}
    </div>
  );
}
