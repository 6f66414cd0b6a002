/**
 * CacheStore on the origin-private file system (worker side: sync access handles write at disk
 * speed). Keeps at most MAX_BYTES, evicting the least recently written entries.
 */
import type { CacheStore, CacheWriter } from './profile-cache';

const DIR = 'atv-cache';
const MAX_BYTES = 6 * 2 ** 30;
/** Size of one storage write (small chunks are gathered up to it). */
const WRITE_BLOCK = 4 << 20;

interface SyncHandle {
  write(data: Uint8Array, opts?: { at?: number }): number;
  truncate(size: number): void;
  flush(): void;
  close(): void;
}

let dirHandle: Promise<FileSystemDirectoryHandle> | null = null;

/** The cache folder (looked up once: the first storage access of a page is slow). */
function dir(): Promise<FileSystemDirectoryHandle> {
  dirHandle ??= navigator.storage
    .getDirectory()
    .then((root) => root.getDirectoryHandle(DIR, { create: true }));
  dirHandle.catch(() => (dirHandle = null));
  return dirHandle;
}

async function entries(
  d: FileSystemDirectoryHandle,
): Promise<{ name: string; size: number; time: number }[]> {
  const out: { name: string; size: number; time: number }[] = [];
  const iter = (d as unknown as { values(): AsyncIterable<FileSystemHandle> }).values();
  for await (const h of iter) {
    if (h.kind !== 'file') continue;
    const f = await (h as FileSystemFileHandle).getFile();
    out.push({ name: h.name, size: f.size, time: f.lastModified });
  }
  return out;
}

export function opfsAvailable(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.storage?.getDirectory === 'function';
}

/**
 * Keeps the cache within MAX_BYTES with `room` bytes to spare: the least recently written entries
 * (but `keep`) go first.
 */
async function evict(d: FileSystemDirectoryHandle, keep: string, room = 0): Promise<void> {
  const all = await entries(d);
  let used = all.reduce((a, e) => a + e.size, 0) + room;
  for (const e of all.filter((x) => x.name !== keep).sort((a, b) => a.time - b.time)) {
    if (used <= MAX_BYTES) break;
    await d.removeEntry(e.name);
    used -= e.size;
  }
}

/**
 * Opens (creates) an entry's file with a sync access handle, ready to write, after making room
 * for about `sizeHint` bytes.
 */
async function openEntry(key: string, sizeHint = 0): Promise<CacheWriter> {
  const d = await dir();
  await evict(d, key, sizeHint);
  const h = await d.getFileHandle(key, { create: true });
  const access = await (
    h as unknown as { createSyncAccessHandle(): Promise<SyncHandle> }
  ).createSyncAccessHandle();
  let closed = false;
  const close = () => {
    if (!closed) access.close();
    closed = true;
  };
  return {
    write(chunks) {
      const fail = (e: unknown) => {
        close();
        return d.removeEntry(key).then(
          () => Promise.reject(e as Error),
          () => Promise.reject(e as Error),
        );
      };
      try {
        access.truncate(0);
        writeChunks(access, chunks);
      } catch (e) {
        return fail(e);
      }
      // The bytes are with the system now; flushing them to disk (an fsync, slow on a busy
      // machine) waits until the caller has moved on (the profile handed over).
      return new Promise<void>((r) => setTimeout(r, 0)).then(() => {
        try {
          access.flush();
        } catch (e) {
          return fail(e);
        }
        close();
        return evict(d, key);
      });
    },
    async abort() {
      close();
      await d.removeEntry(key).catch(() => undefined);
    },
  };
}

/**
 * Writes the chunks in order. Chunks are one per typed array (hundreds of thousands for a trace
 * with many threads): each write is a round trip to storage, so small chunks are gathered into
 * big writes; big ones are written from their own buffers.
 */
function writeChunks(access: SyncHandle, chunks: Uint8Array[]): void {
  const block = new Uint8Array(WRITE_BLOCK);
  let filled = 0;
  let at = 0;
  const flushBlock = () => {
    if (filled > 0) at += access.write(block.subarray(0, filled), { at });
    filled = 0;
  };
  for (const c of chunks) {
    if (c.length >= WRITE_BLOCK) {
      flushBlock();
      at += access.write(c, { at });
      continue;
    }
    if (filled + c.length > WRITE_BLOCK) flushBlock();
    block.set(c, filled);
    filled += c.length;
  }
  flushBlock();
}

export function opfsCacheStore(): CacheStore {
  return {
    async get(key) {
      try {
        const h = await (await dir()).getFileHandle(key);
        return await (await h.getFile()).arrayBuffer();
      } catch {
        return null;
      }
    },
    async put(key, chunks) {
      const w = await openEntry(
        key,
        chunks.reduce((a, c) => a + c.length, 0),
      );
      await w.write(chunks);
    },
    open: openEntry,
    async clear() {
      const root = await navigator.storage.getDirectory();
      await root.removeEntry(DIR, { recursive: true }).catch(() => undefined);
      dirHandle = null;
    },
    async usage() {
      const list = await entries(await dir());
      return { bytes: list.reduce((a, e) => a + e.size, 0), entries: list.length };
    },
  };
}
