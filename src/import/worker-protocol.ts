/**
 * What the page asks its import-side workers, typed once (the envelope is lib/worker-protocol.ts):
 * each map is served by `serve(handlers)` in its *.worker.ts and called through
 * `WorkerClient<Protocol>` (app/worker-client.ts), so the compiler checks every request, handler
 * and result.
 */
import type { AdvisorReport, Thresholds } from '../model/advisor/types';
import type { CommMatrixRow } from '../model/ascend-data';
import type { ClusterOutput } from '../model/cluster/cluster-output';
import type { RankSummary } from '../model/cluster/rank-summary';
import type { InputReport, ProfileDescriptor, ProfileModel } from '../model/profile';
import type { TraceModel } from '../model/trace-model';
import type { AscendData } from '../model/ascend-data';
import type { ConsoleTableDoc } from './db/console-schema';
import type { AttachedDb, QueryResult } from './db/sql-console';
import type { ImportProgress } from './readers/reader';
import type { Call } from '../lib/worker-protocol';
import type { RangeResult, ScanRange } from './trace/parallel-scan';
import type { AfterImport } from './worker-after-import';

/** A file handed to the worker: a Blob plus the path relative to what was opened. */
export interface OpenedFile {
  path: string;
  blob: Blob;
  lastModified: number;
}

/** Files handed to `open`: Blobs from the page, or bytes/text already in memory. */
export type OpenPayload = (OpenedFile | { path: string; data: Uint8Array | string })[];

export interface OpenResult {
  profiles: ProfileDescriptor[];
  reports: InputReport[];
}

/**
 * Each rank's communication_matrix.json (read after the overview, which it would slow down by
 * about half: it is the largest of the small files), as `{ profileId, rows }` with each group's
 * total only (see reduceMatrixRows).
 */
export interface RankMatrixRows {
  profileId: string;
  rows: CommMatrixRow[];
}

export interface CacheUsage {
  bytes: number;
  entries: number;
}

/** The import worker (import.worker.ts, handlers in worker-handlers.ts). */
export interface ImportProtocol {
  open: Call<OpenPayload, OpenResult>;
  import: Call<{ profileId: string }, ProfileModel, ImportProgress>;
  /**
   * The cross-view checks and the Kernels join of a profile `import` handed over without them
   * (`checksPending`), made right after the hand-over: asked once, by the page, right after.
   */
  'import:after': Call<{ profileId: string }, AfterImport>;
  'trace:from-db': Call<{ path: string }, TraceModel>;
  'cluster:overview': Call<undefined, RankSummary[], ImportProgress>;
  'cluster:matrices': Call<undefined, RankMatrixRows[], ImportProgress>;
  /** msprof-analyze's cluster_analysis_output/ beside the ranks (null when there is none). */
  'cluster:output': Call<undefined, ClusterOutput | null>;
  'advisor:run': Call<{ profileId: string; thresholds?: Partial<Thresholds> }, AdvisorReport>;
  'cache:usage': Call<undefined, CacheUsage>;
  'cache:clear': Call<undefined, boolean>;
  /** Sent when the page starts: load the scan workers and the storage now. */
  warmup: Call<undefined, boolean>;
  /** Test builds only: the worker crashes (an uncaught error); others answer "unknown request". */
  'debug:crash': Call<null, never>;
}

export interface SqlOpenRequest {
  dbPaths: string[];
  trace?: TraceModel | null;
  ascend?: AscendData | null;
  /** The db files (and the trace's source, for its args) as Blobs: the SQL worker's own inputs. */
  blobs?: { path: string; blob: Blob }[];
}

export interface SqlOpenResult {
  tables: ConsoleTableDoc[];
  attached: AttachedDb[];
  examples: { title: string; sql: string }[];
  problems: string[];
}

/** The SQL console's worker (sql.worker.ts, handlers in db/sql-console-handlers.ts). */
export interface SqlProtocol {
  sqlOpen: Call<SqlOpenRequest, SqlOpenResult, ImportProgress>;
  /** A read-only query; errors come back as messages in the result. */
  sqlQuery: Call<{ sql: string; limit?: number }, QueryResult>;
  sqlClose: Call<undefined, null>;
}

/** A range-scan worker of the parallel trace import (scan.worker.ts); progress is bytes read. */
export interface ScanProtocol {
  scan: Call<
    { blob: Blob; path: string; lastModified: number; range: ScanRange },
    RangeResult,
    number
  >;
}
