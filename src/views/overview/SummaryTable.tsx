/**
 * The small summary tables of the overviews (top kernels, top operators, kernels per core,
 * slice names, busiest processes): a header row and one row per item, each cell styled by its
 * kind (name, number, share bar), and the link that opens an item where it comes from.
 */
import { t } from '../../i18n/t';
import type { ReactNode } from 'react';

/** name: the item's name (a link); num: right-aligned figure; share: a bar; plain: as is. */
export type SummaryCellKind = 'name' | 'num' | 'share' | 'plain';

export interface SummaryColumn<T> {
  label: string;
  kind: SummaryCellKind;
  cell: (row: T) => ReactNode;
  /** Tooltip of the cell. */
  title?: (row: T) => string;
}

const HEAD_CLASS: Record<SummaryCellKind, string | undefined> = {
  name: undefined,
  plain: undefined,
  num: 'num',
  share: 'share-col',
};

const CELL_CLASS: Record<SummaryCellKind, string | undefined> = {
  name: 'name-cell',
  plain: undefined,
  num: 'num',
  share: 'share-col',
};

export function SummaryTable<T>(p: {
  columns: readonly SummaryColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string | number;
}) {
  return (
    <table className="grid compact">
      <thead>
        <tr>
          {p.columns.map((c) => (
            <th key={c.label} className={HEAD_CLASS[c.kind]}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {p.rows.map((r) => (
          <tr key={p.rowKey(r)}>
            {p.columns.map((c) => (
              <td key={c.label} className={CELL_CLASS[c.kind]} title={c.title?.(r)}>
                {c.cell(r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A link-styled button that opens an item (its name; `empty` when it has none). */
export function ItemLink(p: {
  name: string;
  onClick: () => void;
  testId: string;
  title?: string;
  empty?: string;
}) {
  return (
    <button
      type="button"
      className="link"
      title={p.title}
      onClick={p.onClick}
      data-testid={p.testId}
    >
      {p.name || (p.empty ?? t('overview:no_name'))}
    </button>
  );
}
