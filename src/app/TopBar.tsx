/** Title, open buttons (folder / files), profile switcher, view tabs and theme toggle. */
import { useAppStore } from '../store/use-app-store';
import type { ViewTab } from '../store/ui-slice';
import { useSession } from '../session/session-context';
import { describePicked, filesFromInput } from '../session/read-dropped-items';
import { openDemo } from './demo';
import { ShareControls } from './share/ShareControls';

const TABS: { id: ViewTab; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'advisor', label: 'Advisor' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'kernels', label: 'Kernels' },
  { id: 'operators', label: 'Operators' },
  { id: 'steps', label: 'Steps' },
  { id: 'communication', label: 'Communication' },
  { id: 'memory', label: 'Memory' },
  { id: 'statistics', label: 'Statistics' },
  { id: 'sql', label: 'SQL' },
  { id: 'cluster', label: 'Cluster' },
  { id: 'compare', label: 'Compare' },
  { id: 'report', label: 'Import report' },
];

export function TopBar() {
  const controller = useSession();
  const theme = useAppStore((s) => s.theme);
  const setTheme = useAppStore((s) => s.setTheme);
  const tab = useAppStore((s) => s.tab);
  const setTab = useAppStore((s) => s.setTab);
  const discovered = useAppStore((s) => s.discovered);
  const activeId = useAppStore((s) => s.activeProfileId);
  const sourceName = useAppStore((s) => s.sourceName);
  const onPick = (list: FileList | null) => {
    const files = filesFromInput(list);
    if (files.length > 0) void controller.openPicked(files, describePicked(files));
    else if (list) controller.reportEmpty('', []);
  };
  return (
    <header className="topbar">
      <div className="brand" title="Everything stays in your browser: no file is uploaded.">
        Ascend Trace Viewer
      </div>
      <label className="button">
        Open folder
        <input
          type="file"
          data-testid="open-folder"
          webkitdirectory=""
          multiple
          hidden
          onChange={(e) => {
            onPick(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
      </label>
      <label className="button">
        Open files
        <input
          type="file"
          data-testid="open-files"
          multiple
          hidden
          accept=".json,.gz,.zip,.csv,.db,.dat"
          onChange={(e) => {
            onPick(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
      </label>
      <button className="button subtle" onClick={() => void openDemo(controller)}>
        Demo
      </button>
      {discovered.length > 1 && (
        <select
          className="profile-select"
          aria-label="Profile"
          data-testid="profile-select"
          value={activeId ?? ''}
          onChange={(e) => void controller.importProfile(e.currentTarget.value, true)}
        >
          {discovered.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
        </select>
      )}
      {discovered.length <= 1 && sourceName && <span className="source-name">{sourceName}</span>}
      <nav className="tabs" role="tablist">
        {TABS.map((t) => (
          <button
            key={t.id}
            role="tab"
            aria-selected={tab === t.id}
            data-testid={`tab-${t.id}`}
            className={tab === t.id ? 'tab active' : 'tab'}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </nav>
      <ShareControls />
      <button
        className="button subtle"
        data-testid="theme-toggle"
        aria-label="Toggle dark theme"
        onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
      >
        {theme === 'dark' ? 'Light' : 'Dark'}
      </button>
    </header>
  );
}
