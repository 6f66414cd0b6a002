/**
 * Binds flow endpoints to slices and counts flows.
 *
 * v1 (s/t/f): keyed by (cat, name, id) with the id as an exact string. `s` and `t` bind to the
 * deepest slice enclosing their ts; `f` binds to the enclosing slice when bp:"e", otherwise to the
 * next slice starting at or after its ts. Endpoints of one key are chained in ts order
 * (s → t → … and the last s/t → every f), so several f per s are allowed.
 * v2: X/B slices with bind_id; flow_out starts, flow_in ends, both is a step.
 * Counts per key: matched (has start and end), startOnly, endOnly; endpoints that found no slice
 * are `unbound` (e.g. Level0 HostToDevice starts on a pruned CANN lane).
 */
import { f64, i32, u32 } from '../../lib/columns';
import { enclosingSlice, nextSliceAtOrAfter } from '../../model/slice-queries';
import type { FlowTable, SliceTable, SliceTrack } from '../../model/trace-model';
import type { LaneWithBinds } from './build-threads';
import type { RawFlowCols } from './raw-parts';
import { OUTLIER_US, type TimeBase } from './time-base';

export interface FlowCounts {
  matched: number;
  startOnly: number;
  endOnly: number;
  unbound: number;
}

/** Main and overflow track of a thread, -1 where absent. */
export interface ThreadTracks {
  main: number;
  overflow: number;
}

interface Endpoint {
  phase: number;
  ts: number;
  track: number;
  slice: number;
}

class FlowSink {
  fromTrack = i32();
  fromSlice = i32();
  toTrack = i32();
  toSlice = i32();
  fromTs = f64();
  toTs = f64();
  cat = u32();
  name = u32();
  id = u32();

  add(a: Endpoint, b: Endpoint, cat: number, name: number, id: number): void {
    this.fromTrack.push(a.track);
    this.fromSlice.push(a.slice);
    this.toTrack.push(b.track);
    this.toSlice.push(b.slice);
    this.fromTs.push(a.ts);
    this.toTs.push(b.ts);
    this.cat.push(cat);
    this.name.push(name);
    this.id.push(id);
  }

  finish(): FlowTable {
    return {
      length: this.fromTrack.n,
      fromTrack: this.fromTrack.finish(),
      fromSlice: this.fromSlice.finish(),
      toTrack: this.toTrack.finish(),
      toSlice: this.toSlice.finish(),
      fromTs: this.fromTs.finish(),
      toTs: this.toTs.finish(),
      cat: this.cat.finish(),
      name: this.name.finish(),
      id: this.id.finish(),
    };
  }
}

/**
 * Binds every v1 endpoint to a slice: the enclosing slice (s, t, f with bp:"e") or the next one
 * (other f), on the thread's main lane, else on its overflow lane. `slice` is -1 when unbound;
 * `ts` is NaN for outlier times.
 */
function bindEndpoints(
  raw: RawFlowCols,
  tb: TimeBase,
  threadTracks: (pid: number, tid: number) => ThreadTracks | undefined,
  tracks: SliceTrack[],
): { ts: Float64Array; track: Int32Array; slice: Int32Array } {
  const n = raw.length;
  const ts = new Float64Array(n);
  const track = new Int32Array(n).fill(-1);
  const slice = new Int32Array(n).fill(-1);
  const lanes: ThreadTracks[] = [];
  const enclosing = new Map<number, number[]>();
  // The tracks of each (pid, tid), looked up once (not through a text key per endpoint).
  const byThread = new Map<number, Map<number, ThreadTracks | null>>();
  const tracksOf = (pid: number, tid: number): ThreadTracks | undefined => {
    let m = byThread.get(pid);
    if (!m) byThread.set(pid, (m = new Map<number, ThreadTracks | null>()));
    let tt = m.get(tid);
    if (tt === undefined) m.set(tid, (tt = threadTracks(pid, tid) ?? null));
    return tt ?? undefined;
  };
  for (let i = 0; i < n; i++) {
    const us = raw.tsUs[i]!;
    ts[i] =
      Math.abs(us - tb.refUs) > OUTLIER_US
        ? NaN
        : (us - tb.baseUs) * 1000 + (raw.tsFrac[i]! - tb.baseFrac);
    const tt = tracksOf(raw.pid[i]!, raw.tid[i]!);
    if (ts[i] !== ts[i] || !tt) continue;
    lanes[i] = tt;
    if (raw.phase[i] !== 2 || raw.enclosing[i] === 1) {
      if (tt.main >= 0) pushTo(enclosing, tt.main, i);
      else if (tt.overflow >= 0) pushTo(enclosing, tt.overflow, i);
    } else {
      for (const t of [tt.main, tt.overflow]) {
        if (t < 0) continue;
        const k = nextSliceAtOrAfter(tracks[t]!.slices, ts[i]!);
        if (k >= 0) {
          track[i] = t;
          slice[i] = k;
          break;
        }
      }
    }
  }
  // Enclosing lookups per lane, in time order (main lanes first, then the overflow lanes of the
  // endpoints the main lane did not bind).
  const retry = new Map<number, number[]>();
  for (const [t, list] of enclosing) {
    enclosingAll(tracks[t]!.slices, list, ts, slice);
    for (const i of list) {
      if (slice[i]! >= 0) track[i] = t;
      else if (t === lanes[i]!.main && lanes[i]!.overflow >= 0)
        pushTo(retry, lanes[i]!.overflow, i);
    }
  }
  for (const [t, list] of retry) {
    enclosingAll(tracks[t]!.slices, list, ts, slice);
    for (const i of list) if (slice[i]! >= 0) track[i] = t;
  }
  return { ts, track, slice };
}

function pushTo(m: Map<number, number[]>, key: number, v: number): void {
  const list = m.get(key);
  if (list) list.push(v);
  else m.set(key, [v]);
}

/**
 * {@link enclosingSlice} for many times at once: sweeps the lane in start order keeping the chain
 * of the last slice started (it and its ancestors). In a nested lane ends shrink from the root
 * to the top of that chain, so the deepest slice still open is found by bisection: O(log depth)
 * per lookup instead of a walk up to 65,535 parents.
 */
export function enclosingAll(
  t: SliceTable,
  queries: number[],
  ts: Float64Array,
  out: Int32Array,
): void {
  queries.sort((a, b) => ts[a]! - ts[b]!);
  const chain: number[] = [];
  const ends: number[] = [];
  let nested = true;
  let next = 0;
  for (const q of queries) {
    const x = ts[q]!;
    while (next < t.length && t.start[next]! <= x) {
      const p = t.parent[next]!;
      while (chain.length > 0 && chain[chain.length - 1] !== p) {
        chain.pop();
        ends.pop();
      }
      const end = t.start[next]! + t.dur[next]!;
      if (ends.length > 0 && !(end <= ends[ends.length - 1]!)) nested = false;
      chain.push(next);
      ends.push(end);
      next++;
    }
    if (!nested) {
      out[q] = enclosingSlice(t, x);
      continue;
    }
    const top = chain.length - 1;
    if (top < 0) out[q] = -1;
    else if (t.start[chain[top]!] === x)
      out[q] = chain[top]!; // contains x (even zero-length)
    else {
      let lo = 0;
      let hi = chain.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (ends[mid]! > x) lo = mid + 1;
        else hi = mid;
      }
      out[q] = lo > 0 ? chain[lo - 1]! : -1;
    }
  }
}

export function buildFlows(
  raw: RawFlowCols,
  tb: TimeBase,
  threadTracks: (pid: number, tid: number) => ThreadTracks | undefined,
  tracks: SliceTrack[],
  lanes: (LaneWithBinds | null)[],
  strings: (id: number) => string,
  internId: (text: string) => number,
): { table: FlowTable; counts: FlowCounts } {
  const sink = new FlowSink();
  const counts: FlowCounts = { matched: 0, startOnly: 0, endOnly: 0, unbound: 0 };
  const bound = bindEndpoints(raw, tb, threadTracks, tracks);
  const { order, starts } = groupFlows(raw);
  for (let k = 0; k + 1 < starts.length; k++) {
    const g = order.subarray(starts[k], starts[k + 1]);
    let hasStart = false;
    let hasEnd = false;
    const eps: Endpoint[] = [];
    for (const i of g) {
      const phase = raw.phase[i]!;
      if (phase === 0) hasStart = true;
      else if (phase === 2) hasEnd = true;
      if (bound.slice[i]! < 0) {
        counts.unbound++;
        continue;
      }
      eps.push({ phase, ts: bound.ts[i]!, track: bound.track[i]!, slice: bound.slice[i]! });
    }
    if (hasStart && hasEnd) counts.matched++;
    else if (hasStart) counts.startOnly++;
    else if (hasEnd) counts.endOnly++;
    const first = g[0]!;
    chain(eps, sink, raw.cat[first]!, raw.name[first]!, raw.id[first]!);
  }
  bindV2(tracks, lanes, sink, counts, strings, internId);
  return { table: sink.finish(), counts };
}

/**
 * Groups v1 endpoints by (cat, name, id): groups in order of their first endpoint, each group's
 * endpoints in file order (`order` sliced by `starts`). Keyed on the three numbers in an
 * integer hash table, not on a text key per endpoint.
 */
function groupFlows(raw: RawFlowCols): { order: Uint32Array; starts: Uint32Array } {
  const n = raw.length;
  const groupOf = new Uint32Array(n);
  // Open addressing on the (id, cat, name) triple; a slot holds its group + 1 (0 = empty).
  let cap = 16;
  while (cap < n * 2) cap *= 2;
  const mask = cap - 1;
  const slots = new Int32Array(cap);
  const gId = new Uint32Array(n);
  const gCat = new Uint32Array(n);
  const gName = new Uint32Array(n);
  let groups = 0;
  for (let i = 0; i < n; i++) {
    const id = raw.id[i]!;
    const cat = raw.cat[i]!;
    const name = raw.name[i]!;
    let slot = (Math.imul(id, 0x9e3779b1) ^ Math.imul(cat, 0x85ebca6b) ^ name) & mask;
    for (;;) {
      const g = slots[slot]! - 1;
      if (g < 0) {
        slots[slot] = groups + 1;
        gId[groups] = id;
        gCat[groups] = cat;
        gName[groups] = name;
        groupOf[i] = groups++;
        break;
      }
      if (gId[g] === id && gCat[g] === cat && gName[g] === name) {
        groupOf[i] = g;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  const starts = new Uint32Array(groups + 1);
  for (let i = 0; i < n; i++) starts[groupOf[i]! + 1]!++;
  for (let k = 0; k < groups; k++) starts[k + 1]! += starts[k]!;
  const fill = starts.slice(0, groups);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[fill[groupOf[i]!]!++] = i;
  return { order, starts };
}

/**
 * Links endpoints in ts order: s/t start a link, t and f end one; f does not continue a chain.
 * An f earlier than every s (host and device clocks disagree by a few µs in real Ascend traces)
 * still links to the next s rather than being lost.
 */
function chain(eps: Endpoint[], sink: FlowSink, cat: number, name: number, id: number): void {
  eps.sort((a, b) => a.ts - b.ts || a.phase - b.phase);
  let prev: Endpoint | null = null;
  let early: Endpoint[] = [];
  for (const e of eps) {
    if (e.phase === 0) {
      prev = e;
      for (const f of early) sink.add(e, f, cat, name, id);
      early = [];
    } else if (prev) {
      sink.add(prev, e, cat, name, id);
      if (e.phase === 1) prev = e;
    } else if (e.phase === 2) early.push(e);
  }
}

function bindV2(
  tracks: SliceTrack[],
  lanes: (LaneWithBinds | null)[],
  sink: FlowSink,
  counts: FlowCounts,
  strings: (id: number) => string,
  internId: (text: string) => number,
): void {
  const groups = new Map<number, Endpoint[]>();
  lanes.forEach((lane, track) => {
    if (!lane) return;
    for (let i = 0; i < lane.length; i++) {
      const bind = lane.bind[i]!;
      const dir = lane.flowDir[i]!;
      if (bind < 0 || dir === 0) continue;
      let g = groups.get(bind);
      if (!g) groups.set(bind, (g = []));
      // phase: 0 = out (start), 1 = in+out (step), 2 = in (end)
      const phase = dir === 2 ? 0 : dir === 3 ? 1 : 2;
      g.push({ phase, ts: tracks[track]!.slices.start[i]!, track, slice: i });
    }
  });
  if (groups.size === 0) return;
  const cat = internId('flow v2');
  for (const [bind, eps] of groups) {
    const hasStart = eps.some((e) => e.phase !== 2);
    const hasEnd = eps.some((e) => e.phase !== 0);
    if (hasStart && hasEnd) counts.matched++;
    else if (hasStart) counts.startOnly++;
    else counts.endOnly++;
    chain(eps, sink, cat, internId(`bind_id ${strings(bind)}`), bind);
  }
}
