/**
 * Advisor: the rules' findings for the active profile, ranked by the time at stake. Each finding
 * opens to its fix and its evidence (rows select the slice or range on the timeline); the
 * idle-cause breakdown per step; the thresholds, editable; the cluster's slow rank and slow link
 * when several ranks are open.
 */
import { severityLabel } from './severity-label';
import { t } from '../../i18n/t';
import { renderMessage } from '../../i18n/message';
import { useMemo, useState } from 'react';
import { formatCount, formatDuration } from '../../lib/format';
import { clusterAdvice } from '../../model/advisor/cluster-advice';
import type { Finding } from '../../model/advisor/types';
import type { ProfileModel } from '../../model/profile';
import { selectActiveProfile } from '../../store/selectors';
import { useAppStore } from '../../store/use-app-store';
import { EvidenceTable } from './EvidenceTable';
import { IdleChart } from './IdleChart';
import { ThresholdsPanel } from './ThresholdsPanel';
import { useAdvice } from './use-advice';
import '../views.css';
import './advisor.css';

export function AdvisorView() {
  const profile = useAppStore(selectActiveProfile);
  const entry = useAdvice(profile);
  const ranks = useAppStore((s) => s.clusterRanks);
  const over = useAppStore((s) => s.advisorThresholds);
  const [showThresholds, setShowThresholds] = useState(false);
  const cluster = useMemo(
    () => (ranks.length > 1 ? clusterAdvice(ranks, null, over) : []),
    [ranks, over],
  );
  if (!profile) return null;
  return (
    <div className="view scroll advisor" data-testid="advisor-view">
      <header className="advisor-head">
        <h1>{t('advisor:advisor')}</h1>
        <span className="muted">{t('advisor:rules_of_msprof_analyze_s_advisor')}</span>
        <label className="advisor-toggle">
          <input
            type="checkbox"
            checked={showThresholds}
            onChange={(e) => setShowThresholds(e.target.checked)}
            data-testid="advisor-show-thresholds"
          />{' '}
          {t('advisor:thresholds')}
        </label>
      </header>
      {showThresholds && (
        <section className="panel">
          <h2>{t('advisor:thresholds')}</h2>
          <ThresholdsPanel />
        </section>
      )}
      {cluster.length > 0 && (
        <section className="panel" data-testid="advisor-cluster">
          <h2>{t('advisor:cluster')}</h2>
          <FindingList findings={cluster} profile={profile} />
        </section>
      )}
      {!entry || entry.status === 'loading' ? (
        <p className="muted" data-testid="advisor-loading">
          {t('advisor:running_the_rules')}
        </p>
      ) : entry.status === 'error' ? (
        <p className="error">{entry.error}</p>
      ) : (
        <>
          <section className="panel">
            <h2>{t('advisor:findings')}</h2>
            <FindingList findings={entry.report.findings} profile={profile} />
          </section>
          {entry.report.idle && (
            <section className="panel">
              <h2>{t('advisor:idle_time_by_cause_per_step')}</h2>
              <IdleChart rows={entry.report.idle.rows} />
            </section>
          )}
        </>
      )}
    </div>
  );
}

function FindingList({
  findings,
  profile,
}: {
  findings: readonly Finding[];
  profile: ProfileModel;
}) {
  const open = useAppStore((s) => s.advisorOpenRule);
  const setOpen = useAppStore((s) => s.setAdvisorOpenRule);
  return (
    <ol className="advisor-findings">
      {findings.map((f) => {
        const isOpen = open === f.rule;
        const canOpen = f.evidence.length > 0 || f.fix !== '';
        return (
          <li
            key={f.rule}
            className={`advisor-finding sev-${f.severity}`}
            data-testid={`finding-${f.rule}`}
          >
            <button
              type="button"
              className="advisor-finding-head"
              aria-expanded={isOpen}
              disabled={!canOpen}
              onClick={() => setOpen(isOpen ? null : f.rule)}
            >
              <span className={`advisor-sev sev-${f.severity}`}>{severityLabel(f.severity)}</span>
              <code className="advisor-rule">{f.rule}</code>
              <span className="advisor-time">{f.timeNs > 0 ? formatDuration(f.timeNs) : ''}</span>
              <span className="advisor-count">{f.count > 0 ? `×${formatCount(f.count)}` : ''}</span>
              <span className="advisor-title">{renderMessage(f.titleMsg)}</span>
            </button>
            {isOpen && (
              <div className="advisor-detail">
                {f.fix && (
                  <p className="advisor-fix">
                    <strong>{t('advisor:fix')}</strong> {f.fixMsg ? renderMessage(f.fixMsg) : f.fix}
                  </p>
                )}
                {f.evidence.length > 0 && <EvidenceTable finding={f} profile={profile} />}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
