// What the specs share about the page under test: the handle the app exposes on `window` for
// tests, the wait for an import to finish, and the view state in the URL fragment.
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import type { AppStore } from '../src/store/app-store';

/** `window.__viewer`: the app's store, exposed for tests (src/main.tsx). */
export type ViewerWindow = { __viewer: { store: AppStore } };

/** Waits until the app says it is ready (an import finished). */
export const ready = (page: Page) =>
  expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');

/** The view state in the page's fragment, decoded as the app does (raw deflate, base64url). */
export const fragmentState = (p: Page) =>
  p.evaluate(async () => {
    const m = /atv1=([\w-]+)/.exec(location.hash)?.[1];
    if (!m) return null;
    const b = atob(m.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(b, (c) => c.charCodeAt(0));
    const text = await new Response(
      new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')),
    ).text();
    return JSON.parse(text) as {
      v: number;
      lay?: { m?: string; h?: string[]; o?: string[] };
      markers?: { name: string; note: string }[];
      src?: { url?: string; fp?: { name: string }; also?: { name: string }[] };
    };
  });

/**
 * Opens `url` with a CJK font served to the page when I18N_CJK_FONT names one (a .ttf/.ttc): a
 * machine without one draws Chinese as boxes (about as wide as the glyphs, so clipping checks
 * still hold), a person reading the screenshots needs the glyphs. The font is served under a name
 * in the app's font stack, from the page's origin (the app's CSP allows same-origin CSS only).
 */
export async function gotoWithCjkFont(page: Page, url: string): Promise<void> {
  const file = process.env['I18N_CJK_FONT'];
  if (file) {
    const font = readFileSync(file);
    await page.route('**/__cjk-font', (r) => r.fulfill({ body: font }));
    await page.route('**/__cjk-font.css', (r) =>
      r.fulfill({
        contentType: 'text/css',
        body: `@font-face { font-family: 'WenQuanYi Micro Hei'; src: url('/__cjk-font'); }`,
      }),
    );
  }
  await page.goto(url);
  if (file) await page.addStyleTag({ url: '/__cjk-font.css' });
}
