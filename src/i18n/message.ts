/**
 * Renders a model message (lib/message.ts) in the interface language: the id through i18next,
 * each parameter formatted for the locale (durations by formatDuration, shares as a percentage,
 * numbers with grouping, nested messages and lists rendered first). `count` stays a number so
 * that i18next picks the plural form.
 */
import type { TOptions } from 'i18next';
import { formatCount, formatDuration, formatNumber } from '../lib/format';
import type { Message, MessageParam } from '../lib/message';
import { currentLanguage } from './index';
import { t } from './t';

function listSep(sep: 'comma' | 'semicolon' | undefined): string {
  const zh = currentLanguage() === 'zh-CN';
  if (sep === 'semicolon') return zh ? '；' : '; ';
  return zh ? '、' : ', ';
}

function param(p: MessageParam): string {
  if (typeof p === 'string') return p;
  if (typeof p === 'number') return Number.isInteger(p) ? formatCount(p) : formatNumber(p, 2);
  if ('ns' in p) return formatDuration(p.ns);
  if ('ratio' in p) return `${formatNumber(p.ratio * 100, 1)} %`;
  if ('msg' in p) return renderMessage(p.msg);
  return p.list.map((x) => (typeof x === 'string' ? x : renderMessage(x))).join(listSep(p.sep));
}

/** The message in the current language. */
export function renderMessage(m: Message): string {
  const options: TOptions = {};
  for (const [k, v] of Object.entries(m.params ?? {}))
    options[k] = k === 'count' && typeof v === 'number' ? v : param(v);
  return t(m.id, options);
}

/** A message when there is one, else the English text the model wrote beside it. */
export function messageOr(m: Message | undefined, english: string): string {
  return m ? renderMessage(m) : english;
}
