/**
 * Computes and caches sorted row orders. Orders are cached per data object (a WeakMap key the
 * caller passes, e.g. the KernelTable) and column/direction, so switching tabs or toggling a
 * sort back costs nothing. Big tables are sorted in a worker; the main thread only builds the
 * keys (one linear pass).
 */
import type { Call, WorkerRequest, WorkerResponse } from '../lib/worker-protocol';
import type { ColumnDef, SortDir } from './column';
import { sortKeys, sortOrder } from './query';

/** The sort worker's protocol (sort.worker.ts): row ids ordered by the keys. */
export interface SortProtocol {
  sort: Call<{ keys: Float64Array; dir: SortDir }, Uint32Array>;
}

/** Tables with more rows than this sort in the worker (when workers exist). */
export const WORKER_THRESHOLD = 50_000;

const cache = new WeakMap<object, Map<string, Uint32Array>>();

const cacheKey = (column: string, dir: SortDir) => `${dir}\u0000${column}`;

/** The cached order for this data, column and direction, if computed before. */
export function cachedOrder(data: object, column: string, dir: SortDir): Uint32Array | undefined {
  return cache.get(data)?.get(cacheKey(column, dir));
}

function remember(data: object, column: string, dir: SortDir, order: Uint32Array): Uint32Array {
  let m = cache.get(data);
  if (!m) cache.set(data, (m = new Map<string, Uint32Array>()));
  m.set(cacheKey(column, dir), order);
  return order;
}

let worker: Worker | null = null;
let workerBroken = false;
let nextId = 1;
/** Pending worker requests: how to resolve them, and how to sort here if the worker fails. */
const waiting = new Map<
  number,
  { resolve: (o: Uint32Array) => void; fallback: () => Uint32Array }
>();

function sortWorker(): Worker | null {
  if (typeof Worker === 'undefined' || workerBroken) return null;
  if (!worker) {
    try {
      worker = new Worker(new URL('./sort.worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (e: MessageEvent<WorkerResponse>) => {
        const m = e.data;
        if (m.type !== 'result' && m.type !== 'error') return;
        const w = waiting.get(m.id);
        waiting.delete(m.id);
        w?.resolve(m.type === 'result' ? (m.result as Uint32Array) : w.fallback());
      };
      worker.onerror = () => {
        workerBroken = true;
        worker?.terminate();
        worker = null;
        for (const w of waiting.values()) w.resolve(w.fallback());
        waiting.clear();
      };
    } catch {
      workerBroken = true;
      return null;
    }
  }
  return worker;
}

/** Row ids of `data` sorted by `column` (cached; in a worker for big tables). */
export async function computeOrder(
  data: object,
  column: ColumnDef,
  dir: SortDir,
  rowCount: number,
): Promise<Uint32Array> {
  const hit = cachedOrder(data, column.id, dir);
  if (hit && hit.length === rowCount) return hit;
  const keys = sortKeys(column, rowCount);
  const w = rowCount > WORKER_THRESHOLD ? sortWorker() : null;
  if (!w) return remember(data, column.id, dir, sortOrder(keys, dir));
  const id = nextId++;
  const order = await new Promise<Uint32Array>((resolve) => {
    waiting.set(id, { resolve, fallback: () => sortOrder(sortKeys(column, rowCount), dir) });
    const payload: SortProtocol['sort']['payload'] = { keys, dir };
    w.postMessage({ id, type: 'sort', payload } satisfies WorkerRequest, [keys.buffer]);
  });
  return remember(data, column.id, dir, order);
}
