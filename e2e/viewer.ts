// What the specs share about the page under test: the handle the app exposes on `window` for
// tests, and the wait for an import to finish.
import { expect, type Page } from '@playwright/test';
import type { AppStore } from '../src/store/app-store';

/** `window.__viewer`: the app's store, exposed for tests (src/main.tsx). */
export type ViewerWindow = { __viewer: { store: AppStore } };

/** Waits until the app says it is ready (an import finished). */
export const ready = (page: Page) =>
  expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
