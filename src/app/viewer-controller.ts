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
import { RequestCancelledError, type WorkerClient } from './worker-client';

export class ViewerController {
  /** Files of the current session by path (args of plain JSON traces are read from them on demand). */
  private files = new Map<string, Blob>();
  private running: number | null = null;
  private generation = 0;

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
    st.failLoading(e instanceof Error ? e.message : String(e));
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
      bytes = new Uint8Array(await file.slice(off, off + size).arrayBuffer());
    }
    try {
      return parseJsonBytes(bytes, 0, bytes.length);
    } catch {
      return { '(unreadable args)': new TextDecoder().decode(bytes.subarray(0, 500)) };
    }
  }
}
