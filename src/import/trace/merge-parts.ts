/**
 * Merges the raw parts of consecutive byte ranges (parallel scan) into one, as if one scanner had
 * read the whole file: string ids are remapped into one table, per-thread and per-counter columns
 * are concatenated in range order (so file order is kept), args indices are shifted.
 */
import { permute } from '../../lib/columns';
import type {
  RawArgs,
  RawAsyncCols,
  RawBeCols,
  RawCounter,
  RawFlowCols,
  RawInstantCols,
  RawSliceCols,
  RawThread,
  RawTraceParts,
} from './raw-parts';

type Remap = Uint32Array;
type NumArray = Float64Array | Uint32Array | Int32Array | Uint16Array | Uint8Array;

/** A range's string ids as global ones: a gather from the range's map (map[src[i]]). */
function remapIds(src: Uint32Array, map: Remap): Uint32Array {
  return permute(map, src);
}

function remapOptional(src: Int32Array, map: Remap): Int32Array {
  const out = new Int32Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = src[i]! < 0 ? src[i]! : map[src[i]!]!;
  return out;
}

function shiftArgs(src: Int32Array, shift: number): Int32Array {
  if (shift === 0) return src;
  const out = new Int32Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = src[i]! < 0 ? -1 : src[i]! + shift;
  return out;
}

/** Joins arrays of one type end to end (a lone array is returned as is). `arrays` is not empty. */
function concat<T extends NumArray>(arrays: T[]): T {
  if (arrays.length === 1) return arrays[0]!;
  let n = 0;
  for (const a of arrays) n += a.length;
  const out = new (arrays[0]!.constructor as new (length: number) => T)(n);
  let o = 0;
  for (const a of arrays) {
    out.set(a, o);
    o += a.length;
  }
  return out;
}

/**
 * What a column of a range's table needs to become global: string ids remapped ('id'), string
 * ids or -1 remapped ('optional'), args rows shifted ('args'). Other columns are kept.
 */
type ColumnFixes<T> = {
  readonly [K in keyof T]?: T[K] extends Uint32Array
    ? 'id'
    : T[K] extends Int32Array
      ? 'optional' | 'args'
      : never;
};

const SLICE_FIXES: ColumnFixes<RawSliceCols> = {
  name: 'id',
  cat: 'id',
  args: 'args',
  bind: 'optional',
};
const INSTANT_FIXES: ColumnFixes<RawInstantCols> = { name: 'id', cat: 'id', args: 'args' };
const FLOW_FIXES: ColumnFixes<RawFlowCols> = {
  cat: 'id',
  name: 'id',
  id: 'id',
  pid: 'id',
  tid: 'id',
};
const ASYNC_FIXES: ColumnFixes<RawAsyncCols> = {
  cat: 'id',
  name: 'id',
  id: 'id',
  pid: 'id',
  scope: 'optional',
  args: 'args',
};

/** A copy of one range's table with its ids made global and its args rows shifted. */
function fixTable<T extends object>(
  table: T,
  fixes: ColumnFixes<NoInfer<T>>,
  map: Remap,
  argShift: number,
): T {
  const out = { ...table } as Record<string, unknown>;
  for (const [key, fix] of Object.entries(fixes)) {
    const col = out[key];
    if (fix === 'id') out[key] = remapIds(col as Uint32Array, map);
    else if (fix === 'optional') out[key] = remapOptional(col as Int32Array, map);
    else out[key] = shiftArgs(col as Int32Array, argShift);
  }
  return out as T;
}

/**
 * Joins tables (a `length` and typed-array columns) column by column in list order; `list` is
 * not empty.
 */
function concatTables<T extends { length: number }>(list: T[]): T {
  const first = list[0]!;
  if (list.length === 1) return first;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(first)) {
    out[key] =
      key === 'length'
        ? list.reduce((n, t) => n + t.length, 0)
        : concat(list.map((t) => (t as unknown as Record<string, NumArray>)[key]!));
  }
  return out as T;
}

/** One table per range (range order) fixed and joined. */
function mergeTables<T extends { length: number }>(
  list: T[],
  fixes: ColumnFixes<T>,
  maps: Remap[],
  argShift: number[],
): T {
  return concatTables(list.map((t, k) => fixTable(t, fixes, maps[k]!, argShift[k]!)));
}

export function mergeParts(parts: RawTraceParts[]): RawTraceParts {
  if (parts.length === 1) return parts[0]!;
  const strings: string[] = [];
  const index = new Map<string, number>();
  const maps: Remap[] = parts.map((p) => {
    const m = new Uint32Array(p.strings.length);
    p.strings.forEach((s, i) => {
      let id = index.get(s);
      if (id === undefined) {
        id = strings.length;
        strings.push(s);
        index.set(s, id);
      }
      m[i] = id;
    });
    return m;
  });
  const argShift: number[] = [];
  let argsTotal = 0;
  for (const p of parts) {
    argShift.push(argsTotal);
    argsTotal += p.args.length;
  }

  // Threads, keyed by global (pid, tid), in order of first appearance across ranges.
  const threads = new Map<
    string,
    { pid: number; tid: number; x: RawSliceCols[]; be: RawBeCols[]; inst: RawInstantCols[] }
  >();
  parts.forEach((p, k) => {
    const map = maps[k]!;
    for (const t of p.threads) {
      const pid = map[t.pid]!;
      const tid = map[t.tid]!;
      const key = `${pid}|${tid}`;
      let g = threads.get(key);
      if (!g) threads.set(key, (g = { pid, tid, x: [], be: [], inst: [] }));
      g.x.push(fixTable(t.x, SLICE_FIXES, map, argShift[k]!));
      g.be.push(fixTable(t.be, SLICE_FIXES, map, argShift[k]!));
      g.inst.push(fixTable(t.instants, INSTANT_FIXES, map, argShift[k]!));
    }
  });

  const counters = new Map<
    string,
    { pid: number; name: number; id: number; list: { c: RawCounter; map: Remap }[] }
  >();
  parts.forEach((p, k) => {
    const map = maps[k]!;
    for (const c of p.counters) {
      const pid = map[c.pid]!;
      const name = map[c.name]!;
      const id = c.id < 0 ? -1 : map[c.id]!;
      const key = `${pid}|${name}|${id}`;
      let g = counters.get(key);
      if (!g) counters.set(key, (g = { pid, name, id, list: [] }));
      g.list.push({ c, map });
    }
  });

  const processInstants = new Map<number, RawInstantCols[]>();
  parts.forEach((p, k) => {
    for (const pi of p.processInstants) {
      const pid = maps[k]![pi.pid]!;
      const list = processInstants.get(pid) ?? [];
      list.push(fixTable(pi.instants, INSTANT_FIXES, maps[k]!, argShift[k]!));
      processInstants.set(pid, list);
    }
  });

  const processMeta = new Map<number, RawTraceParts['processMeta'][number]>();
  const threadMeta = new Map<string, RawTraceParts['threadMeta'][number]>();
  const processOrder: number[] = [];
  const seen = new Set<number>();
  const byPhase: Record<string, number> = {};
  const metadata: Record<string, unknown> = {};
  const warnings = new Map<string, { code: string; count: number; example: string }>();
  parts.forEach((p, k) => {
    const map = maps[k]!;
    for (const m of p.processMeta) {
      const pid = map[m.pid]!;
      processMeta.set(pid, { ...processMeta.get(pid), ...m, pid });
    }
    for (const m of p.threadMeta) {
      const pid = map[m.pid]!;
      const tid = map[m.tid]!;
      const key = `${pid}|${tid}`;
      threadMeta.set(key, { ...threadMeta.get(key), ...m, pid, tid });
    }
    for (const pid of p.processOrder) {
      const g = map[pid]!;
      if (!seen.has(g)) {
        seen.add(g);
        processOrder.push(g);
      }
    }
    for (const [ph, n] of Object.entries(p.byPhase)) byPhase[ph] = (byPhase[ph] ?? 0) + n;
    Object.assign(metadata, p.metadata);
    for (const w of p.warnings) {
      const cur = warnings.get(w.code);
      if (cur) cur.count += w.count;
      else warnings.set(w.code, { ...w });
    }
  });

  return {
    strings,
    threads: [...threads.values()].map((g): RawThread => ({
      pid: g.pid,
      tid: g.tid,
      x: concatTables(g.x),
      be: concatTables(g.be),
      instants: concatTables(g.inst),
    })),
    counters: [...counters.values()].map((g): RawCounter =>
      mergeCounter(g.pid, g.name, g.id, g.list),
    ),
    processInstants: [...processInstants].map(([pid, list]) => ({
      pid,
      instants: concatTables(list),
    })),
    globalInstants: mergeTables(
      parts.map((p) => p.globalInstants),
      INSTANT_FIXES,
      maps,
      argShift,
    ),
    flows: mergeTables(
      parts.map((p) => p.flows),
      FLOW_FIXES,
      maps,
      argShift,
    ),
    async: mergeTables(
      parts.map((p) => p.async),
      ASYNC_FIXES,
      maps,
      argShift,
    ),
    args: mergeArgs(parts.map((p) => p.args)),
    processMeta: [...processMeta.values()],
    threadMeta: [...threadMeta.values()],
    processOrder,
    metadata,
    events: parts.reduce((n, p) => n + p.events, 0),
    byPhase,
    allTsUs: concat(parts.map((p) => p.allTsUs)),
    allTsFrac: concat(parts.map((p) => p.allTsFrac)),
    metaTsUs: concat(parts.map((p) => p.metaTsUs ?? new Float64Array(0))),
    metaTsFrac: concat(parts.map((p) => p.metaTsFrac ?? new Uint16Array(0))),
    warnings: [...warnings.values()],
  };
}

function mergeCounter(
  pid: number,
  name: number,
  id: number,
  list: { c: RawCounter; map: Remap }[],
): RawCounter {
  const total = list.reduce((n, x) => n + x.c.tsUs.length, 0);
  const seriesNames: string[] = [];
  for (const { c } of list)
    for (const s of c.series) if (!seriesNames.includes(s.name)) seriesNames.push(s.name);
  const series = seriesNames.map((sname) => {
    const values = new Float64Array(total).fill(NaN);
    let o = 0;
    for (const { c } of list) {
      const s = c.series.find((x) => x.name === sname);
      if (s) values.set(s.values, o);
      o += c.tsUs.length;
    }
    return { name: sname, values };
  });
  return {
    pid,
    name,
    id,
    tsUs: concat(list.map((x) => x.c.tsUs)),
    tsFrac: concat(list.map((x) => x.c.tsFrac)),
    series,
  };
}

function mergeArgs(list: RawArgs[]): RawArgs {
  const hasArena = list.some((a) => a.arena !== null);
  const offsets = list.map((a) => a.offset);
  let arena: Uint8Array | null = null;
  if (hasArena) {
    const total = list.reduce((n, a) => n + (a.arena?.length ?? 0), 0);
    arena = new Uint8Array(total);
    let o = 0;
    list.forEach((a, k) => {
      if (!a.arena) return;
      arena!.set(a.arena, o);
      if (o > 0) {
        const shifted = new Float64Array(a.offset.length);
        for (let i = 0; i < shifted.length; i++) shifted[i] = a.offset[i]! + o;
        offsets[k] = shifted;
      }
      o += a.arena.length;
    });
  }
  return {
    length: list.reduce((n, a) => n + a.length, 0),
    offset: concat(offsets),
    size: concat(list.map((a) => a.size)),
    arena,
  };
}
