/**
 * Issue 21 defect 4: a trace's top-level metadata (Kineto's distributedInfo / deviceProperties,
 * catapult's otherData, Chrome's metadata, stackFrames…) reaches the SQL tables, `summarize`
 * and discovery. catapult keeps every unknown top-level key as metadata and shows it behind its
 * "Metadata" button; Perfetto flattens `metadata` into `json_metadata.*` and skips the rest. We
 * keep every key, show them in the import report, and read distributedInfo.rank.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasSamples, samplePath, SKIP_REASON } from '../../../test/real-samples';
import { summarizeTrace } from '../../model/summarize-profile';
import { metadataSummary, traceFacts } from '../../model/trace-facts';
import { traceMetadataRows } from '../db/console-trace-extras';
import { SqlConsole } from '../db/sql-console';
import { locateSqlJsInNode } from '../db/sql-loader-node';
import { importProfile } from '../import-profile';
import { openInputs } from '../open-inputs';
import { memoryFile } from '../sources/input-file';
import { importTraceJson } from './import-trace-json';
import { importText } from './test-helpers';
import { distributedInfoIn } from './trace-head';

beforeAll(() => locateSqlJsInNode());

function kineto(rank: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    schemaVersion: 1,
    deviceProperties: [
      { id: 0, name: 'GPU A', totalGlobalMem: 1024, computeMajor: 8, computeMinor: 6, numSms: 4 },
      { id: 1, name: 'GPU A', totalGlobalMem: 1024, computeMajor: 8, computeMinor: 6, numSms: 4 },
    ],
    distributedInfo: { backend: 'nccl', rank, world_size: 2, pg_config: [{ pg_name: '0' }] },
    traceEvents: [{ ph: 'X', name: 'k', pid: 0, tid: 7, ts: 1, dur: 2 }],
    ...extra,
  });
}

describe('trace facts', () => {
  it('reads rank, world size, backend and devices', async () => {
    const m = await importText(kineto(1, { otherData: { host: 'h1' }, displayTimeUnit: 'ns' }));
    const f = traceFacts(m.metadata);
    expect(f.distributed).toEqual({
      rank: 1,
      worldSize: 2,
      backend: 'nccl',
      groups: 1,
      ncclVersion: null,
    });
    expect(f.devices.map((d) => [d.id, d.name, d.compute, d.sms])).toEqual([
      ['0', 'GPU A', '8.6', 4],
      ['1', 'GPU A', '8.6', 4],
    ]);
    expect(f.entries.map((e) => e.key)).toEqual([
      'schemaVersion',
      'deviceProperties',
      'distributedInfo',
      'otherData',
      'displayTimeUnit',
    ]);
  });
  it('summarize has trace.metadata with every key and the distributed facts', async () => {
    const m = await importText(kineto(1, { stackFrames: { '1': { name: 'f', category: 'c' } } }));
    const s = summarizeTrace(m).metadata;
    expect(s['keys']).toEqual([
      'schemaVersion',
      'deviceProperties',
      'distributedInfo',
      'stackFrames',
    ]);
    expect([s['rank'], s['worldSize'], s['backend']]).toEqual([1, 2, 'nccl']);
    expect((s['values'] as Record<string, unknown>)['stackFrames']).toEqual({
      '1': { name: 'f', category: 'c' },
    });
  });
  it('summarises a large value instead of copying it', () => {
    const big = Array.from({ length: 2000 }, (_, i) => `line ${i}`);
    const s = metadataSummary({ INFO: big });
    expect((s['values'] as Record<string, unknown>)['INFO']).toBe('2000 items');
  });
});

describe('SQL trace_metadata', () => {
  it('has one row per leaf, with paths', async () => {
    const m = await importText(kineto(0, { metadata: { 'cpu-brand': 'X', 'num-cpus': 8 } }));
    const { console: c } = await SqlConsole.open({ trace: m });
    try {
      const r = c.runQuery(
        "SELECT key, value, type FROM trace_metadata WHERE key LIKE 'distributedInfo%' OR key LIKE 'metadata.%' OR key = 'deviceProperties[1].name'",
      );
      if (!r.ok) throw new Error(r.error);
      expect(r.rows).toEqual([
        ['deviceProperties[1].name', 'GPU A', 'text'],
        ['distributedInfo.backend', 'nccl', 'text'],
        ['distributedInfo.rank', 0, 'integer'],
        ['distributedInfo.world_size', 2, 'integer'],
        ['distributedInfo.pg_config[0].pg_name', '0', 'text'],
        ['metadata.cpu-brand', 'X', 'text'],
        ['metadata.num-cpus', 8, 'integer'],
      ]);
    } finally {
      c.close();
    }
  });
  it('stores a key with too many leaves as one JSON row', () => {
    const frames = Object.fromEntries(
      Array.from({ length: 3000 }, (_, i) => [String(i), { name: `f${i}` }]),
    );
    const rows = traceMetadataRows({ stackFrames: frames, displayTimeUnit: 'ms' });
    expect(rows.length).toBe(2);
    expect(rows[0]![0]).toBe('stackFrames');
    expect(rows[0]![2]).toBe('json');
    expect(rows[1]).toEqual(['displayTimeUnit', 'ms', 'text']);
  });
});

describe('discovery takes a trace file rank from distributedInfo', () => {
  it('gives a folder of Kineto rank traces their ranks (plain and gzip)', async () => {
    const enc = new TextEncoder();
    const opened = await openInputs([
      memoryFile('job/worker_a.pt.trace.json', kineto(1)),
      memoryFile('job/worker_b.pt.trace.json.gz', gzipSync(enc.encode(kineto(0)))),
    ]);
    const ranks = opened.discovery.profiles
      .map((d) => [d.root, d.rank, d.label])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(ranks).toEqual([
      ['job/worker_a.pt.trace.json', 1, 'rank 1 · worker_a.pt.trace.json'],
      ['job/worker_b.pt.trace.json.gz', 0, 'rank 0 · worker_b.pt.trace.json.gz'],
    ]);
  });
  it('takes the rank after import when distributedInfo follows the events', async () => {
    const text = JSON.stringify({
      traceEvents: [{ ph: 'X', name: 'k', pid: 0, tid: 7, ts: 1, dur: 2 }],
      distributedInfo: { rank: 6, world_size: 8 },
    });
    const opened = await openInputs([memoryFile('late.json', text)]);
    const d = opened.discovery.profiles[0]!;
    expect(d.rank).toBeNull();
    const p = await importProfile(d, opened.files);
    expect(p.descriptor.rank).toBe(6);
  });
  it('ignores a distributedInfo inside the events', () => {
    const text = JSON.stringify({
      traceEvents: [{ ph: 'X', args: { distributedInfo: { rank: 5 } } }],
    });
    expect(distributedInfoIn(new TextEncoder().encode(text))).toBeNull();
    expect(distributedInfoIn(new TextEncoder().encode(kineto(4)))?.rank).toBe(4);
  });
});

const HTA = 'trace-json/facebookresearch__HolisticTraceAnalysis/tests/data';

describe.skipIf(!hasSamples)(`real Kineto metadata${hasSamples ? '' : ` - ${SKIP_REASON}`}`, () => {
  it('nccl_data.json.gz: rank 0 of 2, two A100s in the summary', async () => {
    const path = samplePath(`${HTA}/nccl_parser_config/nccl_data.json.gz`);
    const m = await importTraceJson(memoryFile('nccl_data.json.gz', readFileSync(path)));
    const s = summarizeTrace(m).metadata;
    expect([s['rank'], s['worldSize'], s['backend']]).toEqual([0, 2, 'nccl']);
    const devices = s['devices'] as { name: string }[];
    expect(devices.length).toBeGreaterThan(0);
    expect(devices[0]!.name).toMatch(/A100/);
    expect(s['keys']).toContain('baseTimeNanoseconds');
  });
  it('trace_filter ranks: discovery reads rank 0 and rank 1', async () => {
    const files = ['sampled_rank-0.json.gz', 'sampled_rank-1.json.gz'].map((f) =>
      memoryFile(`trace_filter/${f}`, readFileSync(samplePath(`${HTA}/trace_filter/${f}`))),
    );
    const opened = await openInputs(files);
    expect(opened.discovery.profiles.map((d) => d.rank)).toEqual([0, 1]);
  });
});
