/// <reference lib="webworker" />
// The import worker: thin message plumbing around worker-handlers.ts.
import { collectTransferables } from '../lib/transferables';
import { splitResult } from './result-parts';
import { createWorkerSession } from './worker-handlers';
import { createWorkerScanPool } from './worker-scan-pool';
import { opfsAvailable, opfsCacheStore } from './cache/opfs-cache-store';
import type { WorkerRequest, WorkerResponse } from './worker-protocol';
import { locateSqlJsInBrowser } from './db/sql-loader-browser';
import { createSqlConsoleHandlers } from './db/sql-console-handlers';

locateSqlJsInBrowser();

const pool = createWorkerScanPool(Math.max(2, navigator.hardwareConcurrency || 2));
const session = createWorkerSession({
  pool,
  cache: opfsAvailable() ? opfsCacheStore() : null,
  buildId: __BUILD_ID__,
});
// Sent when the page starts: load the scan workers and the storage now, not on the first drop.
session.handlers['warmup'] = async () => {
  pool.warm();
  await session.cache?.usage().catch(() => undefined);
  return true;
};
Object.assign(
  session.handlers,
  createSqlConsoleHandlers(() => session.opened?.files ?? null),
);
if (__TEST_HOOKS__) {
  // Test builds only: crash this worker (an uncaught error, as a real crash reaches the page), so
  // end-to-end tests can check that the app reports it and that opening again works.
  session.handlers['debug:crash'] = () => {
    setTimeout(() => {
      throw new Error('debug:crash requested');
    });
    return new Promise<never>(() => {});
  };
}
const running = new Map<number, AbortController>();
const post = (m: WorkerResponse, transfer: Transferable[] = []) =>
  self.postMessage(m, { transfer });

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const { id, type, payload } = e.data;
  if (type === 'cancel') {
    running.get((payload as { target: number }).target)?.abort();
    return;
  }
  const handler = session.handlers[type];
  if (!handler)
    return post({ id, type: 'error', error: `unknown request "${type}"`, cancelled: false });
  const ac = new AbortController();
  running.set(id, ac);
  let last = 0;
  handler(payload, {
    signal: ac.signal,
    progress: (progress) => {
      const now = performance.now();
      if (now - last < 50) return;
      last = now;
      post({ id, type: 'progress', progress });
    },
  })
    .then((result) => {
      // Cancelled while finishing (e.g. during finalize, which does not watch the signal).
      if (ac.signal.aborted)
        return post({ id, type: 'error', error: 'cancelled', cancelled: true });
      // Big results go in parts, so the page never spends long deserialising one message.
      const { skeleton, paths, parts } = splitResult(result);
      for (const part of parts) post({ id, type: 'part', part }, collectTransferables(part));
      post(
        { id, type: 'result', result: skeleton, ...(parts.length > 0 ? { paths } : {}) },
        collectTransferables(skeleton),
      );
    })
    .catch((err: unknown) => {
      const error = err instanceof Error ? err.message : String(err);
      post({ id, type: 'error', error, cancelled: ac.signal.aborted });
    })
    .finally(() => running.delete(id));
};
