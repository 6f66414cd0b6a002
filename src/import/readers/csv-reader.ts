/**
 * Reads any CSV as text cells (papaparse) into `profile.tables[kind]`. Every cell stays a string
 * at this boundary: timestamps carry a trailing TAB and exceed float64 precision, so typed readers
 * convert them exactly later. CRLF or LF, quoted multi-line cells, BOM all handled by papaparse.
 */
import { msg, type Message } from '../../lib/message';
import Papa from 'papaparse';
import type { TextTable } from '../../model/profile';
import { fileKind } from '../file-kinds';
import { readAll, type InputFile } from '../sources/input-file';
import type { FileReader } from './reader';

const decoder = new TextDecoder('utf-8', { fatal: false });

/** Unterminated quotes recovered from before the rest of the file is left to papaparse. */
const MAX_QUOTE_RECOVERIES = 100;

export interface ParsedCsv {
  table: TextTable;
  /** The first problems found (at most 20), each naming its data row. */
  problems: string[];
  /** How many problems there were in all. */
  problemCount: number;
  /** `problems` as interface messages, one for one. */
  problemMsgs: Message[];
}

export async function parseCsvFile(file: InputFile): Promise<ParsedCsv> {
  const text = decoder.decode(await readAll(file)).replace(/^\uFEFF/, '');
  const { rows: all, problems, problemCount, problemMsgs } = parseCsvText(text);
  const [header = [], ...rows] = all;
  return { table: { path: file.path, header, rows }, problems, problemCount, problemMsgs };
}

/**
 * Parses CSV text into rows (the header is row 0; problems name data rows, 1 = the first after
 * the header). The delimiter is the comma when the first line has one (papaparse's guess can pick
 * the TAB that ends every timestamp once a few rows are ragged). A broken quote (never closed, or
 * closed in the wrong place) swallows the lines after it into one cell, up to the end of the file
 * or the next stray quote: its line is read without quotes instead, and parsing resumes on the
 * next line.
 */
export function parseCsvText(text: string): Omit<ParsedCsv, 'table'> & { rows: string[][] } {
  const nl = text.indexOf('\n');
  const delimiter = (nl < 0 ? text : text.slice(0, nl)).includes(',') ? ',' : '';
  const rows: string[][] = [];
  const problems: string[] = [];
  const problemMsgs: Message[] = [];
  let problemCount = 0;
  const problem = (row: number | undefined, message: string, m: Message) => {
    problemCount++;
    if (problems.length < 20) {
      problems.push(`row ${row === undefined ? '?' : row}: ${message}`);
      problemMsgs.push(
        msg('reader:csv_row', { row: row === undefined ? '?' : String(row), problem: { msg: m } }),
      );
    }
  };
  let offset = 0;
  for (let recovered = 0; offset < text.length; recovered++) {
    const res = Papa.parse<string[]>(offset === 0 ? text : text.slice(offset), {
      skipEmptyLines: 'greedy',
      delimiter,
    });
    const base = rows.length;
    const open =
      recovered < MAX_QUOTE_RECOVERIES
        ? res.errors.find(
            (e) =>
              e.type === 'Quotes' &&
              e.row !== undefined &&
              e.index !== undefined &&
              res.data[e.row]?.some((cell) => cell.includes('\n')),
          )
        : undefined;
    for (const e of res.errors) {
      if (e.code === 'UndetectableDelimiter') continue; // one column: nothing is wrong
      if (open && (e === open || (e.row ?? 0) > open.row!)) continue;
      problem(e.row === undefined ? undefined : base + e.row, e.message, csvProblem(e));
    }
    if (!open) {
      for (const r of res.data) rows.push(r);
      break;
    }
    for (let r = 0; r < open.row!; r++) rows.push(res.data[r]!);
    problem(
      base + open.row!,
      `${open.message}; the row was read without quotes`,
      msg('reader:csv_read_without_quotes', { problem: { msg: csvProblem(open) } }),
    );
    const at = offset + Math.max(0, open.index! - 1); // papaparse points just past the quote
    const lineStart = Math.max(offset, text.lastIndexOf('\n', at - 1) + 1);
    const next = text.indexOf('\n', at);
    const lineEnd = next < 0 ? text.length : next;
    rows.push(
      text
        .slice(lineStart, lineEnd)
        .replace(/\r$/, '')
        .split(delimiter || ','),
    );
    offset = lineEnd + 1;
  }
  return { rows, problems, problemCount, problemMsgs };
}

export const readCsvFile: FileReader = async (file, ctx, report) => {
  const { table, problems, problemCount, problemMsgs } = await parseCsvFile(file);
  const kind = fileKind(file.path);
  const key = kind === 'csv' ? file.path.slice(file.path.lastIndexOf('/') + 1) : kind;
  ctx.profile.tables[key] = table;
  report.status = 'read';
  if (table.header.length === 0) report.reason = 'empty file';
  report.reasonMsg = msg('report:reason_empty_file');
  if (problems.length > 0) {
    report.warnings = [
      { code: 'csv_parse', count: problemCount, example: problems[0]!, exampleMsg: problemMsgs[0] },
    ];
  }
};

/** A papaparse error as a message (its English text stays in `problems`). */
function csvProblem(e: { code: string; message: string }): Message {
  const fields = /expected (\d+) fields but parsed (\d+)/.exec(e.message);
  if (e.code === 'MissingQuotes') return msg('reader:csv_missing_quotes');
  if (e.code === 'InvalidQuotes') return msg('reader:csv_invalid_quotes');
  if (fields && e.code === 'TooFewFields')
    return msg('reader:csv_too_few_fields', { expected: fields[1]!, parsed: fields[2]! });
  if (fields && e.code === 'TooManyFields')
    return msg('reader:csv_too_many_fields', { expected: fields[1]!, parsed: fields[2]! });
  return msg('reader:csv_problem', { problem: e.message });
}
