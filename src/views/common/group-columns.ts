/** Columns every group table has (Kernels and Operators group-by): the count and the share. */
import { t } from '../../i18n/t';
import { formatPercent } from '../../lib/format';
import type { ColumnDef } from '../../tables/column';

/** Id of the share column (the grouped view draws it as a bar). */
export const SHARE_COLUMN_ID = 'share';

/** Rows in the group. */
export function groupCountColumn(groups: readonly { count: number }[]): ColumnDef {
  return {
    id: 'count',
    label: t('common:count'),
    text: (r) => String(groups[r]!.count),
    value: (r) => groups[r]!.count,
    width: 70,
  };
}

/** The group's share (0..1) of the total over the rows shown; `title` says of what. */
export function groupShareColumn(groups: readonly { share: number }[], title: string): ColumnDef {
  return {
    id: SHARE_COLUMN_ID,
    label: t('common:share'),
    title,
    text: (r) => formatPercent(groups[r]!.share),
    value: (r) => groups[r]!.share,
    width: 130,
  };
}
