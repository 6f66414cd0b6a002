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
      text: (i) => rows[i]!.status,
      render: (i) => (
        <span className={`diff-status diff-${rows[i]!.status}`}>{rows[i]!.status}</span>
      ),
      width: 80,
    },
    num('bCount', 'Baseline count', (r) => r.baseline.count, count),
    num('bTotal', 'Baseline total', (r) => r.baseline.totalNs, dur),
    num('bMean', 'Baseline mean', (r) => r.baseline.meanNs, dur),
    num('tCount', 'Target count', (r) => r.target.count, count),
    num('tTotal', 'Target total', (r) => r.target.totalNs, dur),
    num('tMean', 'Target mean', (r) => r.target.meanNs, dur),
    num('delta', 'Δ total', (r) => r.deltaNs, signed, 'target − baseline'),
    num(
      'deltaPct',
      'Δ %',
      (r) => r.deltaPct ?? NaN,
      (v) => (Number.isFinite(v) ? `${v > 0 ? '+' : ''}${v.toFixed(1)} %` : ''),
      'Δ total ÷ baseline total',
    ),
    num('deltaMean', 'Δ mean', (r) => r.deltaMeanNs, signed, 'target mean − baseline mean'),
  ];
  return cols;
}

export { signed as formatSignedDuration };
