/**
 * A message for the interface, made where there is no language: the model and the import code
 * (pure, worker-safe) say what to show as an id (`'<namespace>:<key>'` of src/i18n/locales) and
 * its parameters; the views render it in the interface language (src/i18n/message.ts), numbers,
 * durations and percentages formatted there for the locale. The English text the headless
 * outputs print is kept beside it, unchanged.
 */
export type MessageParam =
  | string
  | number
  /** A duration, ns. */
  | { ns: number }
  /** A share, 0..1, shown as a percentage. */
  | { ratio: number }
  /** Another message, rendered in place (a cause, a "needs" clause). */
  | { msg: Message }
  /** Several messages (or data strings), joined by the language's list separator. */
  | { list: readonly (Message | string)[]; sep?: 'comma' | 'semicolon' };

export type MessageParams = Readonly<Record<string, MessageParam>>;

export interface Message {
  /** `'<namespace>:<key>'`; plural keys take their form from the `count` parameter. */
  id: string;
  params?: MessageParams;
}

/** A message: `msg('findings:gc_title', { count: n, total: { ns: t } })`. */
export function msg(id: string, params?: MessageParams): Message {
  return params ? { id, params } : { id };
}

/**
 * A reader's detail sentence (a warning's example, a failure's reason): the English the headless
 * outputs print, byte for byte, and the same sentence as a message for the interface. Data in it
 * (names, byte offsets, file paths) travel as string parameters, written as in the data.
 */
export interface Detail {
  text: string;
  msg: Message;
}

export function detail(text: string, m: Message): Detail {
  return { text, msg: m };
}

export const detailText = (d: string | Detail): string => (typeof d === 'string' ? d : d.text);
export const detailMsg = (d: string | Detail): Message | undefined =>
  typeof d === 'string' ? undefined : d.msg;

/** An error whose English message has a message for the interface beside it. */
export class MessageError extends Error {
  constructor(
    readonly detail: Detail,
    options?: { cause?: unknown },
  ) {
    super(detail.text, options);
  }
}

/**
 * The interface message of an error, when it or one of its causes is a MessageError whose text is
 * the error's own (an error re-thrown with the same text keeps its message; one that adds words
 * does not, and shows as written).
 */
export function errorMessageOf(e: unknown): Message | undefined {
  const text = e instanceof Error ? e.message : undefined;
  for (let c: unknown = e, i = 0; c instanceof Error && i < 8; c = c.cause, i++)
    if (c instanceof MessageError && c.message === text) return c.detail.msg;
  return undefined;
}
