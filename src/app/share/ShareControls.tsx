/** Top-bar controls: "Copy link" (the view in the URL fragment) and the markers panel toggle. */
import { t } from '../../i18n/t';
import './share.css';
import { useState } from 'react';
import { useAppStore } from '../../store/use-app-store';
import { useShare } from './share-context';

export function ShareControls() {
  const share = useShare();
  const status = useAppStore((s) => s.status);
  const count = useAppStore((s) => s.markers.length);
  const open = useAppStore((s) => s.markersOpen);
  const setOpen = useAppStore((s) => s.setMarkersOpen);
  const setMessage = useAppStore((s) => s.setShareMessage);
  const [link, setLink] = useState<string | null>(null);
  const copy = async () => {
    const l = await share.linkWhenReady();
    setLink(l);
    try {
      await navigator.clipboard.writeText(l);
      setMessage('Link copied: it reopens this view (the link carries no trace data).');
    } catch {
      setMessage('Copy the link from the field (the clipboard is not available here).');
    }
  };
  return (
    <>
      <button
        className="button subtle"
        data-testid="copy-link"
        disabled={status !== 'ready'}
        title={t('app:copy_a_link_that_reopens_this')}
        onClick={() => void copy()}
      >
        {t('app:copy_link')}
      </button>
      {link !== null && (
        <input
          className="share-link"
          data-testid="share-link"
          readOnly
          value={link}
          aria-label={t('app:link_to_this_view')}
          onFocus={(e) => e.currentTarget.select()}
          onBlur={() => setLink(null)}
        />
      )}
      <button
        className={open ? 'button subtle active' : 'button subtle'}
        data-testid="markers-toggle"
        aria-pressed={open}
        onClick={() => setOpen(!open)}
      >
        {t('app:markers')}
        {count > 0 ? ` (${count})` : ''}
      </button>
    </>
  );
}
