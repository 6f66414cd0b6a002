/**
 * The cross-view checks (model/analysis/invariants.ts) in the Import report: a visible warning
 * when a figure of one view contradicts another (a kernel total that differs from its slices, an
 * operator longer than all kernel time, a step busier than its length…), a one-line all-clear
 * otherwise.
 */
import { t } from '../../i18n/t';
import { messageOr } from '../../i18n/message';
import { useMemo } from 'react';
import { warningText } from './warning-text';
import { formatCount } from '../../lib/format';
import { checkInvariantsCached } from '../../model/analysis/invariants';
import type { ProfileModel } from '../../model/profile';

export function CrossChecks({ profile }: { profile: ProfileModel }) {
  const fails = useMemo(() => checkInvariantsCached(profile), [profile]);
  if (fails === null) return null; // still being made (they follow the import's hand-over)
  if (fails.length === 0) {
    return (
      <p className="muted small" data-testid="cross-checks">
        {t('report:cross_view_checks_passed_kernel_totals')}
      </p>
    );
  }
  return (
    <section className="recon bad" role="alert" data-testid="cross-checks">
      <strong>
        ⚠ {t('report:checks_failed', { count: fails.length })}{' '}
        {t('report:failed_some_figures_of_this_profile')}
      </strong>
      <table className="grid">
        <tbody>
          {fails.map((w) => (
            <tr key={w.code}>
              <td>
                <code>{w.code}</code>
                <div className="muted">{warningText(w.code)}</div>
              </td>
              <td className="num">×{formatCount(w.count)}</td>
              <td>{messageOr(w.exampleMsg, w.example)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
