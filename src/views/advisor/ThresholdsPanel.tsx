/** The advisor's thresholds: shown with their source, editable (the rules run again). */
import { t } from '../../i18n/t';
import { THRESHOLD_SPECS } from '../../model/advisor/thresholds';
import { useAppStore } from '../../store/use-app-store';

export function ThresholdsPanel() {
  const over = useAppStore((s) => s.advisorThresholds);
  const set = useAppStore((s) => s.setAdvisorThresholds);
  return (
    <table className="advisor-thresholds" data-testid="advisor-thresholds">
      <thead>
        <tr>
          <th>{t('advisor:threshold')}</th>
          <th>{t('advisor:rules')}</th>
          <th>{t('advisor:value')}</th>
          <th>{t('advisor:unit')}</th>
          <th>{t('advisor:source')}</th>
        </tr>
      </thead>
      <tbody>
        {THRESHOLD_SPECS.map((t) => {
          const v = over[t.key] ?? t.value;
          return (
            <tr key={t.key}>
              <td>{t.label}</td>
              <td>{t.rules.join(', ')}</td>
              <td>
                <input
                  type="number"
                  aria-label={t.key}
                  data-testid={`threshold-${t.key}`}
                  className={v !== t.value ? 'changed' : undefined}
                  value={v}
                  step="any"
                  onChange={(e) => {
                    const n = Number(e.target.value);
                    if (e.target.value === '' || !Number.isFinite(n)) return;
                    const next = { ...over };
                    if (n === t.value) delete next[t.key];
                    else next[t.key] = n;
                    set(next);
                  }}
                />
              </td>
              <td>{t.unit}</td>
              <td className="muted">{t.source}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
