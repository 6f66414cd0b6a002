/**
 * Async slices: nestable b/e/n and legacy S/T/p/F, on tracks of their own.
 *
 * Events with the same (cat, id[, scope][, pid for id2.local]) form one tree: b/S open, e/F close
 * the nearest open slice of the same name (or the top one when unnamed), n/T/p are zero-length
 * marks inside the tree. Trees are grouped into one track per (process, root name) and packed on
 * rows so that overlapping trees never draw on top of each other.
 */
import { f64, i32, u16, u32, u8 } from '../../lib/columns';
import { SliceFlag, type SliceTable } from '../../model/trace-model';
import { sliceOrder } from '../../model/nest-slices';
import { permute } from '../../lib/columns';
import type { RawAsyncCols } from './raw-parts';
import { OUTLIER_US, type TimeBase } from './time-base';
import type { WarningLog } from './warning-log';

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
    const open: number[] = [];
    const slices: TreeSlice[] = [];
    for (const k of order) {
      const i = g[k]!;
      const ph = raw.phase[i]!;
      if (OPEN.has(ph)) {
        open.push(k);
      } else if (CLOSE.has(ph)) {
        const name = raw.name[i]!;
        let m = open.length - 1;
        if (name !== emptyId) while (m >= 0 && raw.name[g[open[m]!]!] !== name) m--;
        if (m < 0) {
          log.add(
            'async_unmatched_end',
            `async end "${strings[name]}" matches no open begin; dropped`,
          );
          continue;
        }
        const bk = open.splice(m, 1)[0]!;
        const bi = g[bk]!;
        slices.push({
          start: ts[bk]!,
          dur: ts[k]! - ts[bk]!,
          depth: m,
          name: raw.name[bi]!,
          cat: raw.cat[bi]!,
          args: raw.args[bi]! >= 0 ? raw.args[bi]! : raw.args[i]!,
          flags: SliceFlag.Async,
        });
      } else {
        slices.push({
          start: ts[k]!,
          dur: 0,
          depth: open.length,
          name: raw.name[i]!,
          cat: raw.cat[i]!,
          args: raw.args[i]!,
          flags: SliceFlag.Async,
        });
      }
    }
    open.forEach((bk, m) => {
      const bi = g[bk]!;
      log.add(
        'async_unclosed',
        `async "${strings[raw.name[bi]!]}" never ends; drawn to the trace end`,
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
    });
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
    const rowEnd: number[] = [];
    const start = f64();
    const dur = f64();
    const depth = u16();
    const name = u32();
    const cat = u32();
    const args = i32();
    const flags = u8();
    for (const t of list) {
      let r = 0;
      for (; ; r++) {
        let free = true;
        for (let d = 0; d < t.rows; d++) if ((rowEnd[r + d] ?? -Infinity) > t.start) free = false;
        if (free) break;
      }
      for (let d = 0; d < t.rows; d++) rowEnd[r + d] = Math.max(rowEnd[r + d] ?? -Infinity, t.end);
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
        rows: rowEnd.length,
      },
    });
  }
  return out;
}

function closeFirst(ph: number): number {
  return CLOSE.has(ph) ? 0 : OPEN.has(ph) ? 2 : 1;
}
