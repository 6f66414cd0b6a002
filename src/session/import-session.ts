/**
 * The import session: opening files (picked, dropped, generated, alongside what is open),
 * importing profiles in the import worker, switching a profile's trace source, cancelling, and
 * telling a replaced worker about the opened files again. The cluster session starts from here
 * through the hooks; components reach it through the session context (session-context.ts).
 */
import { nothingFound, normalizePath } from '../import/discover';
import { detail, errorMessageOf, msg } from '../lib/message';
import { nextTask } from '../lib/next-task';
import type { ImportProtocol, OpenPayload, OpenResult } from '../import/worker-protocol';
import type { AfterImport } from '../import/worker-after-import';
import type { ProfileModel } from '../model/profile';
import type { AppStore } from '../store/app-store';
import { landingTab } from './landing-tab';
import type { PickedFile } from './read-dropped-items';
import type { WorkerClient } from './worker-client';
import { RequestCancelledError, WorkerCrashedError } from './worker-client';

/** What the import session asks of the sessions beside it (wired by app/viewer-controller.ts). */
export interface ImportHooks {
  /** Something new is being opened: stop the cluster work of the last input. */
  onOpen(): void;
  /** The input holds several ranks or msprof-analyze's cluster output: start the overview. */
  onCluster(): void;
  /** Files that are no import input (the notes sidecars app/share takes). */
  isSidecar(path: string): boolean;
}

export class ImportSession {
  /** Files of the current session by path (args of plain JSON traces are read from them on demand). */
  private files = new Map<string, Blob>();
  private running: number | null = null;
  private gen = 0;
  /** The generation the user cancelled (a cancel that arrives while files are being opened). */
  private cancelledGeneration = -1;
  /** What was last opened, and which worker holds it (a replaced worker must be told again). */
  private opened: { payload: OpenPayload; worker: number } | null = null;

  constructor(
    readonly store: AppStore,
    readonly client: WorkerClient<ImportProtocol>,
    private readonly hooks: ImportHooks,
  ) {}

  /** Counts inputs opened: work started for an older one is dropped when it ends. */
  get generation(): number {
    return this.gen;
  }

  /** A file of the current input by path, as picked (args are read from it on demand). */
  fileOf(path: string): Blob | undefined {
    return this.files.get(path);
  }

  /**
   * The files of the current session as picked, and the notes sidecars (`*.atv-notes.json`)
   * found among them (not import inputs); null for generated input (demo). Read by app/share.
   */
  picked: { files: PickedFile[]; sidecars: PickedFile[]; name: string } | null = null;
  /**
   * What "Compare with…" opened beside `picked`, in order, as picked (before any `compared/`
   * prefix): links carry their fingerprints too. Emptied when something else is opened.
   */
  alongside: { files: PickedFile[]; name: string }[] = [];
  /** Aborts a running download (`?url=`) when the user cancels; set by app/url-open. */
  downloadAbort: (() => void) | null = null;
  /** Takes a drop of notes sidecars alone (they add to the open profile); set by app/share. */
  notesOnly: ((sidecars: PickedFile[]) => void) | null = null;

  async openPicked(all: PickedFile[], sourceName: string): Promise<void> {
    const picked = all.filter((p) => !this.hooks.isSidecar(p.path));
    if (picked.length === 0 && all.length > 0 && this.notesOnly) return this.notesOnly(all);
    this.alongside = [];
    this.picked = {
      files: picked,
      sidecars: all.filter((p) => this.hooks.isSidecar(p.path)),
      name: sourceName,
    };
    this.files = new Map(picked.map((p) => [normalizePath(p.path), p.file]));
    await this.open(
      sourceName,
      picked.map((p) => ({ path: p.path, blob: p.file, lastModified: p.file.lastModified })),
    );
  }

  /**
   * Compare…: opens more files beside what is open (both together, so both stay loaded and the
   * reopen cache serves them). The new files keep their paths, or go under `compared/` when
   * their top folder clashes with an open one. Returns the ids of the profiles they hold.
   */
  async openAlongside(picked: PickedFile[], sourceName: string): Promise<string[]> {
    const prev = this.opened?.payload ?? [];
    const top = (path: string) => normalizePath(path).split('/')[0];
    const taken = new Set(prev.map((f) => top(f.path)));
    const prefix = picked.some((p) => taken.has(top(p.path))) ? 'compared/' : '';
    const added = picked.map((p) => ({ path: prefix + p.path, file: p.file }));
    // Recorded before the open: whoever watches the store for "ready" finds it there.
    this.alongside = [...this.alongside, { files: picked, name: sourceName }];
    for (const p of added) this.files.set(normalizePath(p.path), p.file);
    const before = this.store.getState().sourceName;
    await this.open(`${before} + ${sourceName}`, [
      ...prev,
      ...added.map((p) => ({ path: p.path, blob: p.file, lastModified: p.file.lastModified })),
    ]);
    const paths = new Set(added.map((p) => normalizePath(p.path)));
    return this.store
      .getState()
      .discovered.filter((d) => d.files.some((f) => paths.has(normalizePath(f))))
      .map((d) => d.id);
  }

  /** Opens generated in-memory files (the built-in demo, tests). */
  async openMemory(
    files: { path: string; data: string | Uint8Array }[],
    sourceName: string,
  ): Promise<void> {
    this.picked = null;
    this.alongside = [];
    this.files = new Map();
    await this.open(sourceName, files);
  }

  private async open(sourceName: string, payload: OpenPayload): Promise<void> {
    const gen = ++this.gen;
    const s = this.store.getState();
    s.startOpening(sourceName);
    this.hooks.onOpen();
    try {
      this.opened = { payload, worker: this.client.workerGeneration };
      const req = this.client.call('open', payload);
      this.running = req.id;
      const res = await req.promise;
      if (gen !== this.gen) return;
      // Opening does not watch for cancellation: honour a cancel that came meanwhile.
      if (this.cancelledGeneration === gen) throw new RequestCancelledError('import cancelled');
      this.store.getState().setDiscovered(res.profiles, res.reports);
      if (res.profiles.length === 0) {
        // msprof-analyze's cluster output alone still makes a cluster view.
        if (isCluster(res)) {
          this.store.getState().finishLoading();
          this.store.getState().setTab('cluster');
          this.hooks.onCluster();
          return;
        }
        const d = nothingFound(sourceName, res.reports);
        this.store.getState().failLoading(d.text, d.msg);
        return;
      }
      const first = await this.importProfile(res.profiles[0]!.id, true);
      // Land on the Overview for profiler folders (where did the time go?), on the timeline for
      // plain traces.
      if (first && gen === this.gen) this.store.getState().setTab(landingTab(first));
      if (gen === this.gen && this.store.getState().status === 'loading')
        this.store.getState().finishLoading();
      if (gen === this.gen && isCluster(res)) this.hooks.onCluster();
    } catch (e) {
      if (gen !== this.gen) return;
      this.fail(e);
    } finally {
      if (gen === this.gen) this.running = null;
    }
  }

  /** Imports one discovered profile (another rank, another run) and optionally shows it. */
  async importProfile(id: string, makeActive: boolean): Promise<ProfileModel | null> {
    const gen = this.gen;
    const st = this.store.getState();
    const existing = st.profiles[id];
    if (existing) {
      if (makeActive) this.activate(existing);
      return existing;
    }
    const wasReady = st.status === 'ready';
    if (wasReady) st.resumeLoading();
    try {
      await this.reopenIfWorkerReplaced();
      const req = this.client.call('import', { profileId: id }, (p) =>
        this.store.getState().setProgress(p),
      );
      this.running = req.id;
      const profile = await req.promise;
      // The task that delivered the profile (its last message) ends here: the store's update
      // and the render it starts run in a task of their own.
      await nextTask();
      if (gen !== this.gen) return null;
      this.store.getState().addProfile(profile, makeActive);
      if (makeActive || this.store.getState().activeProfileId === null) this.activate(profile);
      if (wasReady) this.store.getState().finishLoading();
      if (profile.checksPending) void this.afterImport(id, gen);
      return profile;
    } catch (e) {
      if (gen === this.gen) {
        if (wasReady && e instanceof RequestCancelledError) this.store.getState().finishLoading();
        else this.fail(e);
      }
      return null;
    }
  }

  /**
   * The cross-view checks and the Kernels join of a profile handed over without them
   * (`checksPending`): asked for once the page is idle after the hand-over (the worker makes them
   * then, so they do not take a core from the first frame), and merged into the profile when they
   * come. Should they not come (the worker crashed), the views make them.
   */
  private async afterImport(id: string, gen: number): Promise<void> {
    let after: AfterImport | null = null;
    await whenIdle();
    try {
      after = await this.client.call('import:after', { profileId: id }).promise;
    } catch {
      /* merged as nothing: the views make them on first use */
    }
    const p = this.store.getState().profiles[id];
    if (gen !== this.gen || !p?.checksPending) return;
    const marks = p.trace?.importTimings?.marks;
    if (marks && after) Object.assign(marks, after.marks);
    const { checksPending: _pending, ...rest } = p;
    this.store.getState().addProfile(
      {
        ...rest,
        ...(after?.crossChecks ? { crossChecks: after.crossChecks } : {}),
        ...(after?.kernelJoin ? { kernelJoin: after.kernelJoin } : {}),
      },
      false,
    );
  }

  activate(p: ProfileModel): void {
    const st = this.store.getState();
    st.showCompareTimeline(null);
    st.setActiveProfile(p.descriptor.id);
    st.clearSelection();
    // With ranks open together, the axis is the cluster's, not this profile's alone.
    if (st.clusterTimeline.length > 0) {
      st.syncClusterTimeline();
      return;
    }
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
      st.resumeLoading({ path, stage: 'building timeline', bytesRead: 0, bytesTotal: 1, items: 0 });
      try {
        await this.reopenIfWorkerReplaced();
        next = await this.client.call('trace:from-db', { path }).promise;
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
  async reopenIfWorkerReplaced(): Promise<void> {
    const o = this.opened;
    if (!o || o.worker === this.client.workerGeneration) return;
    o.worker = this.client.workerGeneration;
    await this.client.call('open', o.payload).promise;
  }

  /** Starts the import worker and its scan workers now, so the first drop does not wait for them. */
  warmUp(): void {
    this.client.call('warmup', undefined).promise.catch(() => undefined);
  }

  /** Size of the reopen cache (parsed profiles kept in the browser's private storage). */
  cacheUsage(): Promise<{ bytes: number; entries: number }> {
    return this.client.call('cache:usage', undefined).promise;
  }

  async clearCache(): Promise<void> {
    await this.client.call('cache:clear', undefined).promise;
  }

  /** Something was dropped or picked but held no file (an empty folder, unreadable entries). */
  reportEmpty(name: string, unreadable: readonly { path: string; reason: string }[]): void {
    const first = unreadable[0];
    const more = unreadable.length - 1;
    const d = first
      ? detail(
          `${first.path}: could not be read (${first.reason})${more > 0 ? ` — and ${more} more` : ''}`,
          more > 0
            ? msg('reader:unreadable_entries', { path: first.path, reason: first.reason, more })
            : msg('reader:unreadable_entry', { path: first.path, reason: first.reason }),
        )
      : detail(
          `${name || 'The folder'}: empty folder (no files to open)`,
          msg('reader:empty_folder', { name: name || { msg: msg('reader:the_folder') } }),
        );
    this.store.getState().failLoading(d.text, d.msg);
  }

  cancel(): void {
    this.downloadAbort?.();
    this.cancelledGeneration = this.gen;
    if (this.running !== null) this.client.cancel(this.running);
  }

  private fail(e: unknown): void {
    const st = this.store.getState();
    if (e instanceof RequestCancelledError) {
      // A cancelled import leaves the app usable: back to what was there (or the empty state).
      const hasProfile = Object.keys(st.profiles).length > 0;
      st.stopLoading(hasProfile ? 'ready' : 'idle', hasProfile ? null : 'Import cancelled.');
      return;
    }
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof WorkerCrashedError)
      st.failLoading(
        `${message}; open the input again to retry`,
        msg('reader:retry_after_crash', { error: message }),
      );
    else st.failLoading(message, errorMessageOf(e));
  }
}

/** Resolves when the page is next idle (within a second), or soon where that can't be known. */
function whenIdle(): Promise<void> {
  return new Promise((r) => {
    if (typeof requestIdleCallback === 'function')
      requestIdleCallback(() => r(), { timeout: 1000 });
    else setTimeout(r, 50);
  });
}

/** Several ranks, or msprof-analyze's cluster output beside them. */
function isCluster(res: OpenResult): boolean {
  return (
    res.profiles.filter((p) => p.kind === 'ascend').length >= 2 ||
    res.reports.some((r) => r.path.split('/').includes('cluster_analysis_output'))
  );
}
