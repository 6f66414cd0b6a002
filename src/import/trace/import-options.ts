/** Options and progress of a trace import (shared by the streaming and the parallel paths). */
import type { ScanPool } from './parallel-scan';

export interface TraceImportProgress {
  /** Raw bytes of the file read so far. */
  bytesRead: number;
  bytesTotal: number;
  /** Events scanned so far (0 when not known, e.g. during a parallel scan). */
  events: number;
  stage: 'scan' | 'finalize';
}

export interface TraceImportOptions {
  onProgress?: (p: TraceImportProgress) => void;
  signal?: AbortSignal;
  /**
   * Keep args as byte ranges into the file (true) or copy them into an arena (false). Ranges only
   * work for plain UTF-8 files the page can re-read later; other sources always copy.
   */
  argsFromFile?: boolean;
  /** Scan plain UTF-8 files by ranges on this pool of workers. */
  pool?: ScanPool;
  /** Smallest range worth its own worker (default 32 MiB). */
  minBytesPerRange?: number;
  /** Largest event kept by a streaming scan (default 64 MiB); larger ones are skipped, warned. */
  maxEventBytes?: number;
}
