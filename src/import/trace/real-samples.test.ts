// Every real trace JSON under ../shared/samples, checked against an independent reference
// (test/independent-trace-stats.mjs: platform JSON.parse with source access + BigInt).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasSamples, SAMPLES_DIR, SKIP_REASON } from '../../../test/real-samples';
import { memoryFile } from '../sources/input-file';
import { importTraceJson } from './import-trace-json';

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/trace_view.*\.json$|\.json\.gz$|\.json$/.test(e.name)) out.push(p);
  }
  return out;
}

/** JSON files that are not traces (Ascend side files, cluster outputs). */
const NOT_TRACES =
  /profiler_info|profiler_metadata|communication|cluster_|PROVENANCE|\/info\.json|sample\.json|parallel|group|step_trace|msprof_|op_summary|kernel|memory|api_|statistic|\.db/;

const files = hasSamples
  ? walk(SAMPLES_DIR).filter(
      (p) => !NOT_TRACES.test(relative(SAMPLES_DIR, p)) && statSync(p).size > 0,
    )
  : [];

describe.skipIf(!hasSamples)(`real trace samples${hasSamples ? '' : ` - ${SKIP_REASON}`}`, () => {
  it('found the sample traces', () => {
    expect(files.length).toBeGreaterThan(40);
  });
  for (const file of files) {
    const rel = relative(SAMPLES_DIR, file);
    it(rel, async () => {
      const ref = JSON.parse(
        execFileSync(
          process.execPath,
          ['--harmony-json-parse-with-source', 'test/independent-trace-stats.mjs', file],
          {
            encoding: 'utf8',
            maxBuffer: 1 << 26,
          },
        ),
      ) as Record<string, unknown>;
      const model = await importTraceJson(memoryFile(rel, new Uint8Array(readFileSync(file))));
      if ('unparseable' in ref) {
        // The platform parser refuses it (NaN, control characters…); we must still read it.
        expect(model.stats.events).toBeGreaterThan(0);
        return;
      }
      expect(model.stats.events).toBe(ref['events']);
      expect(model.stats.byPhase).toEqual(ref['byPhase']);
      expect(model.stats.firstTsNs).toBe(ref['firstTsNs']);
      expect(model.stats.lastTsNs).toBe(ref['lastTsNs']);
      expect(model.stats.distinctTs).toBe(ref['distinctTs']);
    });
  }
});
