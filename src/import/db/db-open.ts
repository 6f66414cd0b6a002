/**
 * Reads a database file into memory once (with progress) and opens it with sql.js. sql.js works
 * on an in-memory copy, so the user's file is never written; the caller closes the DbFile.
 */
import type { ImportProgress } from '../readers/reader';
import type { InputFile } from '../sources/input-file';
import { ImportCancelled } from '../import-cancelled';
import { DbFile, DbOpenError } from './db-file';
import { MessageError } from '../../lib/message';
import { loadSqlJs } from './sql-loader';

export interface DbReadOptions {
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
}

/** The whole file as one buffer (a single copy; chunks are written straight into it). */
export async function readDbBytes(file: InputFile, opts: DbReadOptions = {}): Promise<Uint8Array> {
  let out: Uint8Array | null = null;
  let n = 0;
  let lastReport = 0;
  for await (const chunk of file.stream()) {
    if (opts.signal?.aborted) throw new ImportCancelled();
    if (!out) {
      if (chunk.length >= file.size)
        return chunk.length === file.size ? chunk : chunk.slice(0, file.size);
      out = new Uint8Array(file.size);
    }
    const take = Math.min(chunk.length, out.length - n);
    out.set(chunk.subarray(0, take), n);
    n += take;
    if (opts.onProgress && n - lastReport >= 8 << 20) {
      lastReport = n;
      opts.onProgress({
        path: file.path,
        stage: 'read',
        bytesRead: n,
        bytesTotal: file.size,
        items: 0,
      });
    }
  }
  if (!out) return new Uint8Array(0);
  return n === out.length ? out : out.subarray(0, n);
}

/** Reads and opens a database file; throws an Error with a one-line reason when it cannot. */
export async function openDbFile(file: InputFile, opts: DbReadOptions = {}): Promise<DbFile> {
  const bytes = await readDbBytes(file, opts);
  const sql = await loadSqlJs();
  try {
    return DbFile.open(sql, bytes, file.path);
  } catch (e) {
    if (e instanceof DbOpenError) throw new MessageError(e.detail, { cause: e });
    throw e;
  }
}
