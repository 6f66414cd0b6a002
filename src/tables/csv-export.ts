/**
 * CSV export of what a table shows (its visible columns, its rows in display order), as
 * RFC 4180 text with CRLF line ends and a UTF-8 BOM (so spreadsheets read non-ASCII names).
 *
 * Trace data is untrusted, and a spreadsheet runs a cell starting with = + - @ (or a TAB / CR)
 * as a formula. Such cells are prefixed with a single quote, which spreadsheets show as text.
 * Plain numbers ("-5", "+1.5e3") are left alone: no spreadsheet runs them, and prefixing them
 * would turn every negative value into text.
 */
import type { ColumnDef } from './column';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** A cell made safe against formula injection (not yet quoted). */
export function neutralizeFormula(s: string): string {
  return FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
}

/** One CSV field: neutralized, then quoted when it holds a quote, comma, line break or edge spaces. */
export function csvField(s: string): string {
  const v = neutralizeFormula(s);
  return /[",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** CSV text chunks (header, then rows in `rows` order or 0..rowCount-1), for a Blob. */
export function tableCsvChunks(
  columns: readonly ColumnDef[],
  rows: ArrayLike<number> | null,
  rowCount: number,
  chunkRows = 10_000,
): string[] {
  const out: string[] = ['\uFEFF' + columns.map((c) => csvField(c.label)).join(',') + '\r\n'];
  const n = rows ? rows.length : rowCount;
  let buf: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rows ? rows[i]! : i;
    buf.push(columns.map((c) => csvField(c.text(r))).join(',') + '\r\n');
    if (buf.length >= chunkRows) {
      out.push(buf.join(''));
      buf = [];
    }
  }
  if (buf.length > 0) out.push(buf.join(''));
  return out;
}

/** The whole CSV as one string (tests, small tables). */
export function tableToCsv(
  columns: readonly ColumnDef[],
  rows: ArrayLike<number> | null,
  rowCount: number,
): string {
  return tableCsvChunks(columns, rows, rowCount).join('');
}

/** A file name safe on every OS, ending in .csv. */
export function csvFileName(base: string): string {
  const clean = base.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '') || 'table';
  return clean.toLowerCase().endsWith('.csv') ? clean : `${clean}.csv`;
}

/** Starts a browser download of the table as CSV (a Blob URL, revoked afterwards). */
export function downloadCsv(
  fileName: string,
  columns: readonly ColumnDef[],
  rows: ArrayLike<number> | null,
  rowCount: number,
): void {
  const blob = new Blob(tableCsvChunks(columns, rows, rowCount), {
    type: 'text/csv;charset=utf-8',
  });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = csvFileName(fileName);
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
