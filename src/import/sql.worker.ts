/// <reference lib="webworker" />
// The SQL console's own worker, so a long query can be cancelled by terminating it without
// touching the import worker. Db files arrive as Blobs with the open request.
import { serve } from '../lib/worker-serve';
import { blobFile, type InputFile } from './sources/input-file';
import { locateSqlJsInBrowser } from './db/sql-loader-browser';
import { createSqlConsoleHandlers } from './db/sql-console-handlers';
import type { SqlProtocol } from './worker-protocol';

locateSqlJsInBrowser();
let files = new Map<string, InputFile>();
const handlers = createSqlConsoleHandlers(() => files);
serve<SqlProtocol>({
  ...handlers,
  sqlOpen: (req, ctx) => {
    files = new Map((req.blobs ?? []).map((b) => [b.path, blobFile(b.path, b.blob)]));
    return handlers.sqlOpen(req, ctx);
  },
});
