// Cross-view invariants (issue 13), on generated profiles of every shape and on every real
// sample in ../shared/samples (skipped when absent): see test-invariants.ts for the list.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateAscendProfile } from '../../src/generator/ascend-profile';
import { generateKinetoTrace } from '../../src/generator/kineto-trace';
import { traceJsonCases } from '../../src/generator/trace-json-cases';
import { loadSqlJs } from '../../src/import/db/sql-loader';
import { locateSqlJsInNode } from '../../src/import/db/sql-loader-node';
import { makeDb, schema100 } from '../../src/import/db/test-dbs';
import { memoryFile, type InputFile } from '../../src/import/sources/input-file';
import { analyzeProfile } from '../../src/model/analysis/analyze';
import { stepsData } from '../../src/model/derive/steps';
import { listInputFiles } from '../../src/node/node-files';
import { MI, SAMPLES_DIR, SKIP_REASON, hasSamples, samplePath } from '../real-samples';
import { checkProfile, openProfiles } from './test-invariants';

beforeAll(() => locateSqlJsInNode());

const files = (list: { path: string; data: string | Uint8Array }[]): InputFile[] =>
  list.map((f) => memoryFile(f.path, f.data));

describe('generated profiles', () => {
  it.each([
    ['Level2', true],
    ['Level1', true],
    ['Level0', true],
    ['Level0', false],
  ] as const)('Ascend text %s (steps: %s)', async (level, withSteps) => {
    const g = generateAscendProfile({ seed: 21, level, steps: 2, kernelsPerStep: 12, withSteps });
    const [p] = await openProfiles(files(g.files));
    expect(analyzeProfile(p!).kernels).not.toBeNull();
    await checkProfile(p!, `generated ${level}`);
  });

  it('a lone trace_view.json (Level2) gets kernels, operators and steps from the trace', async () => {
    const g = generateAscendProfile({ seed: 22, level: 'Level2', steps: 2, kernelsPerStep: 10 });
    const tv = g.files.find((f) => f.path.endsWith('trace_view.json'))!;
    const [p] = await openProfiles([memoryFile('trace_view.json', tv.data)]);
    const a = analyzeProfile(p!);
    expect(a.kernels?.source).toBe('trace');
    expect(a.operators?.source).toBe('trace');
    expect(a.trace!.steps.length).toBe(2);
    expect(a.trace!.steps.every((s) => s.events > 0)).toBe(true);
    await checkProfile(p!, 'lone trace_view.json', { tightExtent: true });
  });

  it('a db-only folder', async () => {
    const sql = await loadSqlJs();
    const bytes = makeDb(sql, schema100());
    const [p] = await openProfiles([
      memoryFile('r_ascend_pt/ASCEND_PROFILER_OUTPUT/ascend_pytorch_profiler_0.db', bytes),
    ]);
    const a = analyzeProfile(p!);
    expect(a.kernels).not.toBeNull();
    expect(a.operators?.source).toBe('db');
    await checkProfile(p!, 'db-only');
  });

  it.each(['new', 'old'] as const)('Kineto (%s categories)', async (style) => {
    const g = generateKinetoTrace({ seed: 23, style, steps: 3, kernelsPerStep: 8 });
    const [p] = await openProfiles([memoryFile('rank0.pt.trace.json', g.text)]);
    const a = analyzeProfile(p!);
    expect(a.kernels?.table.length).toBe(g.truth.kernels.length);
    expect(a.trace!.steps.map((s) => s.id)).toEqual(['1', '2', '3']);
    // Host step (wall) is the host's ProfilerStep#N, not its later GPU annotation.
    const sd = stepsData(p!, 'host');
    for (const t of g.truth.steps)
      expect(sd.hostWallNs.get(t.id)).toBe(t.hostEndNs - t.hostStartNs);
    expect(sd.rowsFrom).toBe('kernels');
    await checkProfile(p!, `kineto ${style}`, { tightExtent: true });
  });

  it('plain Chrome traces (the edge-case corpus)', async () => {
    for (const c of traceJsonCases()) {
      const ps = await openProfiles([memoryFile(c.file, c.bytes)]);
      for (const p of ps) {
        if (!p.trace) continue;
        expect(analyzeProfile(p).trace!.flavor, c.file).not.toBe('ascend');
        await checkProfile(p, c.file);
      }
    }
  });
});

/** Every *_ascend_pt folder and every trace JSON under the samples. */
function realInputs(): { label: string; dir: string; file?: string }[] {
  const out: { label: string; dir: string; file?: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) {
        if (name.endsWith('_ascend_pt')) out.push({ label: relative(SAMPLES_DIR, p), dir: p });
        else walk(p);
      } else if (/\.json(\.gz)?$/.test(name) && dir.includes('trace-json') && st.size < 40e6) {
        out.push({ label: relative(SAMPLES_DIR, p), dir, file: p });
      }
    }
  };
  walk(samplePath(MI));
  walk(samplePath('trace-json'));
  return out;
}

describe.skipIf(!hasSamples)(`real samples${hasSamples ? '' : ` - ${SKIP_REASON}`}`, () => {
  it('every real profile and trace keeps the invariants', async () => {
    const inputs = realInputs();
    expect(inputs.length).toBeGreaterThan(20);
    let checked = 0;
    for (const x of inputs) {
      const list = x.file
        ? (await listInputFiles(x.file)).map((f) => ({ ...f, path: relative(x.dir, x.file!) }))
        : await listInputFiles(x.dir);
      let ps;
      try {
        ps = await openProfiles(list);
      } catch {
        continue; // not a trace at all (a truth.json, a metadata file): the importers say so elsewhere
      }
      for (const p of ps) {
        const t0 = Date.now();
        // The SQL copy of a big trace takes long in sql.js: check SQL on the smaller ones.
        await checkProfile(p, x.label, { sql: (p.trace?.stats.slices ?? 0) < 30_000 });
        if (process.env.INVARIANT_LOG) console.log(x.label, Date.now() - t0, 'ms');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  }, 600_000);
});
