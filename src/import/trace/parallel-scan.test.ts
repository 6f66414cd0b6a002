// A parallel import must give exactly the model a single scan gives.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSamples, MI, samplePath, SKIP_REASON } from '../../../test/real-samples';
import { blobFile, memoryFile, type InputFile } from '../sources/input-file';
import { argsOf, fingerprint } from './test-helpers';
import { importTraceJson } from './import-trace-json';
import { inProcessPool } from './parallel-scan';

async function compare(file: InputFile, ranges: number) {
  const single = await importTraceJson(file);
  const pool = inProcessPool(ranges);
  let scans = 0;
  const counting = {
    size: pool.size,
    scan: (...a: Parameters<typeof pool.scan>) => (scans++, pool.scan(...a)),
  };
  const parallel = await importTraceJson(file, { pool: counting, minBytesPerRange: 1 });
  expect(fingerprint(parallel)).toEqual(fingerprint(single));
  expect(await argsOf(parallel, file)).toEqual(await argsOf(single, file));
  const fellBack = parallel.warnings.some((w) => w.code === 'parallel_fallback');
  return { model: parallel, scans, fellBack };
}

const ev = (o: Record<string, unknown>) => JSON.stringify(o);

describe('parallel scan', () => {
  const events = Array.from({ length: 3000 }, (_, i) =>
    ev({
      ph: i % 10 === 0 ? 'C' : i % 17 === 0 ? 's' : 'X',
      name: `op${i % 13}`,
      cat: i % 17 === 0 ? 'c' : 'cpu',
      id: i,
      pid: i % 3,
      tid: i % 5,
      ts: `${1736412474730000 + i}.${String(i % 1000).padStart(3, '0')}`,
      dur: (i % 7) + 0.5,
      args: i % 10 === 0 ? { v: i } : { stack: 'a;\r\nb,{"x":1}', n: i },
    }),
  );
  it('matches the single scan for the array form, at any number of ranges', async () => {
    const file = memoryFile('t.json', `[${events.join(',\n')}]`);
    for (const n of [2, 3, 7]) {
      const r = await compare(file, n);
      expect(r).toMatchObject({ scans: n, fellBack: false });
    }
  });
  it('matches for the object form with metadata after the events', async () => {
    const file = memoryFile('t.json', `{"traceEvents":[${events.join(',')}],"otherData":{"a":1}}`);
    const r = await compare(file, 4);
    expect(r.fellBack).toBe(false);
    expect(r.model.metadata).toEqual({ otherData: { a: 1 } });
  });
  it('matches when ranges are read as Blob streams (small pieces gathered, several chunks)', async () => {
    // A Blob-backed file is read as one stream per range; pieces are gathered into ~4 MB chunks.
    const big = Array.from({ length: 20 }, () => events.join(',\n')).join(',\n');
    const text = `[${big}]`;
    expect(text.length).toBeGreaterThan(5 << 20);
    const file = blobFile('t.json', new Blob([text]));
    const r = await compare(file, 2);
    expect(r).toMatchObject({ scans: 2, fellBack: false });
    expect(r.model.stats.events).toBe(events.length * 20);
  });
  it('falls back to one pass when a split lands inside args that look like events', async () => {
    // `,{"` also occurs inside args holding arrays of objects: a split there must be detected.
    const list = Array.from({ length: 300 }, (_, k) => ({ ph: 'X', k }));
    const tricky = events.map((e, i) =>
      i % 50 === 0 ? ev({ ph: 'X', name: 'x', pid: 1, tid: 1, ts: i, dur: 1, args: { list } }) : e,
    );
    const file = memoryFile('t.json', `[${tricky.join(',')}]`);
    let fallbacks = 0;
    for (const n of [2, 5, 9, 13]) if ((await compare(file, n)).fellBack) fallbacks++;
    expect(fallbacks).toBeGreaterThan(0);
  });
});

describe.skipIf(!hasSamples)(
  `parallel scan on real samples${hasSamples ? '' : ` - ${SKIP_REASON}`}`,
  () => {
    for (const rel of [
      `${MI}/text/level2/rank0_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json`,
      `${MI}/text/level0/rank1_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json`,
    ]) {
      it(rel, async () => {
        const file = memoryFile(rel, new Uint8Array(readFileSync(samplePath(rel))));
        await compare(file, 2);
        await compare(file, 5);
      });
    }
  },
);
