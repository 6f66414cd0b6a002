import type { ExactTime } from '../../lib/exact-time';
import { K_BIND_ID, K_CAT, K_ID, K_NAME, K_PID, K_TID } from './event-keys';

/**
 * One event as the scanner saw it: interned ids and exact times, reused for every event (the
 * scanner allocates nothing per event). -1 means "absent" for ids; absolute byte offsets are
 * offsets in the decoded byte stream.
 */
export interface RawEvent {
  /** Absolute offset of the event's `{`. */
  offset: number;
  /** Number of keys seen (0 for `{}`). */
  keys: number;
  /** First byte of `ph` (0 when absent or empty). */
  ph: number;
  name: number;
  cat: number;
  hasTs: boolean;
  /** Why ts could not be read ('' when fine or absent). */
  tsError: string;
  ts: ExactTime;
  hasDur: boolean;
  durError: string;
  /** Duration: `dur.us * 1000 + dur.fracNs` ns. */
  dur: ExactTime;
  pid: number;
  tid: number;
  id: number;
  /** id2 as an interned "local:" / "global:" prefixed id; -1 when absent. */
  id2: number;
  id2Local: boolean;
  scope: number;
  /** First byte of `bp` / `s`. */
  bp: number;
  s: number;
  bindId: number;
  flowIn: boolean;
  flowOut: boolean;
  /** Absolute byte range of the args value, -1 when absent. */
  argsStart: number;
  argsEnd: number;
}

export function newRawEvent(): RawEvent {
  return {
    offset: 0,
    keys: 0,
    ph: 0,
    name: -1,
    cat: -1,
    hasTs: false,
    tsError: '',
    ts: { us: 0, fracNs: 0 },
    hasDur: false,
    durError: '',
    dur: { us: 0, fracNs: 0 },
    pid: -1,
    tid: -1,
    id: -1,
    id2: -1,
    id2Local: false,
    scope: -1,
    bp: 0,
    s: 0,
    bindId: -1,
    flowIn: false,
    flowOut: false,
    argsStart: -1,
    argsEnd: -1,
  };
}

export function resetRawEvent(e: RawEvent, offset: number): void {
  e.offset = offset;
  e.keys = 0;
  e.ph = 0;
  e.name = -1;
  e.cat = -1;
  e.hasTs = false;
  e.tsError = '';
  e.hasDur = false;
  e.durError = '';
  e.pid = -1;
  e.tid = -1;
  e.id = -1;
  e.id2 = -1;
  e.id2Local = false;
  e.scope = -1;
  e.bp = 0;
  e.s = 0;
  e.bindId = -1;
  e.flowIn = false;
  e.flowOut = false;
  e.argsStart = -1;
  e.argsEnd = -1;
}

/**
 * Sets the string field of `ev` that `key` names (an event-keys code: name, cat, pid, tid, id,
 * bind_id or scope; any other code is taken as scope) to the interned id — shared by the JS
 * parser and the WebAssembly path, so both assign the same fields.
 */
export function setStringField(ev: RawEvent, key: number, id: number): void {
  switch (key) {
    case K_NAME:
      ev.name = id;
      break;
    case K_CAT:
      ev.cat = id;
      break;
    case K_PID:
      ev.pid = id;
      break;
    case K_TID:
      ev.tid = id;
      break;
    case K_ID:
      ev.id = id;
      break;
    case K_BIND_ID:
      ev.bindId = id;
      break;
    default:
      ev.scope = id;
  }
}
