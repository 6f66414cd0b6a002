/**
 * Growable typed-array columns for building struct-of-arrays tables without per-row objects.
 * `finish()` returns an exactly-sized copy (or the buffer itself when it is already exact).
 */
type TypedArray =
  Float64Array | Float32Array | Int32Array | Uint32Array | Uint16Array | Uint8Array | Int8Array;

interface TypedArrayCtor<T extends TypedArray> {
  new (length: number): T;
}

export class Column<T extends TypedArray> {
  a: T;
  n = 0;
  constructor(
    private readonly ctor: TypedArrayCtor<T>,
    capacity = 16,
  ) {
    this.a = new ctor(capacity);
  }

  push(v: number): void {
    if (this.n === this.a.length) this.grow(this.n + 1);
    this.a[this.n++] = v;
  }

  /** Appends all values of another column or array. */
  append(src: T, count = src.length): void {
    if (this.n + count > this.a.length) this.grow(this.n + count);
    this.a.set(src.subarray(0, count), this.n);
    this.n += count;
  }

  grow(min: number): void {
    let cap = Math.max(16, this.a.length * 2);
    while (cap < min) cap *= 2;
    const next = new this.ctor(cap);
    next.set(this.a.subarray(0, this.n));
    this.a = next;
  }

  finish(): T {
    if (this.a.length === this.n) return this.a;
    return this.a.slice(0, this.n) as T;
  }
}

export const f64 = (cap?: number) => new Column(Float64Array, cap);
export const u32 = (cap?: number) => new Column(Uint32Array, cap);
export const i32 = (cap?: number) => new Column(Int32Array, cap);
export const u16 = (cap?: number) => new Column(Uint16Array, cap);
export const u8 = (cap?: number) => new Column(Uint8Array, cap);

/** Reorders `src` by `order` (out[i] = src[order[i]]). */
export function permute<T extends TypedArray>(src: T, order: Uint32Array | null): T {
  if (!order) return src;
  const ctor = src.constructor as TypedArrayCtor<T>;
  const out = new ctor(order.length);
  for (let i = 0; i < order.length; i++) out[i] = src[order[i]!]!;
  return out;
}
