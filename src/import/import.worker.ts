/// <reference lib="webworker" />
// The import worker: serves the import protocol with the handlers of worker-handlers.ts.
import { serve } from '../lib/worker-serve';
import { createWorkerSession } from './worker-handlers';
import { createWorkerScanPool } from './worker-scan-pool';
import { opfsAvailable, opfsCacheStore } from './cache/opfs-cache-store';
import type { ImportProtocol } from './worker-protocol';
import { locateSqlJsInBrowser } from './db/sql-loader-browser';

locateSqlJsInBrowser();

const pool = createWorkerScanPool(Math.max(2, navigator.hardwareConcurrency || 2));
const session = createWorkerSession({
  pool,
  cache: opfsAvailable() ? opfsCacheStore() : null,
  buildId: __BUILD_ID__,
});
serve<ImportProtocol>(
  {
    ...session.handlers,
    // Sent when the page starts: load the scan workers and the storage now, not on the first drop.
    warmup: async () => {
      pool.warm();
      await session.cache?.usage().catch(() => undefined);
      return true;
    },
    // Test builds only: crash this worker (an uncaught error, as a real crash reaches the page),
    // so end-to-end tests can check that the app reports it and that opening again works.
    'debug:crash': () => {
      if (!__TEST_HOOKS__) return Promise.reject(new Error('unknown request "debug:crash"'));
      setTimeout(() => {
        throw new Error('debug:crash requested');
      });
      return new Promise<never>(() => {});
    },
  },
  { progressEveryMs: 50, results: 'parts' },
);
