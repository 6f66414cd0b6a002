/** The area under the top bar: the active view, or the empty state before anything is open. */
import { lazy, Suspense } from 'react';
import { useAppStore } from '../store/use-app-store';
import { selectActiveProfile } from '../store/selectors';
import { ReportView } from '../views/report/ReportView';
import { EmptyState } from './EmptyState';

const Timeline = lazy(() => import('../timeline/Timeline').then((m) => ({ default: m.Timeline })));

export function ViewerLayout() {
  const tab = useAppStore((s) => s.tab);
  const profile = useAppStore(selectActiveProfile);
  const status = useAppStore((s) => s.status);
  if (!profile) return status === 'loading' ? null : <EmptyState />;
  let view;
  switch (tab) {
    case 'timeline':
      view = <Timeline />;
      break;
    case 'report':
      view = <ReportView />;
      break;
    default:
      view = <NotYet tab={tab} />;
  }
  return (
    <main className="viewer" data-testid={`view-${tab}`}>
      <Suspense fallback={<div className="placeholder">Loading view…</div>}>{view}</Suspense>
    </main>
  );
}

function NotYet({ tab }: { tab: string }) {
  return <div className="placeholder">The {tab} view is not available yet.</div>;
}
