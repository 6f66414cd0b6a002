/**
 * The shell: top bar with open buttons, drop zone, progress, error banner, and the viewer tabs.
 * `data-testid="app-status"` carries the import state for tests (idle/loading/ready/error).
 */
import { useEffect, useMemo, useState } from 'react';
import type { AppStore } from '../store/app-store';
import { AppStoreContext, useAppStore } from '../store/use-app-store';
import { ControllerContext } from './controller-context';
import { DropZone } from './DropZone';
import { ProgressPanel } from './ProgressPanel';
import { TopBar } from './TopBar';
import { ViewerLayout } from './ViewerLayout';
import { ViewerController } from './viewer-controller';
import { WorkerClient } from './worker-client';
import { openDemo } from './demo';

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
  useEffect(() => {
    if (__TEST_HOOKS__) {
      (window as unknown as { __viewer: Record<string, unknown> }).__viewer = { store, controller };
    }
  }, [store, controller]);
  const [demoStarted, setDemoStarted] = useState(false);
  useEffect(() => {
    if (demoStarted) return;
    setDemoStarted(true);
    controller.warmUp();
    const params = new URLSearchParams(window.location.search);
    if (params.get('demo') !== '0') void openDemo(controller);
  }, [controller, demoStarted]);
  return (
    <AppStoreContext.Provider value={store}>
      <ControllerContext.Provider value={controller}>
        <Shell />
      </ControllerContext.Provider>
    </AppStoreContext.Provider>
  );
}

function Shell() {
  const theme = useAppStore((s) => s.theme);
  const status = useAppStore((s) => s.status);
  const error = useAppStore((s) => s.error);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  return (
    <DropZone>
      <div className="app" data-theme={theme}>
        <div data-testid="app-status" data-state={status} hidden />
        <TopBar />
        {status === 'loading' && <ProgressPanel />}
        {status === 'error' && error && (
          <div className="error-banner" role="alert" data-testid="error-banner">
            <strong>Could not open this input.</strong> {error}
          </div>
        )}
        <ViewerLayout />
      </div>
    </DropZone>
  );
}
