/**
 * The status of the cross-view checks on the Overview (computed at import, see
 * model/analysis/invariants.ts): one line when they pass, a warning naming the failed checks
 * with a link to the Import report, which lists them with an example each.
 */
import { checkInvariantsCached } from '../../model/analysis/invariants';
import type { ProfileModel } from '../../model/profile';
import { useAppStoreApi } from '../../store/use-app-store';

export function CrossCheckStatus({ profile }: { profile: ProfileModel }) {
  const store = useAppStoreApi();
  const fails = checkInvariantsCached(profile);
  const open = () => store.getState().setTab('report');
  if (fails.length === 0) {
    return (
      <p className="muted small" data-testid="overview-cross-checks" data-status="passed">
        ✓ Cross-view checks passed: the figures of every view agree with each other and with the
        trace.{' '}
        <button type="button" className="link" onClick={open}>
          What is checked
        </button>
      </p>
    );
  }
  return (
    <p className="recon bad" role="alert" data-testid="overview-cross-checks" data-status="failed">
      ⚠ {fails.length} cross-view check{fails.length === 1 ? '' : 's'} failed (
      {fails.map((w) => w.code).join(', ')}): some figures of this profile contradict each other.{' '}
      <button type="button" className="link" onClick={open}>
        See the Import report
      </button>
    </p>
  );
}
