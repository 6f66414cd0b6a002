/**
 * Where a `?url=` download goes while it streams in. A large file is written chunk by chunk to
 * the origin-private file system (OPFS) and handed to the import as the disk-backed File OPFS
 * returns, so the page never holds the whole download in memory; a small file, or a browser
 * without OPFS, keeps its chunks and builds the File from Blobs of at most 16 MiB each (no
 * second copy of the whole file in the page's heap).
 *
 * Downloads of the previous `?url=` open are deleted when the next one starts (their Files
 * belong to the profile that was replaced).
 */

/** Above this size (or with no size known) the download streams to OPFS. */
export const STREAM_TO_DISK_BYTES = 8 << 20;
const PART_BYTES = 16 << 20;
const DIR = 'atv-downloads';

export interface DownloadSink {
  readonly kind: 'opfs' | 'memory';
  write(chunk: Uint8Array): Promise<void>;
  /** The downloaded bytes as a File (named, with the cache stamp as its lastModified). */
  finish(name: string, lastModified: number): Promise<File>;
  /** Drops what was written (a failed or cancelled download). */
  abort(): Promise<void>;
}

/** Chunks grouped into Blobs of ≤ PART_BYTES as they arrive. */
export class MemorySink implements DownloadSink {
  readonly kind = 'memory';
  private parts: Blob[] = [];
  private chunks: Uint8Array[] = [];
  private pending = 0;

  write(chunk: Uint8Array): Promise<void> {
    this.chunks.push(chunk);
    this.pending += chunk.length;
    if (this.pending >= PART_BYTES) this.flush();
    return Promise.resolve();
  }

  private flush(): void {
    if (this.chunks.length === 0) return;
    this.parts.push(new Blob(this.chunks as BlobPart[]));
    this.chunks = [];
    this.pending = 0;
  }

  finish(name: string, lastModified: number): Promise<File> {
    this.flush();
    const file = new File(this.parts, name, { lastModified });
    this.parts = [];
    return Promise.resolve(file);
  }

  abort(): Promise<void> {
    this.parts = [];
    this.chunks = [];
    return Promise.resolve();
  }
}

let seq = 0;
let dirPromise: Promise<FileSystemDirectoryHandle> | null = null;

const hasOpfs = () =>
  typeof navigator !== 'undefined' &&
  typeof navigator.storage?.getDirectory === 'function' &&
  typeof FileSystemFileHandle !== 'undefined' &&
  'createWritable' in FileSystemFileHandle.prototype;

function downloadsDir(): Promise<FileSystemDirectoryHandle> {
  dirPromise ??= navigator.storage
    .getDirectory()
    .then((root) => root.getDirectoryHandle(DIR, { create: true }));
  return dirPromise;
}

/** Deletes the previous open's downloads (called when a new `?url=` open starts). */
export async function clearDownloads(): Promise<void> {
  if (!hasOpfs()) return;
  try {
    const root = await navigator.storage.getDirectory();
    await root.removeEntry(DIR, { recursive: true });
  } catch {
    /* nothing there, or still in use: left for the next open */
  }
  dirPromise = null;
}

class OpfsSink implements DownloadSink {
  readonly kind = 'opfs';
  constructor(
    private readonly handle: FileSystemFileHandle,
    private readonly stream: FileSystemWritableFileStream,
    private readonly dir: FileSystemDirectoryHandle,
  ) {}

  async write(chunk: Uint8Array): Promise<void> {
    await this.stream.write(chunk as Uint8Array<ArrayBuffer>);
  }

  async finish(name: string, lastModified: number): Promise<File> {
    await this.stream.close();
    const disk = await this.handle.getFile();
    // A File over the disk-backed one: named and stamped, its bytes not copied.
    return new File([disk], name, { lastModified, type: disk.type });
  }

  async abort(): Promise<void> {
    try {
      await this.stream.abort();
      await this.dir.removeEntry(this.handle.name);
    } catch {
      /* already gone */
    }
  }
}

/**
 * A sink for a download of `expected` bytes (0 = unknown): OPFS when it is large or unknown and
 * the browser has it, memory otherwise (also when OPFS refuses, e.g. no quota).
 */
export async function openSink(expected: number): Promise<DownloadSink> {
  if ((expected === 0 || expected >= STREAM_TO_DISK_BYTES) && hasOpfs()) {
    try {
      const dir = await downloadsDir();
      const handle = await dir.getFileHandle(`dl-${Date.now()}-${++seq}`, { create: true });
      return new OpfsSink(handle, await handle.createWritable(), dir);
    } catch {
      /* fall back to memory */
    }
  }
  return new MemorySink();
}
