/**
 * Merges the raw parts of consecutive byte ranges (parallel scan) into one, as if one scanner had
 * read the whole file: string ids are remapped into one table, per-thread and per-counter columns
 * are concatenated in range order (so file order is kept), args indices are shifted.
 */
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
  RawWarning,
} from './raw-parts';
import { mergeStrings } from './merge-strings';
import { countUnion, type DistinctTs } from './distinct-ts';

type Remap = Uint32Array;
type NumArray = Float64Array | Uint32Array | Int32Array | Uint16Array | Uint8Array;

/** An empty array of the same type (what a released column is replaced with). */
function emptyLike<T extends NumArray>(a: T): T {
  return new (a.constructor as new (length: number) => T)(0);
}

/**
 * Joins arrays of one type end to end into a new exact array (a lone array is returned as is).
 * `arrays` is not empty.
 */
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
type Fix = 'id' | 'optional' | 'args';

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

/** One range's table with what makes its ids global and its args rows file-wide. */
interface Piece<T> {
  table: T;
  map: Remap;
  argShift: number;
}

/** Writes `src` at `o` in `out`, made global by `fix` (copied as is when there is none). */
function writeFixed(
  out: NumArray,
  o: number,
  src: NumArray,
  fix: Fix | undefined,
  map: Remap,
  shift: number,
): void {
  if (fix === undefined || (fix === 'args' && shift === 0)) out.set(src, o);
  else if (fix === 'id') for (let i = 0; i < src.length; i++) out[o + i] = map[src[i]!]!;
  else if (fix === 'optional')
    for (let i = 0; i < src.length; i++) out[o + i] = src[i]! < 0 ? src[i]! : map[src[i]!]!;
  else for (let i = 0; i < src.length; i++) out[o + i] = src[i]! < 0 ? -1 : src[i]! + shift;
}

/**
 * Joins tables (a `length` and typed-array columns) of consecutive ranges, column by column,
 * with their ids made global. Consumes them: each range's column is released (replaced by an
 * empty one) as soon as it is copied, so the range parts and the merged table are not both held
 * whole. A lone column that needs no fix is moved, not copied. `pieces` is not empty.
 */
function mergeTables<T extends { length: number }>(
  pieces: Piece<T>[],
  fixes: ColumnFixes<NoInfer<T>>,
): T {
  let total = 0;
  for (const p of pieces) total += p.table.length;
  const out: Record<string, unknown> = { length: total };
  const fixOf = fixes as Readonly<Record<string, Fix | undefined>>;
  for (const key of Object.keys(pieces[0]!.table)) {
    if (key === 'length') continue;
    const cols = pieces.map((p) => (p.table as unknown as Record<string, NumArray>)[key]!);
    const fix = fixOf[key];
    let merged: NumArray;
    if (pieces.length === 1 && fix === undefined) merged = cols[0]!;
    else {
      merged = new (cols[0]!.constructor as new (length: number) => NumArray)(total);
      let o = 0;
      pieces.forEach((p, k) => {
        const src = cols[k]!;
        writeFixed(merged, o, src, fix, p.map, p.argShift);
        o += src.length;
        (p.table as unknown as Record<string, NumArray>)[key] = emptyLike(src);
        cols[k] = merged; // drop this list's reference too
      });
    }
    for (const p of pieces) {
      const t = p.table as unknown as Record<string, NumArray>;
      if (t[key] === merged) t[key] = emptyLike(merged);
    }
    out[key] = merged;
  }
  for (const p of pieces) p.table.length = 0;
  return out as T;
}

/** Takes an array out of its holder (leaving an empty one), so the holder no longer keeps it. */
function take<H extends Record<K, NumArray>, K extends keyof H>(holder: H, key: K): H[K] {
  const a = holder[key];
  holder[key] = emptyLike(a);
  return a;
}

/**
 * Merges the parts of consecutive ranges. Consumes them: their columns are released (left empty)
 * as they are copied into the merged tables, so peak memory is about one copy of the columns.
 */
export function mergeParts(parts: RawTraceParts[]): RawTraceParts {
  if (parts.length === 1) return parts[0]!;
  // Hashed by each range where it was scanned: here only integer probes and equal-hash compares.
  const { strings, maps } = mergeStrings(
    parts.map((p) => p.strings),
    parts.map((p) => p.stringHashes),
  );
  const argShift: number[] = [];
  let argsTotal = 0;
  for (const p of parts) {
    argShift.push(argsTotal);
    argsTotal += p.args.length;
  }

  // Threads, keyed by global (pid, tid), in order of first appearance across ranges.
  const threads = new Map<
    string,
    {
      pid: number;
      tid: number;
      x: Piece<RawSliceCols>[];
      be: Piece<RawBeCols>[];
      inst: Piece<RawInstantCols>[];
    }
  >();
  parts.forEach((p, k) => {
    const map = maps[k]!;
    for (const t of p.threads) {
      const pid = map[t.pid]!;
      const tid = map[t.tid]!;
      const key = `${pid}|${tid}`;
      let g = threads.get(key);
      if (!g) threads.set(key, (g = { pid, tid, x: [], be: [], inst: [] }));
      const shift = argShift[k]!;
      g.x.push({ table: t.x, map, argShift: shift });
      g.be.push({ table: t.be, map, argShift: shift });
      g.inst.push({ table: t.instants, map, argShift: shift });
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

  const processInstants = new Map<number, Piece<RawInstantCols>[]>();
  parts.forEach((p, k) => {
    for (const pi of p.processInstants) {
      const pid = maps[k]![pi.pid]!;
      const list = processInstants.get(pid) ?? [];
      list.push({ table: pi.instants, map: maps[k]!, argShift: argShift[k]! });
      processInstants.set(pid, list);
    }
  });

  const processMeta = new Map<number, RawTraceParts['processMeta'][number]>();
  const threadMeta = new Map<string, RawTraceParts['threadMeta'][number]>();
  const processOrder: number[] = [];
  const seen = new Set<number>();
  const byPhase: Record<string, number> = {};
  const metadata: Record<string, unknown> = {};
  const warnings = new Map<string, RawWarning>();
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

  const pieces = <K extends 'globalInstants' | 'flows' | 'async'>(key: K) =>
    parts.map((p, k): Piece<RawTraceParts[K]> => ({
      table: p[key],
      map: maps[k]!,
      argShift: argShift[k]!,
    }));
  return {
    strings,
    threads: [...threads.values()].map((g): RawThread => ({
      pid: g.pid,
      tid: g.tid,
      x: mergeTables(g.x, SLICE_FIXES),
      be: mergeTables(g.be, SLICE_FIXES),
      instants: mergeTables(g.inst, INSTANT_FIXES),
    })),
    counters: [...counters.values()].map((g): RawCounter =>
      mergeCounter(g.pid, g.name, g.id, g.list),
    ),
    processInstants: [...processInstants].map(([pid, list]) => ({
      pid,
      instants: mergeTables(list, INSTANT_FIXES),
    })),
    globalInstants: mergeTables(pieces('globalInstants'), INSTANT_FIXES),
    flows: mergeTables(pieces('flows'), FLOW_FIXES),
    async: mergeTables(pieces('async'), ASYNC_FIXES),
    args: mergeArgs(parts.map((p) => p.args)),
    processMeta: [...processMeta.values()],
    threadMeta: [...threadMeta.values()],
    processOrder,
    metadata,
    events: parts.reduce((n, p) => n + p.events, 0),
    byPhase,
    allTsUs: concat(parts.map((p) => take(p, 'allTsUs'))),
    allTsFrac: concat(parts.map((p) => take(p, 'allTsFrac'))),
    metaTsUs: concat(parts.map((p) => p.metaTsUs ?? new Float64Array(0))),
    metaTsFrac: concat(parts.map((p) => p.metaTsFrac ?? new Uint16Array(0))),
    distinctCount: distinctCount(parts),
    warnings: [...warnings.values()],
  };
}

/** The union count of the ranges' sorted distinct timestamps (undefined when one lacks them). */
function distinctCount(parts: RawTraceParts[]): number | undefined {
  const runs: DistinctTs[] = [];
  for (const p of parts) {
    if (!p.distinctTs) return undefined;
    runs.push(p.distinctTs);
    p.distinctTs = undefined;
  }
  return countUnion(runs);
}

function mergeCounter(
  pid: number,
  name: number,
  id: number,
  list: { c: RawCounter; map: Remap }[],
): RawCounter {
  if (list.length === 1) {
    const c = list[0]!.c;
    const series = c.series.map((s) => ({ name: s.name, values: take(s, 'values') }));
    return { pid, name, id, tsUs: take(c, 'tsUs'), tsFrac: take(c, 'tsFrac'), series };
  }
  const total = list.reduce((n, x) => n + x.c.tsUs.length, 0);
  const seriesNames: string[] = [];
  for (const { c } of list)
    for (const s of c.series) if (!seriesNames.includes(s.name)) seriesNames.push(s.name);
  const series = seriesNames.map((sname) => {
    const values = new Float64Array(total).fill(NaN);
    let o = 0;
    for (const { c } of list) {
      const s = c.series.find((x) => x.name === sname);
      if (s) values.set(take(s, 'values'), o);
      o += c.tsUs.length;
    }
    return { name: sname, values };
  });
  return {
    pid,
    name,
    id,
    tsUs: concat(list.map((x) => take(x.c, 'tsUs'))),
    tsFrac: concat(list.map((x) => take(x.c, 'tsFrac'))),
    series,
  };
}

function mergeArgs(list: RawArgs[]): RawArgs {
  const hasArena = list.some((a) => a.arena !== null);
  let arena: Uint8Array | null = null;
  if (hasArena) {
    const total = list.reduce((n, a) => n + (a.arena?.length ?? 0), 0);
    arena = new Uint8Array(total);
    let o = 0;
    list.forEach((a) => {
      if (!a.arena) return;
      arena!.set(a.arena, o);
      const size = a.arena.length;
      a.arena = new Uint8Array(0);
      if (o > 0) {
        const shifted = new Float64Array(a.offset.length);
        for (let i = 0; i < shifted.length; i++) shifted[i] = a.offset[i]! + o;
        a.offset = shifted;
      }
      o += size;
    });
  }
  return {
    length: list.reduce((n, a) => n + a.length, 0),
    offset: concat(list.map((a) => take(a, 'offset'))),
    size: concat(list.map((a) => take(a, 'size'))),
    arena,
  };
}
