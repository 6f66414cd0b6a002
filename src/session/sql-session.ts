/**
 * The SQL console of the page: one profile's trace and tables as SQL tables, plus its db files
 * attached, in a worker of its own so that a query can be cancelled (the worker is dropped and
 * the console reopened on the next query).
 */
import { consoleDbPaths } from '../import/db/console-db-paths';
import type { QueryResult } from '../import/db/sql-console';
import type { SqlOpenResult, SqlProtocol } from '../import/worker-protocol';
import type { ProfileModel } from '../model/profile';
import { WorkerClient } from './worker-client';

export class SqlSession {
  private client: WorkerClient<SqlProtocol> | null = null;
  private openFor: string | null = null;

  constructor(
    private readonly profileOf: (id: string) => ProfileModel | undefined,
    private readonly fileOf: (path: string) => Blob | undefined,
  ) {}

  /** The profile the console holds, or null (never opened, or dropped by a cancel). */
  get profile(): string | null {
    return this.openFor;
  }

  async open(profileId: string): Promise<SqlOpenResult> {
    const p = this.profileOf(profileId);
    if (!p) throw new Error('no profile is open');
    const dbPaths = consoleDbPaths(p);
    // The trace's source file too, when its args were kept as byte ranges into it.
    const argsPath = p.trace && !p.trace.args.arena ? [p.trace.args.sourcePath] : [];
    const blobs = [...dbPaths, ...argsPath].flatMap((path) => {
      const blob = this.fileOf(path);
      return blob ? [{ path, blob }] : [];
    });
    this.openFor = profileId;
    return this.worker().call('sqlOpen', {
      dbPaths,
      blobs,
      trace: p.trace,
      ascend: p.ascend,
    }).promise;
  }

  /** Runs a read-only query; `cancel()` on the handle stops it (the console is reopened next time). */
  run(sql: string, limit: number): { promise: Promise<QueryResult>; cancel: () => void } {
    const req = this.worker().call('sqlQuery', { sql, limit });
    return {
      promise: req.promise,
      cancel: () => {
        this.client?.reset();
        this.client = null;
        this.openFor = null;
      },
    };
  }

  private worker(): WorkerClient<SqlProtocol> {
    this.client ??= new WorkerClient(
      () => new Worker(new URL('../import/sql.worker.ts', import.meta.url), { type: 'module' }),
    );
    return this.client;
  }
}
