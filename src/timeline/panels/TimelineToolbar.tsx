/**
 * Timeline toolbar: search (substring / regex, optionally args) with match count and stepping,
 * flow arrow options per category, collapse / expand all, the cursor's exact time, and help.
 */
import { t } from '../../i18n/t';
import { useMemo, type ReactNode, type RefObject } from 'react';
import { useAppStore } from '../../store/use-app-store';
import { selectActiveTrace } from '../../store/selectors';
import { formatCount } from '../../lib/format';
import type { SearchRunner } from '../view/search-runner';
import { stepSearch } from '../input/timeline-keys';
import type { TimelineView } from '../view/timeline-view';
import { TrackMenu } from './TrackMenu';
import { IdleOverlayToggle } from '../../views/advisor/IdleOverlayToggle';
import { PaletteSelect } from './PaletteSelect';

interface Props {
  view: TimelineView | null;
  runner: SearchRunner | null;
  searchRef: RefObject<HTMLInputElement | null>;
  readoutRef: RefObject<HTMLSpanElement | null>;
}

export function TimelineToolbar({ view, runner, searchRef, readoutRef }: Props) {
  const query = useAppStore((s) => s.searchQuery);
  const regex = useAppStore((s) => s.searchRegex);
  const args = useAppStore((s) => s.searchArgs);
  const status = useAppStore((s) => s.searchStatus);
  const progress = useAppStore((s) => s.searchProgress);
  const count = useAppStore((s) => s.searchCount);
  const current = useAppStore((s) => s.searchCurrent);
  const error = useAppStore((s) => s.searchError);
  const setQuery = useAppStore((s) => s.setSearchQuery);
  const trackFilter = useAppStore((s) => s.trackFilter);
  const setTrackFilter = useAppStore((s) => s.setTrackFilter);
  const setOptions = useAppStore((s) => s.setSearchOptions);
  const collapseAll = useAppStore((s) => s.collapseAll);
  const expandAll = useAppStore((s) => s.expandAll);
  const setHelpOpen = useAppStore((s) => s.setHelpOpen);
  const trace = useAppStore(selectActiveTrace);

  const step = (dir: 1 | -1) => {
    if (!view || !runner) return;
    // A search still pending for what was just typed: wait for its results first.
    if (runner.busy) void runner.runNow().then(() => stepSearch(view, dir));
    else stepSearch(view, dir);
  };

  let countText = '';
  if (status === 'running')
    countText = t('timeline:search_running', { percent: Math.round(progress * 100) });
  else if (status === 'error') countText = t('timeline:search_invalid', { error: error ?? '' });
  else if (query && status === 'done')
    countText =
      count === 0
        ? t('timeline:search_no_matches')
        : `${current >= 0 ? formatCount(current + 1) : '–'} / ${formatCount(count)}`;

  return (
    <div className="tl-toolbar" role="toolbar" aria-label={t('timeline:timeline_tools')}>
      <div className="tl-search">
        <input
          ref={searchRef}
          type="search"
          className="tl-search-input"
          placeholder={t('timeline:search_slices')}
          aria-label={t('timeline:search_slices_2')}
          data-testid="timeline-search"
          value={query}
          spellCheck={false}
          onChange={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              step(e.shiftKey ? -1 : 1);
            } else if (e.key === 'Escape') {
              e.currentTarget.blur();
            }
          }}
        />
        <Toggle
          on={regex}
          title={t('timeline:regular_expression')}
          testId="search-regex"
          onClick={() => setOptions({ regex: !regex })}
        >
          .*
        </Toggle>
        <Toggle
          on={args}
          title={t('timeline:also_search_args_slower_decodes_them')}
          testId="search-args"
          onClick={() => setOptions({ args: !args })}
        >
          {t('timeline:args_2')}
        </Toggle>
        <span className="tl-count" data-testid="search-count" data-status={status}>
          {countText}
        </span>
        <button
          className="tl-icon"
          title={t('timeline:previous_match_shift_enter')}
          aria-label={t('timeline:previous_match')}
          onClick={() => step(-1)}
        >
          ‹
        </button>
        <button
          className="tl-icon"
          title={t('timeline:next_match_enter')}
          aria-label={t('timeline:next_match')}
          onClick={() => step(1)}
        >
          ›
        </button>
      </div>
      <FlowMenu view={view} traceKey={trace} />
      <IdleOverlayToggle />
      <TrackMenu view={view} />
      <input
        className="tl-search-input tl-track-filter"
        type="search"
        placeholder={t('timeline:filter_tracks')}
        title={t('timeline:show_only_tracks_whose_rank_process')}
        aria-label={t('timeline:filter_tracks')}
        value={trackFilter}
        onChange={(e) => setTrackFilter(e.currentTarget.value)}
        onKeyDown={(e) => e.stopPropagation()}
        data-testid="track-filter"
      />
      <button className="button subtle" onClick={expandAll} data-testid="expand-all">
        {t('timeline:expand_all')}
      </button>
      <button className="button subtle" onClick={collapseAll} data-testid="collapse-all">
        {t('timeline:collapse_all')}
      </button>
      <PaletteSelect />
      <span className="tl-readout" ref={readoutRef} data-testid="cursor-readout" />
      <button
        className="tl-icon tl-help-button"
        title={t('timeline:keyboard_and_mouse_help')}
        aria-label={t('timeline:help')}
        data-testid="timeline-help-button"
        onClick={() => setHelpOpen(true)}
      >
        ?
      </button>
    </div>
  );
}

function Toggle({
  on,
  title,
  testId,
  onClick,
  children,
}: {
  on: boolean;
  title: string;
  testId: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      className={on ? 'tl-toggle on' : 'tl-toggle'}
      aria-pressed={on}
      title={title}
      data-testid={testId}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

function FlowMenu({ view, traceKey }: { view: TimelineView | null; traceKey: unknown }) {
  const mode = useAppStore((s) => s.flowMode);
  const hidden = useAppStore((s) => s.hiddenFlowCats);
  const setMode = useAppStore((s) => s.setFlowMode);
  const toggle = useAppStore((s) => s.toggleFlowCat);
  const cats = useMemo(() => (view && traceKey ? view.flowCategories() : []), [view, traceKey]);
  if (cats.length === 0) return null;
  const shown = cats.filter((c) => !hidden[c.name]).length;
  return (
    <details className="tl-menu" data-testid="flow-menu">
      <summary className="button subtle">
        {t('timeline:flows')} {shown}/{cats.length}
      </summary>
      <div className="tl-menu-body">
        <fieldset>
          <legend>{t('timeline:arrows')}</legend>
          <label>
            <input
              type="radio"
              checked={mode === 'selected'}
              onChange={() => setMode('selected')}
            />

            {t('timeline:of_the_selected_slice')}
          </label>
          <label>
            <input
              type="radio"
              checked={mode === 'visible'}
              onChange={() => setMode('visible')}
              data-testid="flow-mode-visible"
            />

            {t('timeline:all_in_view')}
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('timeline:categories')}</legend>
          {cats.map((c) => (
            <label key={c.name}>
              <input
                type="checkbox"
                checked={!hidden[c.name]}
                onChange={() => toggle(c.name)}
                data-testid={`flow-cat-${c.name}`}
              />
              {c.name || t('timeline:no_category')}{' '}
              <span className="muted">{formatCount(c.count)}</span>
            </label>
          ))}
        </fieldset>
      </div>
    </details>
  );
}
