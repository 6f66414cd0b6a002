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
