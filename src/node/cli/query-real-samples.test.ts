// `query` on the real samples in ../shared/samples (skipped when absent): the tables hold what
// `summarize` reports for the same input (slices, flows, processes, threads, kernels), the first
// profile is the default, and the profile's .db files are attached under their base names.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSamples, MI, samplePath, SKIP_REASON } from '../../../test/real-samples';
import { cliMain } from './main';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await cliMain(argv, {
    out: (s) => (out += s),
    err: (s) => (err += s),
    progress: false,
  });
  return { code, out, err };
}

interface TraceSummary {
  trace?: { slices: number; flows: { arrows: number }; processes: number; threads: number };
  kernels?: { rows: number };
}

const COUNTS =
  'SELECT (SELECT count(*) FROM slice) AS slices, (SELECT count(*) FROM flow) AS flows, ' +
  '(SELECT count(*) FROM process) AS processes, (SELECT count(*) FROM thread) AS threads, ' +
  '(SELECT count(*) FROM kernel) AS kernels, (SELECT count(*) FROM profile) AS profiles';

const SAMPLES: { rel: string; profiles: number; attached?: string }[] = [
  { rel: `${MI}/text/level2/rank0_ascend_pt`, profiles: 1 },
  { rel: `${MI}/db/level2/rank0_ascend_pt`, profiles: 1, attached: 'ascend_pytorch_profiler' },
  { rel: `${MI}/text/level0`, profiles: 2 },
  {
    rel: 'trace-json/pytorch__kineto/tb_plugin/samples/resnet50_num_workers_0/worker0.1623143089861.pt.trace.json.gz',
    profiles: 1,
  },
  {
    rel: 'trace-json/google__perfetto/test/trace_processor/diff_tests/parser/parsing/flow_events_json_v2.json',
    profiles: 1,
  },
];

describe.skipIf(!hasSamples)('query on real samples', () => {
  for (const s of SAMPLES) {
    it(s.rel, async () => {
      const path = samplePath(s.rel);
      if (!existsSync(path)) return; // this one sample is missing; the others still run
      const sum = await run('summarize', path);
      expect(sum.code).toBe(0);
      const parsed = JSON.parse(sum.out) as TraceSummary & { profiles?: TraceSummary[] };
      const first = parsed.profiles?.[0] ?? parsed;
      const q = await run('query', path, COUNTS, '--format', 'json');
      expect(q.err).toBe('');
      expect(q.code).toBe(0);
      const [row] = JSON.parse(q.out) as Record<string, number>[];
      expect(row).toEqual({
        slices: first.trace?.slices ?? 0,
        flows: first.trace?.flows.arrows ?? 0,
        processes: first.trace?.processes ?? 0,
        threads: first.trace?.threads ?? 0,
        kernels: first.kernels?.rows ?? 0,
        profiles: s.profiles,
      });
      if (s.attached) {
        const dbs = await run('query', path, 'SELECT name FROM pragma_database_list ORDER BY seq');
        expect(dbs.out).toContain(s.attached);
      }
    });
  }
});

describe.skipIf(hasSamples)('query on real samples', () => {
  it.skip(SKIP_REASON, () => {});
});
