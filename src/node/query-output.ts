/**
 * Result formats of the command-line `query`: CSV with a header line (default), JSON (an array
 * of objects) and an aligned text table. CSV and JSON stream row by row; the table needs every
 * row for its widths. Cells print as the SQL view shows them: NULL as empty (CSV, table) or
 * null (JSON), integers beyond 2^53 as exact digits (strings in JSON).
 */
import type { ConsoleCell } from '../import/db/sql-console';

export type OutputFormat = 'csv' | 'json' | 'table';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['csv', 'json', 'table'];

export interface ResultWriter {
  columns(columns: string[]): void;
  row(row: ConsoleCell[]): void;
  end(): void;
}

/** Collects text into chunks of ~64 KB before writing them (fewer writes for big results). */
function chunked(write: (s: string) => void): { add: (s: string) => void; flush: () => void } {
  let buf = '';
  return {
    add(s) {
      buf += s;
      if (buf.length >= 1 << 16) {
        write(buf);
        buf = '';
      }
    },
    flush() {
      if (buf) write(buf);
      buf = '';
    },
  };
}

export function csvCell(v: ConsoleCell): string {
  if (v === null) return '';
  const s = typeof v === 'number' ? String(v) : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function createWriter(format: OutputFormat, write: (s: string) => void): ResultWriter {
  const out = chunked(write);
  if (format === 'csv') {
    return {
      columns: (cols) => out.add(`${cols.map(csvCell).join(',')}\n`),
      row: (r) => out.add(`${r.map(csvCell).join(',')}\n`),
      end: () => out.flush(),
    };
  }
  if (format === 'json') {
    let keys: string[] = [];
    let n = 0;
    return {
      columns: (cols) => {
        keys = cols.map((c) => JSON.stringify(c));
      },
      row: (r) => {
        const fields = r.map((v, i) => `${keys[i]}:${JSON.stringify(v)}`);
        out.add(`${n++ === 0 ? '[\n' : ',\n'}{${fields.join(',')}}`);
      },
      end: () => {
        out.add(n === 0 ? '[]\n' : '\n]\n');
        out.flush();
      },
    };
  }
  let header: string[] = [];
  const rows: string[][] = [];
  const numeric: boolean[] = [];
  return {
    columns: (cols) => {
      header = cols;
    },
    row: (r) => {
      r.forEach((v, i) => {
        if (v !== null) numeric[i] = (numeric[i] ?? true) && typeof v === 'number';
      });
      rows.push(r.map((v) => (v === null ? 'NULL' : String(v).replace(/[\r\n\t]/g, ' '))));
    },
    end: () => {
      const widths = header.map((h, i) =>
        rows.reduce((w, r) => Math.max(w, r[i]!.length), h.length),
      );
      const line = (cells: string[], isHeader: boolean) =>
        cells
          .map((s, i) => (!isHeader && numeric[i] ? s.padStart(widths[i]!) : s.padEnd(widths[i]!)))
          .join('  ')
          .trimEnd();
      out.add(`${line(header, true)}\n`);
      out.add(`${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
      for (const r of rows) out.add(`${line(r, false)}\n`);
      out.add(`(${rows.length} row${rows.length === 1 ? '' : 's'})\n`);
      out.flush();
    },
  };
}
