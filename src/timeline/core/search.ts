/**
 * Slice search: case-insensitive substring or regex over slice names, optionally over args
 * (decoded on demand, one slice at a time). Names are tested once per interned string, then
 * every track is scanned against that table; matches come out in time order on the shared axis
 * (a k-way merge of the per-track lists, which are already sorted by start). Written as a chunked
 * generator (see chunked.ts) so the page stays responsive on millions of slices.
 */
import type { SearchMatches } from '../../store/timeline-slice';
import type { TraceGroup } from './timeline-groups';

export type Matcher = (text: string) => boolean;

/** Stored matches are capped (a query like "a" can match every slice of a 10 M trace). */
export const MAX_MATCHES = 5_000_000;
const YIELD_EVERY = 50_000;
const ARGS_BATCH = 32;

/** A matcher for the query, or an Error for an invalid regex; null for an empty query. */
export function compileMatcher(query: string, regex: boolean): Matcher | Error | null {
  if (!query) return null;
  if (regex) {
    try {
      const re = new RegExp(query, 'i');
      return (s) => re.test(s);
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e));
    }
  }
  const q = query.toLowerCase();
  return (s) => s.toLowerCase().includes(q);
}

/** Reads and decodes the args of one slice (as text to match against), or null. */
export type ArgsTextReader = (group: number, argsIndex: number) => Promise<string | null>;

export interface SearchProgress {
  (fraction: number): void;
}

interface TrackHits {
  group: number;
  track: number;
  hits: Int32Array;
  n: number;
  mask: Uint8Array;
}

class IntList {
  a = new Int32Array(64);
  n = 0;
  push(v: number) {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
}

export function* searchGen(
  groups: readonly TraceGroup[],
  matcher: Matcher,
  readArgs: ArgsTextReader | null,
  onProgress: SearchProgress = () => {},
): Generator<Promise<unknown> | undefined, SearchMatches, unknown> {
  let totalSlices = 0;
  for (const g of groups) for (const t of g.trace.sliceTracks) totalSlices += t.slices.length;
  const phases = readArgs ? 3 : 2;
  let done = 0;
  let work = 0;
  const perTrack: TrackHits[] = [];
  let stored = 0;
  for (let gi = 0; gi < groups.length; gi++) {
    const { trace } = groups[gi]!;
    const nameHit = new Uint8Array(trace.strings.length);
    for (let s = 0; s < trace.strings.length; s++) {
      if (matcher(trace.strings[s]!)) nameHit[s] = 1;
      if (++work % YIELD_EVERY === 0) yield undefined;
    }
    for (let tr = 0; tr < trace.sliceTracks.length; tr++) {
      const table = trace.sliceTracks[tr]!.slices;
      const n = table.length;
      const { name, args } = table;
      const flags = new Uint8Array(n);
      let hits = 0;
      for (let i = 0; i < n; i++) {
        if (nameHit[name[i]!] === 1) {
          flags[i] = 1;
          hits++;
        }
        if (++work % YIELD_EVERY === 0) {
          onProgress(Math.min(0.99, (done + i) / Math.max(1, totalSlices) / phases));
          yield undefined;
        }
      }
      if (readArgs) {
        // Args are read in small concurrent batches; each batch is one awaited step.
        const batch: number[] = [];
        const flush = function* (): Generator<Promise<unknown>, void, unknown> {
          const texts = (yield Promise.all(batch.map((i) => readArgs(gi, args[i]!)))) as (
            string | null
          )[];
          texts.forEach((text, k) => {
            if (text !== null && matcher(text)) {
              flags[batch[k]!] = 1;
              hits++;
            }
          });
          batch.length = 0;
        };
        for (let i = 0; i < n; i++) {
          if (flags[i] === 0 && args[i]! >= 0) batch.push(i);
          if (batch.length === ARGS_BATCH) {
            yield* flush();
            onProgress(Math.min(0.99, (1 + (done + i) / Math.max(1, totalSlices)) / phases));
          }
        }
        if (batch.length > 0) yield* flush();
      }
      done += n;
      if (hits === 0) continue;
      const list = new IntList();
      for (let i = 0; i < n && stored < MAX_MATCHES; i++) {
        if (flags[i] === 1) {
          list.push(i);
          stored++;
        }
      }
      if (list.n > 0) perTrack.push({ group: gi, track: tr, hits: list.a, n: list.n, mask: flags });
    }
  }
  // Merge per-track lists (each sorted by start) into one time-ordered list.
  const count = stored;
  const group = new Uint16Array(count);
  const track = new Int32Array(count);
  const index = new Int32Array(count);
  const start = new Float64Array(count);
  const masks = new Map<string, Uint8Array>();
  const heads = perTrack.map(() => 0);
  const keyOf = (h: number): number => {
    const th = perTrack[h]!;
    const g = groups[th.group]!;
    return g.trace.sliceTracks[th.track]!.slices.start[th.hits[heads[h]!]!]! + g.offsetNs;
  };
  // Binary heap of track-list indices by the start of their head.
  const heap: number[] = [];
  const keys: number[] = [];
  const less = (a: number, b: number) => keys[a]! < keys[b]! || (keys[a] === keys[b] && a < b);
  const push = (h: number) => {
    keys[h] = keyOf(h);
    heap.push(h);
    let c = heap.length - 1;
    while (c > 0) {
      const p = (c - 1) >> 1;
      if (!less(heap[c]!, heap[p]!)) break;
      [heap[c], heap[p]] = [heap[p]!, heap[c]!];
      c = p;
    }
  };
  const pop = (): number => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let c = 0;
      for (;;) {
        const l = 2 * c + 1;
        const r = l + 1;
        let m = c;
        if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
        if (m === c) break;
        [heap[c], heap[m]] = [heap[m]!, heap[c]!];
        c = m;
      }
    }
    return top;
  };
  perTrack.forEach((th, h) => {
    masks.set(`${th.group}:${th.track}`, th.mask);
    push(h);
  });
  for (let k = 0; k < count; k++) {
    const h = pop();
    const th = perTrack[h]!;
    group[k] = th.group;
    track[k] = th.track;
    index[k] = th.hits[heads[h]!]!;
    start[k] = keys[h]!;
    heads[h]!++;
    if (heads[h]! < th.n) push(h);
    if (k % YIELD_EVERY === YIELD_EVERY - 1) {
      onProgress(Math.min(0.99, (phases - 1 + k / count) / phases));
      yield undefined;
    }
  }
  return {
    count,
    profileIds: groups.map((g) => g.profileId),
    group,
    track,
    index,
    start,
    masks,
  };
}

/** Index of the first match starting at or after `time` (wrapping to 0), or -1. */
export function matchAtOrAfter(m: SearchMatches, time: number): number {
  if (m.count === 0) return -1;
  let lo = 0;
  let hi = m.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (m.start[mid]! < time) lo = mid + 1;
    else hi = mid;
  }
  return lo < m.count ? lo : 0;
}

/** Next (dir 1) or previous (dir -1) match index, wrapping; from `current` or from `time`. */
export function stepMatch(m: SearchMatches, current: number, dir: 1 | -1, time: number): number {
  if (m.count === 0) return -1;
  if (current < 0 || current >= m.count) {
    const i = matchAtOrAfter(m, time);
    return dir === 1 ? i : (i - 1 + m.count) % m.count;
  }
  return (current + dir + m.count) % m.count;
}
