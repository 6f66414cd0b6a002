/**
 * Copies args kept as byte ranges of the source file into an arena, for consumers that need
 * every slice's args at once (the SQL console's `slice.args` and `args` view). The file is read
 * once, in order, in large chunks; rows are visited by offset so each chunk serves many rows.
 */
import type { ArgsStore } from '../../model/trace-model';
import type { InputFile } from '../sources/input-file';

/** Beyond this many bytes of args the copy is refused (the console says so). */
export const MAX_ARGS_ARENA_BYTES = 512 << 20;
const CHUNK = 16 << 20;

export type ArgsArenaResult = { ok: true; args: ArgsStore } | { ok: false; reason: string };

/** Returns `store` itself when its args are already in an arena. */
export async function argsWithArena(
  store: ArgsStore,
  file: InputFile | null,
  signal?: AbortSignal,
): Promise<ArgsArenaResult> {
  if (store.arena || store.length === 0) return { ok: true, args: store };
  if (!file) return { ok: false, reason: `args stay in ${store.sourcePath}, which is not open` };
  let total = 0;
  for (let i = 0; i < store.length; i++) total += store.size[i]!;
  if (total > MAX_ARGS_ARENA_BYTES) {
    return {
      ok: false,
      reason: `args take ${Math.round(total / 2 ** 20)} MiB, more than the ${MAX_ARGS_ARENA_BYTES / 2 ** 20} MiB the console copies`,
    };
  }
  const order = new Uint32Array(store.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => store.offset[a]! - store.offset[b]!);
  const arena = new Uint8Array(total);
  const offset = new Float64Array(store.length);
  let at = 0;
  let chunk: Uint8Array = new Uint8Array(0);
  let chunkStart = 0;
  for (const row of order) {
    const off = store.offset[row]!;
    const size = store.size[row]!;
    if (off < chunkStart || off + size > chunkStart + chunk.length) {
      if (signal?.aborted) throw new Error('cancelled');
      chunkStart = off;
      chunk = await file.slice(off, Math.min(file.size, off + Math.max(CHUNK, size)));
    }
    arena.set(chunk.subarray(off - chunkStart, off - chunkStart + size), at);
    offset[row] = at;
    at += size;
  }
  return {
    ok: true,
    args: { ...store, offset, size: store.size, arena, merge: store.merge ?? null },
  };
}
