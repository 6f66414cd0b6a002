/**
 * Shared cell readers for the typed Ascend CSV readers. They work on a TextTable (every cell a
 * string, as papaparse gave it) and never throw for a bad cell: each problem is counted in a
 * WarningLog under a code, with the first example naming file, data row (1 = first row after
 * the header) and column. Columns are always selected by name, since headers differ by version.
 *
 * Cell conventions (see docs/ascend-formats.md §3): timestamps may end with a TAB and may be
 * quoted; `N/A` and empty cells are missing; `4294967295` is an invalid id; shapes carry literal
 * quote characters (`"32,3,224,224"`); Excel-saved files may hold `1.69512E+15`.
 */
import type { TextTable } from '../../model/profile';
import { parseDecimalUs, type ExactTime } from '../../lib/exact-time';
import { baseName } from '../sources/input-file';
import { WarningLog } from '../trace/warning-log';
import { detail, MessageError, msg, type Detail, type MessageParam } from '../../lib/message';
import { timeProblem } from '../reader-detail';

/** Thrown when a file cannot give its typed view at all (no header, not this kind of file). */
export class UnusableTableError extends MessageError {
  constructor(d: Detail) {
    super(d);
    this.name = 'UnusableTableError';
  }
}

/** uint32 -1: CANN's "no id" (Model ID in eager mode, Subtask Id, dst rank). */
export const INVALID_ID = '4294967295';

export interface ColumnSpec {
  /** Accepted header names, first preferred (e.g. `['Block Dim', 'Block Num']`). */
  names: readonly string[];
  /** The typed view needs it: its absence is reported. */
  required?: boolean;
}

/** Column indices by key; -1 when the file has no such column. */
export type Columns<K extends string> = Record<K, number>;

function normName(s: string): string {
  return s
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** A TextTable being read into a typed view, with its warnings. */
export class CsvTable {
  readonly log = new WarningLog();
  readonly file: string;
  private readonly byName = new Map<string, number>();

  constructor(
    readonly table: TextTable,
    kind: string,
  ) {
    this.file = baseName(table.path) || kind;
    const header = table.header;
    if (header.length === 0 || header.every((h) => h.trim() === '')) {
      throw new UnusableTableError(
        detail(
          `${this.file}: no header row (empty file)`,
          msg('reader:no_header_row', { file: this.file }),
        ),
      );
    }
    const dup = new Map<string, number[]>();
    header.forEach((h, i) => {
      const n = normName(h);
      if (n === '') {
        this.log.add(
          'empty_column_name',
          detail(
            `${this.file}: column ${i + 1} has no name`,
            msg('reader:empty_column_name', { file: this.file, column: String(i + 1) }),
          ),
        );
        return;
      }
      const seen = this.byName.get(n);
      if (seen === undefined) this.byName.set(n, i);
      else dup.set(n, [...(dup.get(n) ?? [seen]), i]);
    });
    for (const [, at] of dup) {
      this.log.add(
        'duplicate_column',
        detail(
          `${this.file}: column "${header[at[0]!]!.trim()}" appears ${at.length} times (columns ${at.map((i) => i + 1).join(', ')}); using the first`,
          msg('reader:duplicate_column', {
            file: this.file,
            name: header[at[0]!]!.trim(),
            count: at.length,
            columns: { list: at.map((i) => String(i + 1)) },
          }),
        ),
      );
    }
    this.checkRagged();
  }

  get rows(): string[][] {
    return this.table.rows;
  }

  get length(): number {
    return this.table.rows.length;
  }

  /** Index of the first header matching any of `names` (case- and space-insensitive), or -1. */
  col(names: readonly string[]): number {
    for (const n of names) {
      const i = this.byName.get(normName(n));
      if (i !== undefined) return i;
    }
    return -1;
  }

  /**
   * Resolves all columns of a spec. Missing required columns are reported; when none of the
   * required columns exists the file is not of this kind, and it throws.
   */
  columns<K extends string>(spec: Record<K, ColumnSpec>): Columns<K> {
    const out = {} as Columns<K>;
    const missing: string[] = [];
    let required = 0;
    for (const key of Object.keys(spec) as K[]) {
      const s = spec[key];
      out[key] = this.col(s.names);
      if (s.required) {
        required++;
        if (out[key] < 0) missing.push(s.names.join('" or "'));
      }
    }
    if (required > 0 && missing.length === required) {
      throw new UnusableTableError(
        detail(
          `${this.file}: none of the expected columns ("${missing.join('", "')}") in header "${this.table.header.join(',').slice(0, 200)}"`,
          msg('reader:no_expected_columns', {
            file: this.file,
            columns: missing.join('", "'),
            header: this.table.header.join(',').slice(0, 200),
          }),
        ),
      );
    }
    for (const m of missing) {
      this.log.add(
        'missing_column',
        detail(
          `${this.file}: no "${m}" column; its values are missing`,
          msg('reader:missing_column', { file: this.file, column: m }),
        ),
      );
    }
    return out;
  }

  /** Raw cell text ('' when the column is absent or the row is short). */
  raw(r: number, c: number): string {
    return c < 0 ? '' : (this.table.rows[r]?.[c] ?? '');
  }

  /** Cell text without surrounding spaces/TABs; '' for missing (`N/A`, empty). */
  text(r: number, c: number): string {
    const v = trimCell(this.raw(r, c));
    return isMissingText(v) ? '' : v;
  }

  /** Where a cell is, for warning examples. */
  where(r: number, c: number): string {
    return `${this.file} row ${r + 1}, column "${(this.table.header[c] ?? '').trim()}"`;
  }

  /** `where` as a message parameter. */
  private whereMsg(r: number, c: number): MessageParam {
    const column = (this.table.header[c] ?? '').trim();
    return { msg: msg('reader:cell', { file: this.file, row: String(r + 1), column }) };
  }

  /** A number (µs, MB, ratio…); null when missing or unreadable (reported). */
  number(r: number, c: number): number | null {
    const v = this.text(r, c);
    if (v === '') return null;
    const n = Number(v);
    if (Number.isFinite(n)) return n;
    this.log.add(
      'bad_number',
      detail(
        `${this.where(r, c)}: "${v}" is not a number`,
        msg('reader:not_a_number', { cell: this.whereMsg(r, c), value: v }),
      ),
    );
    return null;
  }

  /**
   * An exact absolute timestamp in µs (`out` set to µs + ns remainder). False when missing or
   * unreadable. Values in exponent form (Excel's `1.69512E+15`) are read but reported: they lost
   * precision when the file was saved by a spreadsheet.
   */
  time(r: number, c: number, out: ExactTime, required = true): boolean {
    const v = this.text(r, c);
    if (v === '') {
      if (required && c >= 0)
        this.log.add(
          'missing_time',
          detail(
            `${this.where(r, c)} is empty`,
            msg('reader:cell_empty', { cell: this.whereMsg(r, c) }),
          ),
        );
      return false;
    }
    const err = parseDecimalUs(v, out);
    if (err) {
      this.log.add(
        'bad_time',
        detail(
          `${this.where(r, c)}: "${v}" is not a decimal µs time (${err})`,
          msg('reader:bad_time', {
            cell: this.whereMsg(r, c),
            value: v,
            problem: timeProblem(err),
          }),
        ),
      );
      return false;
    }
    if (/[eE]/.test(v)) {
      this.log.add(
        'time_lost_precision',
        detail(
          `${this.where(r, c)}: "${v}" is in exponent form (saved by a spreadsheet?); the time lost precision`,
          msg('reader:time_lost_precision', { cell: this.whereMsg(r, c), value: v }),
        ),
      );
    }
    return true;
  }

  /** A duration in µs read exactly into ns; NaN when missing or unreadable. */
  durationNs(r: number, c: number): number {
    const v = this.text(r, c);
    if (v === '') return NaN;
    const t = scratch;
    const err = parseDecimalUs(v, t);
    if (err) {
      this.log.add(
        'bad_number',
        detail(
          `${this.where(r, c)}: "${v}" is not a number of µs (${err})`,
          msg('reader:not_us', { cell: this.whereMsg(r, c), value: v, problem: timeProblem(err) }),
        ),
      );
      return NaN;
    }
    return t.us * 1000 + t.fracNs;
  }

  /** A small integer id; -1 when missing, `4294967295` (invalid id) or unreadable (reported). */
  id(r: number, c: number): number {
    const v = this.text(r, c);
    if (v === '' || v === INVALID_ID) return -1;
    if (/^-?\d+$/.test(v)) {
      const n = Number(v);
      if (n >= -2147483648 && n <= 2147483647) return n;
    }
    if (/^[-+]?\d+(\.\d+)?[eE][-+]?\d+$/.test(v)) {
      this.log.add(
        'id_lost_precision',
        detail(
          `${this.where(r, c)}: "${v}" is in exponent form (saved by a spreadsheet?)`,
          msg('reader:id_exponent', { cell: this.whereMsg(r, c), value: v }),
        ),
      );
    } else
      this.log.add(
        'bad_id',
        detail(
          `${this.where(r, c)}: "${v}" is not an integer id`,
          msg('reader:bad_id', { cell: this.whereMsg(r, c), value: v }),
        ),
      );
    return -1;
  }

  /** Reports any cell of column c written in exponent form (a spreadsheet rounded it). */
  checkExponent(c: number, code = 'value_lost_precision'): void {
    if (c < 0) return;
    for (let r = 0; r < this.length; r++) {
      const v = trimCell(this.raw(r, c));
      if (/^[-+]?\d+(\.\d+)?[eE][-+]?\d+$/.test(v)) {
        this.log.add(
          code,
          detail(
            `${this.where(r, c)}: "${v}" is in exponent form (saved by a spreadsheet?); the value lost precision`,
            msg('reader:value_lost_precision', { cell: this.whereMsg(r, c), value: v }),
          ),
        );
      }
    }
  }

  private checkRagged(): void {
    const n = this.table.header.length;
    this.table.rows.forEach((row, r) => {
      if (row.length !== n) {
        this.log.add(
          row.length < n ? 'short_row' : 'long_row',
          detail(
            `${this.file} row ${r + 1} has ${row.length} cells, the header has ${n}${row.length < n ? '; the missing cells are empty' : '; the extra cells are kept'}`,
            row.length < n
              ? msg('reader:short_row', {
                  file: this.file,
                  row: String(r + 1),
                  cells: String(row.length),
                  header: String(n),
                })
              : msg('reader:long_row', {
                  file: this.file,
                  row: String(r + 1),
                  cells: String(row.length),
                  header: String(n),
                }),
          ),
        );
      }
    });
  }

  /**
   * A display copy of the table: every row padded to the header, cells trimmed of spaces/TABs,
   * and `clean` applied to the listed columns. Rows stay aligned with the source rows.
   */
  displayTable(clean: ReadonlyMap<number, (s: string) => string> = new Map()): TextTable {
    const n = this.table.header.length;
    const rows = this.table.rows.map((row) => {
      const out = new Array<string>(Math.max(n, row.length));
      for (let c = 0; c < out.length; c++) {
        const v = trimCell(row[c] ?? '');
        const f = clean.get(c);
        out[c] = f ? f(v) : v;
      }
      return out;
    });
    return {
      path: this.table.path,
      header: this.table.header.map((h) => h.replace(/^\uFEFF/, '').trim()),
      rows,
    };
  }
}

const scratch: ExactTime = { us: 0, fracNs: 0 };

/** Cell text without surrounding whitespace (CSV timestamps end with a TAB). */
export function trimCell(s: string): string {
  const a = s.charCodeAt(0);
  const b = s.charCodeAt(s.length - 1);
  if (a === 32 || a === 9 || a === 13 || a === 10 || b === 32 || b === 9 || b === 13 || b === 10)
    return s.trim();
  return s;
}

/** `N/A` and empty cells mean "not collected". */
export function isMissingText(s: string): boolean {
  return s === '' || s === 'N/A' || s === 'n/a';
}

/** Shape cells hold literal quote characters (`"32,3,224,224"`); drop them for display. */
export function stripQuoteChars(s: string): string {
  return s.includes('"') ? s.replace(/"/g, '') : s;
}

/**
 * Splits a `;`-separated tensor list (`81920,4096;8192,512`, or operator_details' `a;\r\nb;\r\n`)
 * into one string per tensor; empty entries (tensors without a shape) are kept as ''.
 */
export function splitTensorList(s: string): string[] {
  const v = stripQuoteChars(s)
    .replace(/;\s*\r?\n/g, ';')
    .replace(/;$/, '');
  return v === '' ? [] : v.split(';').map((x) => x.trim());
}

/** Normalises a multi-line cell (CRLF or LF line breaks, `;` frame separators) to LF. */
export function normalizeLines(s: string): string {
  return s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s;
}

/** Interns strings into a list; index 0 is ''. */
export class StringTable {
  readonly strings: string[] = [''];
  private readonly index = new Map<string, number>([['', 0]]);

  id(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}
