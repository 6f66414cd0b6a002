/**
 * Links that reopen the same view, and notes that travel with a profile. Watches the store:
 * keeps the view state in the URL fragment (pushState for steps worth going back to, so the
 * browser's back/forward walk the view history), computes the fingerprint of what was opened,
 * loads and saves its markers, applies a link's state once its input is open (`?url=` at once;
 * local files after the user opens them, with a check of their fingerprint).
 */
import { currentLanguage, i18n, setLanguage } from '../../i18n';
import { t } from '../../i18n/t';
import type { AppState, AppStore } from '../../store/app-store';
import { DEFAULT_TABLE_STATE } from '../../store/views-slice';
import type { PickedFile } from '../../session/read-dropped-items';
import { openUrl } from '../url-open/open-url';
import type { ViewerController } from '../viewer-controller';
import {
  describeFingerprint,
  fingerprintDiff,
  fingerprintFiles,
  type Fingerprint,
} from './fingerprint';
import { AlongsideRuns } from './link-alongside';
import { makeNotesDoc, parseNotesDoc, type NotesDoc } from './notes-doc';
import { loadStoredMarkers, mergeMarkers, storeMarkers } from './notes-storage';
import { resolveSliceRef, sliceRefOf } from './slice-ref';
import { layoutKindOfTrace } from '../../timeline/core/timeline-groups';
import {
  decodeViewState,
  encodeViewState,
  linkTrackLayout,
  storeTrackLayout,
  VIEW_STATE_VERSION,
  type ViewState,
} from './view-state';

/** Markers travel in a link while their JSON stays under this size. */
const LINK_MARKERS_MAX = 2000;
/** A window-only change pushes a new history entry at most this often (ms). */
const PUSH_INTERVAL = 1500;

export class ShareSession {
  private fp: Fingerprint | null = null;
  private urlSource: string | null = null;
  private urlOpening: string | null = null;
  private pending: ViewState | null = null;
  private applying = false;
  private token: unknown = undefined;
  private ready: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastEncoded = '';
  private lastKeyState = '';
  private lastPush = 0;
  private unsub: (() => void) | null = null;
  /** Runs opened beside the first ("Compare with…"): fingerprinted, asked for by a link. */
  readonly runs: AlongsideRuns;

  constructor(
    readonly store: AppStore,
    readonly controller: ViewerController,
  ) {
    this.runs = new AlongsideRuns(store, controller, (v) => this.apply(v));
  }

  /** Starts watching; true when it opened something (or waits for files), so no demo. */
  start(): boolean {
    // Once per page (React's StrictMode runs effects twice in development).
    if (this.started !== null) return this.started;
    this.started = this.begin();
    return this.started;
  }

  private started: boolean | null = null;

  private begin(): boolean {
    this.controller.notesOnly = (files) => void this.importSidecars(files);
    this.unsub = this.store.subscribe((s, prev) => this.onStore(s, prev));
    i18n.on('languageChanged', this.onLanguage);
    window.addEventListener('popstate', this.onPop);
    const state = decodeViewState(window.location.hash);
    const url = new URLSearchParams(window.location.search).get('url');
    if (url) {
      void this.openFromUrl(url, state);
      return true;
    }
    if (state?.src && 'fp' in state.src) {
      this.pending = state;
      this.store.getState().setPendingLink({
        prompt: describeFingerprint(state.src.fp),
        mismatch: null,
      });
      return true;
    }
    this.pending = state;
    return false;
  }

  dispose(): void {
    this.unsub?.();
    window.removeEventListener('popstate', this.onPop);
    i18n.off('languageChanged', this.onLanguage);
    if (this.timer) clearTimeout(this.timer);
  }

  get fingerprint(): Fingerprint | null {
    return this.fp;
  }

  /** Opens `raw` (as `?url=` does) and applies `state` once it is ready. */
  async openFromUrl(raw: string, state: ViewState | null): Promise<boolean> {
    this.urlOpening = raw;
    const res = await openUrl(this.controller, raw);
    this.urlOpening = null;
    if (!res.ok) return false;
    if (state) {
      await this.apply(state);
      this.runs.expect(state);
    }
    return true;
  }

  // ---------------------------------------------------------------- store

  private onStore(s: AppState, prev: AppState): void {
    if (s.status === 'ready' && prev.status !== 'ready') {
      const token = this.controller.picked ?? `mem:${s.sourceName}`;
      if (token !== this.token) {
        this.token = token;
        this.ready = this.newSession(s.sourceName);
      }
      // A run opened beside the first: its fingerprint goes into the links too.
      const sync = this.ready.then(() => this.runs.sync());
      this.ready = sync;
      void sync.then(() => {
        if (this.store.getState().status === 'ready' && !this.applying) this.schedule();
      });
    }
    if (s.markers !== prev.markers && s.notesKey && !this.applying)
      storeMarkers(s.notesKey, s.markers);
    if (s.status === 'ready' && !this.applying && viewChanged(s, prev)) this.schedule();
  }

  private onLanguage = (): void => {
    if (this.store.getState().status === 'ready' && !this.applying) this.schedule();
  };

  private async newSession(sourceName: string): Promise<void> {
    const picked = this.controller.picked;
    this.urlSource = this.urlOpening;
    if (!this.urlSource && new URLSearchParams(window.location.search).has('url')) {
      // Something else was opened: the page's ?url= no longer describes it.
      const u = new URL(window.location.href);
      u.searchParams.delete('url');
      history.replaceState(history.state, '', u.href);
    }
    // Markers of the last input; any others were added to this one while its files are read.
    const earlier = new Set(this.store.getState().markers);
    this.fp = picked ? await fingerprintFiles(picked.name, picked.files) : null;
    const key = this.fp?.id ?? `mem:${sourceName}`;
    let markers = loadStoredMarkers(key);
    for (const doc of await readSidecars(picked?.sidecars ?? []))
      markers = mergeMarkers(markers, doc.markers);
    const added = this.store.getState().markers.filter((m) => !earlier.has(m));
    if (added.length > 0) markers = mergeMarkers(markers, added);
    this.store.getState().setMarkers(markers, key);
    const pending = this.pending;
    this.pending = null;
    if (pending) {
      const want = pending.src && 'fp' in pending.src ? pending.src.fp : null;
      this.store.getState().setPendingLink(null);
      if (want && this.fp) {
        const diff = fingerprintDiff(want, this.fp);
        this.store.getState().setShareMessage(diff ?? t('app:link_files_match'));
      }
      void this.applyWhenReady(pending);
      this.runs.expect(pending);
    }
  }

  private async applyWhenReady(v: ViewState): Promise<void> {
    // Let the open finish (landing tab, first profile active) before the state goes on top.
    await new Promise((r) => setTimeout(r, 0));
    await this.apply(v);
  }

  // ---------------------------------------------------------------- view state

  /** The current view as a link state. */
  currentState(): ViewState {
    const s = this.store.getState();
    const v: ViewState = {
      v: VIEW_STATE_VERSION,
      tab: s.tab,
      win: [s.visibleWindow.start, s.visibleWindow.end],
    };
    if (s.activeProfileId !== null) v.profile = s.activeProfileId;
    if (s.selected) {
      const t = s.profiles[s.selected.profileId]?.trace;
      const ref = t && sliceRefOf(t, s.selected.profileId, s.selected.track, s.selected.index);
      if (ref) v.sel = ref;
    }
    if (s.range) v.range = [s.range.start, s.range.end];
    if (s.collapseDefault || s.expandDeepThreads || Object.keys(s.collapseOverrides).length > 0)
      v.collapse = { d: s.collapseDefault, deep: s.expandDeepThreads, o: s.collapseOverrides };
    if (s.pinnedTracks.length > 0) v.pins = s.pinnedTracks;
    const flows = Object.keys(s.hiddenFlowCats);
    if (flows.length > 0) v.flowsHidden = flows;
    if (s.searchQuery) v.search = { q: s.searchQuery, re: s.searchRegex, args: s.searchArgs };
    if (Object.keys(s.tableStates).length > 0) v.tables = s.tableStates;
    if (s.clusterOpenRanks.length > 0) v.ranks = s.clusterOpenRanks;
    if (Object.keys(s.clusterManualOffsets).length > 0) v.offsets = s.clusterManualOffsets;
    if (!this.urlSource && this.fp) v.src = { fp: this.fp };
    if (this.runs.fps.length > 0) {
      // With ?url= the page's URL names the first run; the source is written out to carry these.
      if (!v.src && this.urlSource) v.src = { url: this.urlSource };
      if (v.src) v.src.also = [...this.runs.fps];
    }
    if (s.markers.length > 0 && JSON.stringify(s.markers).length <= LINK_MARKERS_MAX)
      v.markers = s.markers;
    if (s.trackFilter) v.tracks = s.trackFilter;
    const lay = linkTrackLayout(s.trackLayout);
    if (lay) v.lay = lay;
    const ct = s.compareTimeline;
    if (ct) v.cmp = { b: ct.baseline, t: ct.target, align: ct.align, tl: true };
    else if (s.compareSides) v.cmp = { b: s.compareSides.baseline, t: s.compareSides.target };
    v.lang = currentLanguage();
    return v;
  }

  /**
   * The link once the opened files' fingerprint is known: a link taken right after an import
   * (the fingerprint is read after it) would not ask for the files when opened.
   */
  async linkWhenReady(): Promise<string> {
    await this.ready;
    return this.link();
  }

  /** The link to this view: the page (with ?url= when opened from one) and the state. */
  link(): string {
    const u = new URL(window.location.href);
    u.hash = encodeViewState(this.currentState());
    return u.href;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.writeFragment(), 250);
  }

  private writeFragment(): void {
    this.timer = null;
    if (this.applying || this.store.getState().status !== 'ready') return;
    const v = this.currentState();
    const frag = encodeViewState(v);
    if (frag === this.lastEncoded) return;
    const keyState = JSON.stringify({ ...v, win: undefined });
    const now = Date.now();
    const push =
      this.lastEncoded !== '' &&
      (keyState !== this.lastKeyState || now - this.lastPush > PUSH_INTERVAL);
    const u = new URL(window.location.href);
    u.hash = frag;
    if (push) {
      history.pushState(null, '', u.href);
      this.lastPush = now;
    } else history.replaceState(history.state, '', u.href);
    this.lastEncoded = frag;
    this.lastKeyState = keyState;
  }

  private onPop = () => {
    const v = decodeViewState(window.location.hash);
    if (v) void this.apply(v);
  };

  /** Applies a link's state to the open profile(s). */
  async apply(v: ViewState): Promise<void> {
    this.applying = true;
    try {
      if (v.lang) setLanguage(v.lang, false);
      await this.ready;
      const c = this.controller;
      let st = this.store.getState();
      if (
        v.profile &&
        v.profile !== st.activeProfileId &&
        st.discovered.some((d) => d.id === v.profile)
      )
        await c.importProfile(v.profile, true);
      if (v.offsets) this.store.getState().setManualOffsets(v.offsets);
      if (v.ranks && v.ranks.length > 0)
        await c.openRanks(v.ranks, { focus: v.profile, show: false, collective: null });
      else if (this.store.getState().clusterOpenRanks.length > 0) c.closeAllRanks();
      const now = this.store.getState();
      now.restoreRows({
        collapseDefault: v.collapse?.d ?? false,
        expandDeepThreads: v.collapse?.deep ?? false,
        collapseOverrides: v.collapse?.o ?? {},
        pinnedTracks: v.pins ?? [],
        hiddenFlowCats: Object.fromEntries((v.flowsHidden ?? []).map((k) => [k, true as const])),
      });
      now.setTableStates(
        Object.fromEntries(
          Object.entries(v.tables ?? {}).map(([k, t]) => [k, { ...DEFAULT_TABLE_STATE, ...t }]),
        ),
      );
      st = this.store.getState();
      st.setTrackFilter(v.tracks ?? '');
      await this.applyCompare(v.cmp);
      // Version 1 links carry no layout: the receiver's own stays.
      if (v.v >= 2) this.applyTrackLayout(v);
      st = this.store.getState();
      st.setSearchOptions({ regex: v.search?.re ?? false, args: v.search?.args ?? false });
      st.setSearchQuery(v.search?.q ?? '');
      if (v.win) st.setVisibleWindow({ start: v.win[0], end: v.win[1] });
      st.setRange(v.range ? { start: v.range[0], end: v.range[1] } : null);
      let selected = null;
      if (v.sel) {
        const t = st.profiles[v.sel.profile]?.trace;
        const found = t ? resolveSliceRef(t, v.sel) : null;
        if (found) selected = { profileId: v.sel.profile, ...found };
      }
      st.selectSlice(selected);
      if (v.markers && v.markers.length > 0)
        st.setMarkers(mergeMarkers(this.store.getState().markers, v.markers));
      if (v.tab) st.setTab(v.tab);
    } finally {
      this.applying = false;
      const now = this.currentState();
      this.lastEncoded = encodeViewState(now);
      this.lastKeyState = JSON.stringify({ ...now, win: undefined });
      if (this.store.getState().notesKey)
        storeMarkers(this.store.getState().notesKey, this.store.getState().markers);
    }
  }

  /** A link's track layout, shown for the kind of trace it was made on (not saved). */
  private applyTrackLayout(v: ViewState): void {
    const st = this.store.getState();
    const trace = st.profiles[v.profile ?? st.activeProfileId ?? '']?.trace;
    st.showLinkTrackLayout(storeTrackLayout(v.lay), trace ? layoutKindOfTrace(trace) : null);
  }

  /** A link's compare pair: both sides imported, chosen, and on one axis when it was. */
  private async applyCompare(cmp: ViewState['cmp']): Promise<void> {
    const st = this.store.getState();
    if (!cmp) {
      st.showCompareTimeline(null);
      return;
    }
    const known = (id: string | null) => id !== null && st.discovered.some((d) => d.id === id);
    const ids = [cmp.b, cmp.t].filter(known) as string[];
    for (const id of ids) await this.controller.importProfile(id, false);
    const now = this.store.getState();
    now.setCompareSides({
      baseline: known(cmp.b) ? cmp.b : null,
      target: known(cmp.t) ? cmp.t : null,
    });
    if (cmp.tl && ids.length === 2)
      now.showCompareTimeline({ baseline: ids[0]!, target: ids[1]!, align: cmp.align ?? 'step' });
    else now.showCompareTimeline(null);
  }

  // ---------------------------------------------------------------- notes files

  /** The notes of the open profile as a sidecar document. */
  notesDoc(): NotesDoc {
    const s = this.store.getState();
    return makeNotesDoc(this.fp?.name ?? s.sourceName, this.fp?.id ?? '', s.markers);
  }

  /** Loads sidecar files into the open profile's markers; reports what was read. */
  async importSidecars(files: readonly PickedFile[]): Promise<void> {
    const st = this.store.getState();
    let markers = st.markers;
    const problems: string[] = [];
    let added = 0;
    for (const f of files) {
      try {
        const doc = parseNotesDoc(await f.file.text());
        markers = mergeMarkers(markers, doc.markers);
        added += doc.markers.length;
      } catch (e) {
        problems.push(`${f.path}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    st.setMarkers(markers);
    st.setShareMessage(
      problems.length > 0 ? problems.join('; ') : t('app:loaded_markers', { count: added }),
    );
    if (added > 0) st.setMarkersOpen(true);
  }
}

async function readSidecars(files: readonly PickedFile[]): Promise<NotesDoc[]> {
  const out: NotesDoc[] = [];
  for (const f of files) {
    try {
      out.push(parseNotesDoc(await f.file.text()));
    } catch {
      /* a broken sidecar does not stop the profile; importing it by hand says why */
    }
  }
  return out;
}

function viewChanged(s: AppState, p: AppState): boolean {
  return (
    s.tab !== p.tab ||
    s.activeProfileId !== p.activeProfileId ||
    s.visibleWindow !== p.visibleWindow ||
    s.selected !== p.selected ||
    s.range !== p.range ||
    s.collapseOverrides !== p.collapseOverrides ||
    s.collapseDefault !== p.collapseDefault ||
    s.expandDeepThreads !== p.expandDeepThreads ||
    s.pinnedTracks !== p.pinnedTracks ||
    s.hiddenFlowCats !== p.hiddenFlowCats ||
    s.searchQuery !== p.searchQuery ||
    s.searchRegex !== p.searchRegex ||
    s.searchArgs !== p.searchArgs ||
    s.tableStates !== p.tableStates ||
    s.clusterOpenRanks !== p.clusterOpenRanks ||
    s.clusterManualOffsets !== p.clusterManualOffsets ||
    s.markers !== p.markers ||
    s.trackFilter !== p.trackFilter ||
    s.trackLayout !== p.trackLayout ||
    s.compareSides !== p.compareSides ||
    s.compareTimeline !== p.compareTimeline
  );
}
