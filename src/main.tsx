import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { decodeViewState } from './app/share/view-state';
import { initI18n } from './i18n';
import { createAppStore } from './store/app-store';
import './app/app.css';

// The interface language: a link's (?lang= or the view state's), else remembered, else browser.
initI18n({
  link:
    new URLSearchParams(window.location.search).get('lang') ??
    decodeViewState(window.location.hash)?.lang,
});
const store = createAppStore();
if (__TEST_HOOKS__) (window as unknown as { __viewer: unknown }).__viewer = { store };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App store={store} />
  </StrictMode>,
);
