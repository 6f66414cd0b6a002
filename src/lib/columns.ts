/**
 * Growable typed-array columns for building struct-of-arrays tables without per-row objects.
 * `finish()` returns an exactly-sized copy (or the buffer itself when it is already exact).
 */
type TypedArray =
  Float64Array | Float32Array | Int32Array | Uint32Array | Uint16Array | Uint8Array | Int8Array;

interface TypedArrayCtor<T extends TypedArray> {
  new (length: number): T;
}

export interface Column<T extends TypedArray> {
  a: T;
  n: number;
  push(v: number): void;
  /** Appends the first `count` values of `src`. */
  append(src: T, count?: number): void;
  grow(min: number): void;
  /** An exactly-sized array of the values (the buffer itself when already exact). */
  finish(): T;
  /**
   * `finish()`, then the column lets go of its buffer (it is left empty), so a builder's grown
   * buffer can be freed while the next column is finished, not only when the builder is.
   */
  take(): T;
}

/**
 * Growth and copying are shared; `push` is written out once per element type on purpose: V8
 * keeps one inline cache per function literal, and a single generic push storing into five
 * typed-array kinds went megamorphic (20% of import time in profiles).
 */
abstract class BaseColumn<T extends TypedArray> {
  a: T;
  n = 0;
  constructor(capacity = 16) {
    this.a = this.make(capacity);
  }
  protected abstract make(n: number): T;
  append(src: T, count = src.length): void {
    if (this.n + count > this.a.length) this.grow(this.n + count);
    this.a.set(src.subarray(0, count), this.n);
    this.n += count;
  }
  grow(min: number): void {
    let cap = Math.max(16, this.a.length * 2);
    while (cap < min) cap *= 2;
    const next = this.make(cap);
    next.set(this.a.subarray(0, this.n));
    this.a = next;
  }
  finish(): T {
    if (this.a.length === this.n) return this.a;
    return this.a.slice(0, this.n) as T;
  }
  take(): T {
    const out = this.finish();
    this.a = this.make(0);
    this.n = 0;
    return out;
  }
}

class F64 extends BaseColumn<Float64Array> {
  protected make(n: number) {
    return new Float64Array(n);
  }
  push(v: number): void {
    if (this.n === this.a.length) this.grow(this.n + 1);
    this.a[this.n++] = v;
  }
}
class U32 extends BaseColumn<Uint32Array> {
  protected make(n: number) {
    return new Uint32Array(n);
  }
  push(v: number): void {
    if (this.n === this.a.length) this.grow(this.n + 1);
    this.a[this.n++] = v;
  }
}
class I32 extends BaseColumn<Int32Array> {
  protected make(n: number) {
    return new Int32Array(n);
  }
  push(v: number): void {
    if (this.n === this.a.length) this.grow(this.n + 1);
    this.a[this.n++] = v;
  }
}
class U16 extends BaseColumn<Uint16Array> {
  protected make(n: number) {
    return new Uint16Array(n);
  }
  push(v: number): void {
    if (this.n === this.a.length) this.grow(this.n + 1);
    this.a[this.n++] = v;
  }
}
class U8 extends BaseColumn<Uint8Array> {
  protected make(n: number) {
    return new Uint8Array(n);
  }
  push(v: number): void {
    if (this.n === this.a.length) this.grow(this.n + 1);
    this.a[this.n++] = v;
  }
}

export const f64 = (cap?: number): Column<Float64Array> => new F64(cap);
export const u32 = (cap?: number): Column<Uint32Array> => new U32(cap);
export const i32 = (cap?: number): Column<Int32Array> => new I32(cap);
export const u16 = (cap?: number): Column<Uint16Array> => new U16(cap);
export const u8 = (cap?: number): Column<Uint8Array> => new U8(cap);

/**
 * Reorders `src` by `order` (out[i] = src[order[i]]). One loop per element type, for the same
 * inline-cache reason as the columns above.
 */
export function permute<T extends TypedArray>(src: T, order: Uint32Array | null): T {
  if (!order) return src;
  if (src instanceof Float64Array) return permuteF64(src, order) as T;
  if (src instanceof Uint32Array) return permuteU32(src, order) as T;
  if (src instanceof Int32Array) return permuteI32(src, order) as T;
  if (src instanceof Uint16Array) return permuteU16(src, order) as T;
  if (src instanceof Uint8Array) return permuteU8(src, order) as T;
  const ctor = src.constructor as TypedArrayCtor<T>;
  const out = new ctor(order.length);
  for (let i = 0; i < order.length; i++) out[i] = src[order[i]!]!;
  return out;
}

function permuteF64(src: Float64Array, order: Uint32Array): Float64Array {
  const out = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = src[order[i]!]!;
  return out;
}
function permuteU32(src: Uint32Array, order: Uint32Array): Uint32Array {
  const out = new Uint32Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = src[order[i]!]!;
  return out;
}
function permuteI32(src: Int32Array, order: Uint32Array): Int32Array {
  const out = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = src[order[i]!]!;
  return out;
}
function permuteU16(src: Uint16Array, order: Uint32Array): Uint16Array {
  const out = new Uint16Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = src[order[i]!]!;
  return out;
}
function permuteU8(src: Uint8Array, order: Uint32Array): Uint8Array {
  const out = new Uint8Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = src[order[i]!]!;
  return out;
}
