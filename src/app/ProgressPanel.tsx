/** Import progress: file, stage, bytes read, items parsed, and a cancel button. */
import { t } from '../i18n/t';
import { formatBytes, formatCount } from '../lib/format';
import { useAppStore } from '../store/use-app-store';
import { useSession } from '../session/session-context';

export function ProgressPanel() {
  const controller = useSession();
  const p = useAppStore((s) => s.progress);
  const source = useAppStore((s) => s.sourceName);
  const frac = p && p.bytesTotal > 0 ? Math.min(1, p.bytesRead / p.bytesTotal) : 0;
  return (
    <div className="progress-panel" data-testid="progress" role="status">
      <div className="progress-text">
        {p ? (
          <>
            {t('app:reading')} <code>{p.path}</code> ({p.stage}):{' '}
            {t('app:bytes_of', { n: formatBytes(p.bytesRead), total: formatBytes(p.bytesTotal) })},{' '}
            {formatCount(p.items)} {t('app:events')}
          </>
        ) : (
          <>
            {t('app:opening')} {source}…
          </>
        )}
      </div>
      <div
        className="progress-bar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(frac * 100)}
        role="progressbar"
      >
        <div style={{ width: `${(frac * 100).toFixed(1)}%` }} />
      </div>
      <button
        className="button subtle"
        data-testid="cancel-import"
        onClick={() => controller.cancel()}
      >
        {t('app:cancel')}
      </button>
    </div>
  );
}
