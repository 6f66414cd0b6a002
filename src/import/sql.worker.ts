/// <reference lib="webworker" />
// The SQL console's own worker, so a long query can be cancelled by terminating it without
// touching the import worker. Db files arrive as Blobs with the open request.
import { blobFile, type InputFile } from './sources/input-file';
import { locateSqlJsInBrowser } from './db/sql-loader-browser';
import { createSqlConsoleHandlers } from './db/sql-console-handlers';
import type { WorkerRequest, WorkerResponse } from './worker-protocol';

locateSqlJsInBrowser();
let files = new Map<string, InputFile>();
const handlers = createSqlConsoleHandlers(() => files);
const post = (m: WorkerResponse) => self.postMessage(m);

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const { id, type, payload } = e.data;
  if (type === 'sqlOpen') {
    const blobs = (payload as { blobs?: { path: string; blob: Blob }[] }).blobs ?? [];
    files = new Map(blobs.map((b) => [b.path, blobFile(b.path, b.blob)]));
  }
  const handler = handlers[type];
  if (!handler)
    return post({ id, type: 'error', error: `unknown request "${type}"`, cancelled: false });
  handler(payload, {
    signal: new AbortController().signal,
    progress: (progress) => post({ id, type: 'progress', progress }),
  })
    .then((result) => post({ id, type: 'result', result }))
    .catch((err: unknown) =>
      post({
        id,
        type: 'error',
        error: err instanceof Error ? err.message : String(err),
        cancelled: false,
      }),
    );
};
