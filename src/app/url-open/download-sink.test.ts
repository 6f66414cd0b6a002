// Downloads without a whole-file copy in the page (issue 17): the memory sink groups chunks into
// Blobs of ≤ 16 MiB as they arrive; the File it returns holds exactly the bytes written, named
// and stamped. (The OPFS sink needs a browser: e2e/url-stream.spec.ts.)
import { describe, expect, it } from 'vitest';
import { MemorySink, openSink } from './download-sink';

describe('download sinks', () => {
  it('the memory sink returns the written bytes as a named, stamped File', async () => {
    const sink = new MemorySink();
    const chunk = (n: number, v: number) => new Uint8Array(n).fill(v);
    // 20 chunks of 1 MiB: one 16 MiB part, then the rest at finish.
    for (let i = 0; i < 20; i++) await sink.write(chunk(1 << 20, i));
    await sink.write(chunk(3, 255));
    const file = await sink.finish('trace.json', 1234);
    expect(file.name).toBe('trace.json');
    expect(file.lastModified).toBe(1234);
    expect(file.size).toBe(20 * (1 << 20) + 3);
    const bytes = new Uint8Array(await file.arrayBuffer());
    for (let i = 0; i < 20; i++) expect(bytes[i * (1 << 20) + 7]).toBe(i);
    expect([...bytes.subarray(-3)]).toEqual([255, 255, 255]);
  });

  it('falls back to memory where there is no origin-private file system (Node)', async () => {
    expect((await openSink(0)).kind).toBe('memory');
    expect((await openSink(100 << 20)).kind).toBe('memory');
  });
});
