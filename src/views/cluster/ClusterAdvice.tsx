/**
 * The cluster rules of the advisor (slow-rank, slow-link; model/advisor/cluster-advice.ts) on the
 * Cluster view: one line per rule with its diagnosis, from the same rank summaries the view draws,
 * and a link to the Advisor where the evidence rows are.
 */
import { t } from '../../i18n/t';
import { messageOr, renderMessage } from '../../i18n/message';
import { severityLabel } from '../advisor/severity-label';
import { useMemo } from 'react';
import { clusterAdvice } from '../../model/advisor/cluster-advice';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store';

export function ClusterAdvice() {
  const store = useAppStoreApi();
  const ranks = useAppStore((s) => s.clusterRanks);
  const over = useAppStore((s) => s.advisorThresholds);
  const findings = useMemo(
    () => (ranks.length > 1 ? clusterAdvice(ranks, null, over) : []),
    [ranks, over],
  );
  if (findings.length === 0) return null;
  return (
    <section className="panel" data-testid="cluster-advice">
      <h2>{t('cluster:advisor')}</h2>
      <ul className="plain">
        {findings.map((f) => (
          <li key={f.rule} data-rule={f.rule} data-severity={f.severity}>
            <code>{f.rule}</code> <strong>{severityLabel(f.severity)}</strong> —{' '}
            {f.severity === 'not-checked'
              ? messageOr(f.needsMsg, f.needs ?? '')
              : renderMessage(f.titleMsg)}
          </li>
        ))}
      </ul>
      <button type="button" className="link" onClick={() => store.getState().setTab('advisor')}>
        {t('cluster:evidence_in_the_advisor')}
      </button>
    </section>
  );
}
