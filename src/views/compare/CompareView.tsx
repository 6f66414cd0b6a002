/**
 * Compare: a baseline and a target among the open profiles (ranks or runs of what was opened),
 * swap; Summary, Kernels diff, Operators diff (sortable, filterable, CSV export), Steps diff
 * (stacked bars side by side by step index) and Communication diff. Every figure is the compare
 * model's (src/model/compare), read from each side's analysis. A diff row click selects the
 * first slice of that name on the chosen side's timeline.
 */
import { t } from '../../i18n/t';
import { useEffect, useMemo, useRef, useState } from 'react';
import { compareProfiles, type DiffRow } from '../../model/compare/compare';
import type { CompareKey } from '../../model/compare/side';
import { useSession } from '../../session/session-context';
import { describePicked, filesFromInput } from '../../session/read-dropped-items';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store';
import { nounText, TableToolbar } from '../common/TableToolbar';
import { useTableView } from '../common/use-table-view';
import { ViewTable } from '../common/ViewTable';
import { CommDiff, StepsDiff, SummaryTable } from './CompareSections';
import {
  bothRanked,
  revealOnBoth,
  showPairOnTimeline,
  type ItemKind,
  type Side,
  type TimelineAlign,
} from './compare-timeline';
import { diffColumns } from './diff-columns';
import '../views.css';
import './compare.css';

/** "Compare with…": opens a folder or files beside what is open and makes them the target. */
function CompareWith({ baseline }: { baseline: string | null }) {
  const controller = useSession();
  const store = useAppStoreApi();
  const pick = async (list: FileList | null) => {
    const files = filesFromInput(list);
    if (files.length === 0) return;
    const ids = await controller.openAlongside(files, describePicked(files));
    if (ids.length === 0) return;
    // Kept in the store: the view remounts on the reopened inputs (and links carry the pair).
    store.getState().setCompareSides({ baseline, target: ids[0]! });
    store.getState().setTab('compare');
  };
  return (
    <span className="compare-with" title={t('compare:open_another_folder_or_file_as')}>
      {t('compare:compare_with')}{' '}
      <label className="tt-button">
        {t('compare:folder')}
        <input
          type="file"
          hidden
          data-testid="compare-with-folder"
          webkitdirectory=""
          multiple
          onChange={(e) => void pick(e.currentTarget.files)}
        />
      </label>{' '}
      <label className="tt-button">
        {t('compare:files')}
        <input
          type="file"
          hidden
          multiple
          data-testid="compare-with-files"
          onChange={(e) => void pick(e.currentTarget.files)}
        />
      </label>
    </span>
  );
}

export function CompareView() {
  const discovered = useAppStore((s) => s.discovered);
  const profiles = useAppStore((s) => s.profiles);
  const active = useAppStore((s) => s.activeProfileId);
  const controller = useSession();
  const store = useAppStoreApi();
  const stored = useAppStore((s) => s.compareSides);
  // The sides chosen (store: links carry them), while they name opened profiles; else the
  // active profile against the next one (something else was opened meanwhile).
  const ids = useMemo(() => {
    const known = (id: string | null) => id === null || discovered.some((d) => d.id === id);
    if (stored && known(stored.baseline) && known(stored.target)) return stored;
    const first = active ?? discovered[0]?.id ?? null;
    return { baseline: first, target: discovered.find((d) => d.id !== first)?.id ?? null };
  }, [stored, discovered, active]);
  const setIds = (x: { baseline: string | null; target: string | null }) =>
    store.getState().setCompareSides(x);
  const requested = useRef(new Set<string>());
  const [by, setBy] = useState<CompareKey>('name');
  const [threshold, setThreshold] = useState(5);
  const [showOn, setShowOn] = useState<Side>('baseline');
  const [alignChoice, setAlign] = useState<TimelineAlign | null>(null);
  // Import a chosen side that is not loaded yet (another rank / run of what was opened).
  useEffect(() => {
    for (const id of [ids.baseline, ids.target]) {
      if (id === null || profiles[id] || requested.current.has(id)) continue;
      requested.current.add(id);
      void controller.importProfile(id, false).finally(() => requested.current.delete(id));
    }
  }, [ids, profiles, controller]);
  const base = ids.baseline !== null ? profiles[ids.baseline] : undefined;
  const target = ids.target !== null ? profiles[ids.target] : undefined;
  const clusterRanks = useAppStore((s) => s.clusterRanks);
  const ranked = !!base && !!target && bothRanked(clusterRanks, base, target);
  // Ranks of one cluster align by their collectives by default, anything else at the first step.
  const align: TimelineAlign =
    alignChoice === 'collectives' && !ranked
      ? 'step'
      : (alignChoice ?? (ranked ? 'collectives' : 'step'));
  const showTimelines = () => {
    if (!base || !target) return;
    if (align === 'collectives') {
      store.getState().showCompareTimeline(null);
      void controller.openRanks([base.descriptor.id, target.descriptor.id], {
        focus: base.descriptor.id,
        collective: null,
      });
    } else showPairOnTimeline(store, base, target, align);
  };
  const reveal = (kind: ItemKind) => (r: DiffRow) =>
    !!base &&
    !!target &&
    revealOnBoth(store, { baseline: base, target }, kind, r.name, showOn, align);
  const result = useMemo(
    () => (base && target ? compareProfiles(base, target, { by, thresholdPct: threshold }) : null),
    [base, target, by, threshold],
  );
  const picker = (side: Side) => (
    <label className="compare-side">
      {side === 'baseline' ? t('compare:baseline') : t('compare:target')}{' '}
      <select
        data-testid={`compare-${side}`}
        value={ids[side] ?? ''}
        onChange={(e) => setIds({ ...ids, [side]: e.currentTarget.value || null })}
      >
        <option value="">—</option>
        {discovered.map((d) => (
          <option key={d.id} value={d.id}>
            {d.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="view scroll" data-testid="compare-view">
      <header className="view-header">
        <h1>{t('compare:compare')}</h1>
        <span className="source-note">
          {t('compare:target_baseline_baseline_figures_from_each')}
        </span>
      </header>
      <div className="view-toolbar compare-controls">
        {picker('baseline')}
        <button
          type="button"
          className="tt-button"
          data-testid="compare-swap"
          onClick={() => setIds({ baseline: ids.target, target: ids.baseline })}
        >
          {t('compare:swap')}
        </button>
        {picker('target')}
        <label>
          {t('compare:rows_per')}{' '}
          <select value={by} onChange={(e) => setBy(e.currentTarget.value as CompareKey)}>
            <option value="name">{t('compare:name_2')}</option>
            <option value="shapes">{t('compare:name_input_shapes')}</option>
          </select>
        </label>
        <label title={t('compare:total_within_this_of_the_baseline')}>
          {t('compare:same_within')}{' '}
          <input
            type="number"
            min={0}
            step={1}
            value={threshold}
            data-testid="compare-threshold"
            style={{ width: '4em' }}
            onChange={(e) => setThreshold(Math.max(0, Number(e.currentTarget.value) || 0))}
          />{' '}
          %
        </label>
        <span className="compare-timelines">
          <label title={t('compare:how_the_two_timelines_share_one_axis')}>
            {t('compare:timelines_aligned_at')}{' '}
            <select
              data-testid="compare-align"
              value={align}
              onChange={(e) => setAlign(e.currentTarget.value as TimelineAlign)}
            >
              <option value="step">{t('compare:first_step')}</option>
              <option value="start">{t('compare:trace_start')}</option>
              {ranked && <option value="collectives">{t('compare:collectives_ranks')}</option>}
            </select>
          </label>{' '}
          <button
            type="button"
            className="tt-button"
            data-testid="compare-open-both"
            disabled={!base || !target || ids.baseline === ids.target}
            title={t('compare:both_traces_on_one_time_axis')}
            onClick={showTimelines}
          >
            {t('compare:both_on_the_timeline')}
          </button>
        </span>
        <CompareWith baseline={ids.baseline} />
        <label title={t('compare:row_click_shows_both_selects_this_side')}>
          {t('compare:row_click_selects_on')}{' '}
          <select value={showOn} onChange={(e) => setShowOn(e.currentTarget.value as Side)}>
            <option value="baseline">{t('compare:baseline_2')}</option>
            <option value="target">{t('compare:target_2')}</option>
          </select>
        </label>
      </div>
      {discovered.length < 2 ? (
        <p className="muted" data-testid="compare-empty">
          {t('compare:open_a_folder_with_several_ranks')}
        </p>
      ) : !result || !base || !target ? (
        <p className="muted">
          {t('compare:choose_a_baseline_and_a_target')}
          {ids.baseline && ids.target ? ' ' + t('compare:loading') : ''}.
        </p>
      ) : (
        <>
          <SummaryTable rows={result.summary} />
          <DiffTable
            id="compare-kernels"
            title={t('compare:kernels_diff')}
            noun="kernels"
            rows={result.kernels}
            withShapes={by === 'shapes'}
            onShow={reveal('kernel')}
          />
          <DiffTable
            id="compare-operators"
            title={t('compare:operators_diff')}
            noun="operators"
            rows={result.operators}
            withShapes={by === 'shapes'}
            onShow={reveal('operator')}
          />
          <StepsDiff result={result} />
          <CommDiff rows={result.communication} />
        </>
      )}
    </div>
  );
}

function DiffTable({
  id,
  title,
  noun,
  rows,
  withShapes,
  onShow,
}: {
  id: string;
  title: string;
  noun: string;
  rows: DiffRow[];
  withShapes: boolean;
  /** Shows the row's item on both timelines. */
  onShow: (r: DiffRow) => boolean;
}) {
  const columns = useMemo(() => diffColumns(rows, withShapes), [rows, withShapes]);
  const view = useTableView({ id, data: rows, columns, rowCount: rows.length });
  const activate = (i: number) => {
    const r = rows[i];
    if (r) onShow(r);
  };
  return (
    <section className="compare-section" data-testid={`${id}-section`}>
      <h2>{title}</h2>
      <TableToolbar
        view={view}
        noun={noun}
        exportName={id}
        filterPlaceholder={t('compare:filter_name_status')}
      />
      <div className="compare-table">
        <ViewTable
          ariaLabel={title}
          testId={id}
          view={view}
          onRowActivate={activate}
          emptyText={`${t('compare:no')} ${nounText(noun)} ${t('compare:match_the_filter')}`}
        />
      </div>
    </section>
  );
}
