/**
 * The shell: top bar with open buttons, drop zone, progress, error banner, and the viewer tabs.
 * `data-testid="app-status"` carries the import state for tests (idle/loading/ready/error).
 */
import { messageOr } from '../i18n/message';
import { t } from '../i18n/t';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStore } from '../store/app-store';
import { AppStoreContext, useAppStore } from '../store/use-app-store';
import { SessionContext } from '../session/session-context';
import { DropZone } from './DropZone';
import { ProgressPanel } from './ProgressPanel';
import { TopBar } from './TopBar';
import { ViewerLayout } from './ViewerLayout';
import { ViewerController } from './viewer-controller';
import { WorkerClient } from '../session/worker-client';
import { openDemo } from './demo';
import { EmbedConfirm } from './embed/EmbedConfirm';
import { EmbedHost } from './embed/embed-host';
import { LinkPrompt } from './share/LinkPrompt';
import { MarkersPanel } from './share/MarkersPanel';
import { installMarkerKeys } from './share/marker-keys';
import { ShareContext } from './share/share-context';
import { ShareSession } from './share/share-session';
import { ALLOWED_ORIGINS } from './url-open/build-config';

export function App({ store }: { store: AppStore }) {
  const controller = useMemo(
    () =>
      new ViewerController(
        store,
        new WorkerClient(
          () =>
            new Worker(new URL('../import/import.worker.ts', import.meta.url), { type: 'module' }),
        ),
      ),
    [store],
  );
  const share = useMemo(() => new ShareSession(store, controller), [store, controller]);
  const embed = useMemo(
    () => new EmbedHost(store, controller, share, ALLOWED_ORIGINS),
    [store, controller, share],
  );
  useEffect(() => {
    if (__TEST_HOOKS__) {
      (window as unknown as { __viewer: Record<string, unknown> }).__viewer = {
        store,
        controller,
        share,
      };
    }
  }, [store, controller, share]);
  useEffect(() => installMarkerKeys(store), [store]);
  useEffect(() => embed.start(), [embed]);
  const [demoStarted, setDemoStarted] = useState(false);
  useEffect(() => {
    if (demoStarted) return;
    setDemoStarted(true);
    controller.warmUp();
    // ?url= (and a link to local files) open or wait for their input instead of the demo;
    // ?embed waits for the embedding page.
    const busy = share.start();
    const params = new URLSearchParams(window.location.search);
    if (!busy && params.get('demo') !== '0' && !params.has('embed')) void openDemo(controller);
  }, [controller, share, demoStarted]);
  return (
    <AppStoreContext.Provider value={store}>
      <SessionContext.Provider value={controller}>
        <ShareContext.Provider value={share}>
          <Shell embed={embed} />
        </ShareContext.Provider>
      </SessionContext.Provider>
    </AppStoreContext.Provider>
  );
}

function Shell({ embed }: { embed: EmbedHost }) {
  // Subscribes the shell to language switches: the whole tree below re-renders in the new one.
  useTranslation();
  const theme = useAppStore((s) => s.theme);
  const status = useAppStore((s) => s.status);
  const error = useAppStore((s) => s.error);
  const errorMsg = useAppStore((s) => s.errorMsg);
  const markersOpen = useAppStore((s) => s.markersOpen);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  return (
    <DropZone>
      <div className="app" data-theme={theme}>
        <div data-testid="app-status" data-state={status} hidden />
        <TopBar />
        <EmbedConfirm host={embed} />
        <LinkPrompt />
        {status === 'loading' && <ProgressPanel />}
        {status === 'error' && error && (
          <div className="error-banner" role="alert" data-testid="error-banner">
            <strong>{t('app:could_not_open_this_input')}</strong>{' '}
            {messageOr(errorMsg ?? undefined, error)}
          </div>
        )}
        <ViewerLayout />
        {markersOpen && <MarkersPanel />}
      </div>
    </DropZone>
  );
}
