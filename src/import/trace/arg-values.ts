/** Reading single values out of parsed event args (counters, metadata). */
import type { JsonValue } from '../../lib/json-bytes';

/** A number, or a numeric string, as a number; null for anything else. */
export function toNumber(v: JsonValue | undefined): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isNaN(n) ? null : n;
  }
  return null;
}

/** A value shown as a name: strings as they are, anything else as its JSON ('' when absent). */
export function stringArg(v: JsonValue | undefined): string {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return '';
  // A name that is not a string is shown as its JSON (integers beyond 2^53 are bigint there).
  return typeof v === 'bigint'
    ? v.toString()
    : JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
}
