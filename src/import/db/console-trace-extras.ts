/**
 * SQL console additions for trace fidelity (issue 21):
 *
 *   args(slice_id, key, name, type, value, display_value)
 *       a view: one row per leaf of each slice's args (json_tree over `slice.args`, decoded on
 *       demand by SQLite). key: path such as `input_dims[0]` or `"10"`; type: integer | real |
 *       text | true | false | null; value: the SQLite value; display_value: as TEXT.
 *   trace_metadata(key, value, type)
 *       the trace file's top-level keys other than traceEvents (`metadata`, `otherData`,
 *       `deviceProperties`, `distributedInfo`, `displayTimeUnit`, `stackFrames`…), one row per
 *       leaf (`distributedInfo.rank`, `deviceProperties[0].name`); a key with more than
 *       MAX_LEAVES leaves (a large `stackFrames`) is one row holding its JSON text.
 */
import type { ArgsStore } from '../../model/trace-model';
import { arenaBytes, argsRows, argsToJson, decodeArgs } from '../trace/args-read';
import type { ConsoleColumn, ConsoleTableDoc } from './console-schema';
import type { Database } from './sql-loader';

const c = (name: string, type: ConsoleColumn['type'], doc = ''): ConsoleColumn => ({
  name,
  type,
  doc,
});

export const ARGS_VIEW: ConsoleTableDoc = {
  name: 'args',
  doc: 'every slice arg as one row per leaf (a view over slice.args)',
  columns: [
    c('slice_id', 'INTEGER', '→ slice.id'),
    c('key', 'TEXT', 'path: name, a.b, a[0]'),
    c('name', 'TEXT', 'last key of the path (or array index)'),
    c('type', 'TEXT', 'integer | real | text | true | false | null'),
    c('value', 'TEXT', 'the value (INTEGER / REAL / TEXT as stored)'),
    c('display_value', 'TEXT', 'the value as text'),
  ],
};

export const TRACE_METADATA_TABLE: ConsoleTableDoc = {
  name: 'trace_metadata',
  doc: "the trace's top-level keys (distributedInfo, deviceProperties, otherData, …), one row per leaf",
  columns: [
    c('key', 'TEXT', 'path: distributedInfo.rank, deviceProperties[0].name'),
    c('value', 'TEXT', 'scalar value, or JSON text for a large key'),
    c('type', 'TEXT', 'integer | real | text | boolean | null | json'),
  ],
};

/** `value` has no declared type, so numbers stay numbers and text stays text. */
export const TRACE_METADATA_SQL = 'CREATE TABLE trace_metadata (key TEXT, value, type TEXT)';

export const ARGS_VIEW_SQL =
  // json_tree quotes path parts that are not plain identifiers ($."correlation_id"); the key is
  // shown as Perfetto shows it, without the quotes.
  "CREATE VIEW args AS SELECT s.id AS slice_id, replace(substr(j.fullkey, 3), '\"', '') AS key, " +
  'CAST(j.key AS TEXT) AS name, j.type AS type, j.atom AS value, CAST(j.atom AS TEXT) AS display_value ' +
  "FROM slice s, json_tree(s.args) j WHERE s.args IS NOT NULL AND j.type NOT IN ('object', 'array')";

/** JSON text of an args row with the rows merged into it (null when absent or not in memory). */
export function argsJsonText(store: ArgsStore, row: number): string | null {
  if (row < 0) return null;
  const rows = argsRows(store, row);
  const parts: Uint8Array[] = [];
  for (const r of rows) {
    const b = arenaBytes(store, r);
    if (!b) return null;
    parts.push(b);
  }
  if (parts.length === 1) {
    // Fast path: valid strict JSON is kept as written (key order, exact big integers).
    const text = decoder.decode(parts[0]);
    try {
      JSON.parse(text);
      return text;
    } catch {
      // NaN / Infinity / raw control characters: normalised below.
    }
  }
  return argsToJson(decodeArgs(parts));
}

const decoder = new TextDecoder();

/** Leaves per top-level key beyond which the key is stored as one JSON row. */
export const MAX_LEAVES = 2000;

type MetaRow = [key: string, value: string | number | null, type: string];

/** Rows of `trace_metadata` for a trace's top-level keys. */
export function traceMetadataRows(metadata: Record<string, unknown>): MetaRow[] {
  const out: MetaRow[] = [];
  for (const [key, value] of Object.entries(metadata)) {
    const leaves: MetaRow[] = [];
    if (!flatten(key, value, leaves)) out.push([key, stringify(value), 'json']);
    else out.push(...leaves);
  }
  return out;
}

function flatten(path: string, v: unknown, out: MetaRow[]): boolean {
  if (out.length > MAX_LEAVES) return false;
  if (v === null || v === undefined) out.push([path, null, 'null']);
  else if (typeof v === 'bigint') out.push([path, v.toString(), 'integer']);
  else if (typeof v === 'number')
    out.push([path, Number.isFinite(v) ? v : String(v), Number.isInteger(v) ? 'integer' : 'real']);
  else if (typeof v === 'string') out.push([path, v, 'text']);
  else if (typeof v === 'boolean') out.push([path, v ? 'true' : 'false', 'boolean']);
  else if (Array.isArray(v)) {
    if (v.length === 0) out.push([path, '[]', 'json']);
    for (let i = 0; i < v.length; i++) if (!flatten(`${path}[${i}]`, v[i], out)) return false;
  } else if (typeof v === 'object') {
    const entries = Object.entries(v);
    if (entries.length === 0) out.push([path, '{}', 'json']);
    for (const [k, x] of entries) if (!flatten(`${path}.${k}`, x, out)) return false;
  }
  return out.length <= MAX_LEAVES;
}

function stringify(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    typeof x === 'bigint'
      ? x.toString()
      : typeof x === 'number' && !Number.isFinite(x)
        ? String(x)
        : x,
  );
}

/** Fills `trace_metadata` (the table exists). */
export function loadTraceMetadata(db: Database, metadata: Record<string, unknown>): void {
  const stmt = db.prepare('INSERT INTO trace_metadata (key, value, type) VALUES (?, ?, ?)');
  try {
    for (const r of traceMetadataRows(metadata)) stmt.run(r);
  } finally {
    stmt.free();
  }
}
