/**
 * The trace scanner's detail sentences (trace-scanner.ts): each warning example and the fatal
 * error as the English the headless outputs print, byte for byte, with the same sentence as a
 * `reader:*` message for the interface (lib/message.ts `detail`). Byte offsets and counts travel
 * as exact digit strings.
 */
import {
  detail,
  msg,
  MessageError,
  type Detail,
  type Message,
  type MessageParam,
} from '../../lib/message';

/** The input is not a trace at all (wrong first byte): the one fatal scanner error. */
export class TraceFormatError extends MessageError {
  constructor(
    d: Detail,
    readonly offset: number,
  ) {
    super(d);
    this.name = 'TraceFormatError';
  }
}

/** The event parser's syntax problems (event-parser.ts `syntax(what)`), as messages. */
const PARSER_WHAT: Record<string, Message> = {
  'expected a quoted key': msg('reader:syntax_quoted_key'),
  'expected ":" after a key': msg('reader:syntax_colon_after_key'),
  'unreadable value': msg('reader:syntax_unreadable_value'),
};

function parserWhat(what: string): MessageParam {
  const m = PARSER_WHAT[what];
  return m ? { msg: m } : what;
}

const printable = (c: number) => c >= 32 && c < 127;
const hex = (c: number) => c.toString(16).padStart(2, '0');

function describeByte(c: number): string {
  return printable(c) ? `"${String.fromCharCode(c)}"` : `byte 0x${hex(c)}`;
}

export const SCAN = {
  truncatedInCarry: (at: number, bytes: number) =>
    detail(
      `input ends inside an event or value at byte ${at} (${bytes} bytes not read)`,
      msg('reader:truncated_in_event_or_value', { at: String(at), bytes: String(bytes) }),
    ),
  truncatedInSkip: (key: string | null, from: number, bytes: number) =>
    detail(
      `input ends inside ${key === null ? 'an event' : `the value of "${key}"`} that starts at byte ${from} (${bytes} bytes not read)`,
      key === null
        ? msg('reader:truncated_in_event', { at: String(from), bytes: String(bytes) })
        : msg('reader:truncated_in_value', { key, at: String(from), bytes: String(bytes) }),
    ),
  noJsonValue: () => detail('no JSON value found', msg('reader:no_json_value')),
  endsInTraceEvents: () =>
    detail('object-form trace ends inside traceEvents', msg('reader:ends_in_trace_events')),
  noClosingBracket: () =>
    detail('the events array has no closing "]"', msg('reader:no_closing_bracket')),
  noClosingBrace: () =>
    detail('object-form trace has no closing "}"', msg('reader:no_closing_brace')),
  notJsonTrace: (at: number, c: number) =>
    detail(
      `not a JSON trace: expected "[" or "{" at byte ${at}, found ${describeByte(c)}`,
      msg('reader:not_json_trace', {
        at: String(at),
        found: printable(c) ? describeByte(c) : { msg: msg('reader:byte_hex', { hex: hex(c) }) },
      }),
    ),
  unexpectedData: () =>
    detail('unexpected data in the events array', msg('reader:syntax_unexpected_data')),
  nonObjectElement: (at: number) =>
    detail(
      `non-object element at byte ${at}`,
      msg('reader:non_object_element', { at: String(at) }),
    ),
  malformedEvent: (at: number, what: string, whatAt: number) =>
    detail(
      `malformed event at byte ${at}: ${what} at byte ${whatAt}`,
      msg('reader:malformed_event', {
        at: String(at),
        what: parserWhat(what),
        whatAt: String(whatAt),
      }),
    ),
  topKey: () => detail('expected a key in the top-level object', msg('reader:syntax_top_key')),
  topColon: () => detail('expected ":" after a top-level key', msg('reader:syntax_top_colon')),
  topValue: (key: string) =>
    detail(`malformed value of top-level key "${key}"`, msg('reader:syntax_top_value', { key })),
  trailingData: (at: number) =>
    detail(
      `data after the end of the trace at byte ${at}`,
      msg('reader:trailing_data', { at: String(at) }),
    ),
  eventTooLarge: (at: number, bytes: number, max: number) =>
    detail(
      `element of the events array at byte ${at} is ${bytes} bytes (more than ${max}); skipped`,
      msg('reader:event_too_large', { at: String(at), bytes: String(bytes), max: String(max) }),
    ),
  badMetadata: (key: string, at: number) =>
    detail(
      `top-level key "${key}" at byte ${at} is not valid JSON`,
      msg('reader:bad_metadata', { key, at: String(at) }),
    ),
  syntaxAt: (what: Detail, at: number) =>
    detail(
      `${what.text} at byte ${at}`,
      msg('reader:syntax_at', { what: { msg: what.msg }, at: String(at) }),
    ),
};
