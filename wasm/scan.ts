// AssemblyScript source of the WebAssembly fast path of the trace scanner (compiled by
// scripts/build-scan-wasm.mjs into src/import/json/scan-wasm-bytes.ts; see src/import/json/wasm-scan.ts for the JS half).
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
//     kind 0 string bytes [a, b) · 1 scalar lexeme [a, b) · 2 null (id -1)
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

/** Where JS may place its buffers (after the module's own data). */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
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
function isWs(c: i32): bool {
  return c == 32 || c == 10 || c == 13 || c == 9;
}

@inline
function skipWs(i: i32, end: i32): i32 {
  while (i < end && isWs(at(i))) i++;
  return i;
}

/** i at the opening quote; returns the index after the closing quote, FAIL on an escape or end. */
@inline
function plainString(i: i32, end: i32): i32 {
  i++;
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

@inline
function isDelimiter(c: i32): bool {
  return c == 44 || c == 125 || c == 93 || isWs(c) || c == 58;
}

/** Like json-bytes scanScalar; FAIL for its SYNTAX and INCOMPLETE. */
function scanScalar(i: i32, end: i32): i32 {
  const start = i;
  while (i < end) {
    const c = at(i);
    if (isDelimiter(c)) break;
    if (c == 34 || c == 123 || c == 91) return FAIL;
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
      if (c == 34) {
        ve = plainString(i, end);
        if (ve < 0) return FAIL;
        op(key, i + 1, ve - 1, 0);
      } else {
        if (c == 123 || c == 91) return FAIL;
        ve = scanScalar(i, end);
        if (ve < 0) return FAIL;
        if (ve - i == 4 && c == 110) op(key | (2 << 8), 0, 0, 0);
        else op(key | (1 << 8), i, ve, 0);
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
