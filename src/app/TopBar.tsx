/** Title, open buttons (folder / files), profile switcher, view tabs and theme toggle. */
import { useEffect, useRef } from 'react';
import { t } from '../i18n/t';
import { useAppStore } from '../store/use-app-store';
import type { ViewTab } from '../store/ui-slice';
import { useSession } from '../session/session-context';
import { describePicked, filesFromInput } from '../session/read-dropped-items';
import { openDemo } from './demo';
import { ShareControls } from './share/ShareControls';
import { rovingKeyDown } from '../ui/roving-keys';
import { LanguageSwitch } from './LanguageSwitch';

const TABS: { id: ViewTab; label: string }[] = [
  {
    id: 'overview',
    get label() {
      return t('app:overview');
    },
  },
  {
    id: 'advisor',
    get label() {
      return t('app:advisor');
    },
  },
  {
    id: 'timeline',
    get label() {
      return t('app:timeline');
    },
  },
  {
    id: 'kernels',
    get label() {
      return t('app:kernels');
    },
  },
  {
    id: 'operators',
    get label() {
      return t('app:operators');
    },
  },
  {
    id: 'steps',
    get label() {
      return t('app:steps');
    },
  },
  {
    id: 'communication',
    get label() {
      return t('app:communication');
    },
  },
  {
    id: 'memory',
    get label() {
      return t('app:memory');
    },
  },
  {
    id: 'statistics',
    get label() {
      return t('app:statistics');
    },
  },
  { id: 'sql', label: 'SQL' },
  {
    id: 'cluster',
    get label() {
      return t('app:cluster');
    },
  },
  {
    id: 'compare',
    get label() {
      return t('app:compare');
    },
  },
  {
    id: 'report',
    get label() {
      return t('app:import_report');
    },
  },
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
      <div className="brand" title={t('app:everything_stays_in_your_browser_no')}>
        {t('app:ascend_trace_viewer')}
      </div>
      <label className="button">
        {t('app:open_folder')}
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
        {t('app:open_files')}
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
        {t('app:demo')}
      </button>
      {discovered.length > 1 && (
        <select
          className="profile-select"
          aria-label={t('app:profile')}
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
        aria-label={t('app:views')}
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
      <LanguageSwitch />
      <button
        className="button subtle"
        data-testid="theme-toggle"
        aria-label={theme === 'dark' ? t('app:light_theme') : t('app:dark_theme')}
        onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
      >
        {theme === 'dark' ? t('app:light') : t('app:dark')}
      </button>
    </header>
  );
}
