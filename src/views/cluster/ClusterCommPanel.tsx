/**
 * Communication across ranks: for one communication group, the rank × rank matrix (bandwidth,
 * size or time, optionally of one transport) of every rank's links together — msprof-analyze's
 * cluster_communication_matrix.json when present, else every rank's communication_matrix.json
 * merged (local ranks mapped to global ones) — with totals per transport.
 */
import { useMemo } from 'react';
import type { ClusterModel } from '../../model/cluster/cluster-model';
import { matrixTransports } from '../../model/cluster/comm-matrix';
import { groupLabel, groupOfHash } from '../../model/cluster/groups';
import {
  HEAT_METRICS,
  heatmapData,
  matrixSteps,
  transportSummary,
} from '../../model/views/comm-heatmap';
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
        <h2>Communication across ranks</h2>
        {matrixStatus === 'loading' ? (
          <p className="muted" data-testid="cluster-comm-loading">
            Reading every rank’s communication_matrix.json…
          </p>
        ) : (
          <p className="muted">
            No communication matrix: the ranks have no communication_matrix.json (written at Level1
            and above) and no cluster_communication_matrix.json was found.
          </p>
        )}
      </section>
    );
  }
  return (
    <section className="panel" data-testid="cluster-comm">
      <h2>
        Communication across ranks{' '}
        <span className="muted">
          — {m.label.toLowerCase()} between ranks, from {model.matrix.source ?? 'the matrices'}
          {model.matrix.source === 'communication_matrix.json' ? ' of every rank, merged' : ''}
        </span>
      </h2>
      <div className="view-toolbar">
        <SelectField
          label="Group"
          ariaLabel="Communication group"
          testId="cluster-comm-group"
          value={group?.key ?? ''}
          onChange={(v) => setView({ clusterCommGroup: v })}
          options={groups.map((g) => ({ value: g.key, label: g.label }))}
        />
        <StepField steps={steps} value={step} onChange={(v) => setView({ clusterCommStep: v })} />
        <SelectField
          label="Transport"
          value={transport}
          onChange={(v) => setView({ clusterCommTransport: v })}
          options={[
            { value: '', label: 'All transports' },
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
          <p className="muted">No links for this group, step and transport.</p>
        ) : data.ranks.length > MAX_MATRIX_RANKS ? (
          <p className="muted">
            {data.ranks.length} ranks: too many for a matrix. Pick a smaller group (the totals per
            transport are on the right).
          </p>
        ) : (
          <CommHeatmap data={data} metricLabel={m.label} unit={m.unit} theme={theme} />
        )}
        <div className="matrix-side">
          <h3>By transport</h3>
          <TransportTable
            summary={summary}
            testId="cluster-transport-summary"
            current={transport}
          />
          <p className="muted small">
            {group ? `${group.ranks.size} ranks · ${group.links} links. ` : ''}
            Links reported by several ranks are summed; bandwidth = size / time.
            {model.matrix.remapped
              ? ' Each file’s local ranks were mapped to global ranks through its own copy link.'
              : ''}
            {model.matrix.unmapped > 0
              ? ` ${model.matrix.unmapped} links could not be mapped to global ranks and are left out.`
              : ''}
          </p>
        </div>
      </div>
    </section>
  );
}
