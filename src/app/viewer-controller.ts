/**
 * Glue between the UI, the import worker and the store: opening files, importing profiles,
 * cancelling, and reading args on demand. Components call these actions; they never talk to the
 * worker themselves.
 */
import { nothingFoundMessage, normalizePath } from '../import/discover';
import { parseJsonBytes, type JsonValue } from '../import/json/json-bytes';
import type { ImportProgress } from '../import/readers/reader';
import type { OpenResult } from '../import/worker-handlers';
import type { ProfileModel } from '../model/profile';
import type { TraceModel } from '../model/trace-model';
import type { AppStore } from '../store/app-store';
import type { PickedFile } from './read-dropped-items';
import type { QueryResult } from '../import/db/sql-console';
import type { SqlOpenResult } from '../import/db/sql-console-handlers';
import { RequestCancelledError, WorkerClient, WorkerCrashedError } from './worker-client';

export class ViewerController {
  /** Files of the current session by path (args of plain JSON traces are read from them on demand). */
  private files = new Map<string, Blob>();
  private running: number | null = null;
  private generation = 0;
  /** What was last opened, and which worker holds it (a replaced worker must be told again). */
  private opened: { payload: unknown; worker: number } | null = null;

  constructor(
    readonly store: AppStore,
    private readonly client: WorkerClient,
  ) {}

  async openPicked(picked: PickedFile[], sourceName: string): Promise<void> {
    this.files = new Map(picked.map((p) => [normalizePath(p.path), p.file]));
    await this.open(
      sourceName,
      picked.map((p) => ({ path: p.path, blob: p.file, lastModified: p.file.lastModified })),
    );
  }

  /** Opens generated in-memory files (the built-in demo, tests). */
  async openMemory(
    files: { path: string; data: string | Uint8Array }[],
    sourceName: string,
  ): Promise<void> {
    this.files = new Map();
    await this.open(sourceName, files);
  }

  private async open(sourceName: string, payload: unknown): Promise<void> {
    const gen = ++this.generation;
    const s = this.store.getState();
    s.startOpening(sourceName);
    try {
      this.opened = { payload, worker: this.client.workerGeneration };
      const req = this.client.call<OpenResult>('open', payload);
      this.running = req.id;
      const res = await req.promise;
      if (gen !== this.generation) return;
      this.store.getState().setDiscovered(res.profiles, res.reports);
      if (res.profiles.length === 0) {
        this.store.getState().failLoading(nothingFoundMessage(sourceName, res.reports));
        return;
      }
      await this.importProfile(res.profiles[0]!.id, true);
      if (gen === this.generation && this.store.getState().status === 'loading')
        this.store.getState().finishLoading();
    } catch (e) {
      if (gen !== this.generation) return;
      this.fail(e);
    } finally {
      if (gen === this.generation) this.running = null;
    }
  }

  /** Imports one discovered profile (another rank, another run) and optionally shows it. */
  async importProfile(id: string, makeActive: boolean): Promise<ProfileModel | null> {
    const gen = this.generation;
    const st = this.store.getState();
    const existing = st.profiles[id];
    if (existing) {
      if (makeActive) this.activate(existing);
      return existing;
    }
    const wasReady = st.status === 'ready';
    if (wasReady) this.store.setState({ status: 'loading' });
    try {
      await this.reopenIfWorkerReplaced();
      const req = this.client.call<ProfileModel>('import', { profileId: id }, (p) =>
        this.store.getState().setProgress(p as ImportProgress),
      );
      this.running = req.id;
      const profile = await req.promise;
      if (gen !== this.generation) return null;
      this.store.getState().addProfile(profile, makeActive);
      if (makeActive || this.store.getState().activeProfileId === null) this.activate(profile);
      if (wasReady) this.store.getState().finishLoading();
      return profile;
    } catch (e) {
      if (gen === this.generation) {
        if (wasReady && e instanceof RequestCancelledError) this.store.getState().finishLoading();
        else this.fail(e);
      }
      return null;
    }
  }

  activate(p: ProfileModel): void {
    const st = this.store.getState();
    st.setActiveProfile(p.descriptor.id);
    st.clearSelection();
    const end = p.trace ? Math.max(p.trace.endNs, 1) : 1;
    st.setExtent({ start: 0, end });
  }

  /**
   * Shows the profile's timeline from another source (its trace_view.json or its profiler db).
   * Each source is built once and kept, so switching back is instant.
   */
  async switchTraceSource(profileId: string, path: string): Promise<void> {
    const st = this.store.getState();
    const p = st.profiles[profileId];
    if (!p || p.traceSource === path) return;
    const others = { ...(p.otherTraces ?? {}) };
    let next = others[path];
    if (!next) {
      this.store.setState({
        status: 'loading',
        progress: { path, stage: 'building timeline', bytesRead: 0, bytesTotal: 1, items: 0 },
      });
      try {
        await this.reopenIfWorkerReplaced();
        next = await this.client.call<TraceModel>('trace:from-db', { path }).promise;
      } catch (e) {
        this.fail(e);
        return;
      }
    }
    delete others[path];
    if (p.trace && p.traceSource) others[p.traceSource] = p.trace;
    const updated: ProfileModel = { ...p, trace: next, traceSource: path, otherTraces: others };
    this.store.getState().addProfile(updated, st.activeProfileId === profileId);
    if (st.activeProfileId === profileId) this.activate(updated);
    this.store.getState().finishLoading();
  }

  /**
   * After the import worker died and was replaced, the new one has not seen the opened files:
   * send them again before asking for a profile (e.g. switching rank after a crash).
   */
  private async reopenIfWorkerReplaced(): Promise<void> {
    const o = this.opened;
    if (!o || o.worker === this.client.workerGeneration) return;
    o.worker = this.client.workerGeneration;
    await this.client.call<OpenResult>('open', o.payload).promise;
  }

  /**
   * Opens the SQL console for a profile: its trace and tables as SQL tables, plus its db files
   * attached. Runs in a worker of its own so that a query can be cancelled.
   */
  async openSqlConsole(profileId: string): Promise<SqlOpenResult> {
    const p = this.store.getState().profiles[profileId];
    if (!p) throw new Error('no profile is open');
    const dbPaths = p.inputs
      .filter((i) => /\.(db|dat)$/i.test(i.path) && i.status === 'read')
      .map((i) => i.path);
    const blobs = dbPaths.flatMap((path) => {
      const blob = this.files.get(path);
      return blob ? [{ path, blob }] : [];
    });
    this.sqlOpenFor = profileId;
    const res = await this.sql().call<SqlOpenResult>('sqlOpen', {
      dbPaths,
      blobs,
      trace: p.trace,
      ascend: p.ascend,
    }).promise;
    return res;
  }

  /** Runs a read-only query; `cancel()` on the handle stops it (the console is reopened next time). */
  runSql(sql: string, limit: number): { promise: Promise<QueryResult>; cancel: () => void } {
    const req = this.sql().call<QueryResult>('sqlQuery', { sql, limit });
    return {
      promise: req.promise,
      cancel: () => {
        this.sqlClient?.reset();
        this.sqlClient = null;
        this.sqlOpenFor = null;
      },
    };
  }

  get sqlConsoleProfile(): string | null {
    return this.sqlOpenFor;
  }

  private sqlClient: WorkerClient | null = null;
  private sqlOpenFor: string | null = null;

  private sql(): WorkerClient {
    this.sqlClient ??= new WorkerClient(
      () => new Worker(new URL('../import/sql.worker.ts', import.meta.url), { type: 'module' }),
    );
    return this.sqlClient;
  }

  /** Size of the reopen cache (parsed profiles kept in the browser's private storage). */
  cacheUsage(): Promise<{ bytes: number; entries: number }> {
    return this.client.call<{ bytes: number; entries: number }>('cache:usage', undefined).promise;
  }

  async clearCache(): Promise<void> {
    await this.client.call('cache:clear', undefined).promise;
  }

  cancel(): void {
    if (this.running !== null) this.client.cancel(this.running);
  }

  private fail(e: unknown): void {
    const st = this.store.getState();
    if (e instanceof RequestCancelledError) {
      // A cancelled import leaves the app usable: back to what was there (or the empty state).
      const hasProfile = Object.keys(st.profiles).length > 0;
      this.store.setState({
        status: hasProfile ? 'ready' : 'idle',
        progress: null,
        error: hasProfile ? null : 'Import cancelled.',
      });
      return;
    }
    const message = e instanceof Error ? e.message : String(e);
    st.failLoading(
      e instanceof WorkerCrashedError ? `${message}; open the input again to retry` : message,
    );
  }

  /** Decodes the args of a slice/instant (lazy: from the args arena or the source file). */
  async readArgs(profileId: string, argsIndex: number): Promise<JsonValue | null> {
    const trace = this.store.getState().profiles[profileId]?.trace;
    if (!trace || argsIndex < 0 || argsIndex >= trace.args.length) return null;
    const off = trace.args.offset[argsIndex]!;
    const size = trace.args.size[argsIndex]!;
    let bytes: Uint8Array;
    if (trace.args.arena) bytes = trace.args.arena.subarray(off, off + size);
    else {
      const file = this.files.get(trace.args.sourcePath);
      if (!file) return null;
      try {
        bytes = new Uint8Array(await file.slice(off, off + size).arrayBuffer());
      } catch (e) {
        // The file changed or vanished since it was opened: say so instead of rejecting.
        return { '(unreadable args)': e instanceof Error ? e.message : String(e) };
      }
    }
    try {
      return parseJsonBytes(bytes, 0, bytes.length);
    } catch {
      return { '(unreadable args)': new TextDecoder().decode(bytes.subarray(0, 500)) };
    }
  }
}
