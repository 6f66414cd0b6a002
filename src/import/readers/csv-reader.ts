/**
 * Reads any CSV as text cells (papaparse) into `profile.tables[kind]`. Every cell stays a string
 * at this boundary: timestamps carry a trailing TAB and exceed float64 precision, so typed readers
 * convert them exactly later. CRLF or LF, quoted multi-line cells, BOM all handled by papaparse.
 */
import Papa from 'papaparse';
import type { TextTable } from '../../model/profile';
import { fileKind } from '../file-kinds';
import { readAll, type InputFile } from '../sources/input-file';
import type { FileReader } from './reader';

const decoder = new TextDecoder('utf-8', { fatal: false });

export async function parseCsvFile(
  file: InputFile,
): Promise<{ table: TextTable; problems: string[] }> {
  const text = decoder.decode(await readAll(file)).replace(/^\uFEFF/, '');
  const res = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const problems = res.errors.slice(0, 20).map((e) => `row ${e.row ?? '?'}: ${e.message}`);
  const [header = [], ...rows] = res.data;
  return { table: { path: file.path, header, rows }, problems };
}

export const readCsvFile: FileReader = async (file, ctx, report) => {
  const { table, problems } = await parseCsvFile(file);
  const kind = fileKind(file.path);
  const key = kind === 'csv' ? file.path.slice(file.path.lastIndexOf('/') + 1) : kind;
  ctx.profile.tables[key] = table;
  report.status = 'read';
  if (table.header.length === 0) report.reason = 'empty file';
  if (problems.length > 0) {
    report.warnings = [{ code: 'csv_parse', count: problems.length, example: problems[0]! }];
  }
};
