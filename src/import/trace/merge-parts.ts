/**
 * Merges the raw parts of consecutive byte ranges (parallel scan) into one, as if one scanner had
 * read the whole file: string ids are remapped into one table, per-thread and per-counter columns
 * are concatenated in range order (so file order is kept), args indices are shifted.
 */
import { f64, i32, u16, u32, u8, type Column } from '../../lib/columns';
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

function remapIds(src: Uint32Array, map: Remap): Uint32Array {
  const out = new Uint32Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = map[src[i]!]!;
  return out;
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

function concat<T extends Float64Array | Uint32Array | Int32Array | Uint16Array | Uint8Array>(
  make: () => Column<T>,
  arrays: T[],
): T {
  if (arrays.length === 1) return arrays[0]!;
  const c = make();
  for (const a of arrays) c.append(a);
  return c.finish();
}

function concatSlices<C extends RawSliceCols>(list: C[], withBegin: boolean): C {
  const out: RawSliceCols = {
    length: list.reduce((n, c) => n + c.length, 0),
    tsUs: concat(
      f64,
      list.map((c) => c.tsUs),
    ),
    tsFrac: concat(
      u16,
      list.map((c) => c.tsFrac),
    ),
    durNs: concat(
      f64,
      list.map((c) => c.durNs),
    ),
    name: concat(
      u32,
      list.map((c) => c.name),
    ),
    cat: concat(
      u32,
      list.map((c) => c.cat),
    ),
    args: concat(
      i32,
      list.map((c) => c.args),
    ),
    bind: concat(
      i32,
      list.map((c) => c.bind),
    ),
    flowDir: concat(
      u8,
      list.map((c) => c.flowDir),
    ),
  };
  if (withBegin)
    (out as RawBeCols).begin = concat(
      u8,
      list.map((c) => (c as unknown as RawBeCols).begin),
    );
  return out as C;
}

function concatInstants(list: RawInstantCols[]): RawInstantCols {
  return {
    length: list.reduce((n, c) => n + c.length, 0),
    tsUs: concat(
      f64,
      list.map((c) => c.tsUs),
    ),
    tsFrac: concat(
      u16,
      list.map((c) => c.tsFrac),
    ),
    name: concat(
      u32,
      list.map((c) => c.name),
    ),
    cat: concat(
      u32,
      list.map((c) => c.cat),
    ),
    args: concat(
      i32,
      list.map((c) => c.args),
    ),
  };
}

function fixSlices<C extends RawSliceCols>(c: C, map: Remap, argShift: number): C {
  return {
    ...c,
    name: remapIds(c.name, map),
    cat: remapIds(c.cat, map),
    args: shiftArgs(c.args, argShift),
    bind: remapOptional(c.bind, map),
  };
}

function fixInstants(c: RawInstantCols, map: Remap, argShift: number): RawInstantCols {
  return {
    ...c,
    name: remapIds(c.name, map),
    cat: remapIds(c.cat, map),
    args: shiftArgs(c.args, argShift),
  };
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
      g.x.push(fixSlices(t.x, map, argShift[k]!));
      g.be.push(fixSlices(t.be, map, argShift[k]!));
      g.inst.push(fixInstants(t.instants, map, argShift[k]!));
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
      list.push(fixInstants(pi.instants, maps[k]!, argShift[k]!));
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
      x: concatSlices(g.x, false),
      be: concatSlices(g.be, true),
      instants: concatInstants(g.inst),
    })),
    counters: [...counters.values()].map((g): RawCounter =>
      mergeCounter(g.pid, g.name, g.id, g.list),
    ),
    processInstants: [...processInstants].map(([pid, list]) => ({
      pid,
      instants: concatInstants(list),
    })),
    globalInstants: concatInstants(
      parts.map((p, k) => fixInstants(p.globalInstants, maps[k]!, argShift[k]!)),
    ),
    flows: mergeFlows(
      parts.map((p) => p.flows),
      maps,
    ),
    async: mergeAsync(
      parts.map((p) => p.async),
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
    allTsUs: concat(
      f64,
      parts.map((p) => p.allTsUs),
    ),
    allTsFrac: concat(
      u16,
      parts.map((p) => p.allTsFrac),
    ),
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
    tsUs: concat(
      f64,
      list.map((x) => x.c.tsUs),
    ),
    tsFrac: concat(
      u16,
      list.map((x) => x.c.tsFrac),
    ),
    series,
  };
}

function mergeFlows(list: RawFlowCols[], maps: Remap[]): RawFlowCols {
  const fixed = list.map((f, k) => ({
    ...f,
    cat: remapIds(f.cat, maps[k]!),
    name: remapIds(f.name, maps[k]!),
    id: remapIds(f.id, maps[k]!),
    pid: remapIds(f.pid, maps[k]!),
    tid: remapIds(f.tid, maps[k]!),
  }));
  return {
    length: fixed.reduce((n, f) => n + f.length, 0),
    phase: concat(
      u8,
      fixed.map((f) => f.phase),
    ),
    cat: concat(
      u32,
      fixed.map((f) => f.cat),
    ),
    name: concat(
      u32,
      fixed.map((f) => f.name),
    ),
    id: concat(
      u32,
      fixed.map((f) => f.id),
    ),
    pid: concat(
      u32,
      fixed.map((f) => f.pid),
    ),
    tid: concat(
      u32,
      fixed.map((f) => f.tid),
    ),
    tsUs: concat(
      f64,
      fixed.map((f) => f.tsUs),
    ),
    tsFrac: concat(
      u16,
      fixed.map((f) => f.tsFrac),
    ),
    enclosing: concat(
      u8,
      fixed.map((f) => f.enclosing),
    ),
  };
}

function mergeAsync(list: RawAsyncCols[], maps: Remap[], argShift: number[]): RawAsyncCols {
  const fixed = list.map((a, k) => ({
    ...a,
    cat: remapIds(a.cat, maps[k]!),
    name: remapIds(a.name, maps[k]!),
    id: remapIds(a.id, maps[k]!),
    pid: remapIds(a.pid, maps[k]!),
    scope: remapOptional(a.scope, maps[k]!),
    args: shiftArgs(a.args, argShift[k]!),
  }));
  return {
    length: fixed.reduce((n, a) => n + a.length, 0),
    phase: concat(
      u8,
      fixed.map((a) => a.phase),
    ),
    cat: concat(
      u32,
      fixed.map((a) => a.cat),
    ),
    name: concat(
      u32,
      fixed.map((a) => a.name),
    ),
    id: concat(
      u32,
      fixed.map((a) => a.id),
    ),
    local: concat(
      u8,
      fixed.map((a) => a.local),
    ),
    scope: concat(
      i32,
      fixed.map((a) => a.scope),
    ),
    pid: concat(
      u32,
      fixed.map((a) => a.pid),
    ),
    tsUs: concat(
      f64,
      fixed.map((a) => a.tsUs),
    ),
    tsFrac: concat(
      u16,
      fixed.map((a) => a.tsFrac),
    ),
    args: concat(
      i32,
      fixed.map((a) => a.args),
    ),
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
    offset: concat(f64, offsets),
    size: concat(
      u32,
      list.map((a) => a.size),
    ),
    arena,
  };
}
