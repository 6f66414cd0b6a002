/**
 * What a table column is: a label and accessors from a row id (0..rowCount-1) to the cell's
 * text, its numeric sort value, or its id in a string dictionary. Tables never hold row
 * objects: the data stays in whatever columnar form the caller has, and only the visible rows'
 * cells are ever read.
 */
import type { ReactNode } from 'react';
import { formatNumberText, shortHash } from '../lib/format';

export type SortDir = 'asc' | 'desc';

export interface SortSpec {
  column: string;
  dir: SortDir;
}

/** Dictionary-encoded text: `strings[ids[row]]` is the cell's text (fast filter and sort). */
export interface DictColumn {
  ids: ArrayLike<number>;
  strings: readonly string[];
}

export interface ColumnDef {
  /** Stable id (persisted choices and sort state refer to it). */
  id: string;
  label: string;
  /** Header tooltip. */
  title?: string;
  /** The cell's text: what it shows, what the filter matches and what CSV export writes. */
  text: (row: number) => string;
  /** Numeric sort value (NaN = missing: sorts last). Makes the column numeric (right-aligned). */
  value?: (row: number) => number;
  /** The same text as `text`, dictionary-encoded (faster filtering and sorting). */
  dict?: DictColumn;
  /** Initial width, CSS px. */
  width?: number;
  /** Cell alignment (default: right for numeric columns, left otherwise). */
  align?: 'left' | 'right';
  /** Custom cell content (the text is still what is filtered and exported). */
  render?: (row: number) => ReactNode;
  /** Whether the "any column" filter looks here (default: text columns yes, numeric no). */
  filterable?: boolean;
}

export const isNumeric = (c: ColumnDef): boolean => c.value !== undefined;

export const alignOf = (c: ColumnDef): 'left' | 'right' =>
  c.align ?? (isNumeric(c) ? 'right' : 'left');

export const isFilterable = (c: ColumnDef): boolean => c.filterable ?? !isNumeric(c);

/**
 * What a cell shows: the column's `render`, else for numeric columns the text as a person reads
 * it (no float noise or exponent; see formatNumberText), a long id or hash short (shortHash),
 * else the text. Filter, sort and CSV export keep using `text` (the file's value), and the
 * cell's tooltip shows it.
 */
export function cellContent(c: ColumnDef, row: number, text: string): ReactNode {
  if (c.render) return c.render(row);
  if (isNumeric(c)) return formatNumberText(text);
  // A long id or hash (a 20-digit group hash) shows short; the cell's tooltip has it whole.
  const short = shortHash(text);
  return short ?? text;
}

/** The first direction a click on the header sorts by: largest first for numbers. */
export const firstDir = (c: ColumnDef): SortDir => (isNumeric(c) ? 'desc' : 'asc');

/** Header click: first direction → the other → unsorted. */
export function nextSort(current: SortSpec | null, c: ColumnDef): SortSpec | null {
  const first = firstDir(c);
  if (!current || current.column !== c.id) return { column: c.id, dir: first };
  if (current.dir === first) return { column: c.id, dir: first === 'asc' ? 'desc' : 'asc' };
  return null;
}

/** A number from cell text ('N/A', '' and non-numbers → NaN; a trailing TAB is fine). */
export function parseCellNumber(s: string): number {
  const t = s.trim();
  if (t === '') return NaN;
  const v = Number(t.endsWith('%') ? t.slice(0, -1) : t);
  return v;
}

/** CJK and full-width characters, about twice as wide as Latin ones at the same size. */
const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/g;

const WIDE_ONE = new RegExp(WIDE.source);

/** A label's length in Latin-character widths (a Chinese character counts about two). */
export function textUnits(label: string): number {
  return label.length + 0.85 * (label.match(WIDE)?.length ?? 0);
}

/** Width that shows a header label in full (with room for the sort arrow), capped. */
/** Widest a column grows to fit its content (a resize can go further). */
export const MAX_CONTENT_WIDTH = 520;
/** Rows sampled (from the top of the display order) to size a column to its content. */
export const CONTENT_SAMPLE = 200;

/**
 * Width of a cell's text at the tables' 12 px font, CSS px: about 7 px a character, capitals
 * (and W, M, @, %) about 8.7 (an all-capitals value such as AI_VECTOR_CORE is a quarter wider
 * than a 7 px estimate), CJK / full-width characters about 12.
 */
export function textPx(s: string): number {
  let px = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if ((ch >= 65 && ch <= 90) || ch === 119 || ch === 109 || ch === 64 || ch === 37) px += 8.7;
    else if (ch >= 0x1100 && WIDE_ONE.test(s[i]!)) px += 12;
    else px += 7;
  }
  return px;
}

/**
 * Width that fits a column's cells: the widest text among the sampled rows (textPx) plus
 * padding, at most MAX_CONTENT_WIDTH.
 */
export function contentWidth(c: ColumnDef, sample: readonly number[]): number {
  let widest = 0;
  for (const r of sample) widest = Math.max(widest, textPx(c.text(r)));
  return Math.min(MAX_CONTENT_WIDTH, Math.round(widest + 20));
}

export function labelWidth(label: string): number {
  return Math.min(Math.round(textUnits(label) * 7.4 + 30), 240);
}
