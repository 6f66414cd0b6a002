/**
 * Byte-level JSON helpers shared by the trace scanner: skipping values without decoding them,
 * a lenient string decoder, and a small value parser for the few places that need JS values
 * (counter and metadata args, top-level keys, args shown in the details panel).
 *
 * Leniency (what real producers write): NaN / Infinity / -Infinity / inf / nan literals, raw
 * control characters inside strings, lone surrogate escapes (→ U+FFFD), invalid UTF-8 (→ U+FFFD),
 * trailing commas in objects and arrays. Integers beyond 2^53 come back as bigint so ids and
 * timestamps in args stay exact.
 */

/** Returned by scanning functions when the buffer ends before the value does. */
export const INCOMPLETE = -1;
/** Returned by scanning functions on a syntax error. */
export const SYNTAX = -2;

const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

export function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

export function skipWs(buf: Uint8Array, i: number, end: number): number {
  while (i < end) {
    const c = buf[i]!;
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
    i++;
  }
  return i;
}

/** Set by {@link scanString}: whether the last string contained a backslash escape. */
export let stringHadEscape = false;

/** `i` is at the opening quote; returns the index just past the closing quote. */
export function scanString(buf: Uint8Array, i: number, end: number): number {
  i++;
  let esc = false;
  while (i < end) {
    const c = buf[i]!;
    if (c === 34) {
      stringHadEscape = esc;
      return i + 1;
    }
    if (c === 92) {
      esc = true;
      i += 2;
      continue;
    }
    i++;
  }
  return INCOMPLETE;
}

/**
 * Like {@link scanString} but without noting escapes, using the native `indexOf` to jump to each
 * candidate closing quote: much faster on the long strings args hold (call stacks, shapes).
 */
export function skipString(buf: Uint8Array, i: number, end: number): number {
  let j = i + 1;
  for (;;) {
    const q = buf.indexOf(34, j);
    if (q < 0 || q >= end) return INCOMPLETE;
    let k = q - 1;
    while (k > i && buf[k] === 92) k--;
    if (((q - 1 - k) & 1) === 0) return q + 1;
    j = q + 1;
  }
}

function isDelimiter(c: number): boolean {
  return c === 44 || c === 125 || c === 93 || isWs(c) || c === 58;
}

/** Skips one scalar (number or literal) starting at i; returns its end. */
export function scanScalar(buf: Uint8Array, i: number, end: number): number {
  const start = i;
  while (i < end && !isDelimiter(buf[i]!)) {
    const c = buf[i]!;
    if (c === 34 || c === 123 || c === 91) return SYNTAX;
    i++;
  }
  if (i === end) return INCOMPLETE;
  return i === start ? SYNTAX : i;
}

/** Skips any JSON value starting at i (after whitespace); returns its end. */
export function skipValue(buf: Uint8Array, i: number, end: number): number {
  i = skipWs(buf, i, end);
  if (i >= end) return INCOMPLETE;
  const c = buf[i]!;
  if (c === 34) return skipString(buf, i, end);
  if (c !== 123 && c !== 91) return scanScalar(buf, i, end);
  let depth = 0;
  while (i < end) {
    const b = buf[i]!;
    if (b === 34) {
      i = skipString(buf, i, end);
      if (i < 0) return INCOMPLETE;
      continue;
    }
    if (b === 123 || b === 91) depth++;
    else if (b === 125 || b === 93) {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return INCOMPLETE;
}

/**
 * Decodes the content of a JSON string (bytes between the quotes), leniently: unknown escapes
 * keep the character, surrogate pairs join, lone surrogates become U+FFFD.
 */
export function decodeJsonString(buf: Uint8Array, start: number, end: number): string {
  const raw = utf8.decode(buf.subarray(start, end));
  if (raw.indexOf('\\') < 0) return raw;
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const bs = raw.indexOf('\\', i);
    if (bs < 0) {
      out += raw.slice(i);
      break;
    }
    out += raw.slice(i, bs);
    const e = raw[bs + 1];
    i = bs + 2;
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'u': {
        const hex = raw.slice(i, i + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
          out += '\uFFFD';
          break;
        }
        i += 4;
        const code = parseInt(hex, 16);
        if (code >= 0xd800 && code <= 0xdbff) {
          const low = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(raw.slice(i, i + 6));
          if (low) {
            out += String.fromCharCode(code, parseInt(low[1]!, 16));
            i += 6;
          } else out += '\uFFFD';
        } else if (code >= 0xdc00 && code <= 0xdfff) out += '\uFFFD';
        else out += String.fromCharCode(code);
        break;
      }
      case undefined:
        break;
      default:
        out += e;
    }
  }
  return out;
}

export type JsonValue =
  null | boolean | number | bigint | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * A JSON value whose objects are Maps, so keys keep file order even when they look like integers
 * (a JS object would list `"9"`, `"10"` before `"b"`). Used for args, which are shown and
 * exported in the order the file wrote them.
 */
export type OrderedJson =
  null | boolean | number | bigint | string | OrderedJson[] | Map<string, OrderedJson>;

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Parses one JSON value from bytes [start, end) leniently (see the file header). */
export function parseJsonBytes(buf: Uint8Array, start: number, end: number): JsonValue {
  const p = new MiniParser(buf, end);
  p.i = start;
  const v = p.value(0);
  p.ws();
  if (p.i < end) throw new JsonSyntaxError('unexpected data after value', p.i);
  return v;
}

/** Like {@link parseJsonBytes}, with objects as Maps in file order (duplicate keys: last wins). */
export function parseOrderedJsonBytes(buf: Uint8Array, start: number, end: number): OrderedJson {
  const p = new MiniParser(buf, end, true);
  p.i = start;
  const v = p.value(0) as OrderedJson;
  p.ws();
  if (p.i < end) throw new JsonSyntaxError('unexpected data after value', p.i);
  return v;
}

/** Parses lenient JSON text. */
export function parseJsonText(text: string): JsonValue {
  const bytes = new TextEncoder().encode(text);
  return parseJsonBytes(bytes, 0, bytes.length);
}

const MAX_DEPTH = 1000;

type ParsedValue = JsonValue | OrderedJson;

class MiniParser {
  i = 0;
  constructor(
    private readonly buf: Uint8Array,
    private readonly end: number,
    private readonly ordered = false,
  ) {}

  ws(): void {
    this.i = skipWs(this.buf, this.i, this.end);
  }

  fail(msg: string): never {
    throw new JsonSyntaxError(msg, this.i);
  }

  value(depth: number): JsonValue {
    return this.any(depth) as JsonValue;
  }

  private any(depth: number): ParsedValue {
    if (depth > MAX_DEPTH) this.fail('nesting too deep');
    this.ws();
    if (this.i >= this.end) this.fail('unexpected end of data');
    const c = this.buf[this.i]!;
    if (c === 123) return this.object(depth);
    if (c === 91) return this.array(depth);
    if (c === 34) {
      const s = this.i;
      const e = scanString(this.buf, s, this.end);
      if (e < 0) this.fail('unterminated string');
      this.i = e;
      return decodeJsonString(this.buf, s + 1, e - 1);
    }
    const s = this.i;
    let e = s;
    while (e < this.end && !isDelimiter(this.buf[e]!)) e++;
    if (e === s) this.fail('unexpected character');
    this.i = e;
    return scalarFromLexeme(String.fromCharCode(...this.buf.subarray(s, Math.min(e, s + 400))), s);
  }

  object(depth: number): ParsedValue {
    const out: Record<string, JsonValue> = {};
    const map = this.ordered ? new Map<string, OrderedJson>() : null;
    this.i++;
    for (;;) {
      this.ws();
      if (this.i >= this.end) this.fail('unterminated object');
      let c = this.buf[this.i]!;
      if (c === 125) {
        this.i++;
        return map ?? out;
      }
      if (c !== 34) this.fail('expected a key');
      const s = this.i;
      const e = scanString(this.buf, s, this.end);
      if (e < 0) this.fail('unterminated key');
      const key = decodeJsonString(this.buf, s + 1, e - 1);
      this.i = e;
      this.ws();
      if (this.buf[this.i] !== 58) this.fail('expected ":"');
      this.i++;
      const v = this.any(depth + 1);
      if (map) map.set(key, v as OrderedJson);
      else if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true });
      else out[key] = v as JsonValue;
      this.ws();
      c = this.buf[this.i] ?? 0;
      if (c === 44) this.i++;
      else if (c !== 125) this.fail('expected "," or "}"');
    }
  }

  array(depth: number): ParsedValue {
    const out: ParsedValue[] = [];
    this.i++;
    for (;;) {
      this.ws();
      if (this.i >= this.end) this.fail('unterminated array');
      let c = this.buf[this.i]!;
      if (c === 93) {
        this.i++;
        return out as JsonValue[];
      }
      out.push(this.any(depth + 1));
      this.ws();
      c = this.buf[this.i] ?? 0;
      if (c === 44) this.i++;
      else if (c !== 93) this.fail('expected "," or "]"');
    }
  }
}

/** Converts a number/literal lexeme to a value; integers beyond 2^53 become bigint. */
export function scalarFromLexeme(lex: string, offset = 0): JsonValue {
  switch (lex) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'null':
      return null;
    case 'NaN':
    case 'nan':
    case '-nan':
      return NaN;
    case 'Infinity':
    case 'inf':
    case '+Infinity':
      return Infinity;
    case '-Infinity':
    case '-inf':
      return -Infinity;
  }
  if (!/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(lex)) {
    throw new JsonSyntaxError(`invalid literal "${lex.slice(0, 20)}"`, offset);
  }
  const n = Number(lex);
  if (/^-?\d+$/.test(lex) && !Number.isSafeInteger(n)) return BigInt(lex);
  return n;
}
