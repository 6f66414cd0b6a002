/**
 * What a trace file says about itself in its top-level keys (`TraceModel.metadata`): Kineto's
 * `distributedInfo` (rank, world size, backend), `deviceProperties` (GPUs), `schemaVersion`,
 * `baseTimeNanoseconds`, `displayTimeUnit`, Chrome's `metadata` and catapult's `otherData`,
 * `stackFrames`… Pure; used by the import report, the Overview, `summarize` and discovery.
 */

export interface DeviceFacts {
  id: string;
  name: string;
  /** totalGlobalMem, bytes. */
  memoryBytes: number | null;
  /** "8.0" from computeMajor / computeMinor. */
  compute: string | null;
  /** numSms (streaming multiprocessors). */
  sms: number | null;
}

export interface DistributedFacts {
  rank: number | null;
  worldSize: number | null;
  backend: string | null;
  /** Process groups in pg_config. */
  groups: number | null;
  ncclVersion: string | null;
}

export interface TraceFacts {
  distributed: DistributedFacts | null;
  devices: DeviceFacts[];
  /** One line per top-level key: its value when short, else what it holds. */
  entries: { key: string; summary: string }[];
}

const obj = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
const num = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v)
    ? v
    : typeof v === 'bigint'
      ? Number(v)
      : typeof v === 'string' && /^-?\d+$/.test(v.trim())
        ? Number(v)
        : null;
const str = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : null;

/** `distributedInfo` of a trace, or null. */
export function distributedFacts(metadata: Record<string, unknown>): DistributedFacts | null {
  const d = obj(metadata['distributedInfo']);
  if (!d) return null;
  const rank = num(d['rank']);
  return {
    rank: rank !== null && rank >= 0 ? rank : null,
    worldSize: num(d['world_size']),
    backend: str(d['backend']),
    groups: Array.isArray(d['pg_config']) ? d['pg_config'].length : num(d['pg_count']),
    ncclVersion: str(d['nccl_version']),
  };
}

export function deviceFacts(metadata: Record<string, unknown>): DeviceFacts[] {
  const list = metadata['deviceProperties'];
  if (!Array.isArray(list)) return [];
  const out: DeviceFacts[] = [];
  for (const [i, v] of list.entries()) {
    const d = obj(v);
    if (!d) continue;
    const major = num(d['computeMajor']);
    const minor = num(d['computeMinor']);
    out.push({
      id: str(d['id']) ?? String(i),
      name: str(d['name']) ?? '?',
      memoryBytes: num(d['totalGlobalMem']),
      compute: major !== null ? `${major}.${minor ?? 0}` : null,
      sms: num(d['numSms']),
    });
  }
  return out;
}

const SHORT = 120;

/** One-line summary of a top-level value. */
export function summarizeValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string')
    return v.length > SHORT ? `${v.slice(0, SHORT)}… (${v.length} chars)` : v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    const text = safeJson(v);
    return text.length <= SHORT ? text : `${v.length} items`;
  }
  const o = v as Record<string, unknown>;
  const text = safeJson(o);
  if (text.length <= SHORT) return text;
  const keys = Object.keys(o);
  return `${keys.length} keys: ${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', …' : ''}`;
}

function safeJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    typeof x === 'bigint'
      ? x.toString()
      : typeof x === 'number' && !Number.isFinite(x)
        ? String(x)
        : x,
  );
}

export function traceFacts(metadata: Record<string, unknown>): TraceFacts {
  return {
    distributed: distributedFacts(metadata),
    devices: deviceFacts(metadata),
    entries: Object.entries(metadata).map(([key, v]) => ({ key, summary: summarizeValue(v) })),
  };
}

/** Largest JSON text of one key that `summarize` copies whole (larger ones are summarised). */
const MAX_SUMMARY_VALUE_CHARS = 4096;

/**
 * `summarize`'s `trace.metadata`: every top-level key, its value when its JSON is at most 4 KiB
 * (else the one-line summary), plus `rank` / `worldSize` / `backend` / `devices` when known.
 */
export function metadataSummary(metadata: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(metadata)) {
    const text = safeJson(v);
    values[k] = text.length <= MAX_SUMMARY_VALUE_CHARS ? JSON.parse(text) : summarizeValue(v);
  }
  const dist = distributedFacts(metadata);
  return {
    keys: Object.keys(metadata),
    rank: dist?.rank ?? null,
    worldSize: dist?.worldSize ?? null,
    backend: dist?.backend ?? null,
    devices: deviceFacts(metadata),
    values,
  };
}
