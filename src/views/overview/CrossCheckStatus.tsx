/**
 * The status of the cross-view checks on the Overview (computed at import, see
 * model/analysis/invariants.ts): one line when they pass, a warning naming the failed checks
 * with a link to the Import report, which lists them with an example each.
 */
import { t } from '../../i18n/t';
import { checkInvariantsCached } from '../../model/analysis/invariants';
import type { ProfileModel } from '../../model/profile';
import { useAppStoreApi } from '../../store/use-app-store';

export function CrossCheckStatus({ profile }: { profile: ProfileModel }) {
  const store = useAppStoreApi();
  const fails = checkInvariantsCached(profile);
  const open = () => store.getState().setTab('report');
  if (fails === null) return null; // still being made (they follow the import's hand-over)
  if (fails.length === 0) {
    return (
      <p className="muted small" data-testid="overview-cross-checks" data-status="passed">
        {t('overview:cross_view_checks_passed')}{' '}
        <button type="button" className="link" onClick={open}>
          {t('overview:what_is_checked')}
        </button>
      </p>
    );
  }
  return (
    <p className="recon bad" role="alert" data-testid="overview-cross-checks" data-status="failed">
      {t('overview:cross_view_checks_failed', {
        count: fails.length,
        codes: fails.map((w) => w.code).join(', '),
      })}{' '}
      <button type="button" className="link" onClick={open}>
        {t('overview:see_the_import_report')}
      </button>
    </p>
  );
}
