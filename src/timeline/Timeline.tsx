/**
 * The timeline screen: toolbar, overview strip, ruler + tracks (two canvases under a native
 * scroller), the resizable details panel and the help overlay. React only builds this DOM; the
 * canvases are driven by TimelineView through transient store subscriptions.
 */
import { t } from '../i18n/t';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSession } from '../session/session-context';
import { useAppStore, useAppStoreApi } from '../store/use-app-store';
import { TrackLabels } from './panels/TrackLabels';
import { DetailsPanel } from './panels/DetailsPanel';
import { HelpOverlay } from './panels/HelpOverlay';
import { SearchRunner } from './view/search-runner';
import { attachInput } from './input/timeline-input';
import type { GroupsSelector, HighlightsSelector } from './core/timeline-groups';
import { TimelineView } from './view/timeline-view';
import { RULER_H } from './core/view-geometry';
import { TimelineToolbar } from './panels/TimelineToolbar';
import { KEYBOARD_HELP_ID, TimelineAnnouncer } from './panels/TimelineAnnouncer';
import './panels/timeline.css';

const MIN_PANEL = 80;

/** The panel's height on screen (sized by its content until the user drags it). */
function shownHeight(el: HTMLElement | null, fallback: number): number {
  return el ? Math.round(el.getBoundingClientRect().height) : fallback;
}

export interface TimelineProps {
  /** What to show (default: the active profile alone); e.g. the cluster's open ranks. */
  selectGroups?: GroupsSelector;
  /** Slices to outline (default: none); e.g. a collective on every rank. */
  selectHighlights?: HighlightsSelector;
}

export function Timeline({ selectGroups, selectHighlights }: TimelineProps = {}) {
  const store = useAppStoreApi();
  const controller = useSession();
  const rootRef = useRef<HTMLDivElement>(null);
  const tracksRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLCanvasElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const overviewRef = useRef<HTMLCanvasElement>(null);
  const scrollerRef = useRef<HTMLDivElement>(null);
  const spacerRef = useRef<HTMLDivElement>(null);
  const tooltipRef = useRef<HTMLDivElement>(null);
  const readoutRef = useRef<HTMLSpanElement>(null);
  const rulerRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [view, setView] = useState<TimelineView | null>(null);
  const [runner, setRunner] = useState<SearchRunner | null>(null);
  const panelHeight = useAppStore((s) => s.panelHeight);
  const panelAuto = useAppStore((s) => s.panelAuto);
  const panelRef = useRef<HTMLDivElement>(null);
  // The height shown, for the splitter's aria-valuenow (sized by content until dragged).
  const [shownPanel, setShownPanel] = useState(panelHeight);
  useEffect(() => {
    const el = panelRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let last = shownHeight(el, 0);
    const ro = new ResizeObserver(() => {
      const h = shownHeight(el, 0);
      setShownPanel(h);
      // Grown to fit a new selection's details: keep that selection's row in view (once the
      // tracks area has taken its new size).
      const st = store.getState();
      if (h > last && st.panelAuto && st.selected) {
        const sel = st.selected;
        requestAnimationFrame(() => store.getState().requestReveal(sel));
      }
      last = h;
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [store]);

  // With nothing selected the panel only holds a hint: keep it short so the tracks get the room.
  const idle = useAppStore(
    (s) => s.selected === null && s.selectedInstant === null && s.range === null,
  );
  const helpOpen = useAppStore((s) => s.helpOpen);

  useEffect(() => {
    const els = {
      root: rootRef.current,
      tracksHost: tracksRef.current,
      content: contentRef.current,
      overlay: overlayRef.current,
      overview: overviewRef.current,
      scroller: scrollerRef.current,
      spacer: spacerRef.current,
      tooltip: tooltipRef.current,
      readout: readoutRef.current,
    };
    const ruler = rulerRef.current;
    if (Object.values(els).some((e) => !e) || !ruler) return;
    const v = new TimelineView(
      store,
      els as Required<{ [K in keyof typeof els]: NonNullable<(typeof els)[K]> }>,
      { selectGroups, selectHighlights },
    );
    const r = new SearchRunner(store, (id, a) => controller.readArgs(id, a));
    // The captured element, not spacerRef.current: React clears refs before the effect cleanup,
    // and a resize callback can land in between (a tab switch).
    const spacer = els.spacer!;
    const syncSpacer = () => {
      spacer.style.height = `${v.spacerHeight}px`;
      r.setGroups(v.groups);
    };
    syncSpacer();
    const offChange = v.onChange(syncSpacer);
    const detach = attachInput(v, {
      ruler,
      focusSearch: () => searchRef.current?.focus(),
      toggleHelp: () => store.getState().setHelpOpen(!store.getState().helpOpen),
    });
    if (__TEST_HOOKS__) {
      const w = window as unknown as { __viewer?: Record<string, unknown> };
      if (w.__viewer) w.__viewer['timeline'] = { stats: v.stats, view: v };
    }
    setView(v);
    setRunner(r);
    return () => {
      offChange();
      detach();
      r.dispose();
      v.dispose();
    };
  }, [store, controller, selectGroups, selectHighlights]);

  const onSplitterDown = useCallback(
    (e: React.PointerEvent<HTMLDivElement>) => {
      const root = rootRef.current;
      if (!root) return;
      e.preventDefault();
      const target = e.currentTarget;
      target.setPointerCapture(e.pointerId);
      const startY = e.clientY;
      const startH = shownHeight(panelRef.current, store.getState().panelHeight);
      const max = Math.max(MIN_PANEL, root.getBoundingClientRect().height - 160);
      const move = (ev: PointerEvent) => {
        const h = Math.min(max, Math.max(MIN_PANEL, startH + (startY - ev.clientY)));
        store.getState().setPanelHeight(Math.round(h));
      };
      const up = () => {
        target.removeEventListener('pointermove', move);
        target.removeEventListener('pointerup', up);
      };
      target.addEventListener('pointermove', move);
      target.addEventListener('pointerup', up);
    },
    [store],
  );

  return (
    <div className="tl" ref={rootRef} data-testid="timeline">
      <TimelineToolbar view={view} runner={runner} searchRef={searchRef} readoutRef={readoutRef} />
      <canvas className="tl-overview" ref={overviewRef} data-testid="timeline-overview" />
      <div className="tl-tracks" ref={tracksRef}>
        <canvas className="tl-canvas" ref={contentRef} data-testid="timeline-canvas" />
        <canvas className="tl-canvas tl-overlay" ref={overlayRef} />
        <div
          className="tl-ruler-hit"
          ref={rulerRef}
          style={{ height: RULER_H }}
          data-testid="timeline-ruler"
        />
        <div
          className="tl-scroller"
          ref={scrollerRef}
          style={{ top: RULER_H }}
          data-testid="timeline-tracks"
          tabIndex={0}
          role="application"
          aria-roledescription={t('timeline:timeline_roledescription')}
          aria-label={t('timeline:timeline_tracks')}
          aria-describedby={KEYBOARD_HELP_ID}
        >
          <div className="tl-spacer" ref={spacerRef} />
          {view && <TrackLabels view={view} />}
        </div>
        <div className="tl-tooltip" ref={tooltipRef} hidden data-testid="timeline-tooltip" />
      </div>
      <div
        className="tl-splitter"
        role="separator"
        aria-orientation="horizontal"
        aria-label={t('timeline:resize_the_details_panel')}
        aria-valuenow={panelAuto ? shownPanel : panelHeight}
        aria-valuemin={MIN_PANEL}
        tabIndex={0}
        onPointerDown={onSplitterDown}
        onDoubleClick={() => store.getState().resetPanelHeight()}
        onKeyDown={(e) => {
          // ↑ / ↓ grow / shrink the panel by 24 px (stopped: ↑ / ↓ also walk the slice tree).
          if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
          e.preventDefault();
          e.stopPropagation();
          const h = shownHeight(panelRef.current, panelHeight) + (e.key === 'ArrowUp' ? 24 : -24);
          store.getState().setPanelHeight(Math.max(MIN_PANEL, h));
        }}
      />
      {/* Sized by its content (capped, scrolling beyond) until the user drags the splitter. */}
      <div
        ref={panelRef}
        className={panelAuto ? 'tl-panel auto' : 'tl-panel'}
        data-testid="details-panel-box"
        style={panelAuto ? undefined : { height: idle ? Math.min(panelHeight, 72) : panelHeight }}
      >
        <DetailsPanel view={view} />
      </div>
      <TimelineAnnouncer view={view} />
      {helpOpen && <HelpOverlay onClose={() => store.getState().setHelpOpen(false)} />}
    </div>
  );
}
