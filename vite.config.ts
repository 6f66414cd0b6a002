import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { parseAllowedOrigins } from './src/app/url-open/origin-policy';

/**
 * Origins besides the app's own that `?url=` may read and that may embed-drive the viewer
 * without a confirmation: `VIEWER_ALLOWED_ORIGINS="https://a.example https://b.example"` at
 * build time. They are added to the CSP's connect-src, so the browser enforces the list too.
 */
export const ALLOWED_ORIGINS = parseAllowedOrigins(process.env.VIEWER_ALLOWED_ORIGINS);

/**
 * The Content-Security-Policy of the built app: only our own files, workers from our origin or
 * blob:, WebAssembly (sql.js, the trace scanner's fast path) allowed to compile, no inline
 * scripts, no remote origin except the allowed ones (connect-src only), no eval.
 * Shipped as a <meta> so it holds on any static host. (Dev mode needs Vite's inline preamble, so
 * the policy is added at build time only.) deploy/nginx.conf sends the same policy as a header,
 * with frame-ancestors (which a <meta> cannot carry).
 */
export function contentSecurityPolicyFor(allowedOrigins: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    ['connect-src', "'self'", 'blob:', ...allowedOrigins].join(' '),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicyFor(ALLOWED_ORIGINS);

function contentSecurityPolicy(): Plugin {
  return {
    name: 'atv-content-security-policy',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
      );
    },
  };
}

// base './' so dist/ works from any sub-path of any static server.
// Test hooks (window.__viewer, the worker's crash request) are in the dev server and in builds
// made with VIEWER_TEST_HOOKS=1 (the end-to-end tests and benchmarks); a plain build has none.
export default defineConfig(({ command }) => ({
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 2000 },
  define: {
    __TEST_HOOKS__: JSON.stringify(
      command === 'serve'
        ? process.env.VIEWER_TEST_HOOKS !== '0'
        : process.env.VIEWER_TEST_HOOKS === '1',
    ),
    __ALLOWED_ORIGINS__: JSON.stringify(ALLOWED_ORIGINS),
    __BUILD_ID__: JSON.stringify(`${process.env.npm_package_version ?? '0'}-${Date.now()}`),
  },
}));
