/**
 * Streaming, byte-level scanner for Chrome trace-event JSON (array or object form).
 *
 * Reads UTF-8 bytes chunk by chunk and hands each event to a handler as a reused RawEvent with
 * interned ids and exact times: it never builds a string of the file, and its memory is one
 * partial event carried between chunks. Tolerates what real producers write: a UTF-8 BOM, an
 * unterminated array, trailing commas, `{}` events, NaN/Infinity in args, raw control
 * characters, invalid UTF-8. Top-level keys other than `traceEvents` are handed over as metadata
 * (values above 1 MiB are summarised, not kept). Syntax errors inside the events array are
 * reported with their byte offset, and scanning resumes at the next event.
 *
 * Memory and time stay linear on hostile input: a value that does not fit the buffered chunks is
 * re-scanned only after the buffer has doubled, and one larger than `maxEventBytes` (an event,
 * skipped with a warning whatever the chunking) or MAX_METADATA_BYTES (a top-level value, which
 * is not kept anyway) is skipped as it streams by instead of being buffered.
 *
 * Each event object is parsed by EventParser (event-parser.ts); this module is the state machine
 * around it: the top level, the object form's keys, resync after errors, oversized values.
 *
 * Parallel use: a scanner can start inside the events array at any event boundary
 * (`startInArray`) and stop at the first event starting at or after `stopAt`; the caller checks
 * that neighbouring ranges meet exactly (see parallel-scan.ts).
 */
import { concatBytes } from '../../lib/bytes';
import type { ByteInterner } from './byte-interner';
import { EventParser } from './event-parser';
import {
  INCOMPLETE,
  SYNTAX,
  decodeJsonString,
  parseJsonBytes,
  scanString,
  skipValue,
  skipWs,
  type JsonValue,
} from '../../lib/json-bytes';
import type { Detail } from '../../lib/message';
import type { RawEvent } from './raw-event';
import { ValueSkipper } from './value-skipper';
import { WasmEventBatch } from './wasm-scan';
import { SCAN, TraceFormatError } from './scan-details';

export interface ScanHandler {
  /** One event; `buf` holds its bytes at `ev.offset - bufBase` for the duration of the call. */
  event(ev: RawEvent, buf: Uint8Array, bufBase: number): void;
  /** A top-level key of the object form (other than traceEvents). */
  metadata(key: string, value: JsonValue | undefined, bytes: number): void;
  warn(code: string, example: string | Detail): void;
}

export interface ScanOptions {
  /** Start between events inside the events array (parallel ranges after the first). */
  startInArray?: boolean;
  /** With startInArray: whether the container is the object form. */
  objectForm?: boolean;
  /** Absolute offset of the first byte pushed. */
  baseOffset?: number;
  /** Stop before the first event that starts at or after this absolute offset. */
  stopAt?: number;
  /** Largest event kept (default MAX_BUFFERED_EVENT); larger ones are skipped with a warning. */
  maxEventBytes?: number;
  /**
   * Parse common-shape events with the WebAssembly fast path (wasm-scan.ts; default true). False
   * forces the JS parser; both give the same events. Without WebAssembly the JS parser runs.
   */
  wasm?: boolean;
}

export type ScanState = 'start' | 'array' | 'top-object' | 'done' | 'resync' | 'skip';

/** Where a scan ended, for error messages and for stitching parallel ranges. */
export interface ScanEnd {
  state: ScanState;
  /** Absolute offset of the first event not scanned because of stopAt, or -1. */
  stoppedAt: number;
  /** Bytes consumed. */
  bytes: number;
  objectForm: boolean;
  sawEventsArray: boolean;
  /** The stream ended inside an event or value (truncated file). */
  truncated: boolean;
  /** Whether the events array was closed with `]`. */
  arrayClosed: boolean;
}

const MAX_METADATA_BYTES = 1 << 20;
/** An event (or array element) larger than this is skipped with a warning (64 MiB). */
export const MAX_BUFFERED_EVENT = 64 << 20;
/** A partial value smaller than this is always re-scanned with the next chunk. */
const MIN_BATCH = 1 << 20;

/** A value being skipped as it streams by (see ValueSkipper). */
interface Skipping {
  skipper: ValueSkipper;
  /** Absolute offset of the value's first byte. */
  from: number;
  /** Top-level key whose value this is; null for an element of the events array. */
  key: string | null;
  /** State to return to once the value ends. */
  then: ScanState;
}

export class TraceEventScanner {
  private state: ScanState;
  private objectForm: boolean;
  private carry: Uint8Array | null = null;
  private carryBase = 0;
  /** Chunks held back until the buffer has doubled (a value longer than the chunks). */
  private held: Uint8Array[] = [];
  private heldBytes = 0;
  private skipping: Skipping | null = null;
  private base: number;
  private readonly stopAt: number;
  private readonly maxEvent: number;
  private stoppedAt = -1;
  private sawEventsArray: boolean;
  private arrayClosed = false;
  private truncated = false;
  private readonly parser: EventParser;
  private bomChecked = false;
  private trailingWarned = false;
  /** See findNextEvent. */
  private undecided = -1;
  /** Null when off, unavailable, or given up (its memory could not grow): the JS parser alone. */
  private fast: WasmEventBatch | null;
  /** The fast path's event count when it gave up (-1: it never ran). */
  private fastGivenUp = -1;
  /** The `{` where the fast path stopped: EventParser reads that event. */
  private jsAt = -1;

  constructor(
    private readonly handler: ScanHandler,
    strings: ByteInterner,
    opts: ScanOptions = {},
  ) {
    this.parser = new EventParser(strings);
    this.fast = opts.wasm === false ? null : WasmEventBatch.create(strings);
    this.state = opts.startInArray ? 'array' : 'start';
    this.objectForm = opts.objectForm ?? false;
    this.sawEventsArray = opts.startInArray ?? false;
    this.base = opts.baseOffset ?? 0;
    this.stopAt = opts.stopAt ?? Infinity;
    this.maxEvent = opts.maxEventBytes ?? MAX_BUFFERED_EVENT;
    if (opts.startInArray) this.bomChecked = true;
  }

  /** Events parsed by the WebAssembly fast path so far (-1 when it is off or unavailable). */
  get fastEvents(): number {
    return this.fast ? this.fast.events : this.fastGivenUp;
  }

  /** Feeds the next chunk. Returns false once the scanner has stopped (stopAt reached). */
  push(chunk: Uint8Array): boolean {
    if (this.stoppedAt >= 0) return false;
    const carried = this.carry?.length ?? 0;
    if (carried >= MIN_BATCH && carried + this.heldBytes + chunk.length < 2 * carried) {
      // A long partial value: scanning it again now would be quadratic; wait for more.
      this.held.push(chunk.slice());
      this.heldBytes += chunk.length;
      this.base += chunk.length;
      return true;
    }
    let buf = chunk;
    let bufBase = this.base;
    // One copy into the WebAssembly memory, which is then the buffer both parsers read.
    const placed = this.fast?.place(this.carry ? [this.carry, ...this.held, chunk] : [chunk]);
    if (placed === null) {
      // Its memory cannot grow: the JS parser from here on.
      this.fastGivenUp = this.fast!.events;
      this.fast = null;
    }
    if (placed) {
      buf = placed;
      if (this.carry) bufBase = this.carryBase;
      this.carry = null;
      this.held = [];
      this.heldBytes = 0;
    } else if (this.carry) {
      buf = this.takeBuffered(chunk);
      bufBase = this.carryBase;
    }
    this.base += chunk.length;
    const used = this.run(buf, bufBase, false);
    if (used < buf.length && this.stoppedAt < 0) {
      this.carry = buf.slice(used);
      this.carryBase = bufBase + used;
    }
    return this.stoppedAt < 0;
  }

  /** The carried bytes, the held chunks and `chunk` as one buffer; clears the carry. */
  private takeBuffered(chunk: Uint8Array | null): Uint8Array {
    const parts = [this.carry!, ...this.held];
    if (chunk) parts.push(chunk);
    const buf = concatBytes(parts);
    this.carry = null;
    this.held = [];
    this.heldBytes = 0;
    return buf;
  }

  /** Ends the stream; reports truncation and what state the scan ended in. */
  end(): ScanEnd {
    if (this.carry && this.stoppedAt < 0) {
      const buf = this.takeBuffered(null);
      const used = this.run(buf, this.carryBase, true);
      if (used < buf.length && skipWs(buf, used, buf.length) < buf.length) {
        this.truncated = true;
        this.handler.warn(
          'truncated',
          SCAN.truncatedInCarry(this.carryBase + used, buf.length - used),
        );
      }
      this.carry = null;
    }
    if (this.stoppedAt < 0) {
      const sk = this.skipping;
      if (this.state === 'skip' && sk) {
        this.truncated = true;
        this.handler.warn('truncated', SCAN.truncatedInSkip(sk.key, sk.from, sk.skipper.bytes));
      } else if (this.state === 'start') this.handler.warn('empty', SCAN.noJsonValue());
      else if (this.state === 'array' && !this.arrayClosed && this.sawEventsArray) {
        if (this.objectForm) {
          this.truncated = true;
          this.handler.warn('truncated', SCAN.endsInTraceEvents());
        } else this.handler.warn('unterminated_array', SCAN.noClosingBracket());
      } else if (this.state === 'top-object') {
        this.truncated = true;
        this.handler.warn('truncated', SCAN.noClosingBrace());
      }
    }
    return {
      state: this.state,
      stoppedAt: this.stoppedAt,
      bytes: this.base,
      objectForm: this.objectForm,
      sawEventsArray: this.sawEventsArray,
      truncated: this.truncated,
      arrayClosed: this.arrayClosed,
    };
  }

  /** Scans as much of buf as possible; returns the count of bytes consumed. */
  private run(buf: Uint8Array, bufBase: number, atEof: boolean): number {
    const end = buf.length;
    let i = 0;
    this.jsAt = -1;
    if (!this.bomChecked) {
      if (end < 3 && !atEof) return 0;
      this.bomChecked = true;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) i = 3;
    }
    for (;;) {
      if (this.state === 'skip') {
        const sk = this.skipping!;
        const e = sk.skipper.feed(buf, i, end);
        if (e < 0) return end;
        this.endSkip(sk);
        i = e;
      }
      i = skipWs(buf, i, end);
      if (i >= end) return i;
      const c = buf[i]!;
      switch (this.state) {
        case 'start':
          if (c === 91) {
            this.state = 'array';
            this.sawEventsArray = true;
            i++;
          } else if (c === 123) {
            this.state = 'top-object';
            this.objectForm = true;
            i++;
          } else {
            throw new TraceFormatError(SCAN.notJsonTrace(bufBase + i, c), bufBase + i);
          }
          break;
        case 'array': {
          if (c === 44) {
            i++;
            break;
          }
          if (c === 93) {
            this.arrayClosed = true;
            this.state = this.objectForm ? 'top-object' : 'done';
            i++;
            break;
          }
          if (bufBase + i >= this.stopAt) {
            this.stoppedAt = bufBase + i;
            return i;
          }
          if (c !== 123) {
            const e = skipValue(buf, i, end);
            if (e === INCOMPLETE && end - i > this.maxEvent) {
              i = this.startSkip(buf, i, end, bufBase, null, 'array');
              break;
            }
            if (e === INCOMPLETE) return atEof ? end : i;
            if (e === SYNTAX) {
              this.syntaxError(bufBase + i, SCAN.unexpectedData());
              this.state = 'resync';
              i++;
              break;
            }
            this.handler.warn('non_object_event', SCAN.nonObjectElement(bufBase + i));
            i = e;
            break;
          }
          const parser = this.parser;
          if (this.fast && i !== this.jsAt) {
            i = this.jsAt = this.fast.run(
              buf,
              i,
              end,
              bufBase,
              this.stopAt,
              this.maxEvent,
              parser.ev,
              this.handler,
            );
            break;
          }
          const e = parser.parse(buf, i, end, bufBase);
          if (e === INCOMPLETE && end - i > this.maxEvent) {
            i = this.startSkip(buf, i, end, bufBase, null, 'array');
            break;
          }
          if (e === INCOMPLETE) return i;
          if (e - i > this.maxEvent) {
            // Complete but too large: skipped too, so the result does not depend on chunking.
            this.tooLarge(bufBase + i, e - i);
            i = e;
            break;
          }
          if (e === SYNTAX) {
            this.handler.warn(
              'syntax_error',
              SCAN.malformedEvent(bufBase + i, parser.error.what, parser.error.at),
            );
            this.state = 'resync';
            i++;
            break;
          }
          this.handler.event(parser.ev, buf, bufBase);
          i = e;
          break;
        }
        case 'top-object': {
          if (c === 44) {
            i++;
            break;
          }
          if (c === 125) {
            this.state = 'done';
            i++;
            break;
          }
          if (c !== 34) {
            this.syntaxError(bufBase + i, SCAN.topKey());
            this.giveUp();
            return end;
          }
          const ke = scanString(buf, i, end);
          if (ke < 0) return i;
          const key = decodeJsonString(buf, i + 1, ke - 1);
          let j = skipWs(buf, ke, end);
          if (j >= end) return i;
          if (buf[j] !== 58) {
            this.syntaxError(bufBase + j, SCAN.topColon());
            this.giveUp();
            return end;
          }
          j = skipWs(buf, j + 1, end);
          if (j >= end) return i;
          if (key === 'traceEvents' && buf[j] === 91) {
            this.state = 'array';
            this.sawEventsArray = true;
            this.arrayClosed = false;
            i = j + 1;
            break;
          }
          const ve = skipValue(buf, j, end);
          if (ve === INCOMPLETE && end - j > MAX_METADATA_BYTES) {
            i = this.startSkip(buf, j, end, bufBase, key, 'top-object');
            break;
          }
          if (ve === INCOMPLETE) return i;
          if (ve === SYNTAX) {
            this.syntaxError(bufBase + j, SCAN.topValue(key));
            this.giveUp();
            return end;
          }
          this.topLevel(key, buf, j, ve, bufBase);
          i = ve;
          break;
        }
        case 'resync': {
          const j = this.findNextEvent(buf, i, end, atEof);
          if (j < 0) return atEof || this.undecided < 0 ? end : this.undecided;
          i = j;
          break;
        }
        case 'done':
          if (!this.trailingWarned) {
            this.trailingWarned = true;
            this.handler.warn('trailing_data', SCAN.trailingData(bufBase + i));
          }
          return end;
      }
    }
  }

  /** Starts skipping the value at buf[i] as it streams by; returns where scanning goes on. */
  private startSkip(
    buf: Uint8Array,
    i: number,
    end: number,
    bufBase: number,
    key: string | null,
    then: ScanState,
  ): number {
    const sk: Skipping = { skipper: new ValueSkipper(), from: bufBase + i, key, then };
    const e = sk.skipper.feed(buf, i, end);
    if (e >= 0) {
      this.endSkip(sk);
      return e;
    }
    this.skipping = sk;
    this.state = 'skip';
    return end;
  }

  private endSkip(sk: Skipping): void {
    this.skipping = null;
    this.state = sk.then;
    if (sk.key !== null) this.handler.metadata(sk.key, undefined, sk.skipper.bytes);
    else this.tooLarge(sk.from, sk.skipper.bytes);
  }

  private tooLarge(offset: number, bytes: number): void {
    this.handler.warn('event_too_large', SCAN.eventTooLarge(offset, bytes, this.maxEvent));
  }

  private topLevel(key: string, buf: Uint8Array, s: number, e: number, bufBase: number): void {
    const size = e - s;
    if (size > MAX_METADATA_BYTES) {
      this.handler.metadata(key, undefined, size);
      return;
    }
    try {
      this.handler.metadata(key, parseJsonBytes(buf, s, e), size);
    } catch {
      this.handler.warn('bad_metadata', SCAN.badMetadata(key, bufBase + s));
    }
  }

  /** A top-level syntax error: nothing after it is read (nor reported again as trailing data). */
  private giveUp(): void {
    this.state = 'done';
    this.trailingWarned = true;
  }

  private syntaxError(offset: number, what: Detail): void {
    this.handler.warn('syntax_error', SCAN.syntaxAt(what, offset));
  }

  /**
   * After an error, finds where scanning can resume: the `{` of the next `,{"` / `,{}` event
   * boundary (state → array), or the closing `]` of the events array (followed by the end of the
   * input, or in the object form by `}` or `,`). -1 when not in this buffer; then `undecided` is
   * the first candidate that the buffer ends too early to judge (-1 if none), where the next
   * chunk must resume so that the result does not depend on chunk boundaries.
   */
  private findNextEvent(buf: Uint8Array, i: number, end: number, atEof: boolean): number {
    this.undecided = -1;
    for (; i < end; i++) {
      const c = buf[i]!;
      if (c === 93) {
        const j = skipWs(buf, i + 1, end);
        if (j >= end && !atEof) {
          if (this.undecided < 0) this.undecided = i;
        } else if (j >= end || (this.objectForm && (buf[j] === 125 || buf[j] === 44))) {
          this.state = 'array';
          return i;
        }
      }
      if (c !== 44) continue;
      const j = skipWs(buf, i + 1, end);
      const k = j < end && buf[j] === 123 ? skipWs(buf, j + 1, end) : -1;
      if (j >= end || (k >= end && !atEof)) {
        if (this.undecided < 0) this.undecided = i;
      } else if (k >= 0 && k < end && (buf[k] === 34 || buf[k] === 125)) {
        this.state = 'array';
        return j;
      }
    }
    return -1;
  }
}
