/** Columns of the Kernels diff and Operators diff tables (rows of the compare model). */
import { t } from '../../i18n/t';
import { formatDuration } from '../../lib/format';
import type { DiffRow } from '../../model/compare/compare';
import type { ColumnDef } from '../../tables/column';

const dur = (v: number) => (Number.isFinite(v) ? formatDuration(v) : '');
const signed = (v: number) =>
  !Number.isFinite(v)
    ? ''
    : v > 0
      ? `+${formatDuration(v)}`
      : v < 0
        ? `−${formatDuration(-v)}`
        : '0';

/** A row's status (model/compare: added, removed, slower, faster, same) in the interface language. */
function statusLabel(s: DiffRow['status']): string {
  switch (s) {
    case 'added':
      return t('compare:status_added');
    case 'removed':
      return t('compare:status_removed');
    case 'slower':
      return t('compare:status_slower');
    case 'faster':
      return t('compare:status_faster');
    case 'same':
      return t('compare:status_same');
  }
}

export function diffColumns(rows: readonly DiffRow[], withShapes: boolean): ColumnDef[] {
  const num = (
    id: string,
    label: string,
    get: (r: DiffRow) => number,
    text: (v: number) => string,
    title?: string,
  ): ColumnDef => ({
    id,
    label,
    title,
    text: (i) => text(get(rows[i]!)),
    value: (i) => get(rows[i]!),
    width: 110,
  });
  const count = (v: number) => String(v);
  const cols: ColumnDef[] = [
    { id: 'name', label: t('compare:name'), text: (i) => rows[i]!.name, width: 320 },
    ...(withShapes
      ? [
          {
            id: 'shapes',
            label: t('compare:input_shapes'),
            text: (i: number) => rows[i]!.shapes ?? '',
            width: 200,
          },
        ]
      : []),
    {
      id: 'status',
      label: t('compare:status'),
      title: t('compare:added_removed_slower_faster_or_same'),
      text: (i) => statusLabel(rows[i]!.status),
      render: (i) => (
        <span className={`diff-status diff-${rows[i]!.status}`}>
          {statusLabel(rows[i]!.status)}
        </span>
      ),
      width: 80,
    },
    num('bCount', t('compare:col_baseline_count'), (r) => r.baseline.count, count),
    num('bTotal', t('compare:col_baseline_total'), (r) => r.baseline.totalNs, dur),
    num('bMean', t('compare:col_baseline_mean'), (r) => r.baseline.meanNs, dur),
    num('tCount', t('compare:col_target_count'), (r) => r.target.count, count),
    num('tTotal', t('compare:col_target_total'), (r) => r.target.totalNs, dur),
    num('tMean', t('compare:col_target_mean'), (r) => r.target.meanNs, dur),
    num(
      'delta',
      t('compare:col_delta_total'),
      (r) => r.deltaNs,
      signed,
      t('compare:col_delta_total_title'),
    ),
    num(
      'deltaPct',
      'Δ %',
      (r) => r.deltaPct ?? NaN,
      (v) => (Number.isFinite(v) ? `${v > 0 ? '+' : ''}${v.toFixed(1)} %` : ''),
      t('compare:col_delta_pct_title'),
    ),
    num(
      'deltaMean',
      t('compare:col_delta_mean'),
      (r) => r.deltaMeanNs,
      signed,
      t('compare:col_delta_mean_title'),
    ),
  ];
  return cols;
}

export { signed as formatSignedDuration };
