/**
 * The folder manifest (`index.json`) that lets a static server hand out a profile folder:
 * written by `npm run manifest -- <folder>`, read by `?url=<folder>/`. Also reads nginx's JSON
 * directory listing (`autoindex_format json`). Pure: no fetch, no DOM.
 *
 * Schema (version 1):
 *   { "format": "atv-folder-manifest", "version": 1,
 *     "files": [ { "path": "rank0_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json",
 *                  "size": 1234, "mtime": 1733500000000 } ] }
 * Paths are relative to the folder holding index.json, '/'-separated, never absolute or `..`.
 */
import { fileKind } from '../../import/file-kinds';

export const MANIFEST_FORMAT = 'atv-folder-manifest';
export const MANIFEST_VERSION = 1;
export const MANIFEST_NAME = 'index.json';
/** The notes sidecar suffix (markers and notes that travel with a profile). */
export const NOTES_SUFFIX = '.atv-notes.json';

export interface ManifestFile {
  path: string;
  size: number;
  /** Modification time, ms since the epoch (0 when unknown). */
  mtime: number;
}

export interface FolderManifest {
  format: typeof MANIFEST_FORMAT;
  version: number;
  files: ManifestFile[];
}

/** Most files a folder (manifest or listing) may name. */
export const MAX_FOLDER_FILES = 50_000;

/** Whether a relative path is safe to resolve under the folder (no escape, no scheme). */
export function isSafeRelativePath(p: string): boolean {
  if (!p || p.length > 1024 || p.startsWith('/') || p.includes('\\') || p.includes('//'))
    return false;
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(p)) return false;
  return p.split('/').every((seg) => seg !== '..' && seg !== '.' && seg !== '');
}

/** Whether the viewer reads this file (others in a folder are not downloaded). */
export function isViewerInput(path: string): boolean {
  return path.toLowerCase().endsWith(NOTES_SUFFIX) || fileKind(path) !== 'unknown';
}

/** Parses and checks a manifest; throws one line naming the problem. */
export function parseManifest(text: string): FolderManifest {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new Error(`${MANIFEST_NAME} is not JSON`);
  }
  if (!isObject(v) || v['format'] !== MANIFEST_FORMAT)
    throw new Error(`${MANIFEST_NAME} is not a folder manifest (format "${MANIFEST_FORMAT}")`);
  const version = v['version'];
  if (typeof version !== 'number' || version > MANIFEST_VERSION)
    throw new Error(
      `${MANIFEST_NAME} has version ${String(version)}; this viewer reads up to ${MANIFEST_VERSION}`,
    );
  const list = v['files'];
  if (!Array.isArray(list)) throw new Error(`${MANIFEST_NAME} has no "files" list`);
  if (list.length > MAX_FOLDER_FILES)
    throw new Error(`${MANIFEST_NAME} lists ${list.length} files (at most ${MAX_FOLDER_FILES})`);
  const files: ManifestFile[] = [];
  for (const f of list as unknown[]) {
    if (!isObject(f) || typeof f['path'] !== 'string' || !isSafeRelativePath(f['path']))
      throw new Error(`${MANIFEST_NAME} names an unsafe or invalid path: ${JSON.stringify(f)}`);
    const size = typeof f['size'] === 'number' && f['size'] >= 0 ? f['size'] : 0;
    const mtime = typeof f['mtime'] === 'number' ? f['mtime'] : 0;
    files.push({ path: f['path'], size, mtime });
  }
  return { format: MANIFEST_FORMAT, version, files };
}

/** Builds a manifest (sorted paths) from a folder walk. */
export function makeManifest(files: readonly ManifestFile[]): FolderManifest {
  return {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    files: [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
}

/** One entry of nginx's `autoindex_format json` listing. */
export interface ListingEntry {
  name: string;
  type: 'file' | 'directory';
  size: number;
  mtime: number;
}

/** Parses nginx's JSON listing; null when the text is not one. */
export function parseNginxListing(text: string): ListingEntry[] | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(v)) return null;
  const out: ListingEntry[] = [];
  for (const e of v as unknown[]) {
    if (!isObject(e) || typeof e['name'] !== 'string') return null;
    const type = e['type'];
    if (type !== 'file' && type !== 'directory') continue; // links, other
    const name = e['name'];
    if (!isSafeRelativePath(name) || name.includes('/')) continue;
    const mtime = typeof e['mtime'] === 'string' ? Date.parse(e['mtime']) : NaN;
    out.push({
      name,
      type,
      size: typeof e['size'] === 'number' ? e['size'] : 0,
      mtime: Number.isFinite(mtime) ? mtime : 0,
    });
  }
  return out;
}

/** Folders of a profiler output the viewer never reads (raw data): not walked over HTTP. */
export function isSkippedFolder(name: string): boolean {
  return name === 'FRAMEWORK' || /^PROF_/.test(name) || name === 'logs' || name.startsWith('.');
}

/** URL of a file under a folder URL (each segment percent-encoded). */
export function fileUrl(folder: URL, path: string): URL {
  const base = folder.href.endsWith('/') ? folder : new URL(`${folder.pathname}/`, folder);
  return new URL(path.split('/').map(encodeURIComponent).join('/'), base);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
