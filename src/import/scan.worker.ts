/// <reference lib="webworker" />
// A range-scan worker of the parallel trace import: thin plumbing around scanRange().
import { collectTransferables } from '../lib/transferables';
import { blobFile } from './sources/input-file';
import { scanRange, type ScanRange } from './trace/parallel-scan';

interface ScanRequest {
  blob: Blob;
  path: string;
  lastModified: number;
  range: ScanRange;
}

self.onmessage = (e: MessageEvent<ScanRequest>) => {
  const { blob, path, lastModified, range } = e.data;
  let pending = 0;
  scanRange(blobFile(path, blob, lastModified), range, (n) => {
    pending += n;
    if (pending >= 8 << 20) {
      self.postMessage({ type: 'bytes', n: pending });
      pending = 0;
    }
  })
    .then((result) => {
      if (pending > 0) self.postMessage({ type: 'bytes', n: pending });
      self.postMessage({ type: 'result', result }, { transfer: collectTransferables(result) });
    })
    .catch((err: unknown) =>
      self.postMessage({ type: 'error', error: err instanceof Error ? err.message : String(err) }),
    );
};
