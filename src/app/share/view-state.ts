/**
 * The view state a link carries, in the URL fragment (never sent to a server): versioned,
 * compact (deflated JSON, base64url), and validated field by field when read, since a link is
 * untrusted input. What it may carry is listed here and in README's security model: view
 * settings, times, track keys, search text, table settings, profile ids, the source (a same- or
 * allowed-origin URL, or a fingerprint of local files) and small markers. Never file contents.
 */
import { Inflate, deflateSync } from 'fflate';
import type { CompareAlign } from '../../model/compare/align';
import type { Marker, SliceRef } from '../../store/notes-slice';
import { DEFAULT_TRACK_LAYOUT, type TrackLayout } from '../../store/track-layout';
import type { TableViewState } from '../../store/views-slice';
import { VIEW_TABS, type ViewTab } from '../../store/ui-slice';
import type { Fingerprint } from './fingerprint';
import { isObject, sanitizeMarkers, sanitizeSliceRef } from './notes-doc';
import { LANGUAGES, type Language } from '../../i18n/languages';

/**
 * 2: adds the track layout (`lay`; absent = the default layout) and the fingerprints of runs
 * opened alongside (`src.also`). Version 1 links still open: they leave the receiver's own
 * track layout as it is.
 */
export const VIEW_STATE_VERSION = 2;
/** Versions read (older links stay readable). */
const READ_VERSIONS: readonly number[] = [1, 2];
/** Fragment prefix: `#atv1=<base64url>` (the format's name; the version is `v` inside). */
export const FRAGMENT_KEY = 'atv1';
/** Largest decoded state accepted (a fragment inflating past this is refused). */
const MAX_STATE_BYTES = 512 << 10;

/**
 * Where the view's data came from: a `?url=` or the fingerprint of dropped files, and the
 * fingerprints of runs opened beside it ("Compare with…"), in the order they were opened.
 */
export type LinkSource = ({ url: string } | { fp: Fingerprint }) & { also?: Fingerprint[] };

/** Most runs opened alongside that a link names. */
const MAX_ALSO = 4;

/**
 * The timeline's track layout (store/track-layout.ts), compact: `m` 'kind' when ranks are side
 * by side by track kind, `h` hidden process kinds and tracks (`kind/title`), `o` the process
 * kinds' order. Absent fields are the default (by rank, nothing hidden, own order).
 */
export interface LinkTrackLayout {
  m?: 'kind';
  h?: string[];
  o?: string[];
}

export interface ViewState {
  v: 1 | typeof VIEW_STATE_VERSION;
  tab?: ViewTab;
  /** Active profile id. */
  profile?: string;
  /** Visible window, ns on the timeline axis. */
  win?: [number, number];
  sel?: SliceRef;
  range?: [number, number];
  /** Collapsed overrides by row key, the default, and whether deep threads start expanded. */
  collapse?: { d: boolean; deep: boolean; o: Record<string, boolean> };
  pins?: string[];
  flowsHidden?: string[];
  search?: { q: string; re: boolean; args: boolean };
  tables?: Record<string, Partial<TableViewState>>;
  /** Ranks opened together on the timeline (profile ids) and manual clock offsets (rank → ns). */
  ranks?: string[];
  offsets?: Record<string, string>;
  src?: LinkSource;
  markers?: Marker[];
  /** The timeline's track filter (tracks not matching it are hidden). */
  tracks?: string;
  /**
   * The compare pair (profile ids) and, when both are on the timeline, their alignment
   * (`tl`: shown on one axis).
   */
  cmp?: { b: string | null; t: string | null; align?: CompareAlign; tl?: boolean };
  /** Interface language ('en' | 'zh-CN'): who opens the link sees what the sender saw. */
  lang?: Language;
  /** The track layout (v2; absent in a v2 state = the default layout). */
  lay?: LinkTrackLayout;
}

// ---------------------------------------------------------------- encoding

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array {
  const b = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) out[i] = b.charCodeAt(i);
  return out;
}

export function encodeViewState(v: ViewState): string {
  const json = new TextEncoder().encode(JSON.stringify(v));
  return `${FRAGMENT_KEY}=${toBase64Url(deflateSync(json, { level: 9 }))}`;
}

/** Reads a fragment (with or without '#'); null when it holds no (readable) view state. */
export function decodeViewState(fragment: string): ViewState | null {
  const m = new RegExp(`(?:^#?|&)${FRAGMENT_KEY}=([A-Za-z0-9_-]+)`).exec(fragment);
  if (!m) return null;
  try {
    const chunks: Uint8Array[] = [];
    let total = 0;
    const inf = new Inflate((c) => {
      total += c.length;
      if (total > MAX_STATE_BYTES) throw new Error('view state too large');
      chunks.push(c);
    });
    inf.push(fromBase64Url(m[1]!), true);
    const all = new Uint8Array(total);
    let o = 0;
    for (const c of chunks) {
      all.set(c, o);
      o += c.length;
    }
    return sanitizeViewState(JSON.parse(new TextDecoder().decode(all)));
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- validation

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const str = (v: unknown, max = 1000): string | undefined =>
  typeof v === 'string' && v.length <= max ? v : undefined;

function span(v: unknown): [number, number] | undefined {
  return Array.isArray(v) && v.length === 2 && num(v[0]) && num(v[1]) && v[1] >= v[0]
    ? [v[0], v[1]]
    : undefined;
}

function strings(v: unknown, maxItems = 2000): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.slice(0, maxItems).filter((x): x is string => typeof x === 'string' && x.length < 1000);
}

function table(v: unknown): Partial<TableViewState> | null {
  if (!isObject(v)) return null;
  const out: Partial<TableViewState> = {};
  const sort = v['sort'];
  if (sort === null) out.sort = null;
  else if (
    isObject(sort) &&
    str(sort['column']) !== undefined &&
    (sort['dir'] === 'asc' || sort['dir'] === 'desc')
  )
    out.sort = { column: sort['column'] as string, dir: sort['dir'] };
  for (const k of ['filter', 'filterColumn', 'groupBy'] as const) {
    const s = str(v[k]);
    if (s !== undefined) out[k] = s;
  }
  if (typeof v['onlyInRange'] === 'boolean') out.onlyInRange = v['onlyInRange'];
  if (Array.isArray(v['focus']))
    out.focus = (v['focus'] as unknown[]).slice(0, 20).flatMap((f) => {
      if (!isObject(f)) return [];
      const column = str(f['column']);
      const value = str(f['value']);
      return column !== undefined && value !== undefined ? [{ column, value }] : [];
    });
  return out;
}

function fingerprint(v: unknown): Fingerprint | undefined {
  if (!isObject(v)) return undefined;
  const id = str(v['id'], 100);
  const name = str(v['name'], 500);
  if (!id || name === undefined || !num(v['n']) || !num(v['bytes'])) return undefined;
  const files = Array.isArray(v['files'])
    ? (v['files'] as unknown[]).slice(0, 64).flatMap((f) => {
        if (!isObject(f)) return [];
        const p = str(f['p']);
        const h = str(f['h'], 100);
        return p !== undefined && h !== undefined && num(f['s']) ? [{ p, s: f['s'], h }] : [];
      })
    : [];
  return { id, name, n: v['n'], bytes: v['bytes'], files };
}

/** The store's track layout as a link carries it; undefined for the default layout. */
export function linkTrackLayout(l: TrackLayout): LinkTrackLayout | undefined {
  const out: LinkTrackLayout = {};
  if (l.mode === 'kind') out.m = 'kind';
  if (l.hidden.length > 0) out.h = [...l.hidden];
  if (l.order.length > 0) out.o = [...l.order];
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A link's track layout for the store (absent: the default layout). */
export function storeTrackLayout(l: LinkTrackLayout | undefined): TrackLayout {
  return {
    ...DEFAULT_TRACK_LAYOUT,
    mode: l?.m === 'kind' ? 'kind' : 'rank',
    hidden: l?.h ?? [],
    order: l?.o ?? [],
  };
}

function trackLayout(v: unknown): LinkTrackLayout | undefined {
  if (!isObject(v)) return undefined;
  const out: LinkTrackLayout = {};
  if (v['m'] === 'kind') out.m = 'kind';
  const h = strings(v['h']);
  if (h && h.length > 0) out.h = h;
  const o = strings(v['o'], 200);
  if (o && o.length > 0) out.o = o;
  return out;
}

/** Keeps the well-formed fields of an untrusted state; null when it is no version read here. */
export function sanitizeViewState(raw: unknown): ViewState | null {
  if (!isObject(raw) || !READ_VERSIONS.includes(raw['v'] as number)) return null;
  const out: ViewState = { v: raw['v'] as ViewState['v'] };
  if (VIEW_TABS.includes(raw['tab'] as ViewTab)) out.tab = raw['tab'] as ViewTab;
  const profile = str(raw['profile']);
  if (profile !== undefined) out.profile = profile;
  const win = span(raw['win']);
  if (win) out.win = win;
  const range = span(raw['range']);
  if (range) out.range = range;
  const sel = sanitizeSliceRef(raw['sel']);
  if (sel) out.sel = sel;
  const c = raw['collapse'];
  if (isObject(c) && isObject(c['o'])) {
    const o: Record<string, boolean> = {};
    for (const [k, b] of Object.entries(c['o']).slice(0, 5000))
      if (typeof b === 'boolean' && k.length < 1000) o[k] = b;
    out.collapse = { d: c['d'] === true, deep: c['deep'] === true, o };
  }
  const pins = strings(raw['pins']);
  if (pins) out.pins = pins;
  const flows = strings(raw['flowsHidden']);
  if (flows) out.flowsHidden = flows;
  const s = raw['search'];
  if (isObject(s) && str(s['q']) !== undefined)
    out.search = { q: s['q'] as string, re: s['re'] === true, args: s['args'] === true };
  if (isObject(raw['tables'])) {
    const tables: Record<string, Partial<TableViewState>> = {};
    for (const [k, t] of Object.entries(raw['tables']).slice(0, 50)) {
      const ok = table(t);
      if (ok && k.length < 100) tables[k] = ok;
    }
    out.tables = tables;
  }
  const ranks = strings(raw['ranks'], 4096);
  if (ranks) out.ranks = ranks;
  if (isObject(raw['offsets'])) {
    const offsets: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw['offsets']).slice(0, 4096))
      if (typeof v === 'string' && /^-?\d{1,30}$/.test(v)) offsets[k] = v;
    out.offsets = offsets;
  }
  const src = raw['src'];
  if (isObject(src)) {
    const url = str(src['url'], 4000);
    const fp = fingerprint(src['fp']);
    const also = Array.isArray(src['also'])
      ? (src['also'] as unknown[]).slice(0, MAX_ALSO).flatMap((f) => fingerprint(f) ?? [])
      : [];
    if (url !== undefined) out.src = { url };
    else if (fp) out.src = { fp };
    if (out.src && also.length > 0) out.src.also = also;
  }
  if (raw['markers'] !== undefined) out.markers = sanitizeMarkers(raw['markers']);
  const tracks = str(raw['tracks']);
  if (tracks) out.tracks = tracks;
  const cmp = raw['cmp'];
  if (isObject(cmp)) {
    const id = (v: unknown) => (v === null ? null : (str(v) ?? null));
    const c: NonNullable<ViewState['cmp']> = { b: id(cmp['b']), t: id(cmp['t']) };
    if (cmp['align'] === 'step' || cmp['align'] === 'start') c.align = cmp['align'];
    if (cmp['tl'] === true) c.tl = true;
    if (c.b !== null || c.t !== null) out.cmp = c;
  }
  if (LANGUAGES.includes(raw['lang'] as Language)) out.lang = raw['lang'] as Language;
  if (out.v >= 2) {
    const lay = trackLayout(raw['lay']);
    if (lay) out.lay = lay;
  }
  return out;
}
