/**
 * Glue between the UI, the import worker and the store: opening files, importing profiles,
 * cancelling, and reading args on demand. Components call these actions; they never talk to the
 * worker themselves.
 */
import { nothingFoundMessage, normalizePath } from '../import/discover';
import type { OrderedJson } from '../import/json/json-bytes';
import { readArgs } from '../import/trace/args-read';
import type { ImportProtocol, OpenPayload, OpenResult } from '../import/worker-protocol';
import type { ProfileModel } from '../model/profile';
import type { AppStore } from '../store/app-store';
import { landingTab } from '../views/overview/landing';
import type { PickedFile } from './read-dropped-items';
import { runAdvisor } from './advisor-session';
import { SqlSession } from './sql-session';
import type { WorkerClient } from './worker-client';
import { RequestCancelledError, WorkerCrashedError } from './worker-client';
import { NOTES_SUFFIX } from './url-open/manifest';
import { pickCollective } from '../model/cluster/collectives';
import { profilerStepRanges } from '../model/ascend/step-breakdown';
import { navigateToSlices } from '../timeline/navigation';
import {
  rankOfProfile,
  selectClusterModel,
  selectHighlightedSlices,
  selectTimelineGroups,
  type ClusterCollectiveRef,
} from '../store/cluster-slice';

export class ViewerController {
  /** Files of the current session by path (args of plain JSON traces are read from them on demand). */
  private files = new Map<string, Blob>();
  private running: number | null = null;
  private generation = 0;
  /** The generation the user cancelled (a cancel that arrives while files are being opened). */
  private cancelledGeneration = -1;
  /** What was last opened, and which worker holds it (a replaced worker must be told again). */
  private opened: { payload: OpenPayload; worker: number } | null = null;

  constructor(
    readonly store: AppStore,
    private readonly client: WorkerClient<ImportProtocol>,
  ) {}

  /**
   * The files of the current session as picked, and the notes sidecars (`*.atv-notes.json`)
   * found among them (not import inputs); null for generated input (demo). Read by app/share.
   */
  picked: { files: PickedFile[]; sidecars: PickedFile[]; name: string } | null = null;
  /** Aborts a running download (`?url=`) when the user cancels; set by app/url-open. */
  downloadAbort: (() => void) | null = null;
  /** Takes a drop of notes sidecars alone (they add to the open profile); set by app/share. */
  notesOnly: ((sidecars: PickedFile[]) => void) | null = null;

  async openPicked(all: PickedFile[], sourceName: string): Promise<void> {
    const picked = all.filter((p) => !isNotesSidecar(p.path));
    if (picked.length === 0 && all.length > 0 && this.notesOnly) return this.notesOnly(all);
    this.picked = {
      files: picked,
      sidecars: all.filter((p) => isNotesSidecar(p.path)),
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
    this.files = new Map();
    await this.open(sourceName, files);
  }

  private async open(sourceName: string, payload: OpenPayload): Promise<void> {
    const gen = ++this.generation;
    const s = this.store.getState();
    s.startOpening(sourceName);
    this.stopCluster();
    try {
      this.opened = { payload, worker: this.client.workerGeneration };
      const req = this.client.call('open', payload);
      this.running = req.id;
      const res = await req.promise;
      if (gen !== this.generation) return;
      // Opening does not watch for cancellation: honour a cancel that came meanwhile.
      if (this.cancelledGeneration === gen) throw new RequestCancelledError('import cancelled');
      this.store.getState().setDiscovered(res.profiles, res.reports);
      if (res.profiles.length === 0) {
        // msprof-analyze's cluster output alone still makes a cluster view.
        if (isCluster(res)) {
          this.store.getState().finishLoading();
          this.store.getState().setTab('cluster');
          void this.clusterOverview();
          return;
        }
        this.store.getState().failLoading(nothingFoundMessage(sourceName, res.reports));
        return;
      }
      const first = await this.importProfile(res.profiles[0]!.id, true);
      // Land on the Overview for profiler folders (where did the time go?), on the timeline for
      // plain traces.
      if (first && gen === this.generation) this.store.getState().setTab(landingTab(first));
      if (gen === this.generation && this.store.getState().status === 'loading')
        this.store.getState().finishLoading();
      if (gen === this.generation && isCluster(res)) void this.clusterOverview();
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
      const req = this.client.call('import', { profileId: id }, (p) =>
        this.store.getState().setProgress(p),
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
      this.store.setState({
        status: 'loading',
        progress: { path, stage: 'building timeline', bytesRead: 0, bytesTotal: 1, items: 0 },
      });
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
  private async reopenIfWorkerReplaced(): Promise<void> {
    const o = this.opened;
    if (!o || o.worker === this.client.workerGeneration) return;
    o.worker = this.client.workerGeneration;
    await this.client.call('open', o.payload).promise;
  }

  /** The SQL console (its own worker, so a query can be cancelled). */
  readonly sql = new SqlSession(
    (id) => this.store.getState().profiles[id],
    (path) => this.files.get(path),
  );

  /** Runs the advisor on a profile in the import worker and stores the report. */
  advise(profileId: string): Promise<void> {
    return runAdvisor(this.store, this.client, profileId);
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
    this.store
      .getState()
      .failLoading(
        first
          ? `${first.path}: could not be read (${first.reason})${unreadable.length > 1 ? ` — and ${unreadable.length - 1} more` : ''}`
          : `${name || 'The folder'}: empty folder (no files to open)`,
      );
  }

  cancel(): void {
    this.downloadAbort?.();
    this.cancelledGeneration = this.generation;
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

  // ---------------------------------------------------------------- cluster

  /** The running cluster overview request (cancelled when something else is opened). */
  private clusterRequest: number | null = null;

  private stopCluster(): void {
    if (this.clusterRequest !== null) this.client.cancel(this.clusterRequest);
    this.clusterRequest = null;
    this.store.getState().resetCluster();
  }

  /**
   * The cluster overview, in the background: msprof-analyze's cluster_analysis_output when
   * present, then every rank's small files (never the traces) summarised by the worker.
   */
  async clusterOverview(): Promise<void> {
    const gen = this.generation;
    const total = this.store.getState().discovered.filter((d) => d.kind === 'ascend').length;
    if (this.clusterRequest !== null) this.client.cancel(this.clusterRequest);
    this.store.getState().startCluster(total);
    try {
      await this.reopenIfWorkerReplaced();
      const outReq = this.client.call('cluster:output', undefined);
      this.clusterRequest = outReq.id;
      const output = await outReq.promise;
      if (gen !== this.generation) return;
      const req = this.client.call('cluster:overview', undefined, (p) => {
        const q = p;
        if (gen === this.generation)
          this.store.getState().setClusterProgress(q.bytesRead, q.bytesTotal);
      });
      this.clusterRequest = req.id;
      const ranks = await req.promise;
      if (gen !== this.generation) return;
      this.store.getState().setClusterData(ranks, output);
      // The matrices come second: the overview shows meanwhile.
      if (!output?.matrix.length && ranks.every((r) => !r.commMatrix?.length)) {
        this.store.getState().setClusterMatrixStatus('loading');
        const mreq = this.client.call('cluster:matrices', undefined);
        this.clusterRequest = mreq.id;
        try {
          const matrices = await mreq.promise;
          if (gen === this.generation) this.store.getState().setClusterMatrices(matrices);
        } catch {
          if (gen === this.generation) this.store.getState().setClusterMatrixStatus('error');
        }
      }
    } catch (e) {
      if (gen !== this.generation) return;
      this.store
        .getState()
        .failCluster(
          e instanceof RequestCancelledError
            ? 'The cluster overview was cancelled.'
            : e instanceof Error
              ? e.message
              : String(e),
        );
    } finally {
      if (gen === this.generation) this.clusterRequest = null;
    }
  }

  /**
   * Opens ranks on the timeline, aligned on the shared axis: imports those not loaded yet (one
   * after another), refines their offsets from their traces and places them. With `focus` (a
   * profile id) that rank becomes the active profile; `step` frames that step on the aligned
   * axis; `collective` (default: the step's most telling collective of the focus rank) is
   * highlighted on every open rank and selected on the focus rank. `show` switches to the
   * timeline tab.
   */
  async openRanks(
    profileIds: readonly string[],
    opts: {
      focus?: string;
      step?: string | null;
      collective?: ClusterCollectiveRef | null;
      show?: boolean;
    } = {},
  ): Promise<boolean> {
    const gen = this.generation;
    const wanted = [...new Set(profileIds)];
    const open = [...this.store.getState().clusterOpenRanks];
    for (const id of wanted) if (!open.includes(id)) open.push(id);
    this.store.getState().setClusterOpenRanks(open);
    const failed: string[] = [];
    for (const id of wanted) {
      const p = await this.importProfile(id, false);
      if (gen !== this.generation) return false;
      if (!p) failed.push(id);
    }
    let st = this.store.getState();
    st.setClusterOpenRanks(st.clusterOpenRanks.filter((id) => !failed.includes(id)));
    st = this.store.getState();
    if (st.clusterTimeline.length === 0) return false;
    const focus =
      opts.focus && st.profiles[opts.focus] ? opts.focus : st.clusterTimeline[0]!.profileId;
    if (st.activeProfileId !== focus) st.setActiveProfile(focus);
    if (opts.step !== undefined && opts.step !== null) this.frameStep(opts.step);
    let collective = opts.collective;
    if (collective === undefined) {
      const model = selectClusterModel(st);
      const rank = rankOfProfile(st, focus);
      const row =
        model && rank !== null
          ? pickCollective(model.collectives, model.index, rank, opts.step ?? null)
          : null;
      collective = row ? { op: row.op, seq: row.seq } : null;
    }
    this.highlightCollective(collective, focus);
    if (opts.show !== false) this.store.getState().setTab('timeline');
    return failed.length === 0;
  }

  /** Highlights a collective on every open rank and selects it on `focus` (a profile id). */
  highlightCollective(c: ClusterCollectiveRef | null, focus?: string): void {
    const st = this.store.getState();
    st.setClusterCollective(c);
    if (!c) return;
    const now = this.store.getState();
    // Zoom to the collective on every open rank and select it (timeline/navigation.ts).
    navigateToSlices(
      this.store,
      selectTimelineGroups(now),
      selectHighlightedSlices(now),
      focus ?? st.activeProfileId,
      { tab: false },
    );
  }

  /** Frames a step (host ProfilerStep#N of every open rank, aligned) on the timeline. */
  frameStep(step: string): boolean {
    const st = this.store.getState();
    let lo = Infinity;
    let hi = -Infinity;
    for (const t of st.clusterTimeline) {
      const trace = st.profiles[t.profileId]?.trace;
      const r = trace ? profilerStepRanges(trace).find((x) => x.step === step) : undefined;
      if (!r) continue;
      lo = Math.min(lo, t.axisOffsetNs + r.startNs);
      hi = Math.max(hi, t.axisOffsetNs + r.endNs);
    }
    if (!(hi > lo)) return false;
    const pad = (hi - lo) * 0.04;
    st.setVisibleWindow({ start: lo - pad, end: hi + pad });
    return true;
  }

  /**
   * Takes a rank off the timeline and frees its profile (the active profile is kept: another
   * open rank becomes active first when there is one).
   */
  closeRank(profileId: string): void {
    let st = this.store.getState();
    const open = st.clusterOpenRanks.filter((id) => id !== profileId);
    st.setClusterOpenRanks(open);
    if (st.selected?.profileId === profileId) st.selectSlice(null);
    if (st.activeProfileId === profileId) {
      const next = open.find((id) => st.profiles[id]);
      if (next) st.setActiveProfile(next);
    }
    st = this.store.getState();
    if (st.activeProfileId !== profileId) st.removeProfile(profileId);
    st = this.store.getState();
    st.syncClusterTimeline();
    if (open.length === 0) {
      const active = st.activeProfileId !== null ? st.profiles[st.activeProfileId] : undefined;
      if (active) this.activate(active);
    }
  }

  /** Takes every rank off the timeline (the timeline shows the active profile again). */
  closeAllRanks(): void {
    for (const id of [...this.store.getState().clusterOpenRanks]) this.closeRank(id);
  }

  /** Drops the manual offsets and aligns again from the collectives. */
  realign(): void {
    this.store.getState().resetManualOffsets();
  }

  /** Decodes the args of a slice/instant on demand (import/trace/args-read.ts). */
  async readArgs(profileId: string, argsIndex: number): Promise<OrderedJson | null> {
    const trace = this.store.getState().profiles[profileId]?.trace;
    return trace ? readArgs(trace.args, argsIndex, (path) => this.files.get(path)) : null;
  }
}

function isNotesSidecar(path: string): boolean {
  return path.toLowerCase().endsWith(NOTES_SUFFIX);
}

/** Several ranks, or msprof-analyze's cluster output beside them. */
function isCluster(res: OpenResult): boolean {
  return (
    res.profiles.filter((p) => p.kind === 'ascend').length >= 2 ||
    res.reports.some((r) => r.path.split('/').includes('cluster_analysis_output'))
  );
}
