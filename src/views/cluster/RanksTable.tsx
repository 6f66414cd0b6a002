/**
 * Per-rank totals: step time and its parts over all steps, the deviation of the mean step time
 * from the median rank, how often the rank arrived last at a collective, the wait it caused its
 * peers (the slowest rank's evidence) and how long it waited itself,
 * and its clock offset. Click a row to pick the rank (Ctrl/⌘ to pick several).
 */
import { t } from '../../i18n/t';
import { useMemo } from 'react';
import type { ClusterModel } from '../../model/cluster/cluster-model';
import { meanStepTime } from '../../model/cluster/cluster-model';
import { formatOffsetNs } from '../../model/cluster/offsets';
import { formatDuration } from '../../lib/format';
import { useAppStore } from '../../store/use-app-store';
import type { ColumnDef } from '../../tables/column';
import { TableToolbar } from '../common/TableToolbar';
import { useTableView } from '../common/use-table-view';
import { tableBoxHeight, ViewTable } from '../common/ViewTable';
import { formatDeviation, formatUs, slowRankShown } from './cluster-text';

interface RankRow {
  rank: number;
  host: string;
  steps: number;
  stepTimeUs: number;
  meanUs: number;
  devMean: number;
  computingUs: number;
  commUs: number;
  freeUs: number;
  preparingUs: number;
  lastAt: number;
  causedNs: number;
  waitNs: number;
  offsetNs: bigint;
  open: boolean;
}

function rankRows(model: ClusterModel, openRanks: ReadonlySet<number>): RankRow[] {
  const means = model.ranks.map(meanStepTime);
  const sorted = means.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const median = sorted.length > 0 ? sorted[sorted.length >> 1]! : NaN;
  const totals = new Map(model.findings.totals.map((t) => [t.rank, t]));
  return model.ranks.map((r, i) => {
    const t = totals.get(r.rank);
    const sum = (k: 'preparingUs') =>
      r.steps.reduce(
        (a, s) => (s[k] !== null && Number.isFinite(s[k]) ? (Number.isNaN(a) ? 0 : a) + s[k] : a),
        NaN,
      );
    const waitNs = r.collectives.reduce(
      (a, c) => a + (c.waitNs !== null && Number.isFinite(c.waitNs) ? c.waitNs : 0),
      0,
    );
    return {
      rank: r.rank,
      host: r.host ?? '',
      steps: r.steps.length,
      stepTimeUs: t?.stepTimeUs ?? NaN,
      meanUs: means[i]!,
      devMean: Number.isFinite(median) && median > 0 ? means[i]! / median - 1 : NaN,
      computingUs: t?.computingUs ?? NaN,
      commUs: t?.commNotOverlappedUs ?? NaN,
      freeUs: t?.freeUs ?? NaN,
      preparingUs: sum('preparingUs'),
      lastAt: model.findings.lastArrivals.get(r.rank) ?? 0,
      causedNs: model.findings.causedWaitNs.get(r.rank) ?? 0,
      waitNs,
      offsetNs: model.offsets.get(r.rank)?.effectiveNs ?? 0n,
      open: openRanks.has(r.rank),
    };
  });
}

function rankColumns(rows: readonly RankRow[], slow: number | null): ColumnDef[] {
  const us = (id: keyof RankRow, label: string, title?: string): ColumnDef => ({
    id,
    label,
    title,
    text: (r) => formatUs(rows[r]![id] as number),
    value: (r) => rows[r]![id] as number,
    width: 96,
  });
  return [
    {
      id: 'rank',
      label: t('cluster:rank_2'),
      text: (r) => String(rows[r]!.rank),
      value: (r) => rows[r]!.rank,
      width: 100,
      align: 'left',
      filterable: true,
      render: (r) => (
        <span className={rows[r]!.rank === slow ? 'cl-rank slow' : 'cl-rank'}>
          {rows[r]!.open && <span className="cl-chip-dot" title={t('cluster:on_the_timeline')} />}
          {rows[r]!.rank}
          {rows[r]!.rank === slow && <span className="cl-tag">{t('cluster:slowest')}</span>}
        </span>
      ),
    },
    { id: 'host', label: t('cluster:host'), text: (r) => rows[r]!.host, width: 90 },
    {
      id: 'steps',
      label: t('cluster:steps_2'),
      text: (r) => String(rows[r]!.steps),
      value: (r) => rows[r]!.steps,
      width: 60,
    },
    us(
      'stepTimeUs',
      'Step time Σ',
      'Sum of the step times; step time = Computing + Communication (not overlapped) + Free on the device (as in the Steps view)',
    ),
    us('meanUs', 'Mean step', 'Mean step time (Computing + Communication (not overlapped) + Free)'),
    {
      id: 'devMean',
      label: t('cluster:vs_median'),
      title: t('cluster:mean_step_time_against_the_median'),
      text: (r) => formatDeviation(rows[r]!.devMean),
      value: (r) => rows[r]!.devMean,
      width: 88,
    },
    us('computingUs', 'Computing Σ'),
    us('commUs', 'Comm. not ovl. Σ', 'Communication (Not Overlapped), summed over the steps'),
    us('freeUs', 'Free Σ'),
    us('preparingUs', 'Preparing Σ'),
    {
      id: 'lastAt',
      label: t('cluster:last_at'),
      title: t('cluster:collectives_this_rank_arrived_last_at'),
      text: (r) => String(rows[r]!.lastAt),
      value: (r) => rows[r]!.lastAt,
      width: 70,
    },
    {
      id: 'causedNs',
      label: t('cluster:caused_wait'),
      title: t('cluster:time_its_peers_waited_for_this'),
      text: (r) => (rows[r]!.causedNs > 0 ? formatDuration(rows[r]!.causedNs) : '0'),
      value: (r) => rows[r]!.causedNs,
      width: 96,
    },
    {
      id: 'waitNs',
      label: t('cluster:wait_3'),
      title: t('cluster:time_this_rank_waited_for_its'),
      text: (r) => (rows[r]!.waitNs > 0 ? formatDuration(rows[r]!.waitNs) : '0'),
      value: (r) => rows[r]!.waitNs,
      width: 96,
    },
    {
      id: 'offset',
      label: t('cluster:clock_offset'),
      title: t('cluster:applied_clock_offset_subtracted_from_its'),
      text: (r) => formatOffsetNs(rows[r]!.offsetNs),
      value: (r) => Number(rows[r]!.offsetNs),
      width: 130,
    },
  ];
}

export function RanksTable({ model }: { model: ClusterModel }) {
  const openIds = useAppStore((s) => s.clusterOpenRanks);
  const selected = useAppStore((s) => s.clusterSelectedRanks);
  const toggle = useAppStore((s) => s.toggleClusterRank);
  const openRanks = useMemo(
    () =>
      new Set(
        openIds.flatMap((id) => {
          const r = model.ranks.find((x) => x.profileId === id);
          return r ? [r.rank] : [];
        }),
      ),
    [openIds, model.ranks],
  );
  const rows = useMemo(() => rankRows(model, openRanks), [model, openRanks]);
  const columns = useMemo(() => rankColumns(rows, slowRankShown(model)), [rows, model]);
  const view = useTableView({ id: 'cluster-ranks', data: rows, columns, rowCount: rows.length });
  const lastPicked =
    selected.length > 0 ? rows.findIndex((r) => r.rank === selected[selected.length - 1]) : -1;
  return (
    <section className="panel" data-testid="cluster-ranks">
      <h2>
        {t('cluster:per_rank_totals')}{' '}
        <span className="muted">{t('cluster:over_all_steps_click_to_pick')}</span>
      </h2>
      <TableToolbar
        view={view}
        noun="ranks"
        exportName="cluster_ranks"
        filterPlaceholder={t('cluster:filter_rank_host')}
      />
      <div className="cl-ranks-table" style={{ height: tableBoxHeight(rows.length, 420) }}>
        <ViewTable
          ariaLabel={t('cluster:per_rank_totals')}
          testId="cluster-ranks-table"
          view={view}
          selectedRow={lastPicked >= 0 ? lastPicked : null}
          onRowActivate={(r, _how, e) =>
            toggle(rows[r]!.rank, !!e && (e.ctrlKey || e.metaKey || e.shiftKey))
          }
        />
      </div>
    </section>
  );
}
