// Every real CSV/JSON variant under ../shared/samples/ascend, checked against values read
// independently here (a minimal CSV splitter and BigInt arithmetic, not papaparse or
// exact-time.ts). Skips with SKIP_REASON when the samples folder is absent.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MI, MS, SKIP_REASON, UB, hasSamples, samplePath } from '../../../test/real-samples';
import type { KernelTable, MemorySeries } from '../../model/ascend-data';
import { findKernelRow, findKernelSlice } from '../../model/ascend/kernel-link';
import {
  compareSteps,
  deviceStepRanges,
  profilerStepRanges,
  stepBreakdownFromTrace,
} from '../../model/ascend/step-breakdown';
import type { ProfileModel } from '../../model/profile';
import { listInputFiles, nodeFile } from '../../node/node-files';
import { importProfile } from '../import-profile';
import { parseJsonText } from '../../lib/json-bytes';
import { openInputs } from '../open-inputs';
import { parseCsvFile } from '../readers/csv-reader';
import { importTraceJson } from '../trace/import-trace-json';
import { parseCommunication, parseCommunicationMatrix } from './communication';
import { parseKernelDetails } from './kernel-details';
import { parseMemoryRecord, parseNpuModuleMem, parseOperatorMemory } from './memory';
import { parseOperatorDetails } from './operator-details';
import { parseProfilerInfo, parseProfilerMetadata } from './profiler-json';
import { parseStatistics } from './statistics';
import { parseStepTraceTime } from './step-trace-time';
import { STEPS_2025_ROW } from './test-csv';
import { warningJson } from '../../model/summarize-profile';

const MA = 'ascend/Ascend__msprof-analyze/test/ut/advisor';
const text = (rel: string) => readFileSync(samplePath(rel), 'utf8');
const table = async (rel: string) => (await parseCsvFile(nodeFile(samplePath(rel), rel))).table;

/** Independent CSV reader: RFC 4180 quotes (cells may span lines), CRLF or LF. */
function splitCsv(src: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(cell);
      if (row.some((x) => x !== '')) rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** Exact ns of a decimal µs cell ("1736412474730135.222\t") with BigInt; null when not plain. */
function bigNs(cell: string): bigint | null {
  const m = /^\s*(\d+)(?:\.(\d*))?\s*$/.exec(cell);
  if (!m) return null;
  const frac = (m[2] ?? '').padEnd(4, '0');
  let ns = BigInt(m[1]!) * 1000n + BigInt(frac.slice(0, 3));
  if (Number(frac[3]) >= 5) ns += 1n;
  return ns;
}

const kernelNs = (k: KernelTable, i: number) =>
  BigInt(k.startUs[i]!) * 1000n + BigInt(k.startFrac[i]!);
const seriesNs = (s: MemorySeries, i: number) => BigInt(s.tsUs[i]!) * 1000n + BigInt(s.tsFrac[i]!);

/** Checks every kernel row's start, duration and name against the independent reading. */
async function checkKernels(rel: string, rows: number) {
  const raw = splitCsv(text(rel));
  const header = raw[0]!;
  const col = (n: string) => header.indexOf(n);
  const { kernels: k, warnings } = parseKernelDetails(await table(rel));
  expect(k.length).toBe(rows);
  expect(raw.length - 1).toBe(rows);
  for (let i = 0; i < rows; i++) {
    const r = raw[i + 1]!;
    expect(kernelNs(k, i)).toBe(bigNs(r[col('Start Time(us)')]!));
    const dur = bigNs(r[col('Duration(us)')]!);
    expect(k.durNs[i]).toBe(Number(dur));
    expect(k.strings[k.name[i]!]).toBe(r[col('Name')]);
    const shapes = col('Input Shapes');
    if (shapes >= 0 && r[shapes] !== 'N/A') {
      expect(k.strings[k.inputShapes[i]!]).toBe(r[shapes]!.replace(/"/g, ''));
    }
  }
  return { k, warnings };
}

async function checkMemory(rel: string, counts: Record<string, number>) {
  const raw = splitCsv(text(rel));
  const ts = raw[0]!.indexOf('Timestamp(us)');
  const { memory, warnings } = parseMemoryRecord(await table(rel));
  expect(Object.fromEntries(memory.map((s) => [s.component, s.tsUs.length]))).toEqual(counts);
  const fromFile = raw
    .slice(1)
    .map((r) => `${r[0]}|${bigNs(r[ts]!)}`)
    .sort();
  const fromSeries = memory
    .flatMap((s) => [...s.tsUs].map((_, i) => `${s.component}|${seriesNs(s, i)}`))
    .sort();
  expect(fromSeries).toEqual(fromFile);
  return warnings;
}

async function importFolder(rel: string): Promise<ProfileModel> {
  const opened = await openInputs(await listInputFiles(samplePath(rel)));
  return importProfile(opened.discovery.profiles[0]!, opened.files);
}

const TEXT = (level: 0 | 2, rank: 0 | 1) => `${MI}/text/level${level}/rank${rank}_ascend_pt`;
const OUT = (level: 0 | 2, rank: 0 | 1) => `${TEXT(level, rank)}/ASCEND_PROFILER_OUTPUT`;

describe.skipIf(!hasSamples)(`real samples${hasSamples ? '' : ` - ${SKIP_REASON}`}`, () => {
  describe('kernel_details.csv, every header variant', () => {
    it('2025 Level0 (8 base columns, CRLF) and Level2 (46 columns, LF)', async () => {
      for (const rank of [0, 1] as const) {
        const l0 = await checkKernels(`${OUT(0, rank)}/kernel_details.csv`, 191);
        expect(l0.warnings).toEqual([]);
        expect(l0.k.text.header).toHaveLength(8);
        const l2 = await checkKernels(`${OUT(2, rank)}/kernel_details.csv`, 191);
        expect(l2.warnings).toEqual([]);
        expect(l2.k.text.header).toHaveLength(46);
      }
      const { k } = await checkKernels(`${OUT(2, 0)}/kernel_details.csv`, 191);
      expect(kernelNs(k, 0)).toBe(1736412474730135222n);
      expect(k.strings[k.inputShapes[0]!]).toBe('32,3,224,224');
      const hccl = [...k.core].findIndex((c) => k.strings[c] === 'HCCL');
      expect(k.strings[k.name[hccl]!]).toBe('hcom_allReduce__271_0_1');
      expect(kernelNs(k, hccl)).toBe(1736412474757059739n);
      expect(k.stream[hccl]).toBe(-1);
    });

    it('2024-09 Level0 and 910A Level1 (no aic_/aiv_ prefix)', async () => {
      for (const blob of [
        '4c5907c721512c562e17e2424df293343c2e8d0a',
        'd941f81021a614641bb3e7670a6daa3b3a4d0732',
      ]) {
        expect((await checkKernels(`${UB}/${blob}.kernel_details.csv`, 349)).warnings).toEqual([]);
      }
      const { k, warnings } = await checkKernels(
        `${UB}/d98235f0f7e075d108b7c1fe6b11e3bc79d0e589.kernel_details.csv`,
        349,
      );
      expect(warnings).toEqual([]);
      expect(k.text.header).toContain('vec_ratio');
    });

    it('quoted TAB starts and 2023 float starts (msprof-analyze)', async () => {
      const q = await checkKernels(`${MA}/compute_advice/data/kernel_details.csv`, 29);
      expect(q.warnings).toEqual([]);
      expect(kernelNs(q.k, 0)).toBe(1736413971558972912n);
      expect(q.k.strings[q.k.inputShapes[0]!]).toBe('81920,4096;8192,512');
      const f = await checkKernels(`${MA}/advisor_backend/compute_advice/kernel_details.csv`, 591);
      expect(f.warnings).toEqual([]);
      expect(kernelNs(f.k, 0)).toBe(1699529622790614800n);
    });

    it('2023 MemoryL0 (integer starts; one hand-edited short row is reported)', async () => {
      const r0 = await checkKernels(
        `${MS}/test_rank_0/ASCEND_PROFILER_OUTPUT/kernel_details.csv`,
        21,
      );
      expect(r0.warnings.map(warningJson)).toEqual([
        {
          code: 'short_row',
          count: 1,
          example:
            'kernel_details.csv row 16 has 31 cells, the header has 32; the missing cells are empty',
        },
      ]);
      expect(kernelNs(r0.k, 0)).toBe(1695115378713661000n);
      const r1 = await checkKernels(
        `${MS}/test_rank_1/ASCEND_PROFILER_OUTPUT/kernel_details.csv`,
        22,
      );
      expect(r1.warnings).toEqual([]);
    });
  });

  it('step_trace_time.csv: 2023, 2024-09 and 2025 headers', async () => {
    const l2 = parseStepTraceTime(await table(`${OUT(2, 0)}/step_trace_time.csv`));
    expect(l2.warnings).toEqual([]);
    expect(l2.steps).toEqual([STEPS_2025_ROW]);
    const old = parseStepTraceTime(
      await table(`${MS}/test_rank_1/ASCEND_PROFILER_OUTPUT/step_trace_time.csv`),
    );
    expect(old.steps[0]).toMatchObject({
      step: '2',
      computing: 75422.22,
      communication: 158433,
      preparing: null,
    });
    for (const blob of [
      '22cc506c87ee3d670479965d30666ff32d2870f6',
      'f552b9374514b9c201ef69384d4013c18ecbfa2a',
    ]) {
      const s = parseStepTraceTime(await table(`${UB}/${blob}.step_trace_time.csv`));
      expect(s.warnings).toEqual([]);
      expect(s.steps[0]!.step).toBe('50');
    }
  });

  it('memory_record.csv: 2025 counts and exact times; Excel-mangled 2023 file flagged', async () => {
    const counts = { APP: 13, GE: 114, PTA: 381, 'PTA+GE': 495 };
    expect(await checkMemory(`${OUT(2, 0)}/memory_record.csv`, counts)).toEqual([]);
    expect(await checkMemory(`${OUT(0, 1)}/memory_record.csv`, counts)).toEqual([]);
    expect(
      await checkMemory(`${MS}/test_rank_0/ASCEND_PROFILER_OUTPUT/memory_record.csv`, {
        APP: 2,
        GE: 3,
        PTA: 3,
        'PTA+GE': 3,
      }),
    ).toEqual([]);
    const excel = parseMemoryRecord(
      await table(`${MS}/test_rank_1/ASCEND_PROFILER_OUTPUT/memory_record.csv`),
    );
    const lost = excel.warnings.find((w) => w.code === 'time_lost_precision')!;
    expect(lost.count).toBe(30);
    expect(lost.example).toBe(
      'memory_record.csv row 1, column "Timestamp(us)": "1.69512E+15" is in exponent form (saved by a spreadsheet?); the time lost precision',
    );
    expect(excel.warnings.find((w) => w.code === 'value_lost_precision')!.example).toContain(
      '"Stream Ptr"',
    );
    expect(seriesNs(excel.memory[0]!, 0)).toBe(1695120000000000000n);
  });

  it('npu_module_mem.csv and operator_memory.csv (TAB times and durations)', async () => {
    for (const rel of [
      `${OUT(2, 0)}/npu_module_mem.csv`,
      `${MS}/test_rank_0/ASCEND_PROFILER_OUTPUT/npu_module_mem.csv`,
    ]) {
      const raw = splitCsv(text(rel));
      const { moduleMemory, warnings } = parseNpuModuleMem(await table(rel));
      expect(warnings).toEqual([]);
      expect(moduleMemory.reduce((a, s) => a + s.tsUs.length, 0)).toBe(raw.length - 1);
      const first = moduleMemory.find((s) => s.component === raw[1]![0])!;
      expect(seriesNs(first, 0)).toBe(bigNs(raw[1]![1]!));
    }
    for (const rel of [
      `${OUT(2, 0)}/operator_memory.csv`,
      `${MS}/test_rank_0/ASCEND_PROFILER_OUTPUT/operator_memory.csv`,
      `${MS}/test_rank_1/ASCEND_PROFILER_OUTPUT/operator_memory.csv`,
    ]) {
      const raw = splitCsv(text(rel));
      const { operatorMemory, warnings } = parseOperatorMemory(await table(rel));
      expect(warnings).toEqual([]);
      expect(operatorMemory.rows).toHaveLength(raw.length - 1);
      expect(operatorMemory.rows[0]![2]).toBe(raw[1]![2]!.trim());
    }
  });

  it('operator_details.csv: multi-line quoted call stacks and shapes', async () => {
    for (const rel of [
      `${OUT(2, 0)}/operator_details.csv`,
      `${OUT(0, 0)}/operator_details.csv`,
      `${MS}/test_rank_1/ASCEND_PROFILER_OUTPUT/operator_details.csv`,
    ]) {
      const raw = splitCsv(text(rel));
      const { operators: o, warnings } = parseOperatorDetails(await table(rel));
      expect(warnings).toEqual([]);
      expect(o.length).toBe(raw.length - 1);
      for (let i = 0; i < o.length; i++) {
        expect(o.strings[o.name[i]!]).toBe(raw[i + 1]![0]);
        expect(o.hostTotalNs[i]).toBe(Number(bigNs(raw[i + 1]![4]!)));
        expect(o.text.rows[i]![2]).toBe(raw[i + 1]![2]!.replace(/\r\n/g, '\n').trim());
      }
    }
    const { operators: o } = parseOperatorDetails(await table(`${OUT(2, 0)}/operator_details.csv`));
    expect(o.length).toBe(859);
    expect(o.text.rows[0]![2]!.split('\n').length).toBeGreaterThan(3);
  });

  it('op_statistic, api_statistic and l2_cache.csv', async () => {
    for (const kind of ['op_statistic.csv', 'api_statistic.csv', 'l2_cache.csv']) {
      const rel = `${OUT(2, 1)}/${kind}`;
      const { table: t, warnings } = parseStatistics(kind, await table(rel));
      expect(warnings).toEqual([]);
      expect(t.rows).toHaveLength(splitCsv(text(rel)).length - 1);
    }
    const l0 = parseStatistics('l2_cache.csv', await table(`${OUT(0, 0)}/l2_cache.csv`));
    expect(l0.warnings).toEqual([]);
    expect(l0.table.rows[0]![2]).toBe('N/A');
  });

  it('communication.json / communication_matrix.json: 2023, 2024-09, 2025', () => {
    const c = parseCommunication(parseJsonText(text(`${OUT(2, 0)}/communication.json`)));
    expect(c.warnings).toEqual([]);
    expect(c.communication.map((r) => r.op)).toEqual([
      'hcom_allReduce__271_0_1',
      'hcom_allReduce__271_1_1',
      'hcom_allReduce__271_2_1',
      'hcom_allReduce__271_3_1',
    ]);
    expect(c.communication[0]).toMatchObject({
      step: '50',
      group: '11022204950826225271',
      startUs: 1736412474757059.8,
    });
    const m = parseCommunicationMatrix(
      parseJsonText(text(`${OUT(2, 0)}/communication_matrix.json`)),
    );
    expect(m.warnings).toEqual([]);
    expect(m.commMatrix).toHaveLength(48);
    expect(m.commMatrix[0]).toMatchObject({
      group: 'allreduce-top1',
      src: 0,
      dst: 0,
      transport: 'LOCAL',
    });
    const old = parseCommunication(
      parseJsonText(text(`${MS}/test_rank_0/ASCEND_PROFILER_OUTPUT/communication.json`)),
    );
    expect(old.warnings).toEqual([]);
    expect(old.communication.filter((r) => r.kind === 'p2p')).toHaveLength(1);
    expect(old.communication).toHaveLength(28);
    const oldM = parseCommunicationMatrix(
      parseJsonText(text(`${MS}/test_rank_0/ASCEND_PROFILER_OUTPUT/communication_matrix.json`)),
    );
    expect(oldM.warnings).toEqual([]);
    expect(oldM.commMatrix.find((r) => r.kind === 'p2p')).toMatchObject({
      op: 'hcom_send__822_0',
      dst: 0,
    });
    for (const blob of [
      '6c584cb62390cdd166207b123b7fa2adfd4119ad',
      'c1afd82df1088586ac2abe8bfe2b0c8de8c37519',
    ]) {
      expect(
        parseCommunication(parseJsonText(text(`${UB}/${blob}.communication.json`))).communication,
      ).toHaveLength(4);
    }
    for (const blob of [
      '38e8b46fcb1f3e1e984d64acdb1021d46cd87e70',
      'ee3507afd5033da5d4e18ab20f09d6b015bb53af',
    ]) {
      expect(
        parseCommunicationMatrix(parseJsonText(text(`${UB}/${blob}.communication_matrix.json`)))
          .warnings,
      ).toEqual([]);
    }
  });

  it('profiler_info (2025 and 2023) and profiler_metadata (parallel_group_info)', () => {
    const info = parseProfilerInfo(parseJsonText(text(`${TEXT(2, 0)}/profiler_info_0.json`))).info;
    expect(info).toMatchObject({
      rank: 0,
      level: 'Level2',
      aicMetrics: 'ACL_AICORE_PIPE_UTILIZATION',
      exportType: ['text'],
      collectionEndNs: '1736412475029844920',
    });
    const old = parseProfilerInfo(
      parseJsonText(text(`${MS}/test_rank_0/profiler_info_0.json`)),
    ).info;
    expect(old).toMatchObject({
      rank: 0,
      level: 'Level1',
      aicMetrics: 'ACL_AICORE_L0B_AND_WIDTH',
      exportType: [],
    });
    const meta = parseProfilerMetadata(
      parseJsonText(text(`${MS}/metadata/profiler_metadata.json`)),
    );
    expect(meta.warnings).toEqual([]);
    expect(meta.parallelGroups).toHaveLength(21);
    expect(meta.parallelGroups!.find((g) => g.name === 'tp')).toMatchObject({
      groupRank: 0,
      globalRanks: [0, 1],
    });
    expect(
      parseProfilerMetadata(parseJsonText(text(`${TEXT(0, 0)}/profiler_metadata.json`)))
        .parallelGroups,
    ).toBeNull();
  });

  describe('trace cross-checks', () => {
    for (const [level, rank] of [
      [2, 0],
      [2, 1],
      [0, 0],
      [0, 1],
    ] as const) {
      it(`level${level} rank${rank}: whole folder imports; steps and kernels agree with the trace`, async () => {
        const p = await importFolder(TEXT(level, rank));
        expect(p.inputs.filter((i) => i.status !== 'read')).toEqual([]);
        expect(
          p.inputs.flatMap((i) => (i.kind.endsWith('.csv') ? (i.warnings ?? []) : [])),
        ).toEqual([]);
        const trace = p.trace!;
        // Overlap Analysis sums per ProfilerStep agree with step_trace_time.csv to float noise.
        const host = stepBreakdownFromTrace(trace);
        expect(compareSteps(p.ascend.steps!, host)).toEqual([]);
        expect(
          compareSteps(p.ascend.steps!, stepBreakdownFromTrace(trace, deviceStepRanges(trace))),
        ).toEqual([]);
        const csv = p.ascend.steps![0]!;
        for (const f of [
          'computing',
          'communicationNotOverlapped',
          'overlapped',
          'communication',
          'free',
        ] as const) {
          expect(Math.abs(host[0]![f]! - csv[f]!)).toBeLessThan(1e-9);
        }
        expect(profilerStepRanges(trace).map((s) => s.step)).toEqual(['50']);
        // Every kernel row links to its slice and back.
        const k = p.ascend.kernels!;
        for (let i = 0; i < k.length; i++) {
          const ref = findKernelSlice(trace, k, i);
          expect(ref).not.toBeNull();
          expect(findKernelRow(k, trace, ref!.track, ref!.index)).toBe(i);
        }
      });
    }

    it('2024-09 traces: step sums match their step_trace_time.csv; kernels link', async () => {
      const pairs = [
        [
          '0820fd46ff87c7fa05ce3bebbc0012b1b1c80ded',
          '9bd8ed3da32a9e4c5ba9bcced7d25cac2e66a3d3',
          'd941f81021a614641bb3e7670a6daa3b3a4d0732',
        ],
        [
          'bb6649e0332a3740971cee0067f5219461cf9585',
          'f552b9374514b9c201ef69384d4013c18ecbfa2a',
          '4c5907c721512c562e17e2424df293343c2e8d0a',
        ],
        [
          'eb8fbce82cb3f8e1f1534eb19acb89ce1d660027',
          'be1e69ee16179df4a92f812f2c2431b0c1ba53b5',
          'd98235f0f7e075d108b7c1fe6b11e3bc79d0e589',
        ],
      ];
      for (const [traceBlob, stepBlob, kernelBlob] of pairs) {
        const rel = `${UB}/${traceBlob}.trace_view.json`;
        const trace = await importTraceJson(nodeFile(samplePath(rel), rel));
        const steps = parseStepTraceTime(
          await table(`${UB}/${stepBlob}.step_trace_time.csv`),
        ).steps;
        expect(compareSteps(steps, stepBreakdownFromTrace(trace))).toEqual([]);
        const { kernels: k } = parseKernelDetails(
          await table(`${UB}/${kernelBlob}.kernel_details.csv`),
        );
        let linked = 0;
        for (let i = 0; i < k.length; i++) if (findKernelSlice(trace, k, i)) linked++;
        expect(linked).toBe(k.length);
      }
    });
  });
});
