/**
 * Interns strings straight from UTF-8 bytes, so the common case (a name already seen) costs a
 * hash and a byte compare, with no string decoding at all. New strings are decoded once
 * (invalid UTF-8 becomes U+FFFD). Ids index `strings`.
 */
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Short ASCII strings (ids, pids, most names) are built directly; TextDecoder costs more per call. */
function decodeBytes(buf: Uint8Array, start: number, end: number): string {
  if (end - start <= 32) {
    let ascii = true;
    for (let i = start; i < end; i++) {
      if (buf[i]! >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii)
      return String.fromCharCode.apply(null, buf.subarray(start, end) as unknown as number[]);
  }
  return decoder.decode(buf.subarray(start, end));
}

export class ByteInterner {
  readonly strings: string[] = [];
  private readonly byString = new Map<string, number>();
  private table: Int32Array;
  private mask: number;
  /** Per id: offset and length of its bytes in `arena`; -1 offset for escaped strings. */
  private offs: Int32Array;
  private lens: Int32Array;
  private hashes: Int32Array;
  private arena: Uint8Array;
  private arenaUsed = 0;

  constructor(initialCapacity = 1024) {
    let cap = 1;
    while (cap < initialCapacity * 2) cap <<= 1;
    this.table = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    this.offs = new Int32Array(initialCapacity);
    this.lens = new Int32Array(initialCapacity);
    this.hashes = new Int32Array(initialCapacity);
    this.arena = new Uint8Array(initialCapacity * 16);
  }

  get size(): number {
    return this.strings.length;
  }

  /** Interns the raw (unescaped) UTF-8 bytes buf[start, end). */
  internBytes(buf: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    const len = end - start;
    const mask = this.mask;
    const table = this.table;
    let slot = h & mask;
    for (;;) {
      const id = table[slot]!;
      if (id < 0) break;
      if (this.hashes[id] === h && this.lens[id] === len) {
        const off = this.offs[id]!;
        if (off >= 0) {
          const arena = this.arena;
          let k = 0;
          while (k < len && arena[off + k] === buf[start + k]) k++;
          if (k === len) return id;
        }
      }
      slot = (slot + 1) & mask;
    }
    const text = len === 0 ? '' : decodeBytes(buf, start, end);
    const existing = this.byString.get(text);
    // Same text reached through a different byte form (invalid UTF-8 variants): keep one id, but
    // still index these bytes so the next lookup is fast.
    const id = existing ?? this.addString(text);
    if (existing === undefined || this.offs[id]! < 0) {
      this.storeBytes(id, buf, start, end, h);
      table[slot] = id;
    }
    return id;
  }

  /** Interns an already-decoded string (escaped JSON strings, CSV cells, DB values). */
  intern(text: string): number {
    const existing = this.byString.get(text);
    if (existing !== undefined) return existing;
    return this.addString(text);
  }

  private addString(text: string): number {
    const id = this.strings.length;
    this.strings.push(text);
    this.byString.set(text, id);
    if (id >= this.offs.length) {
      const cap = this.offs.length * 2;
      this.offs = grow32(this.offs, cap);
      this.lens = grow32(this.lens, cap);
      this.hashes = grow32(this.hashes, cap);
    }
    this.offs[id] = -1;
    this.lens[id] = -1;
    if (this.strings.length * 2 > this.table.length) this.rehash();
    return id;
  }

  private storeBytes(id: number, buf: Uint8Array, start: number, end: number, h: number): void {
    const len = end - start;
    if (this.arenaUsed + len > this.arena.length) {
      const next = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + len));
      next.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = next;
    }
    this.arena.set(buf.subarray(start, end), this.arenaUsed);
    this.offs[id] = this.arenaUsed;
    this.lens[id] = len;
    this.hashes[id] = h;
    this.arenaUsed += len;
  }

  private rehash(): void {
    const cap = this.table.length * 2;
    const table = new Int32Array(cap).fill(-1);
    const mask = cap - 1;
    for (let id = 0; id < this.strings.length; id++) {
      if (this.offs[id]! < 0) continue;
      let slot = this.hashes[id]! & mask;
      while (table[slot]! >= 0) slot = (slot + 1) & mask;
      table[slot] = id;
    }
    this.table = table;
    this.mask = mask;
  }
}

function grow32(a: Int32Array, cap: number): Int32Array {
  const next = new Int32Array(cap);
  next.set(a);
  return next;
}
