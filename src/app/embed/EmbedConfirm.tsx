/** Asks the user before a page from an unlisted origin may open a trace in this viewer. */
import { useAppStore } from '../../store/use-app-store';
import type { EmbedHost } from './embed-host';

export function EmbedConfirm({ host }: { host: EmbedHost }) {
  const req = useAppStore((s) => s.embedRequest);
  if (!req) return null;
  return (
    <div className="link-prompt" role="alertdialog" data-testid="embed-confirm">
      The page at <strong>{req.origin}</strong> wants to open a trace in this viewer. Allow it for
      this page?{' '}
      <button className="button" data-testid="embed-allow" onClick={() => host.answer(true)}>
        Allow
      </button>{' '}
      <button className="button subtle" data-testid="embed-deny" onClick={() => host.answer(false)}>
        Refuse
      </button>
    </div>
  );
}
