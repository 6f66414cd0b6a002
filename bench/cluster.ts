/**
 * Cluster overview benchmark: `npm run bench:cluster -- --ranks 256`.
 * Generates a run with N ranks (a slow rank, skewed host clocks) on disk (cached in
 * .bench-cache/), then times, in Node with the import worker's own code: discovery of every
 * rank, the overview built from the small files only, and one rank's full import.
 * Prints figures only.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { generateCluster } from '../src/generator/cluster';
import { locateSqlJsInNode } from '../src/import/db/sql-loader-node';
import { openInputs } from '../src/import/open-inputs';
import { createWorkerSession } from '../src/import/worker-handlers';
import { clusterSummary } from '../src/model/cluster/cluster-summary';
import { buildClusterModel } from '../src/model/cluster/cluster-model';
import { listInputFiles } from '../src/node/node-files';

const args = process.argv.slice(2);
const ranks = Number(args[args.indexOf('--ranks') + 1] ?? 256) || 256;
const dir = resolve('.bench-cache', `cluster_${ranks}`);

async function main() {
  if (!existsSync(join(dir, 'done'))) {
    const t = performance.now();
    const { files, truth } = generateCluster({
      ranks,
      ranksPerHost: 8,
      tp: 8,
      steps: 3,
      slowRank: ranks - 3,
      skewNsByHost: Array.from({ length: Math.ceil(ranks / 8) }, (_, h) => h * 1_234_567),
      seed: 9,
      withStack: false,
      kernelsPerStep: 40,
    });
    for (const f of files) {
      const p = join(dir, f.path);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, f.data);
    }
    writeFileSync(join(dir, 'truth.json'), JSON.stringify({ slowRank: truth.slowRank }));
    writeFileSync(join(dir, 'done'), '');
    console.error(`generated ${ranks} ranks in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  locateSqlJsInNode();
  const inputs = (await listInputFiles(dir)).filter((f) => !/truth\.json$|done$/.test(f.path));
  const totalMB = inputs.reduce((a, f) => a + f.size, 0) / 2 ** 20;
  const session = createWorkerSession();
  const ctx = { signal: new AbortController().signal, progress: () => {} };
  const t0 = performance.now();
  session.opened = await openInputs(inputs);
  const t1 = performance.now();
  const summaries = await session.handlers['cluster:overview'](undefined, ctx);
  const t2 = performance.now();
  const c = clusterSummary(summaries);
  const t3 = performance.now();
  const first = session.opened.discovery.profiles[0]!.id;
  await session.handlers['import']({ profileId: first }, ctx);
  const t4 = performance.now();
  // What the cluster view adds: every rank's matrix (second pass), and the view's model.
  const matrices = await session.handlers['cluster:matrices'](undefined, ctx);
  const t5 = performance.now();
  const byId = new Map(matrices.map((m) => [m.profileId, m.rows]));
  const model = buildClusterModel({
    overview: summaries.map((r) => ({ ...r, commMatrix: byId.get(r.profileId) })),
    output: null,
    traced: new Map(),
    openRanks: [],
    manualNs: new Map(),
  });
  const t6 = performance.now();
  console.log(
    `\nCluster benchmark (Node ${process.version}, ${ranks} ranks, ${inputs.length} files, ${totalMB.toFixed(0)} MB)`,
  );
  console.log('| step | ms |');
  console.log('|---|---|');
  console.log(
    `| discover ${session.opened.discovery.profiles.length} ranks | ${(t1 - t0).toFixed(0)} |`,
  );
  console.log(`| overview from small files | ${(t2 - t1).toFixed(0)} |`);
  console.log(`| analysis (align, slowest, divergent) | ${(t3 - t2).toFixed(0)} |`);
  console.log(`| **overview total** | **${(t3 - t0).toFixed(0)}** |`);
  console.log(`| one rank's full import | ${(t4 - t3).toFixed(0)} |`);
  console.log(
    `| every rank's communication matrix (after the overview) | ${(t5 - t4).toFixed(0)} |`,
  );
  console.log(
    `| cluster view model (${model.collectives.length} collectives, ${model.matrix.rows.length} links) | ${(t6 - t5).toFixed(0)} |`,
  );
  console.log(
    `slowest rank found: ${c.slowestRank} (by ${c.slowestBy}); divergent step ${c.divergentStep}`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
