/**
 * CacheStore on the origin-private file system (worker side: sync access handles write at disk
 * speed). Keeps at most MAX_BYTES, evicting the least recently written entries.
 */
import type { CacheStore } from './profile-cache';

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
      const d = await dir();
      const size = chunks.reduce((a, c) => a + c.length, 0);
      const existing = (await entries(d))
        .filter((e) => e.name !== key)
        .sort((a, b) => a.time - b.time);
      let used = existing.reduce((a, e) => a + e.size, 0);
      for (const e of existing) {
        if (used + size <= MAX_BYTES) break;
        await d.removeEntry(e.name);
        used -= e.size;
      }
      const h = await d.getFileHandle(key, { create: true });
      const access = await (
        h as unknown as { createSyncAccessHandle(): Promise<SyncHandle> }
      ).createSyncAccessHandle();
      try {
        access.truncate(0);
        // Chunks are one per typed array (hundreds of thousands for a trace with many threads):
        // each write is a round trip to storage, so small chunks are gathered into big writes.
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
        access.flush();
      } finally {
        access.close();
      }
    },
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
