/**
 * The reopen cache: an imported profile is stored (serialised columns) under a key made of its
 * files' names, sizes and modification times, so opening the same files again skips parsing.
 * Storage is pluggable: the origin-private file system in the browser, a Map in tests.
 */
import { concatBytes } from '../../lib/bytes';
import type { ProfileDescriptor, ProfileModel } from '../../model/profile';
import type { InputFile } from '../sources/input-file';
import { CACHE_FORMAT_VERSION, deserialize } from './serialize';

export interface CacheStore {
  get(key: string): Promise<ArrayBuffer | null>;
  put(key: string, chunks: Uint8Array[]): Promise<void>;
  /**
   * An entry to write later (opened ahead, while the profile is still being imported), so the
   * profile's own columns can be written straight from its buffers just before they are handed
   * to the page: no copy of the columns is kept in the meantime. `sizeHint`: about how big the
   * entry will be (room is made for it). Stores without it get a copy
   * written by `put` after the hand-over.
   */
  open?(key: string, sizeHint?: number): Promise<CacheWriter>;
  clear(): Promise<void>;
  /** Bytes used and entries. */
  usage(): Promise<{ bytes: number; entries: number }>;
}

export interface CacheWriter {
  /**
   * Writes the chunks in order. They are consumed before this returns (the caller may transfer
   * their buffers right after); the promise ends when the entry is complete (closed, older
   * entries evicted).
   */
  write(chunks: Uint8Array[]): Promise<void>;
  /** Drops the entry (the import failed or was cancelled). */
  abort(): Promise<void>;
}

/** Profiles smaller than this are parsed again rather than cached. */
export const MIN_CACHED_BYTES = 8 << 20;

/** The cache key of a profile, or null when its files can't be identified (generated, unzipped). */
export function profileCacheKey(
  d: ProfileDescriptor,
  files: ReadonlyMap<string, InputFile>,
  buildId: string,
  minBytes = MIN_CACHED_BYTES,
): string | null {
  let total = 0;
  const parts: string[] = [String(CACHE_FORMAT_VERSION), buildId, d.root];
  for (const path of [...d.files].sort()) {
    const f = files.get(path);
    if (!f || !f.rereadable || !f.lastModified) return null;
    total += f.size;
    parts.push(`${path}\u0000${f.size}\u0000${f.lastModified}`);
  }
  if (total < minBytes) return null;
  return `p${hash(parts.join('\u0001'))}`;
}

/** 64-bit FNV-1a as hex (keys only need to be stable and distinct). */
function hash(s: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < s.length; i++) {
    h ^= BigInt(s.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

export async function loadCachedProfile(
  store: CacheStore,
  key: string,
): Promise<ProfileModel | null> {
  try {
    const buf = await store.get(key);
    if (!buf) return null;
    const p = deserialize<ProfileModel>(buf);
    if (!p || !p.descriptor) return null;
    p.fromCache = true;
    return p;
  } catch {
    return null; // a damaged entry is just a miss
  }
}

/** An in-memory CacheStore (tests, Node). */
export function memoryCacheStore(): CacheStore {
  const m = new Map<string, ArrayBuffer>();
  return {
    open: (k) =>
      Promise.resolve({
        write: (chunks) => {
          m.set(k, concatBytes(chunks).slice().buffer);
          return Promise.resolve();
        },
        abort: () => Promise.resolve(),
      }),
    get: (k) => Promise.resolve(m.get(k) ?? null),
    put: (k, chunks) => {
      m.set(k, concatBytes(chunks).slice().buffer);
      return Promise.resolve();
    },
    clear: () => {
      m.clear();
      return Promise.resolve();
    },
    usage: () =>
      Promise.resolve({
        bytes: [...m.values()].reduce((a, b) => a + b.byteLength, 0),
        entries: m.size,
      }),
  };
}
