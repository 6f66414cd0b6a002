// The cluster model on msinsight's real two-rank runs (2025-01, Level2, text and db exports).
import { describe, expect, it } from 'vitest';
import { hasSamples, MI, samplePath, SKIP_REASON } from '../../../test/real-samples';
import { buildClusterModel } from '../../model/cluster/cluster-model';
import { collectiveKey } from '../../model/cluster/collectives';
import { collectivesFromTrace } from '../../model/cluster/rank-summary';
import { listInputFiles } from '../../node/node-files';
import { locateSqlJsInNode } from '../db/sql-loader-node';
import { openInputs } from '../open-inputs';
import { createWorkerSession } from '../worker-handlers';

const ctx = () => ({ signal: new AbortController().signal, progress: () => {} });

async function cluster(dir: string) {
  locateSqlJsInNode();
  const session = createWorkerSession();
  session.opened = await openInputs(await listInputFiles(samplePath(dir)));
  const small = await session.handlers['cluster:overview'](undefined, ctx());
  const matrices = await session.handlers['cluster:matrices'](undefined, ctx());
  const overview = small.map((r) => ({
    ...r,
    commMatrix: r.commMatrix ?? matrices.find((m) => m.profileId === r.profileId)?.rows,
  }));
  const traced = new Map<number, ReturnType<typeof collectivesFromTrace>>();
  for (const r of overview) {
    const p = await session.handlers['import']({ profileId: r.profileId }, ctx());
    traced.set(r.rank, collectivesFromTrace(p.trace!));
  }
  return { overview, traced };
}

describe.skipIf(!hasSamples)('real two-rank runs', () => {
  if (!hasSamples) console.warn(SKIP_REASON);
  for (const kind of ['text', 'db'] as const) {
    it(`${kind} export, Level2: ranks, collectives, offsets exact once the traces are open`, async () => {
      const { overview, traced } = await cluster(`${MI}/${kind}/level2`);
      expect(overview.map((r) => r.rank).sort()).toEqual([0, 1]);
      expect(overview.every((r) => r.steps.length > 0 && r.collectives.length === 4)).toBe(true);
      const base = {
        overview,
        output: null,
        traced: new Map(),
        openRanks: [],
        manualNs: new Map(),
      };
      const small = buildClusterModel(base);
      expect(small.collectives).toHaveLength(4);
      expect(small.matrix.rows.length).toBeGreaterThan(0);
      expect(small.offsets.get(1)!.source).toBe('communication.json');
      const open = buildClusterModel({ ...base, traced, openRanks: [0, 1] });
      const o1 = open.offsets.get(1)!;
      expect(o1.source).toBe('trace');
      // The summary files' offset lands near the exact one: communication.json within 1 µs; the
      // db's CommAnalyzerTime (its own rounding) within 20 µs.
      expect(Math.abs(Number(o1.autoNs - small.offsets.get(1)!.autoNs))).toBeLessThan(
        kind === 'text' ? 1000 : 20_000,
      );
      // Aligned, the 4 allReduces end together: one exactly (the median), the others within a
      // few µs (real ends are not simultaneous: 3 µs in the text run, 10 µs in the db run).
      const end = (rank: number, off: bigint) =>
        new Map(traced.get(rank)!.map((c) => [collectiveKey(c.op, c.seq), c.endNs - off]));
      const e0 = end(0, 0n);
      const e1 = end(1, o1.effectiveNs);
      const gaps = [...e0].map(([k, t]) => Math.abs(Number(e1.get(k)! - t)));
      expect(gaps).toHaveLength(4);
      expect(gaps).toContain(0);
      expect(Math.max(...gaps)).toBeLessThan(kind === 'text' ? 3000 : 10_000);
    });
  }
});
