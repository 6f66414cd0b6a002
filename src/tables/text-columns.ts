/**
 * Columns for a table held as text cells (a parsed CSV, an SQL result): one column per header
 * entry, numeric when its cells read as numbers (so it sorts by value and aligns right).
 */
import { t } from '../i18n/t';
import { labelWidth, parseCellNumber, type ColumnDef } from './column';

export interface TextGrid {
  header: readonly string[];
  rows: readonly (readonly string[])[];
}

/** Cell values that mean "no value" and do not make a column textual. */
const MISSING = new Set(['', 'N/A', 'NA', 'n/a', 'NaN', 'nan', '-', 'null', 'None']);

/**
 * Whether column c holds numbers: at least one number and no other text among up to `sample`
 * rows spread over the table.
 */
export function isNumericColumn(grid: TextGrid, c: number, sample = 400): boolean {
  const n = grid.rows.length;
  const step = Math.max(1, Math.floor(n / sample));
  let numbers = 0;
  for (let r = 0; r < n; r += step) {
    const s = (grid.rows[r]![c] ?? '').trim();
    if (MISSING.has(s)) continue;
    if (Number.isNaN(parseCellNumber(s))) return false;
    numbers++;
  }
  return numbers > 0;
}

/** A width that fits the header and typical cells (CSS px, 12 px font). */
export function guessWidth(grid: TextGrid, c: number, numeric: boolean): number {
  let chars = 0;
  const n = Math.min(grid.rows.length, 200);
  for (let r = 0; r < n; r++) chars = Math.max(chars, (grid.rows[r]![c] ?? '').length);
  const cells = Math.min(chars * 7.2 + 20, numeric ? 180 : 420);
  return Math.round(Math.max(numeric ? 64 : 80, cells, labelWidth(grid.header[c] ?? '')));
}

/** One column per header entry; ids are the header names (made unique with #2, #3…). */
export function textGridColumns(grid: TextGrid): ColumnDef[] {
  const seen = new Map<string, number>();
  return grid.header.map((h, c) => {
    const k = (seen.get(h) ?? 0) + 1;
    seen.set(h, k);
    const id = k > 1 ? `${h}#${k}` : h;
    const numeric = isNumericColumn(grid, c);
    const text = (r: number) => grid.rows[r]?.[c] ?? '';
    return {
      id,
      label: h || t('tables:column_n', { n: c + 1 }),
      text,
      value: numeric ? (r: number) => parseCellNumber(text(r)) : undefined,
      width: guessWidth(grid, c, numeric),
    };
  });
}
