/**
 * Communication across ranks: for one communication group, the rank × rank matrix (bandwidth,
 * size or time, optionally of one transport) of every rank's links together — msprof-analyze's
 * cluster_communication_matrix.json when present, else every rank's communication_matrix.json
 * merged (local ranks mapped to global ones) — with totals per transport.
 */
import { t } from '../../i18n/t';
import { useMemo } from 'react';
import type { ClusterModel } from '../../model/cluster/cluster-model';
import { matrixTransports } from '../../model/cluster/comm-matrix';
import { groupLabel, groupOfHash } from '../../model/cluster/groups';
import {
  HEAT_METRICS,
  heatmapData,
  matrixSteps,
  transportSummary,
} from '../../model/derive/comm-heatmap';
import { useAppStore } from '../../store/use-app-store';
import { SelectField } from '../common/SelectField';
import { CommHeatmap } from '../communication/CommHeatmap';
import { MetricSwitch, StepField, TransportTable } from '../communication/MatrixControls';

/** A matrix of more ranks than this is not drawn (n² cells); pick a smaller group. */
const MAX_MATRIX_RANKS = 96;

export function ClusterCommPanel({ model }: { model: ClusterModel }) {
  const theme = useAppStore((s) => s.theme);
  const storedGroup = useAppStore((s) => s.clusterCommGroup);
  const storedStep = useAppStore((s) => s.clusterCommStep);
  const metric = useAppStore((s) => s.clusterCommMetric);
  const storedTransport = useAppStore((s) => s.clusterCommTransport);
  const setView = useAppStore((s) => s.setClusterView);
  const matrixStatus = useAppStore((s) => s.clusterMatrixStatus);
  const all = model.matrix.rows;
  const groups = useMemo(() => {
    const m = new Map<string, { key: string; label: string; ranks: Set<number>; links: number }>();
    for (const r of all) {
      const key = `${r.kind}|${r.groupHash}`;
      let g = m.get(key);
      if (!g) {
        const named = groupOfHash(r.groupHash, model.groups);
        g = {
          key,
          label: `${named ? groupLabel(named) : `group ${r.groupHash || '(none)'}`}${r.kind === 'p2p' ? ' (p2p)' : ''}`,
          ranks: new Set(),
          links: 0,
        };
        m.set(key, g);
      }
      g.ranks.add(r.src);
      g.ranks.add(r.dst);
      g.links++;
    }
    return [...m.values()].sort(
      (a, b) => a.ranks.size - b.ranks.size || a.label.localeCompare(b.label),
    );
  }, [all, model.groups]);
  const group =
    groups.find((g) => g.key === storedGroup) ??
    groups.find((g) => g.ranks.size <= MAX_MATRIX_RANKS) ??
    groups[0];
  const inGroup = useMemo(
    () => (group ? all.filter((r) => `${r.kind}|${r.groupHash}` === group.key) : []),
    [all, group],
  );
  const transports = useMemo(() => matrixTransports(inGroup), [inGroup]);
  const transport = transports.includes(storedTransport) ? storedTransport : '';
  const rows = useMemo(
    () => (transport ? inGroup.filter((r) => (r.transport || '(unknown)') === transport) : inGroup),
    [inGroup, transport],
  );
  const steps = useMemo(() => matrixSteps(inGroup), [inGroup]);
  const step =
    storedStep === '*' || steps.includes(storedStep)
      ? storedStep
      : steps.length > 1
        ? '*'
        : (steps[0] ?? '');
  const stepArg = step === '*' ? null : step;
  const data = useMemo(() => heatmapData(rows, stepArg, '', metric), [rows, stepArg, metric]);
  const summary = useMemo(() => transportSummary(inGroup, stepArg, ''), [inGroup, stepArg]);
  const m = HEAT_METRICS.find((x) => x.value === metric)!;
  if (all.length === 0) {
    return (
      <section className="panel" data-testid="cluster-comm">
        <h2>{t('cluster:communication_across_ranks')}</h2>
        {matrixStatus === 'loading' ? (
          <p className="muted" data-testid="cluster-comm-loading">
            {t('cluster:reading_every_rank_s_communication_matrix')}
          </p>
        ) : (
          <p className="muted">{t('cluster:no_communication_matrix_the_ranks_have')}</p>
        )}
      </section>
    );
  }
  return (
    <section className="panel" data-testid="cluster-comm">
      <h2>
        {t('cluster:communication_across_ranks')}{' '}
        <span className="muted">
          — {m.label.toLowerCase()} {t('cluster:between_ranks_from')}{' '}
          {model.matrix.source ?? t('cluster:the_matrices')}
          {model.matrix.source === 'communication_matrix.json'
            ? ' ' + t('cluster:of_every_rank_merged')
            : ''}
        </span>
      </h2>
      <div className="view-toolbar">
        <SelectField
          label={t('cluster:group')}
          ariaLabel={t('cluster:communication_group')}
          testId="cluster-comm-group"
          value={group?.key ?? ''}
          onChange={(v) => setView({ clusterCommGroup: v })}
          options={groups.map((g) => ({ value: g.key, label: g.label }))}
        />
        <StepField steps={steps} value={step} onChange={(v) => setView({ clusterCommStep: v })} />
        <SelectField
          label={t('cluster:transport')}
          value={transport}
          onChange={(v) => setView({ clusterCommTransport: v })}
          options={[
            { value: '', label: t('cluster:all_transports') },
            ...transports.map((t) => ({ value: t, label: t })),
          ]}
        />
        <MetricSwitch
          value={metric}
          onChange={(v) => setView({ clusterCommMetric: v })}
          testId="cluster-comm-metric"
        />
      </div>
      <div className="matrix-body">
        {data.cells.length === 0 ? (
          <p className="muted">{t('cluster:no_links_for_this_group_step')}</p>
        ) : data.ranks.length > MAX_MATRIX_RANKS ? (
          <p className="muted">
            {data.ranks.length} {t('cluster:ranks_too_many_for_a_matrix')}
          </p>
        ) : (
          <CommHeatmap data={data} metricLabel={m.label} unit={m.unit} theme={theme} />
        )}
        <div className="matrix-side">
          <h3>{t('cluster:by_transport')}</h3>
          <TransportTable
            summary={summary}
            testId="cluster-transport-summary"
            current={transport}
          />
          <p className="muted small">
            {group
              ? `${group.ranks.size} ${t('cluster:ranks_2')} ${group.links} ${t('cluster:links')} `
              : ''}

            {t('cluster:links_reported_by_several_ranks_are')}
            {model.matrix.remapped ? ' ' + t('cluster:each_file_s_local_ranks_were') : ''}
            {model.matrix.unmapped > 0
              ? ` ${model.matrix.unmapped} ${t('cluster:links_could_not_be_mapped_to')}`
              : ''}
          </p>
        </div>
      </div>
    </section>
  );
}
