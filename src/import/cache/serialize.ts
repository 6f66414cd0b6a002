/**
 * Binary serialisation of an imported profile for the reopen cache: a JSON header describing
 * the object graph (typed arrays replaced by references) followed by every typed array's bytes,
 * 8-byte aligned. Reading it back makes views into one buffer: no per-array copy.
 *
 *   [u32 magic][u32 version][u32 headerBytes][header JSON][pad to 8][array 0][pad][array 1]…
 */
const MAGIC = 0x41545643; // "ATVC"
export const CACHE_FORMAT_VERSION = 3;

type TypedArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Uint16Array
  | Int16Array
  | Uint8Array
  | Int8Array;

const CTORS = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Uint16Array,
  Int16Array,
  Uint8Array,
  Int8Array,
} as const;
type CtorName = keyof typeof CTORS;

interface ArrayRef {
  __ta: number;
}

/** Serialises a value made of plain objects, arrays, strings, numbers, bigints and typed arrays. */
export function serialize(value: unknown): Uint8Array[] {
  const arrays: TypedArray[] = [];
  const layout: { type: CtorName; offset: number; length: number }[] = [];
  const header = JSON.stringify(value, function (this: unknown, _k, v: unknown) {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const ta = v as TypedArray;
      arrays.push(ta);
      return { __ta: arrays.length - 1 } satisfies ArrayRef;
    }
    if (typeof v === 'bigint') return { __big: v.toString() };
    if (typeof v === 'number' && !Number.isFinite(v)) return { __num: String(v) };
    return v;
  });
  let offset = 0;
  for (const a of arrays) {
    offset = align8(offset);
    layout.push({ type: a.constructor.name as CtorName, offset, length: a.length });
    offset += a.byteLength;
  }
  const headerBytes = new TextEncoder().encode(JSON.stringify({ layout, body: header }));
  const prefix = new Uint8Array(align8(12 + headerBytes.length));
  const dv = new DataView(prefix.buffer);
  dv.setUint32(0, MAGIC, true);
  dv.setUint32(4, CACHE_FORMAT_VERSION, true);
  dv.setUint32(8, headerBytes.length, true);
  prefix.set(headerBytes, 12);
  const out: Uint8Array[] = [prefix];
  let pos = 0;
  for (const a of arrays) {
    const pad = align8(pos) - pos;
    if (pad > 0) out.push(new Uint8Array(pad));
    pos += pad;
    out.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    pos += a.byteLength;
  }
  return out;
}

/** Reads back what {@link serialize} wrote; null when the bytes are not a cache entry of this version. */
export function deserialize<T>(buf: ArrayBuffer): T | null {
  if (buf.byteLength < 12) return null;
  const dv = new DataView(buf);
  if (dv.getUint32(0, true) !== MAGIC || dv.getUint32(4, true) !== CACHE_FORMAT_VERSION)
    return null;
  const headerLen = dv.getUint32(8, true);
  if (12 + headerLen > buf.byteLength) return null;
  const { layout, body } = JSON.parse(
    new TextDecoder().decode(new Uint8Array(buf, 12, headerLen)),
  ) as {
    layout: { type: CtorName; offset: number; length: number }[];
    body: string;
  };
  const base = align8(12 + headerLen);
  const arrays = layout.map((l) => {
    const Ctor = CTORS[l.type];
    if (base + l.offset + l.length * Ctor.BYTES_PER_ELEMENT > buf.byteLength)
      throw new Error('truncated cache entry');
    return new Ctor(buf, base + l.offset, l.length);
  });
  return JSON.parse(body, (_k, v: unknown) => {
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o['__ta'] === 'number' && Object.keys(o).length === 1) return arrays[o['__ta']];
      if (typeof o['__big'] === 'string' && Object.keys(o).length === 1) return BigInt(o['__big']);
      if (typeof o['__num'] === 'string' && Object.keys(o).length === 1) return Number(o['__num']);
    }
    return v;
  }) as T;
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
