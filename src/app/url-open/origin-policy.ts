/**
 * Which URLs `?url=` (and the embedding API) may fetch: the app's own origin, and the origins
 * the deployer listed at build time (`VIEWER_ALLOWED_ORIGINS`, also the CSP's connect-src).
 * Decided before any request is made: a refused URL is never fetched.
 */
import { msg, type Message } from '../../lib/message';

export type UrlCheck =
  | { ok: true; url: URL }
  /** `msg`: the message in the interface language (lib/message.ts). */
  | { ok: false; message: string; msg?: Message };

/** Parses the build-time list ("https://a.example, https://b.example:8443") into origins. */
export function parseAllowedOrigins(raw: string | undefined): string[] {
  const out: string[] = [];
  for (const item of (raw ?? '').split(/[\s,]+/)) {
    if (!item) continue;
    let u: URL;
    try {
      u = new URL(item);
    } catch {
      throw new Error(`VIEWER_ALLOWED_ORIGINS: "${item}" is not an origin (https://host[:port])`);
    }
    if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.origin !== item.replace(/\/$/, ''))
      throw new Error(
        `VIEWER_ALLOWED_ORIGINS: "${item}" is not an origin (scheme://host[:port], no path)`,
      );
    if (!out.includes(u.origin)) out.push(u.origin);
  }
  return out;
}

/**
 * Resolves `raw` (a path relative to the page, or an absolute URL) and checks its origin.
 * Only http(s) URLs of the page's origin or an allowed origin pass.
 */
export function checkUrl(raw: string, pageHref: string, allowed: readonly string[]): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw, pageHref);
  } catch {
    return { ok: false, message: `Not a URL: "${raw}".`, msg: msg('app:url_not_a_url', { raw }) };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return {
      ok: false,
      message: `Refused to open ${url.protocol} URLs: only http(s) from this origin or an allowed one.`,
      msg: msg('app:url_refused_protocol', { protocol: url.protocol }),
    };
  if (url.username || url.password)
    return {
      ok: false,
      message: 'Refused a URL with credentials in it.',
      msg: msg('app:url_refused_credentials'),
    };
  const page = new URL(pageHref).origin;
  if (url.origin === page || allowed.includes(url.origin)) return { ok: true, url };
  return {
    ok: false,
    message: `Refused to fetch from ${url.origin}: this viewer only reads from ${page}${allowed.length > 0 ? ` and ${allowed.join(', ')}` : ''}. To allow it, rebuild with VIEWER_ALLOWED_ORIGINS=${url.origin} (it is added to the Content-Security-Policy's connect-src) and serve it with CORS.`,
    msg:
      allowed.length > 0
        ? msg('app:url_refused_origin_allowed', {
            origin: url.origin,
            page,
            allowed: allowed.join(', '),
          })
        : msg('app:url_refused_origin', { origin: url.origin, page }),
  };
}

/** Whether a message from `origin` may drive the viewer without asking (embedding API). */
export function isTrustedOrigin(
  origin: string,
  pageOrigin: string,
  allowed: readonly string[],
): boolean {
  return origin === pageOrigin || allowed.includes(origin);
}
