/** Title, open buttons (folder / files), profile switcher, view tabs and theme toggle. */
import { useEffect, useRef } from 'react';
import { useAppStore } from '../store/use-app-store';
import type { ViewTab } from '../store/ui-slice';
import { useController } from './controller-context';
import { describePicked, filesFromInput } from './read-dropped-items';
import { openDemo } from './demo';
import { ShareControls } from './share/ShareControls';
import { rovingKeyDown } from '../ui/roving-keys';

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
  const controller = useController();
  const theme = useAppStore((s) => s.theme);
  const setTheme = useAppStore((s) => s.setTheme);
  const tab = useAppStore((s) => s.tab);
  const setTab = useAppStore((s) => s.setTab);
  const discovered = useAppStore((s) => s.discovered);
  const activeId = useAppStore((s) => s.activeProfileId);
  const sourceName = useAppStore((s) => s.sourceName);
  // The tab bar scrolls sideways rather than wrap: keep the active tab in view.
  const tabsRef = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = tabsRef.current?.querySelector<HTMLElement>('.tab.active');
    el?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [tab]);
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
          className="visually-hidden"
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
          className="visually-hidden"
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
      <nav
        className="tabs"
        role="tablist"
        aria-label="Views"
        ref={tabsRef}
        onKeyDown={(e) => rovingKeyDown(e, 'tab', false)}
      >
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            role="tab"
            aria-selected={tab === t.id}
            tabIndex={tab === t.id ? 0 : -1}
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
        aria-label={theme === 'dark' ? 'Light theme' : 'Dark theme'}
        onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
      >
        {theme === 'dark' ? 'Light' : 'Dark'}
      </button>
    </header>
  );
}
