/**
 * `?url=`: checks the URL against the origin policy (a refused URL is never fetched), downloads
 * it with progress, then opens the files through the same import as dropped files.
 */
import type { ViewerController } from '../viewer-controller';
import { ALLOWED_ORIGINS } from './build-config';
import { fetchInput } from './fetch-folder';
import { checkUrl } from './origin-policy';

export interface UrlOpenResult {
  ok: boolean;
  /** The resolved URL (absolute), when it passed the policy. */
  url?: URL;
}

export async function openUrl(
  controller: ViewerController,
  raw: string,
  allowed: readonly string[] = ALLOWED_ORIGINS,
): Promise<UrlOpenResult> {
  const store = controller.store;
  const check = checkUrl(raw, window.location.href, allowed);
  if (!check.ok) {
    store.getState().failLoading(check.message, check.msg);
    return { ok: false };
  }
  const url = check.url;
  const ac = new AbortController();
  controller.downloadAbort = () => ac.abort();
  store.getState().startOpening(url.pathname.split('/').filter(Boolean).pop() ?? url.host);
  store.getState().setProgress({
    path: url.href,
    stage: 'downloading',
    bytesRead: 0,
    bytesTotal: 0,
    items: 0,
  });
  let fetched;
  try {
    fetched = await fetchInput(url, {
      signal: ac.signal,
      origins: [window.location.origin, ...allowed],
      onProgress: (p) =>
        store.getState().setProgress({
          path: p.path,
          stage: 'downloading',
          bytesRead: p.bytesRead,
          bytesTotal: p.bytesTotal,
          items: 0,
        }),
    });
  } catch (e) {
    if (ac.signal.aborted) {
      store.getState().stopLoading('idle', 'Download cancelled.');
    } else {
      const msg = e instanceof Error ? e.message : String(e);
      store.getState().failLoading(/^TypeError/.test(String(e)) ? `${url.href}: ${msg}` : msg);
    }
    return { ok: false, url };
  } finally {
    controller.downloadAbort = null;
  }
  await controller.openPicked(fetched.files, fetched.name);
  return { ok: store.getState().status === 'ready', url };
}
