// Independent reference for trace tests: computes event counts and exact timestamps of a trace
// JSON file with the platform's JSON.parse (run with --harmony-json-parse-with-source so number
// lexemes are seen exactly) and BigInt decimal arithmetic. Shares no code with the importer.
// Usage: node --harmony-json-parse-with-source test/independent-trace-stats.mjs <file>
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const path = process.argv[2];
let bytes = readFileSync(path);
if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
let text = bytes.toString('utf8');
if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

// Decimal µs text → exact ns BigInt (rounded half up at the 4th fraction digit).
function usToNs(s) {
  s = String(s).trim();
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(s);
  if (!m || (!m[2] && !m[3])) return null;
  const digits = (m[2] || '') + (m[3] || '');
  const scale = (m[3] || '').length - Number(m[4] || 0); // value = digits * 10^-scale µs
  const shift = 3 - scale; // ns = digits * 10^shift
  let ns;
  if (shift >= 0) ns = BigInt(digits || '0') * 10n ** BigInt(shift);
  else {
    const div = 10n ** BigInt(-shift);
    const d = BigInt(digits || '0');
    ns = d / div + ((d % div) * 2n >= div ? 1n : 0n);
  }
  return m[1] === '-' ? -ns : ns;
}

let parsed;
const tsSource = new WeakMap();
try {
  let t = text.trim();
  if (t.startsWith('[')) {
    t = t.replace(/,\s*$/, '');
    if (!t.endsWith(']')) t += ']';
  }
  parsed = JSON.parse(t, function (key, value, ctx) {
    if (key === 'ts' && ctx && typeof ctx.source === 'string') tsSource.set(this, ctx.source);
    return value;
  });
} catch (e) {
  process.stdout.write(JSON.stringify({ unparseable: String(e.message).slice(0, 200) }));
  process.exit(0);
}
const events = Array.isArray(parsed)
  ? parsed
  : Array.isArray(parsed?.traceEvents)
    ? parsed.traceEvents
    : [];
const byPhase = {};
let count = 0;
let first = null;
let last = null;
const distinct = new Set();
for (const e of events) {
  if (!e || typeof e !== 'object' || Array.isArray(e) || Object.keys(e).length === 0) continue;
  count++;
  const ph = typeof e.ph === 'string' && e.ph.length > 0 ? e.ph[0] : '?';
  byPhase[ph] = (byPhase[ph] ?? 0) + 1;
  if (e.ts === undefined || e.ts === null) continue;
  const src = typeof e.ts === 'string' ? e.ts : tsSource.get(e);
  const ns = src === undefined ? null : usToNs(src);
  if (ns === null) continue;
  distinct.add(ns);
  if (first === null || ns < first) first = ns;
  if (last === null || ns > last) last = ns;
}
process.stdout.write(
  JSON.stringify({
    events: count,
    byPhase,
    firstTsNs: first?.toString() ?? null,
    lastTsNs: last?.toString() ?? null,
    distinctTs: distinct.size,
  }),
);
