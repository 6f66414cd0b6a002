/**
 * Seeded mutation of input files for the fuzz tests: bit flips, byte inserts and deletes,
 * truncation, splicing from another input, duplicated chunks, and numbers or strings replaced
 * with extremes. Same seed and inputs → same bytes, so a failing case replays from its seed.
 */
import { Rng } from '../../src/generator/rng';

const enc = new TextEncoder();

/** Bytes that matter to JSON and CSV parsers, and to UTF-8 decoding. */
const INTERESTING = [
  0x00, 0xff, 0x22, 0x5c, 0x7b, 0x7d, 0x5b, 0x5d, 0x2c, 0x3a, 0x0a, 0x0d, 0x09, 0x20, 0xc3, 0x80,
  0xed, 0xa0, 0xef, 0xbb, 0xbf, 0x2d, 0x2e, 0x65, 0x30, 0x39,
];

const NUMBERS = [
  '0',
  '-0',
  '-1',
  '1e308',
  '1e-308',
  '-1e308',
  '9'.repeat(40),
  '18446744073709551616',
  '9007199254740993',
  '4294967295',
  '2147483648',
  '1.7976931348623157e309',
  '1.69512E+15',
  '0.0000001',
  '1736412474730135.2225',
  'NaN',
  'Infinity',
  '-Infinity',
  'nan',
  '-inf',
  '0x1f',
  '1.2.3',
  '--5',
  '',
];

const STRINGS = [
  '',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  '=HYPERLINK("http://x")',
  '\\u0000',
  '\\ud800',
  '\\udc00\\ud800',
  '\\',
  '\\"',
  '\\u12',
  '\t',
  'é😀',
  '__proto__',
  'constructor',
  'ph',
  'traceEvents',
  'B',
  'E',
  'X',
  'M',
  'process_name',
  'N/A',
  'a'.repeat(3000),
];

export interface Mutated {
  bytes: Uint8Array;
  /** What was done, for the failure report. */
  ops: string[];
}

function insert(b: Uint8Array, at: number, piece: Uint8Array, drop = 0): Uint8Array {
  const out = new Uint8Array(b.length - drop + piece.length);
  out.set(b.subarray(0, at));
  out.set(piece, at);
  out.set(b.subarray(at + drop), at + piece.length);
  return out;
}

/** Finds a run of bytes matching `test` at or after a random position; [start, end) or null. */
function findRun(
  rng: Rng,
  b: Uint8Array,
  first: (c: number) => boolean,
  more: (c: number) => boolean,
): [number, number] | null {
  if (b.length === 0) return null;
  const from = rng.int(0, b.length - 1);
  for (let k = 0; k < b.length; k++) {
    const i = (from + k) % b.length;
    if (!first(b[i]!)) continue;
    let j = i + 1;
    while (j < b.length && more(b[j]!)) j++;
    return [i, j];
  }
  return null;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const inNumber = (c: number) => isDigit(c) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b;

/** One mutation; `donors` are other inputs to splice from; output stays below maxBytes. */
function mutateOnce(
  rng: Rng,
  b: Uint8Array,
  donors: readonly Uint8Array[],
  maxBytes: number,
): [Uint8Array, string] {
  const room = maxBytes - b.length;
  switch (rng.int(0, 9)) {
    case 0: {
      const out = b.slice();
      const n = rng.int(1, 8);
      for (let k = 0; k < n && out.length > 0; k++) {
        const i = rng.int(0, out.length - 1);
        out[i] = out[i]! ^ (1 << rng.int(0, 7));
      }
      return [out, `flip ${n} bits`];
    }
    case 1: {
      const n = Math.min(rng.int(1, 16), Math.max(0, room));
      const piece = Uint8Array.from({ length: n }, () =>
        rng.chance(0.7) ? rng.pick(INTERESTING) : rng.int(0, 255),
      );
      const at = rng.int(0, b.length);
      return [insert(b, at, piece), `insert ${n} bytes at ${at}`];
    }
    case 2: {
      if (b.length === 0) return [b, 'delete nothing'];
      const at = rng.int(0, b.length - 1);
      const n = Math.min(b.length - at, rng.chance(0.8) ? rng.int(1, 8) : rng.int(1, 4096));
      return [insert(b, at, new Uint8Array(0), n), `delete ${n} bytes at ${at}`];
    }
    case 3: {
      const at = rng.int(0, b.length);
      return [b.slice(0, at), `truncate at ${at}`];
    }
    case 4: {
      const d = rng.pick(donors);
      if (d.length === 0 || room <= 0) return [b, 'splice nothing'];
      const s = rng.int(0, d.length - 1);
      const n = Math.min(d.length - s, rng.int(1, 2048), room);
      const at = rng.int(0, b.length);
      return [insert(b, at, d.subarray(s, s + n)), `splice ${n} donor bytes at ${at}`];
    }
    case 5: {
      if (b.length === 0 || room <= 0) return [b, 'duplicate nothing'];
      const s = rng.int(0, b.length - 1);
      const n = Math.min(b.length - s, rng.int(1, 4096), room);
      const at = rng.int(0, b.length);
      return [insert(b, at, b.slice(s, s + n)), `duplicate ${n} bytes from ${s} at ${at}`];
    }
    case 6:
    case 7: {
      const run = findRun(rng, b, (c) => isDigit(c) || c === 0x2d, inNumber);
      if (!run) return [b, 'no number'];
      const v = rng.pick(NUMBERS);
      return [insert(b, run[0], enc.encode(v), run[1] - run[0]), `number at ${run[0]} → ${v}`];
    }
    default: {
      const q = findRun(
        rng,
        b,
        (c) => c === 0x22,
        (c) => c !== 0x22,
      );
      if (!q) return [b, 'no string'];
      const v = rng.pick(STRINGS);
      const piece = enc.encode(v);
      if (piece.length > room + (q[1] - q[0])) return [b, 'string too long'];
      return [insert(b, q[0] + 1, piece, q[1] - q[0] - 1), `string at ${q[0]} → ${v.slice(0, 30)}`];
    }
  }
}

/** 1–4 mutations of `input`, from `seed`. */
export function mutate(
  seed: number,
  input: Uint8Array,
  donors: readonly Uint8Array[],
  maxBytes: number,
): Mutated {
  const rng = new Rng(seed);
  let bytes = input;
  const ops: string[] = [];
  const n = rng.int(1, 4);
  for (let k = 0; k < n; k++) {
    const [next, op] = mutateOnce(rng, bytes, donors, maxBytes);
    bytes = next;
    ops.push(op);
  }
  return { bytes, ops };
}

/**
 * 1–32 changes that keep the size (bit flips, bytes overwritten with interesting values, a chunk
 * copied over another): for page-structured files such as SQLite, where any change of size is
 * rejected up front and the interesting damage is inside the pages.
 */
export function mutateInPlace(seed: number, input: Uint8Array): Mutated {
  const rng = new Rng(seed);
  const bytes = input.slice();
  const ops: string[] = [];
  const n = rng.int(1, 32);
  for (let k = 0; k < n && bytes.length > 0; k++) {
    const at = rng.int(0, bytes.length - 1);
    switch (rng.int(0, 2)) {
      case 0:
        bytes[at] = bytes[at]! ^ (1 << rng.int(0, 7));
        ops.push(`flip a bit at ${at}`);
        break;
      case 1: {
        const v = rng.pick([0x00, 0xff, 0x7f, 0x80, 0x01]);
        const len = Math.min(bytes.length - at, rng.int(1, 8));
        bytes.fill(v, at, at + len);
        ops.push(`fill ${len} bytes at ${at} with ${v}`);
        break;
      }
      default: {
        const from = rng.int(0, bytes.length - 1);
        const len = Math.min(bytes.length - at, bytes.length - from, rng.int(1, 512));
        bytes.copyWithin(at, from, from + len);
        ops.push(`copy ${len} bytes from ${from} over ${at}`);
      }
    }
  }
  return { bytes, ops };
}
