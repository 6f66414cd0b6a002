/** A finding's severity and the idle-gap causes in the interface language. */
import { t } from '../../i18n/t';
import type { Finding, IdleCause } from '../../model/advisor/types';

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

/** IDLE_CAUSE_LABELS (model/advisor/types.ts) as messages. */
export function idleCauseLabel(c: IdleCause): string {
  switch (c) {
    case 'host-bound':
      return t('advisor:cause_host_bound');
    case 'launch-gap':
      return t('advisor:cause_launch_gap');
    case 'sync':
      return t('advisor:cause_sync');
    case 'gc':
      return t('advisor:cause_gc');
    case 'dataloader':
      return t('advisor:cause_dataloader');
    case 'memory':
      return t('advisor:cause_memory');
    case 'other':
      return t('advisor:cause_misc');
  }
}
