/**
 * The browser's ScanPool: one module worker per range (nested inside the import worker), each
 * reading its range of the user's File directly. Files without a Blob (unzipped, generated) are
 * scanned in this thread instead.
 */
import { ImportCancelled } from './trace/import-options';
import { scanRange, type RangeResult, type ScanPool } from './trace/parallel-scan';

type ScanMessage =
  | { type: 'bytes'; n: number }
  | { type: 'result'; result: RangeResult }
  | { type: 'error'; error: string };

export function createWorkerScanPool(size: number): ScanPool {
  return {
    size,
    scan(file, range, onBytes, signal) {
      if (!file.blob || typeof Worker === 'undefined')
        return scanRange(file, range, onBytes, signal);
      const blob = file.blob;
      return new Promise<RangeResult>((resolve, reject) => {
        const w = new Worker(new URL('./scan.worker.ts', import.meta.url), { type: 'module' });
        const done = () => {
          w.terminate();
          signal?.removeEventListener('abort', abort);
        };
        const abort = () => {
          done();
          reject(new ImportCancelled());
        };
        signal?.addEventListener('abort', abort);
        w.onmessage = (e: MessageEvent<ScanMessage>) => {
          const m = e.data;
          if (m.type === 'bytes') onBytes(m.n);
          else if (m.type === 'result') {
            done();
            resolve(m.result);
          } else {
            done();
            reject(new Error(m.error));
          }
        };
        w.onerror = (e) => {
          e.preventDefault();
          done();
          reject(new Error(`a scan worker stopped: ${e.message || 'out of memory or crashed'}`));
        };
        w.postMessage({ blob, path: file.path, lastModified: file.lastModified, range });
      });
    },
  };
}
