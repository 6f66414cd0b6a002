/** Collects the ArrayBuffers under a value so postMessage can move them instead of copying. */
export function collectTransferables(value: unknown): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const seen = new Set<object>();
  // An explicit stack: linear in the size of the value (a model can hold millions of arrays and
  // strings), and no recursion limit.
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer && v.buffer.byteLength > 0) out.add(v.buffer);
      continue;
    }
    if (v instanceof ArrayBuffer) {
      out.add(v);
      continue;
    }
    if (typeof Blob !== 'undefined' && v instanceof Blob) continue;
    const items: unknown[] = Array.isArray(v) ? v : Object.values(v);
    for (const item of items) if (item !== null && typeof item === 'object') stack.push(item);
  }
  return [...out];
}
