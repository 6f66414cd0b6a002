/**
 * Exact times read from the databases. SQL splits each ns value into (µs, ns remainder) so both
 * halves are exact JS numbers (see `DbFile.time`); these helpers turn such pairs into ExactTime,
 * into ns relative to a base (exact float64 integers), and into µs decimal text.
 */
import type { ExactTime } from '../../lib/exact-time';
import type { SqlValue } from './sql-loader';

/** Fills `out` from a (µs, remainder) pair; false when the db value was NULL. */
export function setExact(
  out: ExactTime,
  us: SqlValue | undefined,
  fr: SqlValue | undefined,
): boolean {
  if (typeof us !== 'number' || typeof fr !== 'number') return false;
  if (fr < 0) {
    out.us = us - 1;
    out.fracNs = fr + 1000;
  } else {
    out.us = us;
    out.fracNs = fr;
  }
  return true;
}

/** ns of `t - base` (exact while below 2^53 ns). */
export function relNs(t: ExactTime, base: ExactTime): number {
  return (t.us - base.us) * 1000 + (t.fracNs - base.fracNs);
}

/** `base + rel` as an ExactTime (rel an exact integer of ns). */
export function addNs(
  base: ExactTime,
  rel: number,
  out: ExactTime = { us: 0, fracNs: 0 },
): ExactTime {
  const total = base.fracNs + rel;
  const carry = Math.floor(total / 1000);
  out.us = base.us + carry;
  out.fracNs = total - carry * 1000;
  return out;
}

/** Absolute µs with 3 decimals, exactly ("1736414119651037.828"). */
export function exactUsText(t: ExactTime): string {
  if (t.us < 0 && t.fracNs > 0) return `-${-t.us - 1}.${String(1000 - t.fracNs).padStart(3, '0')}`;
  return `${t.us}.${String(t.fracNs).padStart(3, '0')}`;
}

/** A ns duration as µs text with up to 3 decimals, exactly ("51.641", "0", "-2.5"). */
export function nsToUsText(ns: number): string {
  if (!Number.isFinite(ns)) return '';
  const neg = ns < 0;
  const a = Math.abs(Math.round(ns));
  const us = Math.floor(a / 1000);
  const frac = a - us * 1000;
  const text = frac === 0 ? `${us}` : `${us}.${String(frac).padStart(3, '0').replace(/0+$/, '')}`;
  return neg ? `-${text}` : text;
}

/** Exact decimal ns text of an ExactTime. */
export function exactNsText(t: ExactTime): string {
  if (t.us > 0) return `${t.us}${String(t.fracNs).padStart(3, '0')}`;
  return (BigInt(t.us) * 1000n + BigInt(t.fracNs)).toString();
}

/** Exact integer value (rounded half up) of a decimal text such as "1.23282223630523e+17". */
export function decimalNs(text: string): bigint | null {
  const m = /^\s*([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?\s*$/.exec(text);
  if (!m || (!m[2] && !m[3])) return null;
  const frac = m[3] ?? '';
  const exp = Number(m[4] ?? '0');
  if (Math.abs(exp) > 40) return null;
  const mantissa = BigInt((m[2] ?? '') + frac || '0');
  const shift = exp - frac.length;
  let v: bigint;
  if (shift >= 0) v = mantissa * 10n ** BigInt(shift);
  else {
    const div = 10n ** BigInt(-shift);
    v = mantissa / div;
    if ((mantissa % div) * 2n >= div) v += 1n;
  }
  return m[1] === '-' ? -v : v;
}

/** `end - start` in ns, NaN when either is missing. */
export function durNs(start: ExactTime, end: ExactTime | null): number {
  return end ? (end.us - start.us) * 1000 + (end.fracNs - start.fracNs) : NaN;
}
