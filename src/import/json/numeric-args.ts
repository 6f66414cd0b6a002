/**
 * Fast path for counter args: reads a flat `{"key": number, ...}` object straight from bytes into
 * (interned key, value) pairs. Returns false for anything else (nested values, strings, escapes in
 * keys), so the caller falls back to the general parser.
 */
import type { ByteInterner } from './byte-interner';
import { skipWs } from '../../lib/json-bytes';

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

export function scanNumericArgs(
  buf: Uint8Array,
  s: number,
  e: number,
  strings: ByteInterner,
  out: number[],
): boolean {
  let i = skipWs(buf, s, e);
  if (buf[i] !== 123) return false;
  i++;
  for (;;) {
    i = skipWs(buf, i, e);
    if (i >= e) return false;
    let c = buf[i]!;
    if (c === 125) return true;
    if (c === 44) {
      i++;
      continue;
    }
    if (c !== 34) return false;
    const ks = i + 1;
    let k = ks;
    while (k < e && buf[k] !== 34) {
      if (buf[k] === 92) return false;
      k++;
    }
    if (k >= e) return false;
    const key = strings.internBytes(buf, ks, k);
    i = skipWs(buf, k + 1, e);
    if (buf[i] !== 58) return false;
    i = skipWs(buf, i + 1, e);
    // number: -?digits(.digits)?
    const ns = i;
    let neg = false;
    if (buf[i] === 45) {
      neg = true;
      i++;
    }
    let intPart = 0;
    let digits = 0;
    while (i < e && (c = buf[i]!) >= 48 && c <= 57) {
      intPart = intPart * 10 + (c - 48);
      digits++;
      i++;
    }
    let value = intPart;
    if (buf[i] === 46) {
      i++;
      // mantissa / 10^fd with both exact integers: one correctly rounded division, so the result
      // equals Number(lexeme) whenever the mantissa stays below 2^53.
      let mantissa = intPart;
      let fd = 0;
      while (i < e && (c = buf[i]!) >= 48 && c <= 57) {
        mantissa = mantissa * 10 + (c - 48);
        fd++;
        i++;
      }
      if (fd > 15 || mantissa > 9007199254740991)
        digits = 99; // take the slow exact path
      else value = mantissa / POW10[fd]!;
    }
    c = buf[i] ?? 0;
    if (
      digits === 0 ||
      digits > 15 ||
      c === 101 ||
      c === 69 ||
      !(c === 44 || c === 125 || c === 32 || c === 10 || c === 13 || c === 9)
    ) {
      // Exponents, long mantissas, NaN/Infinity, strings: exact conversion through Number().
      let j = ns;
      while (j < e && buf[j] !== 44 && buf[j] !== 125) j++;
      const lex = String.fromCharCode(...buf.subarray(ns, j)).trim();
      if (lex.startsWith('"') || lex.startsWith('{') || lex.startsWith('[')) return false;
      const v =
        lex === 'NaN' || lex === 'nan'
          ? NaN
          : lex === 'Infinity' || lex === 'inf'
            ? Infinity
            : lex === '-Infinity' || lex === '-inf'
              ? -Infinity
              : Number(lex);
      if (Number.isNaN(v) && !/^-?nan$/i.test(lex)) return false;
      out.push(key, v);
      i = j;
      continue;
    }
    out.push(key, neg ? -value : value);
  }
}
