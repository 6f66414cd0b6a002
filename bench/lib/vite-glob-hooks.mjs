/**
 * Node module hooks for running app code outside Vite (bench/timeline-draw.ts): the interface
 * messages are bundled with Vite's `import.meta.glob` (src/i18n/index.ts), which Node lacks; here
 * it yields no files, so messages fall back to their keys. Register after tsx (its output is
 * plain JS by then).
 */
export async function load(url, context, nextLoad) {
  const r = await nextLoad(url, context);
  if (!url.includes('/src/i18n/index.ts') || r.source == null) return r;
  return {
    ...r,
    source: String(r.source).replace(/import\.meta\.glob\s*\(/g, '((..._) => ({}))('),
  };
}
