// AssemblyScript source of the WebAssembly fast path of the trace scanner (compiled by
// scripts/build-scan-wasm.ts into src/import/json/scan-wasm-bytes.ts; see src/import/json/wasm-scan.ts for the JS half).
//
// scan() parses a run of consecutive events of the events array, the common shape only, and
// writes one record per event into linear memory: a header and, in key order, one op per key the
// importer reads. It stops at the first event it does not fully understand (an escape in a key
// or a string value, an id2, an unusual ts, a syntax error, an incomplete event, …) and returns
// its position: the JS EventParser then parses that event, so the semantics stay the JS ones.
//
// Memory (set by JS): input bytes at IN, records (i32 words) at OUT.
//   record: [start, end, keys, nOps] then nOps × [code, a, b, c]
//   ops: code = key (event-keys.ts K_*) | kind << 8
//     kind 0 string bytes [a, b) · 1 scalar lexeme [a, b) · 2 null (id -1) · 4 interned: id a
//     (kinds 0 and 1: c = 1 asks JS to remember() the id it interns)
//     ph/bp/s: a = first byte · flow_in/out: a = 1 for true · args: [a, b)
//     ts/dur: a = low 32 bits of the µs, b = high bits, c = ns fraction (none for null)

const K_OTHER: i32 = 0;
const K_PH: i32 = 1;
const K_TS: i32 = 2;
const K_DUR: i32 = 3;
const K_NAME: i32 = 4;
const K_CAT: i32 = 5;
const K_PID: i32 = 6;
const K_TID: i32 = 7;
const K_ID: i32 = 8;
const K_BP: i32 = 9;
const K_S: i32 = 10;
const K_ARGS: i32 = 11;
const K_ID2: i32 = 12;
const K_SCOPE: i32 = 13;
const K_BIND_ID: i32 = 14;
const K_FLOW_IN: i32 = 15;
const K_FLOW_OUT: i32 = 16;

/** Fallback marker: the JS parser must take this event. */
const FAIL: i32 = -1;

let IN: usize = 0;
let OUT: usize = 0;
let OUT_END: usize = 0;
let records: i32 = 0;
let outPos: usize = 0;

// Byte classes (one table lookup instead of a chain of compares).
const WS: u8 = 1; // space, \n, \r, \t
const DELIM: u8 = 2; // ends a scalar: , } ] : and whitespace
const BAD: u8 = 4; // cannot be in a scalar: " { [
const STRUCT: u8 = 8; // matters inside an object or array: " { } [ ]
const CLS: usize = memory.data(256);
for (let c = 0; c < 256; c++) {
  let k: u8 = 0;
  if (c == 32 || c == 10 || c == 13 || c == 9) k |= WS | DELIM;
  if (c == 44 || c == 125 || c == 93 || c == 58) k |= DELIM;
  if (c == 34 || c == 123 || c == 91) k |= BAD;
  if (c == 34 || c == 123 || c == 125 || c == 91 || c == 93) k |= STRUCT;
  store<u8>(CLS + <usize>c, k);
}

@inline
function cls(c: i32): u8 {
  return load<u8>(CLS + <usize>c);
}

// Interning cache: the ByteInterner id of string bytes already seen, so that most names, pids and
// tids reach JS as ids. Open addressing, SLOTS × [hash, id + 1, arena offset, length]; entries are
// only added (remember()), and no more once full. An id never changes once given, so a hit is
// exactly what ByteInterner.internBytes would return.
const SLOTS: i32 = 1 << 16;
const ARENA_BYTES: i32 = 2 << 20;
let TABLE: usize = 0;
let ARENA: usize = 0;
let arenaUsed: i32 = 0;
let cached: i32 = 0;

/** Where JS may place its buffers (after the module's own data and the cache). */
export function heapBase(): usize {
  TABLE = (__heap_base + 15) & ~15;
  ARENA = TABLE + <usize>SLOTS * 16;
  return ARENA + <usize>ARENA_BYTES;
}

@inline
function hashOf(s: i32, e: i32): i32 {
  let h: i32 = 0x811c9dc5;
  for (let i = s; i < e; i++) h = (h ^ at(i)) * 0x01000193;
  return h;
}

/** The cached id of the input bytes [s, e), or -1. */
function lookup(s: i32, e: i32, h: i32): i32 {
  const len = e - s;
  let slot = h & (SLOTS - 1);
  while (true) {
    const entry = TABLE + (<usize>slot << 4);
    const id1 = load<i32>(entry, 4);
    if (id1 == 0) return -1;
    if (
      load<i32>(entry) == h &&
      load<i32>(entry, 12) == len &&
      memory.compare(ARENA + <usize>load<i32>(entry, 8), IN + <usize>s, len) == 0
    )
      return id1 - 1;
    slot = (slot + 1) & (SLOTS - 1);
  }
  return -1;
}

/** Notes that the input bytes [s, e) of the last scan() have ByteInterner id `id`. */
export function remember(s: i32, e: i32, id: i32): void {
  const len = e - s;
  if (cached * 2 >= SLOTS || arenaUsed + len > ARENA_BYTES) return;
  const h = hashOf(s, e);
  if (lookup(s, e, h) >= 0) return;
  let slot = h & (SLOTS - 1);
  while (load<i32>(TABLE + (<usize>slot << 4), 4) != 0) slot = (slot + 1) & (SLOTS - 1);
  const entry = TABLE + (<usize>slot << 4);
  memory.copy(ARENA + <usize>arenaUsed, IN + <usize>s, len);
  store<i32>(entry, h);
  store<i32>(entry, id + 1, 4);
  store<i32>(entry, arenaUsed, 8);
  store<i32>(entry, len, 12);
  arenaUsed += len;
  cached++;
}

/** Number of records written by the last scan(). */
export function recordCount(): i32 {
  return records;
}

@inline
function at(i: i32): i32 {
  return <i32>load<u8>(IN + <usize>i);
}

@inline
function skipWs(i: i32, end: i32): i32 {
  while (i < end && cls(at(i)) & WS) i++;
  return i;
}

/** The first quote or backslash at or after i (16 bytes at a time), or a position ≥ end - 15. */
@inline
function nextQuoteOrBackslash(i: i32, end: i32): i32 {
  const quote = i8x16.splat(34);
  const backslash = i8x16.splat(92);
  while (i + 16 <= end) {
    const v = v128.load(IN + <usize>i);
    const m = i8x16.bitmask(v128.or(i8x16.eq(v, quote), i8x16.eq(v, backslash)));
    if (m != 0) return i + ctz<i32>(m);
    i += 16;
  }
  return i;
}

/** i at the opening quote; returns the index after the closing quote, FAIL on an escape or end. */
@inline
function plainString(i: i32, end: i32): i32 {
  i = nextQuoteOrBackslash(i + 1, end);
  while (i < end) {
    const c = at(i);
    if (c == 34) return i + 1;
    if (c == 92) return FAIL;
    i++;
  }
  return FAIL;
}

/** Any string (escapes allowed); index after the closing quote, FAIL at the end. */
function skipString(i: i32, end: i32): i32 {
  i++;
  while (i < end) {
    i = nextQuoteOrBackslash(i, end);
    if (i >= end) break;
    const c = at(i);
    if (c == 34) return i + 1;
    if (c == 92) {
      i += 2;
      continue;
    }
    i++;
  }
  return FAIL;
}

/** Like json-bytes scanScalar; FAIL for its SYNTAX and INCOMPLETE. */
function scanScalar(i: i32, end: i32): i32 {
  const start = i;
  while (i < end) {
    const k = cls(at(i));
    if (k & (DELIM | BAD)) {
      if (k & DELIM) break;
      return FAIL;
    }
    i++;
  }
  if (i == end || i == start) return FAIL;
  return i;
}

/** Like json-bytes skipValue (i at the value's first byte); FAIL when it would not succeed. */
function skipValue(i: i32, end: i32): i32 {
  const c = at(i);
  if (c == 34) return skipString(i, end);
  if (c != 123 && c != 91) return scanScalar(i, end);
  let depth = 0;
  while (i < end) {
    const b = at(i);
    if (!(cls(b) & STRUCT)) {
      i++;
      continue;
    }
    if (b == 34) {
      i = skipString(i, end);
      if (i < 0) return FAIL;
      continue;
    }
    if (b == 123 || b == 91) depth++;
    else if (b == 125 || b == 93) {
      depth--;
      if (depth == 0) return i + 1;
    }
    i++;
  }
  return FAIL;
}

@inline
function keyCode(s: i32, n: i32): i32 {
  const c0 = at(s);
  if (n == 2) {
    const c1 = at(s + 1);
    if (c0 == 112 && c1 == 104) return K_PH;
    if (c0 == 116 && c1 == 115) return K_TS;
    if (c0 == 105 && c1 == 100) return K_ID;
    if (c0 == 98 && c1 == 112) return K_BP;
    return K_OTHER;
  }
  if (n == 3) {
    const c1 = at(s + 1);
    const c2 = at(s + 2);
    if (c0 == 112 && c1 == 105 && c2 == 100) return K_PID;
    if (c0 == 116 && c1 == 105 && c2 == 100) return K_TID;
    if (c0 == 100 && c1 == 117 && c2 == 114) return K_DUR;
    if (c0 == 99 && c1 == 97 && c2 == 116) return K_CAT;
    if (c0 == 105 && c1 == 100 && c2 == 50) return K_ID2;
    return K_OTHER;
  }
  if (n == 4) {
    if (c0 == 110 && at(s + 1) == 97 && at(s + 2) == 109 && at(s + 3) == 101) return K_NAME;
    if (c0 == 97 && at(s + 1) == 114 && at(s + 2) == 103 && at(s + 3) == 115) return K_ARGS;
    return K_OTHER;
  }
  if (n == 1) return c0 == 115 ? K_S : K_OTHER;
  if (n == 5) {
    return c0 == 115 && at(s + 1) == 99 && at(s + 2) == 111 && at(s + 3) == 112 && at(s + 4) == 101
      ? K_SCOPE
      : K_OTHER;
  }
  if (n == 7) {
    // bind_id / flow_in
    if (
      c0 == 98 && at(s + 1) == 105 && at(s + 2) == 110 && at(s + 3) == 100 &&
      at(s + 4) == 95 && at(s + 5) == 105 && at(s + 6) == 100
    )
      return K_BIND_ID;
    if (
      c0 == 102 && at(s + 1) == 108 && at(s + 2) == 111 && at(s + 3) == 119 &&
      at(s + 4) == 95 && at(s + 5) == 105 && at(s + 6) == 110
    )
      return K_FLOW_IN;
    return K_OTHER;
  }
  if (n == 8) {
    return c0 == 102 && at(s + 1) == 108 && at(s + 2) == 111 && at(s + 3) == 119 &&
      at(s + 4) == 95 && at(s + 5) == 111 && at(s + 6) == 117 && at(s + 7) == 116
      ? K_FLOW_OUT
      : K_OTHER;
  }
  return K_OTHER;
}

@inline
function op(code: i32, a: i32, b: i32, c: i32): void {
  store<i32>(outPos, code);
  store<i32>(outPos, a, 4);
  store<i32>(outPos, b, 8);
  store<i32>(outPos, c, 12);
  outPos += 16;
}

/**
 * An exact decimal µs in [s, e): digits, optionally `.` and digits (the common form of
 * parseDecimalUsBytes). Writes the op and returns true; false for anything else.
 */
function decimalOp(key: i32, s: i32, e: i32): bool {
  let i = s;
  let intPart: u64 = 0;
  let digits = 0;
  while (i < e) {
    const c = at(i);
    if (c < 48 || c > 57) break;
    intPart = intPart * 10 + <u64>(c - 48);
    digits++;
    i++;
  }
  if (digits == 0 || digits > 16) return false;
  let frac = 0;
  let fracDigits = 0;
  let roundUp = false;
  if (i < e && at(i) == 46) {
    i++;
    while (i < e) {
      const c = at(i);
      if (c < 48 || c > 57) break;
      if (fracDigits < 3) frac = frac * 10 + (c - 48);
      else if (fracDigits == 3) roundUp = c >= 53;
      fracDigits++;
      i++;
    }
  }
  if (i != e) return false;
  if (intPart > 9007199254740991) return false;
  for (let k = fracDigits; k < 3; k++) frac *= 10;
  if (roundUp) {
    frac++;
    if (frac == 1000) {
      frac = 0;
      intPart++;
    }
  }
  op(key, <i32>(intPart & 0xffffffff), <i32>(intPart >> 32), frac);
  return true;
}

/** Parses the event whose `{` is at i; returns the index after its `}` or FAIL. */
function parseEvent(i: i32, end: i32): i32 {
  const head = outPos;
  outPos += 16;
  let keys = 0;
  let nOps = 0;
  const start = i;
  i++;
  for (;;) {
    i = skipWs(i, end);
    if (i >= end) return FAIL;
    let c = at(i);
    if (c == 125) {
      i++;
      break;
    }
    if (c == 44) {
      i++;
      continue;
    }
    if (c != 34) return FAIL;
    if (outPos + 16 > OUT_END) return FAIL;
    const ks = i + 1;
    const ke = plainString(i, end);
    if (ke < 0) return FAIL;
    i = skipWs(ke, end);
    if (i >= end || at(i) != 58) return FAIL;
    i = skipWs(i + 1, end);
    if (i >= end) return FAIL;
    c = at(i);
    keys++;
    const key = keyCode(ks, ke - 1 - ks);
    let ve: i32;
    if (key == K_OTHER) {
      ve = skipValue(i, end);
      if (ve < 0) return FAIL;
    } else if (key == K_ARGS) {
      ve = skipValue(i, end);
      if (ve < 0) return FAIL;
      op(key, i, ve, 0);
      nOps++;
    } else if (key == K_PH || key == K_BP || key == K_S) {
      if (c != 34) return FAIL;
      ve = plainString(i, end);
      if (ve < 0) return FAIL;
      op(key, ve - 2 > i ? at(i + 1) : 0, 0, 0);
      nOps++;
    } else if (key == K_TS || key == K_DUR) {
      if (c == 34) {
        ve = plainString(i, end);
        if (ve < 0 || !decimalOp(key, i + 1, ve - 1)) return FAIL;
      } else {
        ve = scanScalar(i, end);
        if (ve < 0) return FAIL;
        if (!(ve - i == 4 && c == 110)) {
          if (!decimalOp(key, i, ve)) return FAIL;
          nOps++;
        }
        i = ve;
        continue;
      }
      nOps++;
    } else if (key == K_FLOW_IN || key == K_FLOW_OUT) {
      ve = scanScalar(i, end);
      if (ve < 0) return FAIL;
      op(key, c == 116 ? 1 : 0, 0, 0);
      nOps++;
    } else if (key == K_ID2) {
      return FAIL;
    } else {
      // name, cat, pid, tid, id, bind_id, scope
      let s = i;
      let e: i32;
      let kind = 0;
      if (c == 34) {
        ve = plainString(i, end);
        if (ve < 0) return FAIL;
        s = i + 1;
        e = ve - 1;
      } else {
        if (c == 123 || c == 91) return FAIL;
        ve = scanScalar(i, end);
        if (ve < 0) return FAIL;
        e = ve;
        kind = 1;
      }
      if (kind == 1 && ve - i == 4 && c == 110) op(key | (2 << 8), 0, 0, 0);
      else if (key == K_ID || key == K_BIND_ID) op(key | (kind << 8), s, e, 0); // mostly unique
      else {
        const id = lookup(s, e, hashOf(s, e));
        if (id >= 0) op(key | (4 << 8), id, 0, 0);
        else op(key | (kind << 8), s, e, 1);
      }
      nOps++;
    }
    i = ve;
  }
  store<i32>(head, start);
  store<i32>(head, i, 4);
  store<i32>(head, keys, 8);
  store<i32>(head, nOps, 12);
  return i;
}

/**
 * Scans events from the `{` at `from` until `end`, the first event at or after `stopAt`, an
 * element that is not an object, or an event the JS parser must read (longer than `maxEvent`,
 * unusual, incomplete). Input at `inPtr`, records from `outPtr` to `outEnd`. Returns the index
 * where JS goes on (after whitespace and commas); recordCount() says how many were written.
 */
export function scan(
  inPtr: usize,
  from: i32,
  end: i32,
  stopAt: i32,
  maxEvent: i32,
  outPtr: usize,
  outEnd: usize,
): i32 {
  IN = inPtr;
  OUT = outPtr;
  OUT_END = outEnd;
  outPos = outPtr;
  records = 0;
  let i = from;
  while (true) {
    i = skipWs(i, end);
    while (i < end && at(i) == 44) i = skipWs(i + 1, end);
    if (i >= end || i >= stopAt || at(i) != 123) return i;
    if (outPos + 32 > OUT_END) return i;
    const mark = outPos;
    const e = parseEvent(i, end);
    if (e < 0 || e - i > maxEvent) {
      outPos = mark;
      return i;
    }
    records++;
    i = e;
  }
  return i;
}
