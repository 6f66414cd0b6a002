/**
 * `npm run fixtures`: regenerates the checked-in synthetic fixtures under fixtures/ from the
 * seeded generators in src/generator (deterministic: rerunning gives identical bytes).
 *   fixtures/ascend/level2-rank0/   one Level2 rank (train, steps, memory, HCCL) + truth.json
 *   fixtures/ascend/level0-sglang/  SGLang-like Level0 (no ProfilerStep, no Step Id) + truth.json
 *   fixtures/ascend/two-ranks/      two ranks of one run on one host + truth.json
 *   fixtures/cluster-8/             8 small ranks on 2 skewed hosts, one slow rank + truth.json
 *   fixtures/trace-json/            Chrome-trace edge cases <case>.json(.gz) + truth.json (by file)
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { FIXTURE_DIRS, fixtureFiles } from '../src/generator/fixture-sets';

const ROOT = resolve(import.meta.dirname, '..', 'fixtures');

const files = fixtureFiles();
for (const dir of FIXTURE_DIRS) rmSync(join(ROOT, dir), { recursive: true, force: true });
let total = 0;
for (const f of files) {
  const path = join(ROOT, f.path);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, f.data);
  total += typeof f.data === 'string' ? Buffer.byteLength(f.data) : f.data.length;
}
process.stdout.write(
  `fixtures: ${files.length} files, ${(total / 1e6).toFixed(2)} MB under ${ROOT}\n`,
);
