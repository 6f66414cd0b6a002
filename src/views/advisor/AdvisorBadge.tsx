/** The Overview's advisor badge: the top three findings, each a link to the Advisor view. */
import { severityLabel } from './severity-label';
import { t } from '../../i18n/t';
import { renderMessage } from '../../i18n/message';
import type { ProfileModel } from '../../model/profile';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store';
import { formatDuration } from '../../lib/format';
import { useAdvice } from './use-advice';
import './advisor.css';

export function AdvisorBadge({ profile }: { profile: ProfileModel }) {
  const store = useAppStoreApi();
  const entry = useAdvice(profile);
  const setOpen = useAppStore((s) => s.setAdvisorOpenRule);
  if (!entry || entry.status !== 'ready') return null;
  const top = entry.report.findings
    .filter((f) => f.severity !== 'ok' && f.severity !== 'not-checked')
    .slice(0, 3);
  return (
    <section className="panel advisor-badge" data-testid="advisor-badge">
      <h2>{t('advisor:advisor')}</h2>
      {top.length === 0 ? (
        <p className="muted">{t('advisor:no_findings_every_rule_that_could')}</p>
      ) : (
        <ol>
          {top.map((f) => (
            <li key={f.rule}>
              <button
                type="button"
                className="link"
                onClick={() => {
                  setOpen(f.rule);
                  store.getState().setTab('advisor');
                }}
              >
                <span className={`advisor-sev sev-${f.severity}`}>{severityLabel(f.severity)}</span>{' '}
                <code>{f.rule}</code>
                {f.timeNs > 0 ? ` ${formatDuration(f.timeNs)}` : ''} — {renderMessage(f.titleMsg)}
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
