/** Human-readable numbers, sizes and durations. */

export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return '–';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let u = 0;
  let v = n;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(v < 10 ? 2 : 1)} ${units[u]}`;
}

export function formatCount(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–';
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
  return `${Math.round(ns).toLocaleString('en-US')} ns`;
}

export function formatPercent(f: number): string {
  return Number.isFinite(f) ? `${(f * 100).toFixed(1)}%` : '–';
}
