/** Collects the ArrayBuffers under a value so postMessage can move them instead of copying. */
export function collectTransferables(
  value: unknown,
  out = new Set<ArrayBuffer>(),
  seen = new Set<object>(),
): ArrayBuffer[] {
  if (value === null || typeof value !== 'object') return [...out];
  if (seen.has(value)) return [...out];
  seen.add(value);
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer && value.buffer.byteLength > 0) out.add(value.buffer);
    return [...out];
  }
  if (value instanceof ArrayBuffer) {
    out.add(value);
    return [...out];
  }
  if (typeof Blob !== 'undefined' && value instanceof Blob) return [...out];
  const items: unknown[] = Array.isArray(value) ? value : Object.values(value);
  for (const v of items) collectTransferables(v, out, seen);
  return [...out];
}
