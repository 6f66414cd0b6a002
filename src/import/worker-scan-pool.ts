/**
 * The browser's ScanPool: module workers (nested inside the import worker), each reading its
 * range of the user's File directly. Workers are started ahead of time (`warm()`) and reused, so
 * an import does not pay for loading and compiling the scanner; a cancelled scan terminates its
 * worker and a new one takes its place. Files without a Blob (unzipped, generated) are scanned in
 * this thread instead.
 */
import type { PayloadOf, WorkerRequest, WorkerResponse } from '../lib/worker-protocol';
import { ImportCancelled } from './import-cancelled';
import { scanRange, type RangeResult, type ScanPool } from './trace/parallel-scan';
import type { ScanProtocol } from './worker-protocol';

export interface WorkerScanPool extends ScanPool {
  /** Starts the workers now (idle until a scan). */
  warm(): void;
}

export function createWorkerScanPool(size: number): WorkerScanPool {
  const idle: Worker[] = [];
  const spawn = () => new Worker(new URL('./scan.worker.ts', import.meta.url), { type: 'module' });
  const take = () => idle.pop() ?? spawn();
  return {
    size,
    warm() {
      if (typeof Worker === 'undefined') return;
      while (idle.length < size) idle.push(spawn());
    },
    scan(file, range, onBytes, signal) {
      if (!file.blob || typeof Worker === 'undefined')
        return scanRange(file, range, onBytes, signal);
      const blob = file.blob;
      return new Promise<RangeResult>((resolve, reject) => {
        const w = take();
        const release = (reuse: boolean) => {
          signal?.removeEventListener('abort', abort);
          w.onmessage = null;
          w.onerror = null;
          if (reuse && idle.length < size) idle.push(w);
          else w.terminate();
        };
        const abort = () => {
          release(false);
          reject(new ImportCancelled());
        };
        signal?.addEventListener('abort', abort);
        w.onmessage = (e: MessageEvent<WorkerResponse>) => {
          const m = e.data;
          if (m.type === 'progress') onBytes(m.progress as number);
          else if (m.type === 'result') {
            release(true);
            resolve(m.result as RangeResult);
          } else if (m.type === 'error') {
            release(true);
            reject(new Error(m.error));
          }
        };
        w.onerror = (e) => {
          e.preventDefault();
          release(false);
          reject(new Error(`a scan worker stopped: ${e.message || 'out of memory or crashed'}`));
        };
        const payload: PayloadOf<ScanProtocol, 'scan'> = {
          blob,
          path: file.path,
          lastModified: file.lastModified,
          range,
        };
        w.postMessage({ id: 1, type: 'scan', payload } satisfies WorkerRequest);
      });
    },
  };
}
