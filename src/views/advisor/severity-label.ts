/** A finding's severity in the interface language. */
import { t } from '../../i18n/t';
import type { Finding } from '../../model/advisor/types';

export function severityLabel(s: Finding['severity']): string {
  switch (s) {
    case 'high':
      return t('advisor:sev_high');
    case 'medium':
      return t('advisor:sev_medium');
    case 'low':
      return t('advisor:sev_low');
    case 'ok':
      return t('advisor:sev_ok');
    case 'not-checked':
      return t('advisor:sev_not_checked');
  }
}
