/**
 * Words the readers' detail sentences share (lib/message.ts `detail`): a number parser's problem
 * code as a message, so the interface says it in its language; unknown codes stay as written.
 */
import { msg, type Message, type MessageParam } from '../lib/message';

/** lib/exact-time `parseDecimalUs` / the event parser's time problems. */
const TIME_PROBLEMS: Record<string, Message> = {
  syntax: msg('reader:time_syntax'),
  range: msg('reader:time_range'),
  nan: msg('reader:time_nan'),
  infinite: msg('reader:time_infinite'),
  empty: msg('reader:time_empty'),
};

export function timeProblem(code: string): MessageParam {
  const m = TIME_PROBLEMS[code];
  return m ? { msg: m } : code;
}
