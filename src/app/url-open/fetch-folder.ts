/**
 * Reads what `?url=` points at over HTTP: a file (streamed, with progress), or a folder from its
 * `index.json` manifest or nginx's JSON listing. Every URL it fetches lies under the URL it was
 * given (already checked against the origin policy); redirects to another origin are refused.
 */
import type { PickedFile } from '../../session/read-dropped-items';
import { clearDownloads, openSink } from './download-sink';
import {
  fileUrl,
  isSkippedFolder,
  isViewerInput,
  MANIFEST_NAME,
  MAX_FOLDER_FILES,
  NOTES_SUFFIX,
  parseManifest,
  parseNginxListing,
  type ManifestFile,
} from './manifest';

export interface DownloadProgress {
  path: string;
  bytesRead: number;
  bytesTotal: number;
}

export interface FetchOptions {
  signal: AbortSignal;
  onProgress: (p: DownloadProgress) => void;
  /** Origins a redirect may land on (the page's and the allowed ones). */
  origins: readonly string[];
}

export interface FetchedInput {
  /** Name of what was opened (folder or file name). */
  name: string;
  files: PickedFile[];
  /** How the folder was listed ('manifest' | 'listing'), or 'file'. */
  via: 'manifest' | 'listing' | 'file';
}

export class HttpError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    statusText: string,
  ) {
    super(`${url}: HTTP ${status}${statusText ? ` ${statusText}` : ''}`);
  }
}

async function get(url: URL, o: FetchOptions, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(url, { ...init, signal: o.signal, credentials: 'same-origin' });
  const final = new URL(res.url || url.href);
  if (!o.origins.includes(final.origin)) {
    await res.body?.cancel();
    throw new Error(`${url.href}: redirected to ${final.origin}, which is not allowed`);
  }
  return res;
}

/**
 * A stamp for the reopen cache: the File's lastModified is derived from URL + size + the
 * server's validators (ETag, Last-Modified), so the cache key (path, size, lastModified) changes
 * when any of them does. 0 (not cached) when the server sends neither validator.
 */
export function cacheStamp(url: string, size: number, etag: string, lastModified: string): number {
  if (!etag && !lastModified) return 0;
  const s = `${url}\u0000${size}\u0000${etag}\u0000${lastModified}`;
  let h = 0x811c9dc5;
  let h2 = 0x1b873593;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h = Math.imul(h ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  // 52 bits, never 0.
  return (h2 & 0xfffff) * 2 ** 32 + h + 1;
}

/**
 * Streams one response into a File, reporting bytes as they arrive; large files go to disk
 * (download-sink.ts) instead of the page's memory.
 */
async function download(
  res: Response,
  url: URL,
  path: string,
  expected: number,
  report: (delta: number, total: number) => void,
): Promise<File> {
  if (!res.ok) {
    await res.body?.cancel();
    throw new HttpError(url.href, res.status, res.statusText);
  }
  const length = Number(res.headers.get('content-length') ?? '');
  // With Content-Encoding the length is the compressed size: trust the manifest's size first.
  const total = expected > 0 ? expected : Number.isFinite(length) && length > 0 ? length : 0;
  const sink = await openSink(total);
  let size = 0;
  try {
    if (res.body) {
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        await sink.write(value);
        size += value.length;
        report(value.length, total);
      }
    }
  } catch (e) {
    await sink.abort();
    throw e;
  }
  const name = path.slice(path.lastIndexOf('/') + 1);
  return sink.finish(
    name,
    cacheStamp(
      url.href,
      size,
      res.headers.get('etag') ?? '',
      res.headers.get('last-modified') ?? '',
    ),
  );
}

/** Name of the last path segment ("run-42" for /traces/run-42/). */
export function lastSegment(url: URL): string {
  const parts = url.pathname.split('/').filter(Boolean);
  const s = parts[parts.length - 1] ?? url.host;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function folderOf(url: URL): URL {
  return new URL('./', url);
}

/** Lists a folder: its manifest, else nginx's JSON listing walked recursively. */
async function listFolder(
  folder: URL,
  o: FetchOptions,
): Promise<{ files: ManifestFile[]; via: 'manifest' | 'listing' }> {
  const mres = await get(new URL(MANIFEST_NAME, folder), o, { cache: 'no-cache' });
  if (mres.ok) return { files: parseManifest(await mres.text()).files, via: 'manifest' };
  await mres.body?.cancel();
  const files: ManifestFile[] = [];
  let dirs = 0;
  const walk = async (dir: URL, prefix: string): Promise<boolean> => {
    const res = await get(dir, o, { headers: { Accept: 'application/json' }, cache: 'no-cache' });
    const text = res.ok ? await res.text() : '';
    const list = res.ok ? parseNginxListing(text) : null;
    if (!list) return false;
    for (const e of list) {
      const path = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.type === 'directory') {
        if (isSkippedFolder(e.name)) continue;
        if (++dirs > 2000) throw new Error(`${folder.href}: more than 2000 folders to list`);
        await walk(new URL(`${encodeURIComponent(e.name)}/`, dir), path);
      } else {
        files.push({ path, size: e.size, mtime: e.mtime });
        if (files.length > MAX_FOLDER_FILES)
          throw new Error(`${folder.href}: more than ${MAX_FOLDER_FILES} files`);
      }
    }
    return true;
  };
  if (!(await walk(folder, '')))
    throw new Error(
      `${folder.href}: no ${MANIFEST_NAME} (write one with "npm run manifest -- <folder>") and no JSON directory listing (nginx: autoindex on; autoindex_format json)`,
    );
  return { files, via: 'listing' };
}

/** Fetches what `url` names: a folder (trailing '/', or index.json) or one file. */
export async function fetchInput(url: URL, o: FetchOptions): Promise<FetchedInput> {
  await clearDownloads();
  let folder: URL | null = null;
  if (url.pathname.endsWith('/')) folder = url;
  else if (url.pathname.endsWith(`/${MANIFEST_NAME}`)) folder = folderOf(url);
  if (!folder) {
    const res = await get(url, o);
    const final = new URL(res.url || url.href);
    // A folder named without its trailing slash: the server redirects to it.
    if (res.redirected && final.pathname.endsWith('/')) {
      await res.body?.cancel();
      folder = final;
    } else {
      const name = lastSegment(url);
      let read = 0;
      const file = await download(res, url, name, 0, (d, total) => {
        read += d;
        o.onProgress({ path: name, bytesRead: read, bytesTotal: Math.max(total, read) });
      });
      const files: PickedFile[] = [{ path: name, file }];
      const notes = await fetchSidecar(url, o);
      if (notes) files.push(notes);
      return { name, files, via: 'file' };
    }
  }
  const name = lastSegment(folder);
  const listed = await listFolder(folder, o);
  const wanted = listed.files.filter((f) => isViewerInput(f.path));
  const bytesTotal = wanted.reduce((a, f) => a + f.size, 0);
  let bytesRead = 0;
  const files: PickedFile[] = [];
  for (const f of wanted) {
    const u = fileUrl(folder, f.path);
    const path = `${name}/${f.path}`;
    const res = await get(u, o);
    const file = await download(res, u, path, f.size, (d) => {
      bytesRead += d;
      o.onProgress({ path, bytesRead, bytesTotal: Math.max(bytesTotal, bytesRead) });
    });
    files.push({ path, file });
  }
  if (files.length === 0)
    throw new Error(`${folder.href}: the folder lists no file the viewer reads`);
  return { name, files, via: listed.via };
}

/** `<stem>.atv-notes.json` next to a file URL, when the server has one (a 404 is not an error). */
async function fetchSidecar(url: URL, o: FetchOptions): Promise<PickedFile | null> {
  const base = lastSegment(url);
  const stem = base.replace(/(\.json(\.gz)?|\.zip|\.gz)$/i, '');
  if (stem === base || !stem) return null;
  const name = `${stem}${NOTES_SUFFIX}`;
  const u = new URL(encodeURIComponent(name), url);
  try {
    const res = await get(u, o, { cache: 'no-cache' });
    if (!res.ok) {
      await res.body?.cancel();
      return null;
    }
    const blob = await res.blob();
    return { path: name, file: new File([blob], name) };
  } catch (e) {
    if (o.signal.aborted) throw e;
    return null;
  }
}
