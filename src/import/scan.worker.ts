/// <reference lib="webworker" />
// A range-scan worker of the parallel trace import: serves scanRange() (progress: bytes read).
import { serve } from '../lib/worker-serve';
import { blobFile } from './sources/input-file';
import { scanRange } from './trace/parallel-scan';
import type { ScanProtocol } from './worker-protocol';

serve<ScanProtocol>(
  {
    scan: async ({ blob, path, lastModified, range }, ctx) => {
      let pending = 0;
      const result = await scanRange(blobFile(path, blob, lastModified), range, (n) => {
        pending += n;
        if (pending >= 8 << 20) {
          ctx.progress(pending);
          pending = 0;
        }
      });
      if (pending > 0) ctx.progress(pending);
      return result;
    },
  },
  { results: 'transfer' },
);
