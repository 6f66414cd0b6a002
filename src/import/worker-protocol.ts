/**
 * Messages between the page and the import worker. Every request has an id; the worker answers
 * with progress messages, then one result or error. `cancel` aborts a running request. A big
 * result comes as parts first, then the result with the paths where they go (result-parts.ts).
 */
import type { ResultPart } from './result-parts';

export interface WorkerRequest {
  id: number;
  type: string;
  payload: unknown;
}

export type WorkerResponse =
  | { id: number; type: 'progress'; progress: unknown }
  | { id: number; type: 'part'; part: ResultPart }
  | { id: number; type: 'result'; result: unknown; paths?: (string | number)[][] }
  | { id: number; type: 'error'; error: string; cancelled: boolean };

/** A file handed to the worker: a Blob plus the path relative to what was opened. */
export interface OpenedFile {
  path: string;
  blob: Blob;
  lastModified: number;
}

export interface HandlerContext {
  signal: AbortSignal;
  progress(p: unknown): void;
}

export type Handler = (payload: unknown, ctx: HandlerContext) => Promise<unknown>;
