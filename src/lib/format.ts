/**
 * Human-readable numbers, sizes and durations. Grouping follows the interface language's locale
 * ({@link setFormatLocale}, set by src/i18n); exact ns values stay exact in every locale.
 */

let locale = 'en-US';

/** The Intl locale used for grouping and dates (en-US until the interface language says). */
export function setFormatLocale(l: string): void {
  locale = l;
}

/**
 * A date and time (ms since the epoch) in the interface locale, medium style; English dates in
 * en-GB order (day month year, 24 h), which no reader misreads.
 */
export function formatDateTime(ms: number): string {
  const l = locale === 'en-US' ? 'en-GB' : locale;
  return new Date(ms).toLocaleString(l, { dateStyle: 'medium', timeStyle: 'medium' });
}

export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return '–';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let u = 0;
  let v = n;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? formatNumber(v, 2) : v.toFixed(v < 10 ? 2 : 1)} ${units[u]}`;
}

/**
 * An integer with thousands separators, as `toLocaleString('en-US')` writes it, without Intl:
 * the first Intl call of a page loads ICU's number formatting (~90 ms on a busy machine), and
 * the import progress panel calls this in the task that starts an import.
 */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '–';
  const r = Math.round(n);
  if (Math.abs(r) >= 1e21) return r.toLocaleString('en-US');
  const digits = String(Math.abs(r));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return r < 0 || Object.is(r, -0) ? `-${out}` : out;
}

/** A duration in ns with a readable unit (ns, µs, ms, s), 3–4 significant digits. */
export function formatDuration(ns: number): string {
  if (!Number.isFinite(ns)) return '–';
  const a = Math.abs(ns);
  if (a < 1e3) return `${trim(ns)} ns`;
  if (a < 1e6) return `${trim(ns / 1e3)} µs`;
  if (a < 1e9) return `${trim(ns / 1e6)} ms`;
  return `${trim(ns / 1e9)} s`;
}

function trim(v: number): string {
  const a = Math.abs(v);
  const digits = a >= 100 ? 1 : a >= 10 ? 2 : 3;
  return Number(v.toFixed(digits)).toString();
}

/** Exact integer ns with thousands separators ("1,234,567 ns"). */
export function formatNsExact(ns: number): string {
  return `${Math.round(ns).toLocaleString(locale, { maximumFractionDigits: 0 })} ns`;
}

export function formatPercent(f: number): string {
  return Number.isFinite(f) ? `${(f * 100).toFixed(1)}%` : '–';
}

/** Decimals at most, for |v| ≥ 1, in {@link formatNumber}. */
const MAX_DECIMALS = 3;

/**
 * A number as a person reads it: no binary float noise (401.24800000000005 → "401.248",
 * 954.3701171875 → "954.37"), no exponent (4.1e-05 → "0.000041"). Integers as they are; other
 * values with at most `maxDecimals` decimals when |v| ≥ 1 and three significant digits below 1,
 * trailing zeros dropped. '–' when not finite.
 */
export function formatNumber(v: number, maxDecimals = MAX_DECIMALS): string {
  if (!Number.isFinite(v)) return '–';
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return v.toFixed(0);
  const a = Math.abs(v);
  const decimals =
    a >= 1 ? maxDecimals : Math.min(20, Math.max(maxDecimals, 2 - Math.floor(Math.log10(a))));
  const s = v.toFixed(decimals);
  const t = s.includes('.') ? s.replace(/\.?0+$/, '') : s;
  return t === '-0' ? '0' : t;
}

/** Cell text that is already as a person reads it: plain decimal with at most 6 decimals. */
const CLEAN_NUMBER = /^[-+]?\d+(\.\d{0,6})?$/;

/**
 * A numeric cell's text for display: kept as written when it is a plain decimal with at most 6
 * decimals (so exact µs with their ns digits, "1736412474757059.740", are never passed through a
 * float), else read as a number and shown by {@link formatNumber} ("401.24800000000005" →
 * "401.248", "4.1e-05" → "0.000041"). Text that is not a number is returned as it is.
 */
export function formatNumberText(text: string, maxDecimals = MAX_DECIMALS): string {
  const t = text.trim();
  if (t === '' || CLEAN_NUMBER.test(t)) return t;
  const pct = t.endsWith('%');
  const v = Number(pct ? t.slice(0, -1) : t);
  if (!Number.isFinite(v)) return t;
  return `${formatNumber(v, maxDecimals)}${pct ? '%' : ''}`;
}

/**
 * Short form of a long id or hash (20+ decimal digits, e.g. a group hash, or 16+ hex digits with a
 * letter; ns timestamps, 19 digits, stay whole): its first 6 and last 4 characters, or null.
 */
export function shortHash(s: string): string | null {
  const dec = /^\d{20,}$/.test(s);
  const hex = s.length >= 16 && /^(0x)?[0-9a-f]+$/i.test(s) && /[a-f]/i.test(s.replace(/^0x/i, ''));
  if (!dec && !hex) return null;
  return `${s.slice(0, 6)}…${s.slice(-4)}`;
}
