/**
 * Merged device streams: the slices of several slice tracks (every Ascend Hardware stream of one
 * device, optionally its HCCL planes) as ONE derived lane set, so a device reads as one busy row.
 *
 * Slices are taken in start order (longer first on ties, so an enclosing slice comes before what
 * it encloses) and packed greedily: each goes to the first sub-row whose last slice has ended by
 * its start. No two slices of a sub-row overlap, so the derived table is an ordinary `SliceTable`
 * (its `depth` is the sub-row) and is drawn, indexed and level-of-detailed like any other track;
 * nothing in the renderer knows it is derived. Every merged slice remembers its real track and
 * index (`srcTrack` / `srcIndex`), and each real slice its merged position (`mergedIndex`), so
 * selection, details, flows and navigation keep speaking real addresses.
 *
 * The instants recorded on the member streams' threads are merged too (one table in time order),
 * so the merged row draws them as a stream row would.
 *
 * Built once per (trace, member tracks) and memoised; never per frame. `buildMerged` works on
 * plain columns, so the page can have it run in a worker (timeline/core/merge-runner.ts) and
 * adopt the result (`adoptMerged`).
 */
import type { InstantTable, SliceTable, SliceTrack, TraceModel } from './trace-model';

export interface MergedStreams {
  /** The derived track (kind 'thread', thread -1): depth = packed sub-row. */
  track: SliceTrack;
  /** Real slice tracks merged, in the order given. */
  members: readonly number[];
  /** Per merged slice: its real track and its index there. */
  srcTrack: Int32Array;
  srcIndex: Uint32Array;
  /** Real track → per real slice, its index in the merged table. */
  mergedIndex: ReadonlyMap<number, Uint32Array>;
  /** The members' threads' instants in time order (null when they have none). */
  instants: InstantTable | null;
}

/** What a merge reads of a member table (a SliceTable has it). */
export type MemberColumns = Pick<
  SliceTable,
  'length' | 'start' | 'dur' | 'name' | 'cat' | 'args' | 'flags'
>;

const cache = new WeakMap<TraceModel, Map<string, MergedStreams>>();

const keyOf = (process: number, members: readonly number[]) => `${process}:${members.join(',')}`;

/** The merged lane set of `members` (real slice track indices) of trace `t`, memoised. */
export function mergeStreams(
  t: TraceModel,
  process: number,
  members: readonly number[],
  name: string,
): MergedStreams {
  let out = cachedMerge(t, process, members);
  if (!out) {
    out = buildMerged(
      members.map((k) => t.sliceTracks[k]!.slices),
      members,
      process,
      name,
      memberInstants(t, members),
    );
    adoptMerged(t, out);
  }
  return out;
}

/** The merged lane set if it was built already (never builds). */
export function cachedMerge(
  t: TraceModel,
  process: number,
  members: readonly number[],
): MergedStreams | undefined {
  return cache.get(t)?.get(keyOf(process, members));
}

/** Keeps a lane set built elsewhere (a worker) as the trace's merge of its members. */
export function adoptMerged(t: TraceModel, m: MergedStreams): void {
  let c = cache.get(t);
  if (!c) {
    c = new Map();
    cache.set(t, c);
  }
  c.set(keyOf(m.track.process, m.members), m);
}

/** The instant tables of the members' threads (each thread once). */
export function memberInstants(t: TraceModel, members: readonly number[]): InstantTable[] {
  const threads = new Set<number>();
  for (const k of members) {
    const th = t.sliceTracks[k]!.thread;
    if (th >= 0) threads.add(th);
  }
  return [...threads].map((th) => t.threads[th]!.instants).filter((x) => x.length > 0);
}

/** Merges instant tables into one in time order (stable: earlier tables first on ties). */
export function mergeInstants(tables: readonly InstantTable[]): InstantTable | null {
  let n = 0;
  for (const x of tables) n += x.length;
  if (n === 0) return null;
  const order = new Uint32Array(n);
  const from = new Uint32Array(n);
  let o = 0;
  tables.forEach((x, j) => {
    for (let i = 0; i < x.length; i++, o++) {
      order[o] = i;
      from[o] = j;
    }
  });
  const ts = (k: number) => tables[from[k]!]!.ts[order[k]!]!;
  const perm = Array.from({ length: n }, (_, k) => k).sort((a, b) => ts(a) - ts(b) || a - b);
  const out: InstantTable = {
    length: n,
    ts: new Float64Array(n),
    name: new Uint32Array(n),
    cat: new Uint32Array(n),
    args: new Int32Array(n),
  };
  perm.forEach((k, i) => {
    const x = tables[from[k]!]!;
    const j = order[k]!;
    out.ts[i] = x.ts[j]!;
    out.name[i] = x.name[j]!;
    out.cat[i] = x.cat[j]!;
    out.args[i] = x.args[j]!;
  });
  return out;
}

/**
 * Builds the merged lane set of member tables (`tables[j]` is real track `members[j]`) that sit
 * in `process`; pure, so a worker can run it.
 */
export function buildMerged(
  tables: readonly MemberColumns[],
  members: readonly number[],
  process: number,
  name: string,
  instants: readonly InstantTable[],
): MergedStreams {
  let n = 0;
  for (const s of tables) n += s.length;
  const out: SliceTable = {
    length: n,
    start: new Float64Array(n),
    dur: new Float64Array(n),
    depth: new Uint16Array(n),
    parent: new Int32Array(n).fill(-1),
    name: new Uint32Array(n),
    cat: new Uint32Array(n),
    args: new Int32Array(n),
    flags: new Uint8Array(n),
    rows: 0,
  };
  const srcTrack = new Int32Array(n);
  const srcIndex = new Uint32Array(n);
  const mergedIndex = new Map<number, Uint32Array>();
  members.forEach((k, j) => mergedIndex.set(k, new Uint32Array(tables[j]!.length)));
  // k-way merge of the members (each sorted by start): few streams, so a scan of the heads.
  const head = new Uint32Array(tables.length);
  const laneEnd: number[] = [];
  for (let o = 0; o < n; o++) {
    let best = -1;
    let bs = Infinity;
    let bd = -Infinity;
    for (let j = 0; j < tables.length; j++) {
      const tb = tables[j]!;
      const h = head[j]!;
      if (h >= tb.length) continue;
      const s = tb.start[h]!;
      const d = tb.dur[h]!;
      if (s < bs || (s === bs && d > bd)) {
        best = j;
        bs = s;
        bd = d;
      }
    }
    const tb = tables[best]!;
    const i = head[best]!++;
    // First sub-row free at this start (greedy interval packing).
    let lane = 0;
    while (lane < laneEnd.length && laneEnd[lane]! > bs) lane++;
    laneEnd[lane] = bs + bd;
    out.start[o] = bs;
    out.dur[o] = bd;
    out.depth[o] = lane;
    out.name[o] = tb.name[i]!;
    out.cat[o] = tb.cat[i]!;
    out.args[o] = tb.args[i]!;
    out.flags[o] = tb.flags[i]!;
    srcTrack[o] = members[best]!;
    srcIndex[o] = i;
    mergedIndex.get(members[best]!)![i] = o;
  }
  out.rows = laneEnd.length;
  return {
    track: { kind: 'thread', process, thread: -1, name, slices: out },
    members,
    srcTrack,
    srcIndex,
    mergedIndex,
    instants: mergeInstants(instants),
  };
}

/** The merged index of real slice (track, index), or -1 when it is not a member's. */
export function mergedIndexOf(m: MergedStreams, track: number, index: number): number {
  const a = m.mergedIndex.get(track);
  return a && index >= 0 && index < a.length ? a[index]! : -1;
}

/** One merged row-group: the process it sits in and the real tracks it takes. */
export interface MergePlan {
  host: number;
  members: number[];
}

/**
 * Which tracks merge, per device: every process labelled `kinds[0]` (Ascend Hardware) hosts
 * its own streams; the processes of the other kinds (HCCL) join the host when the trace has one
 * device, and stay apart otherwise (which device they belong to is not known).
 */
export function mergePlans(t: TraceModel, kinds: readonly string[]): MergePlan[] {
  const label = (p: number) => t.processes[p]!.name ?? '';
  const tracksOf = (p: number) => {
    const out: number[] = [];
    for (const th of t.processes[p]!.threads) {
      const thr = t.threads[th]!;
      if (thr.track >= 0) out.push(thr.track);
      if (thr.overflowTrack >= 0) out.push(thr.overflowTrack);
    }
    return out;
  };
  const procs = t.processes.map((_, p) => p);
  const hosts = procs.filter((p) => label(p) === kinds[0]);
  const plans = hosts.map((host) => ({ host, members: tracksOf(host) }));
  if (plans.length === 1)
    for (const p of procs)
      if (p !== hosts[0] && kinds.slice(1).includes(label(p)))
        plans[0]!.members.push(...tracksOf(p));
  return plans.filter((pl) => pl.members.length > 0);
}

const maskCache = new WeakMap<ReadonlyMap<string, Uint8Array>, Map<MergedStreams, Uint8Array>>();

/**
 * A per-slice mask (search matches) of the merged table, from the members' masks keyed
 * `${group}:${track}`; built once per masks map.
 */
export function mergedMask(
  masks: ReadonlyMap<string, Uint8Array>,
  group: number,
  m: MergedStreams,
): Uint8Array {
  let byRow = maskCache.get(masks);
  if (!byRow) {
    byRow = new Map();
    maskCache.set(masks, byRow);
  }
  let out = byRow.get(m);
  if (!out) {
    out = new Uint8Array(m.srcTrack.length);
    const byTrack = new Map(m.members.map((k) => [k, masks.get(`${group}:${k}`)]));
    for (let o = 0; o < out.length; o++)
      out[o] = byTrack.get(m.srcTrack[o]!)?.[m.srcIndex[o]!] ?? 0;
    byRow.set(m, out);
  }
  return out;
}
