// The text and db exports of the same real workload (../shared/samples/ascend) give the same
// kernels, communication ops, overlap lanes, steps and summary; a db never replaces a
// trace_view.json timeline. Skips with SKIP_REASON without samples.
import { beforeAll, describe, expect, test } from 'vitest';
import { hasSamples, MI, SKIP_REASON } from '../../../test/real-samples';
import type { ProfileModel } from '../../model/profile';
import { summarizeProfile } from '../../model/summarize-profile';
import type { TraceModel } from '../../model/trace-model';
import { parseCsvFile } from '../readers/csv-reader';
import { memoryFile } from '../sources/input-file';
import { importTraceJson } from '../trace/import-trace-json';
import { DB_SUMMARY_EXTENSION } from '.';
import { readAnalysisDb, readProfilerDb } from './db-readers';
import { bytesOf, laneCounts, level, MI_PAIRS, readSample } from './test-real-dbs';
import { locateSqlJsInNode } from './sql-loader-node';
import { testProfile } from './test-helpers';

beforeAll(() => {
  locateSqlJsInNode();
});

describe.skipIf(!hasSamples)(`real SQLite exports${hasSamples ? '' : ` - ${SKIP_REASON}`}`, () => {
  describe.each(MI_PAIRS)('text vs db export, $l rank $r', ({ l, r }) => {
    let text: TraceModel;
    let db: ProfileModel;
    beforeAll(async () => {
      const dir = `${MI}/text/${l}/rank${r}_ascend_pt/ASCEND_PROFILER_OUTPUT`;
      text = await importTraceJson(
        memoryFile('trace_view.json', bytesOf(`${dir}/trace_view.json`)),
      );
      db = await readSample(readProfilerDb, `${level(l, r)}/ascend_pytorch_profiler_${r}.db`);
    });

    test('same compute kernels (names and counts) and communication ops', async () => {
      const csv = await parseCsvFile(
        memoryFile(
          'k.csv',
          bytesOf(`${MI}/text/${l}/rank${r}_ascend_pt/ASCEND_PROFILER_OUTPUT/kernel_details.csv`),
        ),
      );
      const nameCol = csv.table.header.indexOf('Name');
      const coreCol = csv.table.header.indexOf('Accelerator Core');
      const textKernels = new Set(
        csv.table.rows.filter((x) => x[coreCol] !== 'HCCL').map((x) => x[nameCol]!),
      );
      const dbKernels = db.ascend.kernels!;
      const dbKernelNames = new Set<string>();
      for (let i = 0; i < dbKernels.length; i++) {
        if (dbKernels.strings[dbKernels.core[i]!] !== 'HCCL')
          dbKernelNames.add(dbKernels.strings[dbKernels.name[i]!]!);
      }
      const hist = (t: TraceModel, names: Set<string>) => {
        const out = new Map<string, number>();
        for (const tr of t.sliceTracks) {
          if (t.processes[tr.process]!.name !== 'Ascend Hardware') continue;
          for (let i = 0; i < tr.slices.length; i++) {
            const n = t.strings[tr.slices.name[i]!]!;
            if (names.has(n)) out.set(n, (out.get(n) ?? 0) + 1);
          }
        }
        return out;
      };
      const textHist = hist(text, textKernels);
      const dbHist = hist(db.trace!, dbKernelNames);
      expect([...dbHist].sort()).toEqual([...textHist].sort());
      expect([...dbHist.values()].reduce((a, b) => a + b, 0)).toBe(187);
      // The Kernels view lists the same kernels as kernel_details.csv, plus the same HCCL rows.
      expect(dbKernels.length).toBe(csv.table.rows.length);
      const groups = (t: TraceModel) =>
        [...laneCounts(t, 'HCCL')]
          .filter(([k]) => k.endsWith('Communication'))
          .reduce((a, [, n]) => a + n, 0);
      expect(groups(db.trace!)).toBe(groups(text));
      expect(groups(text)).toBe(4);
    });

    test('Overlap Analysis lanes: as many slices as the text export', () => {
      const text0 = laneCounts(text, 'Overlap Analysis');
      const db0 = laneCounts(db.trace!, 'Overlap Analysis');
      expect(Object.fromEntries(db0)).toEqual(Object.fromEntries(text0));
    });

    test('steps from STEP_TIME equal analysis.db StepTraceTime', async () => {
      const a = await readSample(readAnalysisDb, `${level(l, r)}/analysis.db`);
      expect(db.ascend.steps).toEqual(a.ascend.steps);
    });

    test('summary: trace block like the text one, plus the db key', async () => {
      await readSample(readAnalysisDb, `${level(l, r)}/analysis.db`, db);
      const s = summarizeProfile(db, [DB_SUMMARY_EXTENSION]);
      const textKeys = Object.keys({ ...s.trace, ...text.stats }).length;
      expect(textKeys).toBeGreaterThan(0);
      expect(Object.keys(s.trace!).sort()).toEqual(
        Object.keys(summarizeProfile({ ...db, trace: text }).trace!).sort(),
      );
      expect(s.trace!.processNames.slice(0, 5)).toEqual([
        'Python',
        'CANN',
        'Ascend Hardware',
        'HCCL',
        'Overlap Analysis',
      ]);
      const dbKey = s['db'] as {
        schemaVersion: string;
        tables: Record<string, number>;
        steps: string;
      };
      expect(dbKey.schemaVersion).toBe('1.0.0');
      expect(dbKey.tables['TASK']).toBeGreaterThan(500);
      expect(dbKey.steps).toBe('StepTraceTime');
    });
  });

  test('the db reader never replaces a trace_view.json trace', async () => {
    const p = testProfile({ label: 't' });
    const dir = `${MI}/text/level2/rank0_ascend_pt/ASCEND_PROFILER_OUTPUT`;
    p.trace = await importTraceJson(
      memoryFile('trace_view.json', bytesOf(`${dir}/trace_view.json`)),
    );
    const trace = p.trace;
    await readSample(readProfilerDb, `${level('level2', 0)}/ascend_pytorch_profiler_0.db`, p);
    expect(p.trace).toBe(trace);
    expect(p.ascend.kernels?.source).toBe('db');
    expect((summarizeProfile(p, [DB_SUMMARY_EXTENSION])['db'] as { trace: string }).trace).toBe(
      'trace_view.json',
    );
  });
});
