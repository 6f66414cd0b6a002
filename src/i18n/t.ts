/**
 * `t('<namespace>:<key>', params)` for component code: the app's i18next instance. Components re-render
 * on a language switch because the shell subscribes (useTranslation in App's Shell) and renders
 * the whole tree below it. Where a file already uses `t` for something else, import it `as tr`.
 */
import type { TOptions } from 'i18next';
import { i18n, initI18n } from './index';

export function t(key: string, options: TOptions = {}): string {
  // Code run outside the app (unit tests, benches) reads English without setting anything up.
  if (!i18n.isInitialized) initI18n({ lang: 'en' });
  return i18n.t(key, options);
}
