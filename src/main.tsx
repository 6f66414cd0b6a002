import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createAppStore } from './store/app-store';
import './app/app.css';

const store = createAppStore();
if (__TEST_HOOKS__) (window as unknown as { __viewer: unknown }).__viewer = { store };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App store={store} />
  </StrictMode>,
);
