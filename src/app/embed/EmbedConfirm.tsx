/** Asks the user before a page from an unlisted origin may open a trace in this viewer. */
import { t } from '../../i18n/t';
import { useAppStore } from '../../store/use-app-store';
import type { EmbedHost } from './embed-host';

export function EmbedConfirm({ host }: { host: EmbedHost }) {
  const req = useAppStore((s) => s.embedRequest);
  if (!req) return null;
  return (
    <div className="link-prompt" role="alertdialog" data-testid="embed-confirm">
      {t('app:the_page_at')} <strong>{req.origin}</strong> {t('app:wants_to_open_a_trace_in')}{' '}
      <button className="button" data-testid="embed-allow" onClick={() => host.answer(true)}>
        {t('app:allow')}
      </button>{' '}
      <button className="button subtle" data-testid="embed-deny" onClick={() => host.answer(false)}>
        {t('app:refuse')}
      </button>
    </div>
  );
}
