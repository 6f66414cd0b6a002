/**
 * The advisor's inputs as the import worker keeps them between runs: every long list of flat
 * rows (host events, free intervals, kernel rows…) packed into typed columns, unpacked for each
 * `advisor:run` (issue 18: as objects they were ~0.2× a torch_npu trace at 1 GB, kept for as long
 * as the profile is open, next to the page's model). Lossless: a row unpacks to an object with the
 * same keys in the same order and the same values (numbers as float64, so NaN and -0 too; strings;
 * `{ track, index }` slice references or null). A list with any other shape is kept as it is.
 */
import type { AdvisorInputs } from '../../model/advisor/advisor-inputs';

/** Shorter lists are kept as objects (nothing to gain). */
const MIN_ROWS = 256;

type Column =
  | { key: string; kind: 'num'; v: Float64Array }
  | { key: string; kind: 'str'; v: Uint32Array }
  | { key: string; kind: 'ref'; track: Int32Array; index: Int32Array };

interface PackedList {
  packed: true;
  length: number;
  columns: Column[];
}

/** The inputs with their long lists packed (see the module comment). */
export interface PackedInputs {
  inputs: AdvisorInputs;
  /** Path of each packed list: [key] at the top or ['host', class]. */
  lists: { path: string[]; list: PackedList }[];
  strings: string[];
}

type Row = Record<string, unknown>;

const isRef = (v: unknown): boolean => {
  if (v === null) return true;
  if (typeof v !== 'object' || Array.isArray(v)) return false;
  const o = v as Row;
  const keys = Object.keys(o);
  return (
    keys.length === 2 &&
    keys[0] === 'track' &&
    keys[1] === 'index' &&
    Number.isInteger(o['track']) &&
    Number.isInteger(o['index']) &&
    (o['track'] as number) >= 0 &&
    (o['track'] as number) <= 0x7fffffff &&
    Math.abs(o['index'] as number) <= 0x7fffffff
  );
};

function packList(rows: readonly unknown[], intern: (s: string) => number): PackedList | null {
  if (rows.length < MIN_ROWS) return null;
  const first = rows[0];
  if (!first || typeof first !== 'object' || Array.isArray(first)) return null;
  if (Object.getPrototypeOf(first) !== Object.prototype) return null;
  const keys = Object.keys(first);
  const kinds: ('num' | 'str' | 'ref')[] = [];
  for (const k of keys) {
    const v = (first as Row)[k];
    kinds.push(typeof v === 'number' ? 'num' : typeof v === 'string' ? 'str' : 'ref');
  }
  for (const r of rows) {
    if (!r || typeof r !== 'object' || Object.getPrototypeOf(r) !== Object.prototype) return null;
    const rk = Object.keys(r);
    if (rk.length !== keys.length) return null;
    for (let c = 0; c < keys.length; c++) {
      if (rk[c] !== keys[c]) return null;
      const v = (r as Row)[keys[c]!];
      const kind = kinds[c];
      if (
        kind === 'num' ? typeof v !== 'number' : kind === 'str' ? typeof v !== 'string' : !isRef(v)
      )
        return null;
    }
  }
  const n = rows.length;
  const columns: Column[] = keys.map((key, c): Column => {
    const kind = kinds[c]!;
    if (kind === 'num') {
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) v[i] = (rows[i] as Row)[key] as number;
      return { key, kind, v };
    }
    if (kind === 'str') {
      const v = new Uint32Array(n);
      for (let i = 0; i < n; i++) v[i] = intern((rows[i] as Row)[key] as string);
      return { key, kind, v };
    }
    const track = new Int32Array(n);
    const index = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const ref = (rows[i] as Row)[key] as { track: number; index: number } | null;
      track[i] = ref ? ref.track : -1;
      index[i] = ref ? ref.index : 0;
    }
    return { key, kind, track, index };
  });
  return { packed: true, length: n, columns };
}

function unpackList(p: PackedList, strings: readonly string[]): Row[] {
  const out: Row[] = new Array<Row>(p.length);
  for (let i = 0; i < p.length; i++) {
    const r: Row = {};
    for (const c of p.columns) {
      if (c.kind === 'num') r[c.key] = c.v[i];
      else if (c.kind === 'str') r[c.key] = strings[c.v[i]!];
      else r[c.key] = c.track[i]! < 0 ? null : { track: c.track[i], index: c.index[i] };
    }
    out[i] = r;
  }
  return out;
}

/** Packs the long lists of `inp` (the object itself is not changed). */
export function packInputs(inp: AdvisorInputs): PackedInputs {
  const strings: string[] = [];
  const ids = new Map<string, number>();
  const intern = (s: string) => {
    let i = ids.get(s);
    if (i === undefined) ids.set(s, (i = strings.push(s) - 1));
    return i;
  };
  const lists: PackedInputs['lists'] = [];
  const top: Row = { ...inp };
  for (const [key, v] of Object.entries(top)) {
    if (!Array.isArray(v)) continue;
    const list = packList(v, intern);
    if (list) {
      lists.push({ path: [key], list });
      top[key] = [];
    }
  }
  const host: Row = { ...inp.host };
  for (const [cls, v] of Object.entries(host)) {
    const list = packList(v as unknown[], intern);
    if (list) {
      lists.push({ path: ['host', cls], list });
      host[cls] = [];
    }
  }
  top['host'] = host;
  return { inputs: top as unknown as AdvisorInputs, lists, strings };
}

/** The inputs as extracted: every packed list back as its rows. */
export function unpackInputs(p: PackedInputs): AdvisorInputs {
  const top: Row = { ...p.inputs, host: { ...p.inputs.host } };
  for (const { path, list } of p.lists) {
    const rows = unpackList(list, p.strings);
    if (path.length === 1) top[path[0]!] = rows;
    else (top['host'] as Row)[path[1]!] = rows;
  }
  return top as unknown as AdvisorInputs;
}
