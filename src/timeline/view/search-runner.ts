/**
 * Runs the slice search when the query, its options or the shown traces change: debounced,
 * chunked (search.ts), cancelling the previous run. Results go to the store's timeline slice.
 */
import type { OrderedJson } from '../../lib/json-bytes';
import { argsToJson } from '../../import/trace/args-read';
import type { AppStore } from '../../store/app-store';
import { Cancelled, runChunked } from '../core/chunked';
import { compileMatcher, searchGen } from '../core/search';
import type { TraceGroup } from '../core/timeline-groups';

const DEBOUNCE_MS = 120;

export type ArgsReader = (profileId: string, argsIndex: number) => Promise<OrderedJson | null>;

function argsText(v: OrderedJson | null): string | null {
  return v === null ? null : argsToJson(v);
}

export class SearchRunner {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private ctl: AbortController | null = null;
  private unsub: () => void;
  private groups: readonly TraceGroup[] = [];
  private running = false;

  constructor(
    private readonly store: AppStore,
    private readonly readArgs: ArgsReader,
  ) {
    this.unsub = store.subscribe((s, prev) => {
      if (
        s.searchQuery !== prev.searchQuery ||
        s.searchRegex !== prev.searchRegex ||
        s.searchArgs !== prev.searchArgs
      )
        this.schedule();
    });
  }

  /** The traces to search (the view calls this when they change). */
  setGroups(groups: readonly TraceGroup[]): void {
    if (groups === this.groups) return;
    this.groups = groups;
    if (this.store.getState().searchQuery) this.schedule(0);
  }

  /** True while a search is scheduled or running. */
  get busy(): boolean {
    return this.timer !== null || this.running;
  }

  schedule(delay = DEBOUNCE_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.ctl?.abort();
    this.timer = setTimeout(() => void this.run(), delay);
  }

  /** Starts now (Enter in the search box). */
  async runNow(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.run();
  }

  private async run(): Promise<void> {
    this.timer = null;
    this.ctl?.abort();
    const st = this.store.getState();
    const matcher = compileMatcher(st.searchQuery, st.searchRegex);
    if (matcher === null) {
      st.setSearchState({ status: 'idle', matches: null });
      return;
    }
    if (matcher instanceof Error) {
      st.setSearchState({ status: 'error', matches: null, error: matcher.message });
      return;
    }
    const ctl = new AbortController();
    this.ctl = ctl;
    const groups = this.groups;
    st.setSearchState({ status: 'running', matches: null, progress: 0 });
    const reader = st.searchArgs
      ? async (g: number, argsIndex: number) => {
          const id = groups[g]?.profileId;
          return id === undefined ? null : argsText(await this.readArgs(id, argsIndex));
        }
      : null;
    let lastReport = 0;
    this.running = true;
    try {
      const matches = await runChunked(
        searchGen(groups, matcher, reader, (p) => {
          if (p - lastReport >= 0.02) {
            lastReport = p;
            this.store.getState().setSearchState({ status: 'running', progress: p });
          }
        }),
        { signal: ctl.signal },
      );
      if (ctl.signal.aborted) return;
      this.store.getState().setSearchState({ status: 'done', matches });
    } catch (e) {
      if (e instanceof Cancelled || ctl.signal.aborted) return;
      this.store.getState().setSearchState({
        status: 'error',
        matches: null,
        error: e instanceof Error ? e.message : String(e),
      });
    } finally {
      if (this.ctl === ctl) this.running = false;
    }
  }

  cancel(): void {
    this.ctl?.abort();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  dispose(): void {
    this.cancel();
    this.unsub();
  }
}
