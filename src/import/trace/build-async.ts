/**
 * Async slices: nestable b/e/n and legacy S/T/p/F, on tracks of their own.
 *
 * Events with the same (cat, id[, scope][, pid for id2.local]) form one tree: b/S open, e/F close
 * the nearest open slice of the same name (or the top one when unnamed), n/T/p are zero-length
 * marks inside the tree. Trees are grouped into one track per (process, root name) and packed on
 * rows so that overlapping trees never draw on top of each other.
 *
 * A slice's row is decided when it begins: one below the most recently opened slice still open
 * (0 when none is). Open slices then always sit on strictly increasing rows, so two slices of one
 * tree that overlap in time never share a row, even when they end out of order (A begins, B
 * begins, A ends, B ends: B is drawn below A, as in Perfetto and catapult).
 *
 * Both steps stay O(n log n) on adversarial input: open slices are found through per-name stacks;
 * trees are placed with a segment tree of free rows.
 */
import { f64, i32, u16, u32, u8 } from '../../lib/columns';
import { SliceFlag, type SliceTable } from '../../model/trace-model';
import { sliceOrder } from '../../model/nest-slices';
import { permute } from '../../lib/columns';
import type { ArgsMerger } from './args-read';
import { FreeRows } from './free-rows';
import type { RawAsyncCols } from './raw-parts';
import { OUTLIER_US, type TimeBase } from './time-base';
import type { WarningLog } from './warning-log';
import { detail, msg } from '../../lib/message';

const OPEN = new Set([98 /* b */, 83 /* S */]);
const CLOSE = new Set([101 /* e */, 70 /* F */]);

export interface AsyncTrackOut {
  pid: number;
  name: string;
  slices: SliceTable;
}

interface TreeSlice {
  start: number;
  dur: number;
  depth: number;
  name: number;
  cat: number;
  args: number;
  flags: number;
}

export function buildAsyncTracks(
  raw: RawAsyncCols,
  tb: TimeBase,
  traceEnd: number,
  strings: readonly string[],
  emptyId: number,
  log: WarningLog,
  argsMerger: ArgsMerger,
): AsyncTrackOut[] {
  if (raw.length === 0) return [];
  const groups = new Map<string, number[]>();
  for (let i = 0; i < raw.length; i++) {
    const key = `${raw.cat[i]}|${raw.id[i]}|${raw.scope[i]}|${raw.local[i] ? raw.pid[i] : ''}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(i);
  }
  const trees: {
    pid: number;
    root: string;
    slices: TreeSlice[];
    start: number;
    end: number;
    rows: number;
  }[] = [];
  for (const g of groups.values()) {
    const ts = g.map((i) => {
      const us = raw.tsUs[i]!;
      return Math.abs(us - tb.refUs) > OUTLIER_US
        ? NaN
        : (us - tb.baseUs) * 1000 + (raw.tsFrac[i]! - tb.baseFrac);
    });
    const order = g.map((_, k) => k).filter((k) => ts[k] === ts[k]);
    order.sort(
      (a, b) =>
        ts[a]! - ts[b]! || closeFirst(raw.phase[g[a]!]!) - closeFirst(raw.phase[g[b]!]!) || a - b,
    );
    const open = new OpenBegins(order.length);
    const slices: TreeSlice[] = [];
    for (const k of order) {
      const i = g[k]!;
      const ph = raw.phase[i]!;
      if (OPEN.has(ph)) {
        open.push(k, raw.name[i]!, Math.min(open.nextDepth(), 65535));
      } else if (CLOSE.has(ph)) {
        const name = raw.name[i]!;
        const q = name === emptyId ? open.top() : open.lastNamed(name);
        if (q < 0) {
          log.add(
            'async_unmatched_end',
            detail(
              `async end "${strings[name]}" matches no open begin; dropped`,
              msg('reader:async_unmatched_end', { name: strings[name] ?? '' }),
            ),
          );
          continue;
        }
        const m = open.depthOf(q);
        const bk = open.close(q);
        const bi = g[bk]!;
        slices.push({
          start: ts[bk]!,
          dur: ts[k]! - ts[bk]!,
          depth: m,
          name: raw.name[bi]!,
          cat: raw.cat[bi]!,
          args: argsMerger.link(raw.args[bi]!, raw.args[i]!),
          flags: SliceFlag.Async,
        });
      } else {
        slices.push({
          start: ts[k]!,
          dur: 0,
          depth: Math.min(open.nextDepth(), 65535),
          name: raw.name[i]!,
          cat: raw.cat[i]!,
          args: raw.args[i]!,
          flags: SliceFlag.Async,
        });
      }
    }
    for (const [bk, m] of open.remaining()) {
      const bi = g[bk]!;
      log.add(
        'async_unclosed',
        detail(
          `async "${strings[raw.name[bi]!]}" never ends; drawn to the trace end`,
          msg('reader:async_unclosed', { name: strings[raw.name[bi]!] ?? '' }),
        ),
      );
      slices.push({
        start: ts[bk]!,
        dur: Math.max(0, traceEnd - ts[bk]!),
        depth: m,
        name: raw.name[bi]!,
        cat: raw.cat[bi]!,
        args: raw.args[bi]!,
        flags: SliceFlag.Async | SliceFlag.Unfinished,
      });
    }
    if (slices.length === 0) continue;
    let start = Infinity;
    let end = -Infinity;
    let rows = 0;
    let root = slices[0]!;
    for (const s of slices) {
      if (s.start < start || (s.start === start && s.depth < root.depth)) root = s;
      start = Math.min(start, s.start);
      end = Math.max(end, s.start + s.dur);
      rows = Math.max(rows, s.depth + 1);
    }
    trees.push({ pid: raw.pid[g[0]!]!, root: strings[root.name] ?? '', slices, start, end, rows });
  }
  const byTrack = new Map<string, typeof trees>();
  for (const t of trees) {
    const key = `${t.pid}|${t.root}`;
    let list = byTrack.get(key);
    if (!list) byTrack.set(key, (list = []));
    list.push(t);
  }
  const out: AsyncTrackOut[] = [];
  for (const list of byTrack.values()) {
    list.sort((a, b) => a.start - b.start);
    // Each tree takes the lowest block of t.rows consecutive rows that are all free at its start.
    let capacity = 0;
    for (const t of list) capacity += t.rows;
    const rowsFree = new FreeRows(capacity);
    const busy: Busy[] = [];
    let usedRows = 0;
    const start = f64();
    const dur = f64();
    const depth = u16();
    const name = u32();
    const cat = u32();
    const args = i32();
    const flags = u8();
    for (const t of list) {
      while (busy.length > 0 && busy[0]!.end <= t.start) {
        const b = heapPop(busy);
        for (let d = 0; d < b.rows; d++) rowsFree.setFree(b.r + d, true);
      }
      const r = rowsFree.firstRun(t.rows);
      for (let d = 0; d < t.rows; d++) rowsFree.setFree(r + d, false);
      heapPush(busy, { end: t.end === t.end ? t.end : -Infinity, r, rows: t.rows });
      usedRows = Math.max(usedRows, r + t.rows);
      for (const s of t.slices) {
        start.push(s.start);
        dur.push(s.dur);
        depth.push(Math.min(r + s.depth, 65535));
        name.push(s.name);
        cat.push(s.cat);
        args.push(s.args);
        flags.push(s.flags);
      }
    }
    const st = start.finish();
    const du = dur.finish();
    const ord = sliceOrder(st, du);
    out.push({
      pid: list[0]!.pid,
      name: list[0]!.root,
      slices: {
        length: st.length,
        start: permute(st, ord),
        dur: permute(du, ord),
        depth: permute(depth.finish(), ord),
        parent: new Int32Array(st.length).fill(-1),
        name: permute(name.finish(), ord),
        cat: permute(cat.finish(), ord),
        args: permute(args.finish(), ord),
        flags: permute(flags.finish(), ord),
        rows: Math.min(usedRows, 65536),
      },
    });
  }
  return out;
}

/**
 * The open begins of one async tree in the order they were opened (position q = push order),
 * each with the row it was given when it began. Per-name stacks find the nearest open begin of a
 * name; the stack of positions (closed ones dropped lazily from the top) gives the most recently
 * opened one still open, whose row + 1 is the next begin's row.
 */
class OpenBegins {
  private readonly k: number[] = [];
  private readonly names: number[] = [];
  private readonly depths: number[] = [];
  private readonly closed: Uint8Array;
  private readonly byName = new Map<number, number[]>();
  /** Positions in push order; closed ones are dropped lazily from the top. */
  private readonly stack: number[] = [];

  constructor(capacity: number) {
    this.closed = new Uint8Array(capacity);
  }

  push(k: number, name: number, depth: number): void {
    const q = this.k.length;
    this.k.push(k);
    this.names.push(name);
    this.depths.push(depth);
    let list = this.byName.get(name);
    if (!list) this.byName.set(name, (list = []));
    list.push(q);
    this.stack.push(q);
  }

  /** Position of the most recently opened begin still open, or -1. */
  top(): number {
    const st = this.stack;
    while (st.length > 0 && this.closed[st[st.length - 1]!]) st.pop();
    return st.length > 0 ? st[st.length - 1]! : -1;
  }

  /** Row for a slice or mark beginning now: below the most recent open begin, else 0. */
  nextDepth(): number {
    const q = this.top();
    return q < 0 ? 0 : this.depths[q]! + 1;
  }

  /** Position of the most recently opened begin named `name` still open, or -1. */
  lastNamed(name: number): number {
    const list = this.byName.get(name);
    return list && list.length > 0 ? list[list.length - 1]! : -1;
  }

  /** Row given to position q when it began. */
  depthOf(q: number): number {
    return this.depths[q]!;
  }

  /** Closes position q (always the last open one of its name); returns its event index k. */
  close(q: number): number {
    this.closed[q] = 1;
    this.byName.get(this.names[q]!)!.pop();
    return this.k[q]!;
  }

  /** [event index, row] of the begins still open, in opening order. */
  remaining(): [number, number][] {
    const out: [number, number][] = [];
    for (let q = 0; q < this.k.length; q++)
      if (!this.closed[q]) out.push([this.k[q]!, this.depths[q]!]);
    return out;
  }
}

type Busy = { end: number; r: number; rows: number };

function heapPush(h: Busy[], b: Busy): void {
  let i = h.length;
  h.push(b);
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (h[p]!.end <= b.end) break;
    h[i] = h[p]!;
    i = p;
  }
  h[i] = b;
}

function heapPop(h: Busy[]): Busy {
  const top = h[0]!;
  const last = h.pop()!;
  const n = h.length;
  if (n === 0) return top;
  let i = 0;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= n) break;
    if (c + 1 < n && h[c + 1]!.end < h[c]!.end) c++;
    if (h[c]!.end >= last.end) break;
    h[i] = h[c]!;
    i = c;
  }
  h[i] = last;
  return top;
}

function closeFirst(ph: number): number {
  return CLOSE.has(ph) ? 0 : OPEN.has(ph) ? 2 : 1;
}
