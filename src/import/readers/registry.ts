/**
 * Which reader handles which file kind, and in what order kinds are read (small metadata first,
 * so later readers can use it).
 */
import { ASCEND_READERS } from '../ascend/read-ascend-files';
import { DB_READERS, DB_READ_ORDER } from '../db';
import { ASCEND_CSV_KINDS } from '../file-kinds';
import { readCsvFile } from './csv-reader';
import { readInfoJson, readJsonSideFile } from './json-side-reader';
import type { FileReader } from './reader';
import { readTraceFile } from './trace-reader';

export const READERS: Record<string, FileReader> = {
  'trace_view.json': readTraceFile,
  'trace.json': readTraceFile,
  'profiler_info.json': readJsonSideFile,
  'profiler_metadata.json': readJsonSideFile,
  'info.json': readInfoJson,
  'communication.json': readJsonSideFile,
  'communication_matrix.json': readJsonSideFile,
  csv: readCsvFile,
  ...Object.fromEntries(ASCEND_CSV_KINDS.map((k) => [k, readCsvFile])),
  // Typed readers: the same TextTable / JSON as above, plus the typed view in profile.ascend.
  ...ASCEND_READERS,
  // SQLite exports: after the text files, so a folder with both keeps the text trace.
  ...DB_READERS,
};

export const READ_ORDER: string[] = [
  'profiler_info.json',
  'profiler_metadata.json',
  'info.json',
  'trace_view.json',
  'trace.json',
  ...ASCEND_CSV_KINDS,
  'communication.json',
  'communication_matrix.json',
  ...DB_READ_ORDER,
];
