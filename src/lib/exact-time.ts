/**
 * Exact decimal time arithmetic.
 *
 * Trace timestamps are decimal µs with up to 3 (ns) fraction digits, e.g. "1736412474730135.222".
 * A float64 cannot hold 1.7e15 µs to the ns, so we never parse the whole value into one double.
 * Instead a value is split into an integer µs part (exact below 2^53 µs, ~285 years of epoch)
 * and a ns remainder 0..999:
 *
 *     value_ns = us * 1000 + fracNs          (us may be negative; fracNs is always 0..999)
 *
 * Rebased times (value - base) are then exact integers in a float64 as long as they stay below
 * 2^53 ns (~104 days), which holds for any real capture.
 */

/** One exact timestamp: `us * 1000 + fracNs` nanoseconds. */
export interface ExactTime {
  us: number;
  fracNs: number;
}

/** Why a decimal could not be read. */
export type DecimalError = 'empty' | 'syntax' | 'nan' | 'infinite' | 'range';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * Parses a decimal number of µs from bytes [start, end) into `out` (exact, rounded to the ns).
 * Accepts surrounding whitespace and tabs (CSV timestamps end with a TAB), a sign, a fraction,
 * and an exponent. Returns null on success or the reason it failed.
 */
export function parseDecimalUsBytes(
  buf: Uint8Array,
  start: number,
  end: number,
  out: ExactTime,
): DecimalError | null {
  let i = start;
  while (i < end && isSpace(buf[i]!)) i++;
  while (end > i && isSpace(buf[end - 1]!)) end--;
  if (i >= end) return 'empty';
  let neg = false;
  let c = buf[i]!;
  if (c === 45 /* - */ || c === 43 /* + */) {
    neg = c === 45;
    i++;
  }
  let intPart = 0;
  let digits = 0;
  while (i < end) {
    c = buf[i]!;
    if (c < 48 || c > 57) break;
    intPart = intPart * 10 + (c - 48);
    digits++;
    i++;
  }
  let frac = 0;
  let fracDigits = 0;
  let roundUp = false;
  if (i < end && buf[i] === 46 /* . */) {
    i++;
    while (i < end) {
      c = buf[i]!;
      if (c < 48 || c > 57) break;
      if (fracDigits < 3) frac = frac * 10 + (c - 48);
      else if (fracDigits === 3) roundUp = c >= 53;
      fracDigits++;
      i++;
    }
  }
  if (digits === 0 && fracDigits === 0) return classifyWord(buf, start, end);
  if (i < end) {
    c = buf[i]!;
    if (c === 101 || c === 69 /* e E */) return parseWithExponent(buf, start, end, out);
    return 'syntax';
  }
  if (intPart > MAX_SAFE) return 'range';
  for (let k = fracDigits; k < 3; k++) frac *= 10;
  if (roundUp) {
    frac++;
    if (frac === 1000) {
      frac = 0;
      intPart++;
    }
  }
  setSigned(out, intPart, frac, neg);
  return null;
}

/** Same as {@link parseDecimalUsBytes} for a JS string. */
export function parseDecimalUs(text: string, out: ExactTime): DecimalError | null {
  return parseDecimalUsBytes(asciiBytes(text), 0, text.length, out);
}

function setSigned(out: ExactTime, us: number, frac: number, neg: boolean): void {
  if (!neg || (us === 0 && frac === 0)) {
    out.us = us;
    out.fracNs = frac;
  } else if (frac === 0) {
    out.us = -us;
    out.fracNs = 0;
  } else {
    out.us = -us - 1;
    out.fracNs = 1000 - frac;
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function classifyWord(buf: Uint8Array, start: number, end: number): DecimalError {
  const word = String.fromCharCode(...buf.subarray(start, Math.min(end, start + 16)))
    .trim()
    .toLowerCase()
    .replace(/^[-+]/, '');
  if (word === 'nan') return 'nan';
  if (word === 'infinity' || word === 'inf') return 'infinite';
  return 'syntax';
}

/** Slow exact path for exponent notation such as `1.7364e15`. */
function parseWithExponent(
  buf: Uint8Array,
  start: number,
  end: number,
  out: ExactTime,
): DecimalError | null {
  const text = String.fromCharCode(...buf.subarray(start, end)).trim();
  const m = /^([-+]?)(\d*)(?:\.(\d*))?[eE]([-+]?\d+)$/.exec(text);
  if (!m) return 'syntax';
  const sign = m[1] === '-' ? -1n : 1n;
  const intDigits = m[2] ?? '';
  const fracDigits = m[3] ?? '';
  const exp = Number(m[4]);
  if (!intDigits && !fracDigits) return 'syntax';
  if (Math.abs(exp) > 40) return 'range';
  // value_ns = mantissa * 10^(exp + 3 - fracDigits.length)
  const mantissa = BigInt(intDigits + fracDigits || '0');
  const shift = exp + 3 - fracDigits.length;
  let ns: bigint;
  if (shift >= 0) ns = mantissa * 10n ** BigInt(shift);
  else {
    const div = 10n ** BigInt(-shift);
    ns = mantissa / div;
    if ((mantissa % div) * 2n >= div) ns += 1n;
  }
  ns *= sign;
  return setFromBigNs(ns, out) ? null : 'range';
}

/** Writes an exact bigint ns value into `out`; false when it does not fit. */
export function setFromBigNs(ns: bigint, out: ExactTime): boolean {
  let us = ns / 1000n;
  let frac = ns % 1000n;
  if (frac < 0n) {
    frac += 1000n;
    us -= 1n;
  }
  if (us > BigInt(MAX_SAFE) || us < -BigInt(MAX_SAFE)) return false;
  out.us = Number(us);
  out.fracNs = Number(frac);
  return true;
}

/** The exact value as a bigint of ns. */
export function toBigNs(t: ExactTime): bigint {
  return BigInt(t.us) * 1000n + BigInt(t.fracNs);
}

/** Decimal text of exact ns (e.g. "1736408883573887920"). */
export function exactToNsString(t: ExactTime): string {
  return toBigNs(t).toString();
}

/** Parses a decimal ns integer string (DB `TEXT` ns columns) into exact time. */
export function parseNsString(text: string, out: ExactTime): boolean {
  const s = text.trim();
  if (!/^-?\d+$/.test(s)) return false;
  return setFromBigNs(BigInt(s), out);
}

let scratch = new Uint8Array(64);
function asciiBytes(text: string): Uint8Array {
  if (scratch.length < text.length) scratch = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    scratch[i] = c < 128 ? c : 63;
  }
  return scratch;
}
