/**
 * State shared by the passes that turn one database into a timeline: the builder, lane naming,
 * warnings, progress and cancellation.
 */
import type { ImportProgress } from '../readers/reader';
import { ImportCancelled } from '../import-cancelled';
import type { TraceBuilder } from '../trace/trace-builder';
import type { ExactTime } from '../../lib/exact-time';
import type { DbFile } from './db-file';
import { durNs } from './db-time';
import type { DbLanes } from './db-lanes';
import type { Detail } from '../../lib/message';
import type { SqlValue } from './sql-loader';

export interface DbBuildContext {
  db: DbFile;
  b: TraceBuilder;
  lanes: DbLanes;
  /** Rows of each source table that became events. */
  rows: Record<string, number>;
  /** Whether PYTORCH_API already has ProfilerStep#N slices. */
  hasStepSlices: boolean;
  warn(code: string, example: string | Detail, count?: number): void;
  /** Counts processed rows; reports progress and honours cancellation now and then. */
  tick(n?: number): void;
}

export function makeTicker(
  path: string,
  signal: AbortSignal | undefined,
  onProgress: ((p: ImportProgress) => void) | undefined,
  bytes: number,
): (n?: number) => void {
  let items = 0;
  let next = 0;
  return (n = 1) => {
    items += n;
    if (items < next) return;
    next = items + 20000;
    if (signal?.aborted) throw new ImportCancelled();
    onProgress?.({ path, stage: 'db', bytesRead: bytes, bytesTotal: bytes, items });
  };
}

/** Collects the SELECT list of a query built from optional columns; -1 marks an absent one. */
export class SelectList {
  private readonly exprs: string[] = [];
  private width = 0;
  /** Adds an expression producing `width` result columns; returns the index of the first. */
  add(expr: string | null, width = 1): number {
    if (expr === null) return -1;
    this.exprs.push(expr);
    this.width += width;
    return this.width - width;
  }
  sql(): string {
    return this.exprs.length > 0 ? this.exprs.join(', ') : 'NULL';
  }
}

/** Row value at `i`, null when the column was absent. */
export function at(row: SqlValue[], i: number): SqlValue {
  return i < 0 ? null : (row[i] ?? null);
}

/** A number or null. */
export function num(v: SqlValue): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return null;
}

/** Drops null/undefined values from an args object. */
export function compact(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in args) {
    const v = args[k];
    if (v !== null && v !== undefined) out[k] = v;
  }
  return out;
}

const endScratch: ExactTime = { us: 0, fracNs: 0 };

/** Duration from `start` to the end time read at `iEnd` (NaN when absent). */
export function durAt(db: DbFile, start: ExactTime, row: SqlValue[], iEnd: number): number {
  if (iEnd < 0 || !db.readTime(endScratch, row, iEnd)) return NaN;
  return durNs(start, endScratch);
}
