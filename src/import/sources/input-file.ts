/**
 * The one file abstraction the importers read: a path relative to what the user opened, a size,
 * and byte access. Browser Files, Node files, zip entries and generated in-memory files all
 * implement it, so the same import code runs in the worker, in Node (summarize) and in tests.
 */
import { concatBytes } from '../../lib/bytes';

export interface InputFile {
  /** Path relative to the opened root, '/'-separated (e.g. "rank0_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json"). */
  readonly path: string;
  readonly size: number;
  /** Modification time, ms since the epoch (0 when unknown). */
  readonly lastModified: number;
  /**
   * Whether the page can re-read this file's bytes later (a user's File, a file on disk), so that
   * trace args may be kept as byte ranges instead of copies. False for generated / unzipped data.
   */
  readonly rereadable?: boolean;
  /** The underlying Blob, when there is one (lets other workers read the same file). */
  readonly blob?: Blob;
  /** Reads the file from the start in chunks. */
  stream(chunkSize?: number): AsyncIterable<Uint8Array>;
  /** Reads bytes [start, end). */
  slice(start: number, end: number): Promise<Uint8Array>;
}

export const DEFAULT_CHUNK = 4 << 20;

/** An InputFile over bytes held in memory. */
export function memoryFile(path: string, data: Uint8Array | string, lastModified = 0): InputFile {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return {
    path,
    size: bytes.length,
    lastModified,
    stream(chunkSize = DEFAULT_CHUNK) {
      return chunksOf(bytes, chunkSize);
    },
    slice(start, end) {
      return Promise.resolve(bytes.subarray(start, end));
    },
  };
}

/** Async iteration over fixed-size views of `bytes`. */
export function chunksOf(bytes: Uint8Array, chunkSize: number): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator]() {
      let i = 0;
      return {
        next(): Promise<IteratorResult<Uint8Array>> {
          if (i >= bytes.length) return Promise.resolve({ done: true, value: undefined });
          const value = bytes.subarray(i, Math.min(bytes.length, i + chunkSize));
          i += chunkSize;
          return Promise.resolve({ done: false, value });
        },
      };
    },
  };
}

/** An InputFile over a browser Blob/File. */
export function blobFile(path: string, blob: Blob, lastModified = 0): InputFile {
  return {
    path,
    size: blob.size,
    lastModified,
    rereadable: true,
    blob,
    async *stream(chunkSize = DEFAULT_CHUNK) {
      for (let i = 0; i < blob.size; i += chunkSize) {
        yield new Uint8Array(await blob.slice(i, Math.min(blob.size, i + chunkSize)).arrayBuffer());
      }
    },
    async slice(start, end) {
      return new Uint8Array(await blob.slice(start, end).arrayBuffer());
    },
  };
}

/** Reads a whole (small) file. */
export async function readAll(file: InputFile): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of file.stream()) parts.push(c);
  return concatBytes(parts);
}

export function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}
