/**
 * What an import warning's code means, in the interface language (locales/<lang>/warnings.json,
 * one message per code the import and the cross-checks emit; src/i18n/model-messages.test.ts
 * keeps the two lists equal). The example beside it is data (a byte offset, a file, a name).
 */
import { i18n } from '../../i18n/index';
import { t } from '../../i18n/t';

export function warningText(code: string): string {
  const id = `warnings:${code}`;
  return i18n.exists(id) ? t(id) : '';
}
