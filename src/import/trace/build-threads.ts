/**
 * Per-thread slices: X events plus matched B/E pairs, rebased to ns, then sorted and nested.
 *
 * B/E matching follows the checklist: events in ts order (E before B at equal ts, else file
 * order); an E closes the nearest open B with the same name (and category, when the E has one),
 * or the top one when it has no name; slices opened above it are closed at the same time
 * (`misplaced_end`); an E matching nothing is dropped (`unmatched_end`); a B never closed is
 * extended to the trace end and flagged Unfinished (`unclosed_begin`). The E's args are merged
 * over the B's (spec, catapult and Perfetto agree; a later value wins).
 */
import { f64, i32, permute, u32, u8 } from '../../lib/columns';
import { SliceFlag, type SliceTable } from '../../model/trace-model';
import { nestSlices, packRows, threadSliceOrder } from '../../model/nest-slices';
import type { ArgsMerger } from './args-read';
import type { RawThread } from './raw-parts';
import { MAX_SPAN_NS, OUTLIER_US, type TimeBase } from './time-base';
import type { WarningLog } from './warning-log';
import { detail, msg } from '../../lib/message';

/** A thread's slices before sorting: dur NaN = unfinished (filled once the trace end is known). */
export interface ThreadSlices {
  start: Float64Array;
  dur: Float64Array;
  name: Uint32Array;
  cat: Uint32Array;
  args: Int32Array;
  flags: Uint8Array;
  bind: Int32Array;
  flowDir: Uint8Array;
  /** File order of the X, or of the B of a B/E pair. */
  seq: Float64Array;
  /** Largest known end (ns), -Infinity when none. */
  maxEnd: number;
}

export function collectThreadSlices(
  t: RawThread,
  tb: TimeBase,
  strings: readonly string[],
  emptyId: number,
  log: WarningLog,
  argsMerger: ArgsMerger,
): ThreadSlices {
  // At most one slice per X and per B: sized once, so an X-only thread is neither grown nor copied.
  const cap = t.x.length + t.be.length;
  const start = f64(cap);
  const dur = f64(cap);
  const name = u32(cap);
  const cat = u32(cap);
  const args = i32(cap);
  const flags = u8(cap);
  const bind = i32(cap);
  const flowDir = u8(cap);
  const seq = f64(cap);
  let maxEnd = -Infinity;
  const x = t.x;
  for (let i = 0; i < x.length; i++) {
    const us = x.tsUs[i]!;
    if (Math.abs(us - tb.refUs) > OUTLIER_US) continue; // counted once in time-base
    const s = (us - tb.baseUs) * 1000 + (x.tsFrac[i]! - tb.baseFrac);
    let d = x.durNs[i]!;
    if (d > MAX_SPAN_NS) {
      // Drawn to the trace end like a missing dur, rather than stretching the time axis.
      log.add(
        'huge_dur',
        detail(
          `X "${strings[x.name[i]!]}" at ${s} ns has dur ${d} ns, longer than the ${MAX_SPAN_NS} ns the timeline spans; drawn to the trace end`,
          msg('reader:huge_dur', {
            name: strings[x.name[i]!] ?? '',
            ts: String(s),
            dur: String(d),
            max: String(MAX_SPAN_NS),
          }),
        ),
      );
      d = NaN;
    }
    start.push(s);
    dur.push(d);
    if (d === d && s + d > maxEnd) maxEnd = s + d;
    name.push(x.name[i]!);
    cat.push(x.cat[i]!);
    args.push(x.args[i]!);
    flags.push(d === d ? 0 : SliceFlag.Unfinished);
    bind.push(x.bind[i]!);
    flowDir.push(x.flowDir[i]!);
    seq.push(x.seq[i]!);
  }
  const be = t.be;
  if (be.length > 0) {
    const ts = new Float64Array(be.length);
    for (let i = 0; i < be.length; i++) {
      const us = be.tsUs[i]!;
      ts[i] =
        Math.abs(us - tb.refUs) > OUTLIER_US
          ? NaN
          : (us - tb.baseUs) * 1000 + (be.tsFrac[i]! - tb.baseFrac);
    }
    const order = beOrder(ts, be.begin);
    const open = new OpenStack(be.name, be.cat);
    const closeAt = (bi: number, endTs: number, endArgs: number): void => {
      const s = ts[bi]!;
      start.push(s);
      dur.push(endTs - s);
      if (endTs > maxEnd) maxEnd = endTs;
      name.push(be.name[bi]!);
      cat.push(be.cat[bi]!);
      args.push(argsMerger.link(be.args[bi]!, endArgs));
      flags.push(SliceFlag.FromBE);
      bind.push(be.bind[bi]!);
      flowDir.push(be.flowDir[bi]!);
      seq.push(be.seq[bi]!);
    };
    for (const i of order) {
      if (ts[i] !== ts[i]) continue; // outlier, counted once in time-base
      if (be.begin[i]) {
        open.push(i);
        continue;
      }
      const en = be.name[i]!;
      const ec = be.cat[i]!;
      const k = en === emptyId ? open.length - 1 : open.find(en, ec === emptyId ? -1 : ec);
      if (k < 0) {
        log.add(
          'unmatched_end',
          detail(
            `E "${strings[en]}" at ${ts[i]} ns matches no open B; dropped`,
            msg('reader:unmatched_end', { name: strings[en] ?? '', ts: String(ts[i]) }),
          ),
        );
        continue;
      }
      while (open.length - 1 > k) {
        const bi = open.pop();
        log.add(
          'misplaced_end',
          detail(
            `B "${strings[be.name[bi]!]}" closed early by an outer E "${strings[en]}"`,
            msg('reader:misplaced_end', {
              name: strings[be.name[bi]!] ?? '',
              outer: strings[en] ?? '',
            }),
          ),
        );
        closeAt(bi, ts[i]!, -1);
      }
      closeAt(open.pop(), ts[i]!, be.args[i]!);
    }
    for (const bi of open.items) {
      log.add(
        'unclosed_begin',
        detail(
          `B "${strings[be.name[bi]!]}" has no E; drawn to the trace end`,
          msg('reader:unclosed_begin', { name: strings[be.name[bi]!] ?? '' }),
        ),
      );
      start.push(ts[bi]!);
      dur.push(NaN);
      name.push(be.name[bi]!);
      cat.push(be.cat[bi]!);
      args.push(be.args[bi]!);
      flags.push(SliceFlag.FromBE | SliceFlag.Unfinished);
      bind.push(be.bind[bi]!);
      flowDir.push(be.flowDir[bi]!);
      seq.push(be.seq[bi]!);
    }
  }
  return {
    start: start.finish(),
    dur: dur.finish(),
    name: name.finish(),
    cat: cat.finish(),
    args: args.finish(),
    flags: flags.finish(),
    bind: bind.finish(),
    flowDir: flowDir.finish(),
    seq: seq.finish(),
    maxEnd,
  };
}

/**
 * The open B events of a thread, with the stack positions of each name and (name, category) so
 * that finding the nearest open B of a name is O(1) (a linear search from the top would be
 * quadratic for millions of B without E followed by unmatched E).
 */
class OpenStack {
  readonly items: number[] = [];
  private readonly byName = new Map<number, number[]>();
  private readonly byNameCat = new Map<number, Map<number, number[]>>();

  constructor(
    private readonly name: Uint32Array,
    private readonly cat: Uint32Array,
  ) {}

  get length(): number {
    return this.items.length;
  }

  push(b: number): void {
    const pos = this.items.length;
    this.items.push(b);
    const n = this.name[b]!;
    let names = this.byName.get(n);
    if (!names) this.byName.set(n, (names = []));
    names.push(pos);
    let cats = this.byNameCat.get(n);
    if (!cats) this.byNameCat.set(n, (cats = new Map<number, number[]>()));
    let list = cats.get(this.cat[b]!);
    if (!list) cats.set(this.cat[b]!, (list = []));
    list.push(pos);
  }

  /** Removes the top B. Its positions are the last of its name's and (name, cat)'s lists. */
  pop(): number {
    const b = this.items.pop()!;
    this.byName.get(this.name[b]!)!.pop();
    this.byNameCat.get(this.name[b]!)!.get(this.cat[b]!)!.pop();
    return b;
  }

  /** Stack position of the nearest open B named `n` (with category `c`, unless -1), or -1. */
  find(n: number, c: number): number {
    const list = c < 0 ? this.byName.get(n) : this.byNameCat.get(n)?.get(c);
    return list && list.length > 0 ? list[list.length - 1]! : -1;
  }
}

/**
 * B/E processing order: ts ascending, E before B at equal ts, then file order. Outliers (NaN)
 * are left out: a NaN in the comparison would leave the sort order undefined.
 */
function beOrder(ts: Float64Array, begin: Uint8Array): number[] {
  const idx: number[] = [];
  let sorted = true;
  for (let i = 0; i < ts.length; i++) {
    if (ts[i] !== ts[i]) continue;
    const prev = idx.length > 0 ? idx[idx.length - 1]! : -1;
    if (prev >= 0 && (ts[i]! < ts[prev]! || (ts[i] === ts[prev] && begin[i]! < begin[prev]!)))
      sorted = false;
    idx.push(i);
  }
  if (!sorted) idx.sort((a, b) => ts[a]! - ts[b]! || begin[a]! - begin[b]! || a - b);
  return idx;
}

/** A laid-out lane plus the flow v2 columns that flow binding still needs. */
export type LaneWithBinds = SliceTable & { bind: Int32Array; flowDir: Uint8Array };

export interface LaidOutThread {
  main: LaneWithBinds;
  overflow: LaneWithBinds | null;
  /** The first partial overlap (for the warning): names, starts and ends in ns, overlap. */
  firstOverlap: {
    name: number;
    start: number;
    end: number;
    otherName: number;
    otherStart: number;
    otherEnd: number;
    overlapNs: number;
  } | null;
}

/**
 * Sorts, nests and splits off the overflow lane. `traceEnd` fills unfinished durations;
 * `isLandmark(nameId)` marks slices that stay off the overflow lane (steps).
 */
export function layoutThread(
  ts: ThreadSlices,
  traceEnd: number,
  isLandmark?: (nameId: number) => boolean,
): LaidOutThread {
  const n = ts.start.length;
  for (let i = 0; i < n; i++) {
    if (ts.dur[i] !== ts.dur[i]) ts.dur[i] = Math.max(0, traceEnd - ts.start[i]!);
  }
  const order = threadSliceOrder(ts.start, ts.dur, ts.flags, ts.seq);
  const start = permute(ts.start, order);
  const dur = permute(ts.dur, order);
  const cols = {
    name: permute(ts.name, order),
    cat: permute(ts.cat, order),
    args: permute(ts.args, order),
    flags: permute(ts.flags, order),
    bind: permute(ts.bind, order),
    flowDir: permute(ts.flowDir, order),
  };
  let landmarks: Uint8Array | undefined;
  if (isLandmark) {
    for (let i = 0; i < n; i++) {
      if (!isLandmark(cols.name[i]!)) continue;
      landmarks ??= new Uint8Array(n);
      landmarks[i] = 1;
    }
  }
  const nest = nestSlices(start, dur, { keep: landmarks });
  if (nest.overflowCount === 0) {
    return {
      main: {
        length: n,
        start,
        dur,
        depth: nest.depth,
        rows: nest.rows,
        parent: nest.parent,
        ...cols,
      },
      overflow: null,
      firstOverlap: null,
    };
  }
  const fo = nest.firstOverlap;
  const firstOverlap = fo
    ? {
        name: cols.name[fo.index]!,
        start: start[fo.index]!,
        end: start[fo.index]! + dur[fo.index]!,
        otherName: cols.name[fo.other]!,
        otherStart: start[fo.other]!,
        otherEnd: start[fo.other]! + dur[fo.other]!,
        overlapNs: fo.overlapNs,
      }
    : null;
  const keep = new Uint32Array(n - nest.overflowCount);
  const over = new Uint32Array(nest.overflowCount);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    if (nest.overflow[i]) over[b++] = i;
    else keep[a++] = i;
  }
  // Parents refer to positions in the full list; remap to positions among kept slices.
  const pos = new Int32Array(n).fill(-1);
  for (let i = 0; i < keep.length; i++) pos[keep[i]!] = i;
  const parent = new Int32Array(keep.length);
  for (let i = 0; i < keep.length; i++) {
    const p = nest.parent[keep[i]!]!;
    parent[i] = p >= 0 ? pos[p]! : -1;
  }
  const pick = (sel: Uint32Array) => ({
    length: sel.length,
    start: permute(start, sel),
    dur: permute(dur, sel),
    name: permute(cols.name, sel),
    cat: permute(cols.cat, sel),
    args: permute(cols.args, sel),
    flags: permute(cols.flags, sel),
    bind: permute(cols.bind, sel),
    flowDir: permute(cols.flowDir, sel),
  });
  const main = pick(keep);
  const mainDepth = permute(nest.depth, keep);
  let rows = 0;
  for (let i = 0; i < mainDepth.length; i++) if (mainDepth[i]! + 1 > rows) rows = mainDepth[i]! + 1;
  const ov = pick(over);
  for (let i = 0; i < ov.length; i++) ov.flags[i]! |= SliceFlag.Overflow;
  // Overflow slices nest among themselves where they can; the rest are packed onto rows.
  const ovNest = nestSlices(ov.start, ov.dur);
  let ovDepth = ovNest.depth;
  let ovParent = ovNest.parent;
  let ovRows = ovNest.rows;
  if (ovNest.overflowCount > 0) {
    const packed = packRows(ov.start, ov.dur);
    ovDepth = packed.row;
    ovRows = packed.rows;
    ovParent = new Int32Array(ov.length).fill(-1);
  }
  return {
    main: { ...main, depth: mainDepth, rows, parent },
    overflow: { ...ov, depth: ovDepth, rows: ovRows, parent: ovParent },
    firstOverlap,
  };
}
