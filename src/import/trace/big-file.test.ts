// A trace larger than V8's string limit (~512 MB) must import: the scanner never builds a string
// of the file. Runs only with BIG=1 (it writes a ~600 MB file and takes a minute):
//   BIG=1 npx vitest run src/import/trace/big-file.test.ts
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { streamAscendTrace } from '../../generator/trace-stream';
import { nodeFile } from '../../node/node-files';
import { importTraceJson } from './import-trace-json';
import { inProcessPool } from './parallel-scan';

const BIG = process.env.BIG === '1';
const MB = Number(process.env.BIG_MB ?? 600);

describe.skipIf(!BIG)(
  `a ${MB} MB trace (beyond the V8 string limit)${BIG ? '' : ' - set BIG=1 to run'}`,
  () => {
    it('imports with exact counts and times, in one pass and in parallel ranges', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'atv-big-'));
      const path = join(dir, 'trace_view.json');
      const fd = openSync(path, 'w');
      const truth = streamAscendTrace({ targetMB: MB, seed: 5 }, (chunk) => writeSync(fd, chunk));
      closeSync(fd);
      try {
        expect(truth.bytes).toBeGreaterThan(2 ** 29); // more than a JS string can hold
        for (const pool of [undefined, inProcessPool(2)]) {
          const m = await importTraceJson(nodeFile(path, 'trace_view.json'), {
            argsFromFile: true,
            pool,
          });
          expect(m.stats.events).toBe(truth.events);
          expect(m.stats.byPhase).toEqual(truth.byPhase);
          expect(m.stats.firstTsNs).toBe(truth.firstTsNs);
          expect(m.stats.lastTsNs).toBe(truth.lastTsNs);
          expect(m.stats.distinctTs).toBe(truth.distinctTs);
          expect(m.stats.overflowSlices).toBe(truth.overflowSlices);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 600_000);
  },
);
