/**
 * `t('namespace:key', params)` for component code: the app's i18next instance. Components re-render
 * on a language switch because the shell subscribes (useTranslation in App's Shell) and renders
 * the whole tree below it.
 */
import type { TOptions } from 'i18next';
import { i18n } from './index';

export function t(key: string, options?: TOptions): string {
  return i18n.t(key, options);
}
