/** The area under the top bar: the active view, or the empty state before anything is open. */
import { t } from '../i18n/t';
import { lazy, Suspense } from 'react';
import { useAppStore } from '../store/use-app-store';
import { selectActiveProfile } from '../store/selectors';
import { selectHighlightedSlices, selectTimelineGroups } from '../store/cluster-selectors';
import { ReportView } from '../views/import-report/ReportView';
import { EmptyState } from './EmptyState';
import { useMountAfterShell } from './mount-after-shell';
// The timeline is loaded with the shell, not lazily: a lazy component is revealed ~300 ms late,
// most of the first-frame budget. The other views load on first use.
import { Timeline } from '../timeline/Timeline';

const OverviewView = lazy(() =>
  import('../views/overview/OverviewView').then((m) => ({ default: m.OverviewView })),
);
const KernelsView = lazy(() =>
  import('../views/kernels/KernelsView').then((m) => ({ default: m.KernelsView })),
);
const OperatorsView = lazy(() =>
  import('../views/operators/OperatorsView').then((m) => ({ default: m.OperatorsView })),
);
const StepsView = lazy(() =>
  import('../views/steps/StepsView').then((m) => ({ default: m.StepsView })),
);
const CommunicationView = lazy(() =>
  import('../views/communication/CommunicationView').then((m) => ({
    default: m.CommunicationView,
  })),
);
const MemoryView = lazy(() =>
  import('../views/memory/MemoryView').then((m) => ({ default: m.MemoryView })),
);
const SqlView = lazy(() => import('../views/sql/SqlView').then((m) => ({ default: m.SqlView })));
const ClusterView = lazy(() =>
  import('../views/cluster/ClusterView').then((m) => ({ default: m.ClusterView })),
);
const AdvisorView = lazy(() =>
  import('../views/advisor/AdvisorView').then((m) => ({ default: m.AdvisorView })),
);
const CompareView = lazy(() =>
  import('../views/compare/CompareView').then((m) => ({ default: m.CompareView })),
);
const StatisticsView = lazy(() =>
  import('../views/statistics/StatisticsView').then((m) => ({ default: m.StatisticsView })),
);

export function ViewerLayout() {
  const tab = useAppStore((s) => s.tab);
  const profile = useAppStore(selectActiveProfile);
  const status = useAppStore((s) => s.status);
  // msprof-analyze's cluster output opened without any rank folder: the cluster view alone.
  const clusterStatus = useAppStore((s) => s.clusterStatus);
  const clusterOnly = tab === 'cluster' && clusterStatus !== 'idle';
  // A profile just handed over: the shell first, its view a task later.
  const mounted = useMountAfterShell(profile !== null || clusterOnly);
  if (!profile && !clusterOnly) return status === 'loading' ? null : <EmptyState />;
  let view;
  if (!mounted) view = <div className="placeholder">{t('app:loading_view')}</div>;
  else
    switch (tab) {
      case 'timeline':
        // The cluster's open ranks, aligned (or the active profile alone), and its collective.
        view = (
          <Timeline
            selectGroups={selectTimelineGroups}
            selectHighlights={selectHighlightedSlices}
          />
        );
        break;
      case 'report':
        view = <ReportView />;
        break;
      case 'overview':
        view = <OverviewView />;
        break;
      case 'advisor':
        view = <AdvisorView />;
        break;
      case 'kernels':
        view = <KernelsView />;
        break;
      case 'operators':
        view = <OperatorsView />;
        break;
      case 'steps':
        view = <StepsView />;
        break;
      case 'communication':
        view = <CommunicationView />;
        break;
      case 'memory':
        view = <MemoryView />;
        break;
      case 'statistics':
        view = <StatisticsView />;
        break;
      case 'sql':
        view = <SqlView />;
        break;
      case 'cluster':
        view = <ClusterView />;
        break;
      case 'compare':
        view = <CompareView />;
        break;
      default:
        view = <NotYet tab={tab} />;
    }
  return (
    <main
      className="viewer"
      data-testid={`view-${tab}`}
      role="tabpanel"
      aria-labelledby={`tab-${tab}`}
    >
      <Suspense fallback={<div className="placeholder">{t('app:loading_view')}</div>}>
        {view}
      </Suspense>
    </main>
  );
}

function NotYet({ tab }: { tab: string }) {
  return (
    <div className="placeholder">
      {t('app:the')} {tab} {t('app:view_is_not_available_yet')}
    </div>
  );
}
