/**
 * A finding's evidence: a virtualised, sortable table with CSV export; a row click selects its
 * slice (or frames its range) on the timeline.
 */
import { t } from '../../i18n/t';
import { messageOr } from '../../i18n/message';
import { useMemo } from 'react';
import { formatDuration } from '../../lib/format';
import type { Finding } from '../../model/advisor/types';
import type { ProfileModel } from '../../model/profile';
import { useAppStoreApi } from '../../store/use-app-store';
import type { ColumnDef } from '../../tables/column';
import { TableToolbar } from '../common/TableToolbar';
import { useTableView } from '../common/use-table-view';
import { tableBoxHeight, ViewTable } from '../common/ViewTable';
import { formatOffsetNs } from '../kernels/kernel-columns';
import { showEvidence } from './evidence-nav';

export function EvidenceTable({ finding, profile }: { finding: Finding; profile: ProfileModel }) {
  const store = useAppStoreApi();
  const rows = finding.evidence;
  const columns = useMemo(
    (): ColumnDef[] => [
      {
        id: 'label',
        label: t('advisor:what'),
        width: 260,
        text: (r) => messageOr(rows[r]!.labelMsg, rows[r]!.label),
      },
      { id: 'step', label: t('advisor:step'), width: 70, text: (r) => rows[r]!.step },
      {
        id: 'start',
        label: t('advisor:start'),
        width: 130,
        text: (r) => (Number.isFinite(rows[r]!.startNs) ? formatOffsetNs(rows[r]!.startNs) : ''),
        value: (r) => rows[r]!.startNs,
      },
      {
        id: 'dur',
        label: t('advisor:duration'),
        width: 100,
        text: (r) => formatDuration(rows[r]!.durNs),
        value: (r) => rows[r]!.durNs,
      },
      {
        id: 'value',
        label: t('advisor:value'),
        width: 90,
        text: (r) => String(Math.round(rows[r]!.value * 1000) / 1000),
        value: (r) => rows[r]!.value,
      },
      {
        id: 'detail',
        label: t('advisor:detail'),
        width: 320,
        text: (r) => messageOr(rows[r]!.detailMsg, rows[r]!.detail),
      },
    ],
    [rows],
  );
  const view = useTableView({
    id: `advisor-${finding.rule}`,
    data: rows,
    columns,
    rowCount: rows.length,
  });
  return (
    <div className="advisor-evidence" data-testid={`advisor-evidence-${finding.rule}`}>
      <TableToolbar
        view={view}
        noun="rows"
        exportName={`advisor-${finding.rule}`}
        countText={
          finding.evidenceTotal > rows.length
            ? t('advisor:n_of_total_rows', { n: rows.length, total: finding.evidenceTotal })
            : undefined
        }
      />
      <div style={{ height: tableBoxHeight(rows.length, 320) }}>
        <ViewTable
          ariaLabel={t('advisor:evidence_of_rule', { rule: finding.rule })}
          testId={`advisor-evidence-table-${finding.rule}`}
          view={view}
          emptyText={t('advisor:no_evidence_rows')}
          onRowActivate={(r) => showEvidence(store, profile.descriptor.id, profile.trace, rows[r]!)}
        />
      </div>
    </div>
  );
}
