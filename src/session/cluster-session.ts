/**
 * The cluster session: the cluster overview in the background (msprof-analyze's output, then
 * every rank's small files), and ranks opened together on one aligned timeline (import, offsets,
 * a step framed, a collective highlighted on every rank).
 */
import { pickCollective } from '../model/cluster/collectives';
import { profilerStepRanges } from '../model/ascend/step-breakdown';
import type { AppStore } from '../store/app-store';
import type { ProfileSliceAddress, TraceGroup } from '../model/slice-address';
import {
  rankOfProfile,
  selectClusterModel,
  selectHighlightedSlices,
  selectTimelineGroups,
} from '../store/cluster-selectors';
import type { ClusterCollectiveRef } from '../store/cluster-slice';
import type { ImportSession } from './import-session';
import { RequestCancelledError } from './worker-client';

/**
 * Brings slices into view on the timeline (the timeline's navigateToSlices, handed in by the app
 * so that this layer does not import the timeline).
 */
export type RevealSlices = (
  store: AppStore,
  groups: TraceGroup[],
  slices: ProfileSliceAddress[],
  focus: string | null,
  opts: { tab: false },
) => void;

export class ClusterSession {
  constructor(
    private readonly imports: ImportSession,
    private readonly reveal: RevealSlices,
  ) {}

  private get store(): AppStore {
    return this.imports.store;
  }

  private get client() {
    return this.imports.client;
  }

  /** The running cluster overview request (cancelled when something else is opened). */
  private clusterRequest: number | null = null;

  /** Stops the running overview and forgets the last input's cluster. */
  stop(): void {
    if (this.clusterRequest !== null) this.client.cancel(this.clusterRequest);
    this.clusterRequest = null;
    this.store.getState().resetCluster();
    this.store.getState().showCompareTimeline(null);
  }

  /**
   * The cluster overview, in the background: msprof-analyze's cluster_analysis_output when
   * present, then every rank's small files (never the traces) summarised by the worker.
   */
  async clusterOverview(): Promise<void> {
    const gen = this.imports.generation;
    const total = this.store.getState().discovered.filter((d) => d.kind === 'ascend').length;
    if (this.clusterRequest !== null) this.client.cancel(this.clusterRequest);
    this.store.getState().startCluster(total);
    try {
      await this.imports.reopenIfWorkerReplaced();
      const outReq = this.client.call('cluster:output', undefined);
      this.clusterRequest = outReq.id;
      const output = await outReq.promise;
      if (gen !== this.imports.generation) return;
      const req = this.client.call('cluster:overview', undefined, (p) => {
        const q = p;
        if (gen === this.imports.generation)
          this.store.getState().setClusterProgress(q.bytesRead, q.bytesTotal);
      });
      this.clusterRequest = req.id;
      const ranks = await req.promise;
      if (gen !== this.imports.generation) return;
      this.store.getState().setClusterData(ranks, output);
      // The matrices come second: the overview shows meanwhile.
      if (!output?.matrix.length && ranks.every((r) => !r.commMatrix?.length)) {
        this.store.getState().setClusterMatrixStatus('loading');
        const mreq = this.client.call('cluster:matrices', undefined);
        this.clusterRequest = mreq.id;
        try {
          const matrices = await mreq.promise;
          if (gen === this.imports.generation) this.store.getState().setClusterMatrices(matrices);
        } catch {
          if (gen === this.imports.generation)
            this.store.getState().setClusterMatrixStatus('error');
        }
      }
    } catch (e) {
      if (gen !== this.imports.generation) return;
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
      if (gen === this.imports.generation) this.clusterRequest = null;
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
    const gen = this.imports.generation;
    const wanted = [...new Set(profileIds)];
    const open = [...this.store.getState().clusterOpenRanks];
    for (const id of wanted) if (!open.includes(id)) open.push(id);
    this.store.getState().setClusterOpenRanks(open);
    const failed: string[] = [];
    for (const id of wanted) {
      const p = await this.imports.importProfile(id, false);
      if (gen !== this.imports.generation) return false;
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
    this.reveal(
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
      if (active) this.imports.activate(active);
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
}
