/**
 * Reading args rows (`TraceModel.args`): the byte ranges of a row and of the rows merged into it
 * (the E args of a B/E pair, the end args of an async pair), decoded with keys in file order and
 * merged (a later value wins, in the earlier key's place: catapult's `mergeArgsInto_`), and a
 * strict JSON text of the result for SQL and export.
 */
import type { ArgsStore } from '../../model/trace-model';
import { parseOrderedJsonBytes, type OrderedJson } from '../../lib/json-bytes';

/** Collect-phase helper: links E args to B args (both may be -1). Returns the slice's args row. */
export class ArgsMerger {
  merge: Int32Array | null = null;

  constructor(private readonly rows: number) {}

  link(begin: number, end: number): number {
    if (end < 0 || end === begin) return begin;
    if (begin < 0) return end;
    this.merge ??= new Int32Array(this.rows).fill(-1);
    // Follow an existing chain (a row merged twice keeps every part).
    let a = begin;
    for (let guard = 0; this.merge[a]! >= 0 && guard < 16; guard++) a = this.merge[a]!;
    if (a !== end) this.merge[a] = end;
    return begin;
  }
}

/** The rows whose args make up row `a`, first to last (empty when a < 0). */
export function argsRows(store: ArgsStore, a: number): number[] {
  const out: number[] = [];
  for (let r = a; r >= 0 && r < store.length && out.length < 16; r = store.merge?.[r] ?? -1) {
    out.push(r);
  }
  return out;
}

/** Decodes and merges the byte ranges of one args row (see {@link argsRows}). */
export function decodeArgs(parts: readonly Uint8Array[]): OrderedJson {
  let out: OrderedJson = null;
  for (const bytes of parts) {
    let v: OrderedJson;
    try {
      v = parseOrderedJsonBytes(bytes, 0, bytes.length);
    } catch {
      v = new Map([['(unreadable args)', new TextDecoder().decode(bytes.subarray(0, 500))]]);
    }
    if (out instanceof Map && v instanceof Map) for (const [k, x] of v) out.set(k, x);
    else if (out === null) out = v;
  }
  return out;
}

/** Bytes of args rows held in the arena (null when the row lives in the source file). */
export function arenaBytes(store: ArgsStore, row: number): Uint8Array | null {
  if (!store.arena) return null;
  const off = store.offset[row]!;
  return store.arena.subarray(off, off + store.size[row]!);
}

/**
 * Strict JSON text of an args value, keys in order: integers beyond 2^53 as digits, NaN and
 * ±Infinity (accepted in args, invalid in JSON) as the strings "NaN", "Infinity", "-Infinity".
 */
export function argsToJson(v: OrderedJson): string {
  if (v === null) return 'null';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : JSON.stringify(String(v));
  if (typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(argsToJson).join(',')}]`;
  const parts: string[] = [];
  for (const [k, x] of v) parts.push(`${JSON.stringify(k)}:${argsToJson(x)}`);
  return `{${parts.join(',')}}`;
}

/**
 * Decodes the args of a slice/instant (lazy: from the args arena, else from the source file that
 * `sourceFile` returns), keys in file order, with the E args of a B/E pair merged over the B's.
 * Null when the index is out of range or the source file is not at hand.
 */
export async function readArgs(
  store: ArgsStore,
  argsIndex: number,
  sourceFile: (path: string) => Blob | undefined,
): Promise<OrderedJson | null> {
  if (argsIndex < 0 || argsIndex >= store.length) return null;
  const parts: Uint8Array[] = [];
  for (const row of argsRows(store, argsIndex)) {
    const inArena = arenaBytes(store, row);
    if (inArena) {
      parts.push(inArena);
      continue;
    }
    const file = sourceFile(store.sourcePath);
    if (!file) return null;
    const off = store.offset[row]!;
    try {
      parts.push(new Uint8Array(await file.slice(off, off + store.size[row]!).arrayBuffer()));
    } catch (e) {
      // The file changed or vanished since it was opened: say so instead of rejecting.
      return new Map([['(unreadable args)', e instanceof Error ? e.message : String(e)]]);
    }
  }
  return decodeArgs(parts);
}
