/**
 * Cluster: every rank of a distributed run at once. The overview (facts, the rank × step
 * heatmap, per-rank totals, groups) comes from each rank's small files, loaded in the background
 * after the first rank opens; traces are parsed only for the ranks opened on the timeline.
 */
import { t } from '../../i18n/t';
import { useEffect, useMemo } from 'react';
import { useSession } from '../../session/session-context';
import { CLUSTER_METRICS, type ClusterMetric } from '../../model/cluster/analyze';
import type { ClusterModel } from '../../model/cluster/cluster-model';
import { partnerRank } from '../../model/cluster/cluster-model';
import { compareGroups, groupLabel, peerGroupOf } from '../../model/cluster/groups';
import { heatmapRows, type RowOrder } from '../../model/cluster/heatmap';
import {
  selectClusterModel,
  selectHighlightedSlices,
  selectTimelineGroups,
} from '../../store/cluster-selectors';
import type { ClusterColorMode } from '../../store/cluster-slice';
import { useAppStore } from '../../store/use-app-store';
import { Segmented } from '../../ui/Segmented';
import { ClusterAdvice } from './ClusterAdvice';
import { ClusterCommPanel } from './ClusterCommPanel';
import { ClusterFacts } from './ClusterFacts';
import { CollectivesPanel } from './CollectivesPanel';
import { METRIC_LABELS, slowRankShown } from './cluster-text';
import { OffsetsPanel } from './OffsetsPanel';
import { RankHeatmap } from './RankHeatmap';
import { RanksTable } from './RanksTable';
import '../views.css';
import './cluster.css';

export function ClusterView() {
  useEffect(() => {
    if (!__TEST_HOOKS__) return;
    // e2e reads what the timeline draws through the same selectors the timeline uses.
    const w = window as unknown as { __viewer?: Record<string, unknown> };
    if (w.__viewer)
      w.__viewer['cluster'] = { selectClusterModel, selectTimelineGroups, selectHighlightedSlices };
  }, []);
  const status = useAppStore((s) => s.clusterStatus);
  const progress = useAppStore((s) => s.clusterProgress);
  const error = useAppStore((s) => s.clusterError);
  const model = useAppStore(selectClusterModel);
  const discovered = useAppStore((s) => s.discovered);
  const controller = useSession();
  const ranks = discovered.filter((d) => d.kind === 'ascend').length;

  if (status === 'loading' || (status === 'idle' && ranks >= 2 && !model)) {
    const done = progress?.done ?? 0;
    const total = progress?.total ?? ranks;
    return (
      <div className="view" data-testid="cluster-view">
        <div className="cl-loading" data-testid="cluster-loading">
          <h2>{t('cluster:reading_every_rank_s_summary_files')}</h2>
          <p className="muted">
            {t('cluster:step_trace_time_communication_and_profiler')}{' '}
            {t('cluster:n_ranks', { count: total })} {t('cluster:never_their_traces')}
          </p>
          <progress max={Math.max(1, total)} value={done} aria-label={t('cluster:ranks_read')} />
          <span className="muted small">
            {done} / {total}
          </span>
        </div>
      </div>
    );
  }
  if (status === 'error') {
    return (
      <div className="view" data-testid="cluster-view">
        <div className="missing" role="alert">
          <h2>{t('cluster:the_cluster_overview_could_not_be')}</h2>
          <p>{error}</p>
          <button
            type="button"
            className="button"
            onClick={() => void controller.clusterOverview()}
          >
            {t('cluster:try_again')}
          </button>
        </div>
      </div>
    );
  }
  if (!model || model.ranks.length === 0) {
    return (
      <div className="view" data-testid="cluster-view">
        <div className="missing" role="note" data-testid="cluster-none">
          <h2>{t('cluster:no_cluster_to_compare')}</h2>
          <p>
            {t('cluster:the_cluster_view_compares_the_ranks')} <code>{t('cluster:ascend_pt')}</code>{' '}
            {t('cluster:folder_and_msprof_analyze_s')}{' '}
            <code>{t('cluster:cluster_analysis_output')}</code>
            {t('cluster:if_you_have_it')}
          </p>
          <p className="muted">
            {ranks === 1
              ? t('cluster:what_is_open_has_a_single')
              : `${t('cluster:what_is_open_has')} ${ranks} ${t('cluster:profiler_folders')}`}
          </p>
        </div>
      </div>
    );
  }
  return <ClusterBody model={model} />;
}

function ClusterBody({ model }: { model: ClusterModel }) {
  return (
    <div className="view scroll cluster" data-testid="cluster-view">
      <header className="view-header">
        <h1>{t('cluster:cluster')}</h1>
        <SourcesNote model={model} />
      </header>
      <ClusterFacts model={model} />
      <ClusterAdvice />
      <HeatmapPanel model={model} />
      <div className="cl-grid">
        <OffsetsPanel model={model} />
        <CollectivesPanel model={model} />
      </div>
      <RanksTable model={model} />
      <ClusterCommPanel model={model} />
    </div>
  );
}

function SourcesNote({ model }: { model: ClusterModel }) {
  const count = <T,>(m: Map<number, T>, v: T) => [...m.values()].filter((x) => x === v).length;
  const perRankSteps = count(model.stepsFrom, 'per-rank');
  const clusterSteps = count(model.stepsFrom, 'cluster');
  const parts: string[] = [];
  const clusterOutput = t('cluster:source_cluster_output');
  if (perRankSteps > 0) parts.push(t('cluster:source_steps_per_rank', { n: perRankSteps }));
  if (clusterSteps > 0)
    parts.push(
      t('cluster:source_steps', {
        source: model.output?.stepsSource ?? clusterOutput,
        n: clusterSteps,
      }),
    );
  const comm = count(model.collectivesFrom, 'communication.json');
  const ccomm = count(model.collectivesFrom, 'cluster_communication.json');
  if (comm > 0)
    parts.push(t('cluster:source_collectives', { source: 'communication.json', n: comm }));
  if (ccomm > 0)
    parts.push(
      t('cluster:source_collectives', {
        source: model.output?.commSource ?? clusterOutput,
        n: ccomm,
      }),
    );
  return (
    <span className="source-note" data-testid="cluster-sources">
      {parts.length === 0 ? t('cluster:no_step_or_communication_files_found') : parts.join(' · ')}
    </span>
  );
}

const ORDER_OPTIONS: { value: RowOrder; label: string }[] = [
  {
    value: 'rank',
    get label() {
      return t('cluster:by_rank');
    },
  },
  {
    value: 'slowest',
    get label() {
      return t('cluster:slowest_first');
    },
  },
];
const COLOR_OPTIONS: { value: ClusterColorMode; label: string; title: string }[] = [
  {
    value: 'median',
    get label() {
      return t('cluster:vs_step_median');
    },
    get title() {
      return t('cluster:colour_by_how_far_each_rank');
    },
  },
  {
    value: 'value',
    get label() {
      return t('cluster:value');
    },
    get title() {
      return t('cluster:colour_by_the_value_itself');
    },
  },
];

function HeatmapPanel({ model }: { model: ClusterModel }) {
  const controller = useSession();
  const metric = useAppStore((s) => s.clusterMetric);
  const mode = useAppStore((s) => s.clusterColorMode);
  const order = useAppStore((s) => s.clusterRowOrder);
  const groupKey = useAppStore((s) => s.clusterGroup);
  const selected = useAppStore((s) => s.clusterSelectedRanks);
  const openIds = useAppStore((s) => s.clusterOpenRanks);
  const theme = useAppStore((s) => s.theme);
  const setView = useAppStore((s) => s.setClusterView);
  const toggle = useAppStore((s) => s.toggleClusterRank);
  const setSelected = useAppStore((s) => s.setClusterSelectedRanks);

  // Groups worth filtering by: at least two ranks, fewer than all.
  const groups = useMemo(
    () =>
      model.groups
        .filter((g) => g.ranks.length >= 2 && g.ranks.length < model.ranks.length)
        .sort(compareGroups),
    [model],
  );
  const group = groups.find((g) => g.key === groupKey) ?? null;
  const only = useMemo(() => (group ? new Set(group.ranks) : null), [group]);
  const data = useMemo(
    () => heatmapRows(model.ranks, metric, only, order),
    [model.ranks, metric, only, order],
  );
  const openRanks = useMemo(
    () =>
      openIds.flatMap((id) => {
        const r = model.ranks.find((x) => x.profileId === id);
        return r ? [r.rank] : [];
      }),
    [openIds, model.ranks],
  );
  const byName = useMemo(() => {
    const m = new Map<string, typeof groups>();
    for (const g of groups) {
      const k = g.name || 'other';
      m.set(k, [...(m.get(k) ?? []), g]);
    }
    return m;
  }, [groups]);

  const canOpen = model.ranks.some((r) => r.profileId !== '');
  const openCell = (rank: number, step: string) => {
    const r = model.byRank.get(rank);
    if (!r?.profileId) return;
    const peers = peerGroupOf(rank, model.groups)?.ranks ?? model.ranks.map((x) => x.rank);
    const partner = partnerRank(model, rank, peers);
    const ids = [r.profileId];
    const p = partner === null ? null : model.byRank.get(partner);
    if (p?.profileId) ids.push(p.profileId);
    void controller.openRanks(ids, { focus: r.profileId, step });
  };
  const openSelected = () => {
    const ids = selected.flatMap((rank) => {
      const id = model.byRank.get(rank)?.profileId;
      return id ? [id] : [];
    });
    if (ids.length > 0) void controller.openRanks(ids, { focus: ids[0] });
  };

  return (
    <section className="panel" data-testid="cluster-heatmap-panel">
      <h2>
        {METRIC_LABELS[metric].short} {t('cluster:per_rank_and_step_2')}{' '}
        <span className="muted">
          — {t('cluster:n_ranks', { count: data.ranks.length })}
          {group ? ` ${t('cluster:of_group', { group: groupLabel(group) })}` : ''} ×{' '}
          {t('cluster:n_steps', { count: data.steps.length })}
        </span>
      </h2>
      <div className="view-toolbar">
        <Segmented<ClusterMetric>
          ariaLabel={t('cluster:metric')}
          testId="cluster-metric"
          value={metric}
          onChange={(v) => setView({ clusterMetric: v })}
          options={CLUSTER_METRICS.map((m) => ({
            value: m.id,
            label: METRIC_LABELS[m.id].short,
            title: METRIC_LABELS[m.id].long,
          }))}
        />
        <Segmented<ClusterColorMode>
          ariaLabel={t('cluster:colour')}
          testId="cluster-color"
          value={mode}
          onChange={(v) => setView({ clusterColorMode: v })}
          options={COLOR_OPTIONS}
        />
        <Segmented<RowOrder>
          ariaLabel={t('cluster:row_order')}
          testId="cluster-order"
          value={order}
          onChange={(v) => setView({ clusterRowOrder: v })}
          options={ORDER_OPTIONS}
        />
        {groups.length > 0 && (
          <label className="field">
            {t('cluster:group')}
            <select
              className="tt-select"
              aria-label={t('cluster:group')}
              data-testid="cluster-group"
              value={group?.key ?? ''}
              onChange={(e) => setView({ clusterGroup: e.currentTarget.value })}
            >
              <option value="">
                {t('cluster:all_ranks')}
                {model.ranks.length})
              </option>
              {[...byName].map(([name, list]) => (
                <optgroup key={name} label={`${name} (${list.length})`}>
                  {list.map((g) => (
                    <option key={g.key} value={g.key}>
                      {groupLabel(g)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="cl-pickbar" data-testid="cluster-pickbar">
        {!canOpen ? (
          <span className="muted">
            {t('cluster:these_ranks_come_from_msprof_analyze')}{' '}
            <code>{t('cluster:ascend_pt')}</code> {t('cluster:folder_to_see_their_timelines')}
          </span>
        ) : selected.length === 0 ? (
          <span className="muted">
            {t('cluster:click_a_cell_to_open_that')} {''}
            <em>{t('cluster:most_different')}</em> {t('cluster:rank_on_the_timeline_aligned_at')}
          </span>
        ) : (
          <>
            <span>
              <b>{selected.length}</b> {t('cluster:ranks_word', { count: selected.length })}{' '}
              {t('cluster:picked')} {selected.slice(0, 12).join(', ')}
              {selected.length > 12 ? ' …' : ''}
            </span>
            <button
              type="button"
              className="tt-button primary"
              data-testid="cluster-open-picked"
              onClick={openSelected}
            >
              {t('cluster:open_on_timeline')}
            </button>
            <button type="button" className="tt-button" onClick={() => setSelected([])}>
              {t('cluster:clear')}
            </button>
          </>
        )}
      </div>
      {data.ranks.length === 0 || data.steps.length === 0 ? (
        <p className="muted">{t('cluster:no_step_data_the_ranks_have')}</p>
      ) : (
        <RankHeatmap
          data={data}
          metric={metric}
          mode={mode}
          theme={theme}
          slowRank={slowRankShown(model)}
          divergentStep={model.findings.divergentStep}
          selected={selected}
          open={openRanks}
          stepOf={(rank, step) => model.byRank.get(rank)?.steps.find((s) => s.step === step)}
          onOpenCell={openCell}
          onToggleRank={toggle}
        />
      )}
    </section>
  );
}
