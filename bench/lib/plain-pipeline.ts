/**
 * The "plain pipeline" of the import benchmark, run in the page (serialised with toString, so it
 * must not close over anything): read the file → TextDecoder → JSON.parse → walk the events,
 * building nothing. One string cannot hold a file of 512 MB or more, so from that size on the
 * bytes are cut at top-level commas between events (`, {"` after `}`) into pieces of ~256 MB, and
 * each piece is decoded and parsed as an array of its own. Array-form files only (torch_npu
 * writes an array); an object-form file is parsed whole.
 */
export async function plainPipeline(
  file: File,
): Promise<{ ms: number; events: number; pieces: number; error: string | null }> {
  const t = performance.now();
  const SPLIT_AT = 512 * 2 ** 20;
  const PIECE = 256 * 2 ** 20;
  let events = 0;
  const walk = (parsed: unknown) => {
    const list = (
      Array.isArray(parsed) ? parsed : (parsed as { traceEvents: unknown[] }).traceEvents
    ) as ({ ph?: string } | null)[];
    for (const e of list) if (e && e.ph) events++;
  };
  try {
    if (file.size < SPLIT_AT) {
      const text = new TextDecoder().decode(await file.arrayBuffer());
      walk(JSON.parse(text));
      return { ms: performance.now() - t, events, pieces: 1, error: null };
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const decoder = new TextDecoder();
    const isWs = (b: number) => b === 32 || b === 10 || b === 13 || b === 9;
    // The `{` of the first event boundary at or after `from` (a `}` , ws `{` ws `"`).
    const boundary = (from: number) => {
      for (let i = from; i < bytes.length; i++) {
        if (bytes[i] !== 44) continue;
        let j = i - 1;
        while (j > 0 && isWs(bytes[j]!)) j--;
        if (bytes[j] !== 125) continue;
        let k = i + 1;
        while (k < bytes.length && isWs(bytes[k]!)) k++;
        if (bytes[k] !== 123) continue;
        let q = k + 1;
        while (q < bytes.length && isWs(bytes[q]!)) q++;
        if (bytes[q] === 34) return k;
      }
      return bytes.length;
    };
    let start = 0;
    let pieces = 0;
    while (start < bytes.length) {
      const end = start + PIECE >= bytes.length ? bytes.length : boundary(start + PIECE);
      let text = decoder.decode(bytes.subarray(start, end)).trim();
      if (start === 0) text = text.slice(1); // the array's `[`
      if (end === bytes.length) text = text.replace(/\]\s*$/, '');
      text = text.replace(/,\s*$/, '');
      walk(JSON.parse(`[${text}]`));
      pieces++;
      start = end;
    }
    return { ms: performance.now() - t, events, pieces, error: null };
  } catch (e) {
    return { ms: performance.now() - t, events, pieces: 0, error: String(e) };
  }
}
