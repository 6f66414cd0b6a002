import { describe, expect, it } from 'vitest';
import { contentSecurityPolicyFor } from '../../../vite.config';
import { cacheStamp, lastSegment } from './fetch-folder';
import {
  fileUrl,
  isSafeRelativePath,
  isViewerInput,
  makeManifest,
  parseManifest,
  parseNginxListing,
} from './manifest';
import { checkUrl, isTrustedOrigin, parseAllowedOrigins } from './origin-policy';

const PAGE = 'https://perf.example/team/viewer/?url=x';

describe('origin policy', () => {
  it('accepts same-origin paths and allowed origins, refuses others with how to allow them', () => {
    const same = checkUrl('../traces/run-42/', PAGE, []);
    expect(same.ok && same.url.href).toBe('https://perf.example/team/traces/run-42/');
    expect(checkUrl('https://bucket.example/a.json', PAGE, ['https://bucket.example']).ok).toBe(
      true,
    );
    const other = checkUrl('https://evil.example/x.json', PAGE, ['https://bucket.example']);
    expect(other.ok).toBe(false);
    if (!other.ok) {
      expect(other.message).toContain('Refused to fetch from https://evil.example');
      expect(other.message).toContain('VIEWER_ALLOWED_ORIGINS=https://evil.example');
    }
    // Same host, other port or scheme: another origin.
    expect(checkUrl('http://perf.example/a.json', PAGE, []).ok).toBe(false);
    expect(checkUrl('https://perf.example:8443/a.json', PAGE, []).ok).toBe(false);
    expect(checkUrl('//evil.example/a.json', PAGE, []).ok).toBe(false);
  });

  it('refuses non-http schemes and credentials', () => {
    for (const u of ['javascript:alert(1)', 'data:text/plain,x', 'file:///etc/passwd'])
      expect(checkUrl(u, PAGE, []).ok).toBe(false);
    expect(checkUrl('https://u:p@perf.example/a.json', PAGE, []).ok).toBe(false);
  });

  it('parses the build-time list strictly', () => {
    expect(parseAllowedOrigins(' https://a.example, https://b.example:8443 ')).toEqual([
      'https://a.example',
      'https://b.example:8443',
    ]);
    expect(parseAllowedOrigins(undefined)).toEqual([]);
    expect(() => parseAllowedOrigins('https://a.example/path')).toThrow(/not an origin/);
    expect(() => parseAllowedOrigins('ftp://a.example')).toThrow(/not an origin/);
    expect(() => parseAllowedOrigins('*')).toThrow(/not an origin/);
  });

  it('puts the allowed origins in the CSP connect-src only', () => {
    const csp = contentSecurityPolicyFor(['https://bucket.example']);
    expect(csp).toContain("connect-src 'self' blob: https://bucket.example;");
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(contentSecurityPolicyFor([])).toContain("connect-src 'self' blob:;");
  });

  it('trusts embedding messages only from this origin or the list', () => {
    expect(isTrustedOrigin('https://perf.example', 'https://perf.example', [])).toBe(true);
    expect(isTrustedOrigin('https://ci.example', 'https://perf.example', [])).toBe(false);
    expect(
      isTrustedOrigin('https://ci.example', 'https://perf.example', ['https://ci.example']),
    ).toBe(true);
  });
});

describe('folder manifest and listings', () => {
  it('round-trips a manifest and refuses unsafe paths', () => {
    const m = makeManifest([
      { path: 'b/trace_view.json', size: 10, mtime: 1 },
      { path: 'a/kernel_details.csv', size: 5, mtime: 2 },
    ]);
    expect(parseManifest(JSON.stringify(m)).files.map((f) => f.path)).toEqual([
      'a/kernel_details.csv',
      'b/trace_view.json',
    ]);
    for (const bad of ['../x.json', '/etc/passwd', 'a//b', 'https://evil/x', 'a\\..\\b', './x'])
      expect(() =>
        parseManifest(JSON.stringify({ ...m, files: [{ path: bad, size: 1 }] })),
      ).toThrow(/unsafe/);
    expect(() => parseManifest('{"format":"other"}')).toThrow(/not a folder manifest/);
    expect(() => parseManifest(JSON.stringify({ ...m, version: 99 }))).toThrow(/version 99/);
  });

  it('reads nginx JSON listings, skipping unsafe names and other types', () => {
    const list = parseNginxListing(
      JSON.stringify([
        {
          name: 'ASCEND_PROFILER_OUTPUT',
          type: 'directory',
          mtime: 'Mon, 07 Dec 2026 10:00:00 GMT',
        },
        { name: 'trace_view.json', type: 'file', size: 12, mtime: 'Mon, 07 Dec 2026 10:00:00 GMT' },
        { name: '..', type: 'directory' },
        { name: 'link', type: 'other' },
      ]),
    );
    expect(list?.map((e) => `${e.type}:${e.name}:${e.size}`)).toEqual([
      'directory:ASCEND_PROFILER_OUTPUT:0',
      'file:trace_view.json:12',
    ]);
    expect(list?.[1]?.mtime).toBe(Date.parse('Mon, 07 Dec 2026 10:00:00 GMT'));
    expect(parseNginxListing('<html>')).toBeNull();
    expect(parseNginxListing('{"a":1}')).toBeNull();
  });

  it('downloads only what the viewer reads, and encodes paths', () => {
    expect(isViewerInput('r/ASCEND_PROFILER_OUTPUT/kernel_details.csv')).toBe(true);
    expect(isViewerInput('r/run.atv-notes.json')).toBe(true);
    expect(isViewerInput('r/PROF_1/device_0/data/x.slice_0')).toBe(false);
    expect(fileUrl(new URL('https://h/t/run 42/'), 'a b/c#d.json').href).toBe(
      'https://h/t/run%2042/a%20b/c%23d.json',
    );
    expect(isSafeRelativePath('a/b.json')).toBe(true);
    expect(lastSegment(new URL('https://h/t/run%2042/'))).toBe('run 42');
  });

  it('keys the reopen cache by URL, size and the server validators', () => {
    const a = cacheStamp('https://h/a.json', 10, '"e1"', '');
    expect(a).toBeGreaterThan(0);
    expect(Number.isSafeInteger(a)).toBe(true);
    expect(cacheStamp('https://h/a.json', 10, '"e1"', '')).toBe(a);
    expect(cacheStamp('https://h/a.json', 10, '"e2"', '')).not.toBe(a);
    expect(cacheStamp('https://h/b.json', 10, '"e1"', '')).not.toBe(a);
    expect(cacheStamp('https://h/a.json', 11, '"e1"', '')).not.toBe(a);
    expect(cacheStamp('https://h/a.json', 10, '', 'Mon, 07 Dec 2026 10:00:00 GMT')).toBeGreaterThan(
      0,
    );
    // Without validators the file is not cached (a changed file could not be told apart).
    expect(cacheStamp('https://h/a.json', 10, '', '')).toBe(0);
  });
});
