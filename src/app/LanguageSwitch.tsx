/** The interface language picker in the top bar; the choice is remembered (localStorage). */
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n';
import {
  LANGUAGES,
  LANGUAGE_NAMES,
  LANGUAGE_SHORT,
  matchLanguage,
  type Language,
} from '../i18n/languages';
import { t } from '../i18n/t';

export function LanguageSwitch() {
  const { i18n } = useTranslation();
  const lang = matchLanguage(i18n.language) ?? 'en';
  return (
    <select
      className="lang-select"
      data-testid="language-select"
      aria-label={t('app:language')}
      title={`${t('app:language')}: ${LANGUAGE_NAMES[lang]}`}
      value={lang}
      onChange={(e) => setLanguage(e.currentTarget.value as Language)}
    >
      {LANGUAGES.map((l) => (
        <option key={l} value={l} lang={l} title={LANGUAGE_NAMES[l]}>
          {LANGUAGE_SHORT[l]}
        </option>
      ))}
    </select>
  );
}
