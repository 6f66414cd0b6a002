/**
 * The per-event half of the trace scanner (trace-scanner.ts): parses one event object of the
 * events array into a reused RawEvent. Only the keys the importer reads are decoded (ph, name,
 * cat, pid, tid, ts, dur, id, id2, bind_id, scope, s, bp, flow_in, flow_out); names and ids are
 * interned straight from the bytes, times are parsed exactly, and `args` is kept as a byte range.
 * Every other value is skipped without being built.
 */
import { parseDecimalUs, parseDecimalUsBytes } from '../../lib/exact-time';
import type { ByteInterner } from './byte-interner';
import {
  INCOMPLETE,
  SYNTAX,
  decodeJsonString,
  parseJsonBytes,
  scanScalar,
  scanString,
  skipValue,
  skipWs,
  stringHadEscape,
} from '../../lib/json-bytes';
import { newRawEvent, resetRawEvent, setStringField, type RawEvent } from './raw-event';
import {
  keyCode,
  K_ARGS,
  K_BIND_ID,
  K_BP,
  K_CAT,
  K_DUR,
  K_FLOW_IN,
  K_FLOW_OUT,
  K_ID,
  K_ID2,
  K_NAME,
  K_PH,
  K_PID,
  K_S,
  K_SCOPE,
  K_TID,
  K_TS,
} from './event-keys';

export class EventParser {
  /** The event last parsed (reused for every event). */
  readonly ev: RawEvent = newRawEvent();

  /** What broke the last malformed event, and where (absolute offset). */
  readonly error = { what: '', at: 0 };

  constructor(private readonly strings: ByteInterner) {}

  /**
   * Parses the event object whose `{` is at buf[i] into `ev` (reset first; its offset is
   * `bufBase + i`). Returns the index after its `}`, INCOMPLETE when buf ends inside it, or
   * SYNTAX (then `error` says what broke and where).
   */
  parse(buf: Uint8Array, i: number, end: number, bufBase: number): number {
    const ev = this.ev;
    const strings = this.strings;
    resetRawEvent(ev, bufBase + i);
    i++;
    for (;;) {
      i = skipWs(buf, i, end);
      if (i >= end) return INCOMPLETE;
      let c = buf[i]!;
      if (c === 125) return i + 1;
      if (c === 44) {
        i++;
        continue;
      }
      if (c !== 34) return this.syntax('expected a quoted key', bufBase + i);
      const ks = i + 1;
      const ke = scanString(buf, i, end);
      if (ke < 0) return INCOMPLETE;
      const klen = ke - 1 - ks;
      i = skipWs(buf, ke, end);
      if (i >= end) return INCOMPLETE;
      if (buf[i] !== 58) return this.syntax('expected ":" after a key', bufBase + i);
      i = skipWs(buf, i + 1, end);
      if (i >= end) return INCOMPLETE;
      c = buf[i]!;
      ev.keys++;
      const key = keyCode(buf, ks, klen);
      let ve: number;
      switch (key) {
        case K_PH:
        case K_BP:
        case K_S: {
          if (c !== 34) {
            ve = skipValue(buf, i, end);
            break;
          }
          ve = scanString(buf, i, end);
          if (ve < 0) break;
          const first = ve - 2 > i ? buf[i + 1]! : 0;
          if (key === K_PH) ev.ph = first;
          else if (key === K_BP) ev.bp = first;
          else ev.s = first;
          break;
        }
        case K_NAME:
        case K_CAT:
        case K_PID:
        case K_TID:
        case K_ID:
        case K_BIND_ID:
        case K_SCOPE: {
          let id = -1;
          if (c === 34) {
            ve = scanString(buf, i, end);
            if (ve < 0) break;
            id = stringHadEscape
              ? strings.intern(decodeJsonString(buf, i + 1, ve - 1))
              : strings.internBytes(buf, i + 1, ve - 1);
          } else if (c === 123 || c === 91) {
            ve = skipValue(buf, i, end);
            if (ve < 0) break;
            id = strings.intern(decodeJsonString(buf, i, ve));
          } else {
            ve = scanScalar(buf, i, end);
            if (ve < 0) break;
            if (!(ve - i === 4 && buf[i] === 110 /* null */)) id = strings.internBytes(buf, i, ve);
          }
          setStringField(ev, key, id);
          break;
        }
        case K_TS:
        case K_DUR: {
          let s = i;
          if (c === 34) {
            ve = scanString(buf, i, end);
            if (ve < 0) break;
            s = i + 1;
            const target = key === K_TS ? ev.ts : ev.dur;
            const err = stringHadEscape
              ? parseDecimalUs(decodeJsonString(buf, s, ve - 1), target) // e.g. "…135.222\t"
              : parseDecimalUsBytes(buf, s, ve - 1, target);
            this.setTime(key, err);
          } else {
            ve = scanScalar(buf, i, end);
            if (ve < 0) break;
            if (ve - i === 4 && buf[i] === 110) break; // null: absent
            const err = parseDecimalUsBytes(buf, s, ve, key === K_TS ? ev.ts : ev.dur);
            this.setTime(key, err);
          }
          break;
        }
        case K_ARGS:
          ve = skipValue(buf, i, end);
          if (ve >= 0) {
            ev.argsStart = bufBase + i;
            ev.argsEnd = bufBase + ve;
          }
          break;
        case K_ID2:
          ve = skipValue(buf, i, end);
          if (ve >= 0 && c === 123) this.parseId2(buf, i, ve);
          break;
        case K_FLOW_IN:
        case K_FLOW_OUT:
          ve = scanScalar(buf, i, end);
          if (ve >= 0) {
            const t = buf[i] === 116; /* true */
            if (key === K_FLOW_IN) ev.flowIn = t;
            else ev.flowOut = t;
          } else if (c === 34 || c === 123) ve = skipValue(buf, i, end);
          break;
        default:
          ve = skipValue(buf, i, end);
      }
      if (ve === SYNTAX) return this.syntax('unreadable value', bufBase + i);
      if (ve < 0) return ve;
      i = ve;
    }
  }

  private syntax(what: string, at: number): number {
    this.error.what = what;
    this.error.at = at;
    return SYNTAX;
  }

  private setTime(key: number, err: string | null): void {
    const ev = this.ev;
    if (key === K_TS) {
      ev.hasTs = err === null;
      ev.tsError = err === 'empty' || err === null ? '' : err;
    } else {
      ev.hasDur = err === null;
      ev.durError = err === 'empty' || err === null ? '' : err;
    }
  }

  private parseId2(buf: Uint8Array, s: number, e: number): void {
    try {
      const v = parseJsonBytes(buf, s, e);
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        const local = v['local'];
        const global = v['global'];
        const val = local ?? global;
        if (typeof val === 'string' || typeof val === 'number' || typeof val === 'bigint') {
          this.ev.id2Local = local !== undefined;
          this.ev.id2 = this.strings.intern(String(val));
        }
      }
    } catch {
      /* malformed id2: ignored like a missing one */
    }
  }
}
