import { describe, expect, it } from 'vitest';
import { hasSamples, MS, samplePath, SKIP_REASON, UB } from '../../../test/real-samples';
import { locateSqlJsInNode } from '../db/sql-loader-node';
import { parseJsonBytes } from '../../lib/json-bytes';
import { listInputFiles, nodeFile } from '../../node/node-files';
import { memoryFile, readAll } from '../sources/input-file';
import {
  parseClusterCommunication,
  parseClusterCommunicationMatrix,
  parseClusterStepTraceTime,
  parseCommunicationGroup,
  parseRankSet,
} from './parse-cluster-output';
import { readClusterOutput } from './read-cluster-output';

const json = (text: string) => parseJsonBytes(new TextEncoder().encode(text), 0, text.length);

const STEP_CSV = [
  'Step,Type,Index,Computing,Communication(Not Overlapped),Overlapped,Communication,Free,Stage,Bubble,Communication(Not Overlapped and Exclude Receive),Preparing,DP Index,PP Index,TP Index',
  '3,rank,0,100.5,20,5,25,10,130.5,0,20,7,0,0,0',
  '3,rank,1,140,30,5,35,12,182,0,30,8,0,0,1',
  '4,rank,0,101,21,5,26,11,133,0,21,7,0,0,0',
  '3,stage,"(0, 1)",140,30,5,35,12,182,0,30,8,,,',
].join('\n');

const timeInfo = (start: number, wait: number) => ({
  'Communication Time Info': {
    'Start Timestamp(us)': start,
    'Elapse Time(ms)': 0.5,
    'Transit Time(ms)': 0.1,
    'Wait Time(ms)': wait,
    'Synchronization Time(ms)': 0,
    'Idle Time(ms)': 0,
    'Wait Time Ratio': 0,
    'Synchronization Time Ratio': 0,
  },
  'Communication Bandwidth Info': {
    HCCS: { 'Transit Size(MB)': 2, 'Transit Time(ms)': 0.1, 'Bandwidth(GB/s)': 20 },
  },
});

describe('cluster_analysis_output parsers', () => {
  it('cluster_step_trace_time.csv: rank rows become each rank’s steps', () => {
    const [header = [], ...rows] = STEP_CSV.split('\n').map((l) =>
      l.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '')),
    );
    const { ranks } = parseClusterStepTraceTime({ path: 'c.csv', header, rows });
    expect(ranks.map((r) => r.rank)).toEqual([0, 1]);
    expect(ranks[0]!.steps.map((s) => s.step)).toEqual(['3', '4']);
    expect(ranks[1]!.steps[0]).toEqual({
      step: '3',
      stepTimeUs: 182,
      computingUs: 140,
      commNotOverlappedUs: 30,
      freeUs: 12,
      preparingUs: 8,
    });
  });

  it('the db’s snake_case ClusterStepTraceTime reads the same', () => {
    const { ranks } = parseClusterStepTraceTime({
      path: 'cluster_analysis.db:ClusterStepTraceTime',
      header: [
        'step',
        'type',
        'index',
        'computing',
        'communication_not_overlapped',
        'overlapped',
        'communication',
        'free',
        'stage',
        'bubble',
      ],
      rows: [['step1', 'rank', '3', '10', '2', '1', '3', '1', '13', '0']],
    });
    expect(ranks).toEqual([
      {
        rank: 3,
        steps: [
          {
            step: '1',
            stepTimeUs: 13,
            computingUs: 10,
            commNotOverlappedUs: 2,
            freeUs: 1,
            preparingUs: null,
          },
        ],
      },
    ]);
  });

  it('cluster_communication.json: per rank set and step, per op, per rank', () => {
    const { ranks } = parseClusterCommunication(
      json(
        JSON.stringify({
          '(0, 1)': {
            step3: {
              'hcom_allReduce__123_0_1@777123': {
                '0': timeInfo(1000.5, 0.2),
                '1': timeInfo(1000.7, 0),
              },
              'Total Op Info': { '0': timeInfo(0, 0) },
            },
          },
          p2p: { step3: { 'hcom_send__9_0@888': { '1': timeInfo(2000, 0) } } },
        }),
      ),
    );
    expect(ranks.map((r) => [r.rank, r.rows.length])).toEqual([
      [0, 1],
      [1, 2],
    ]);
    const r0 = ranks[0]!.rows[0]!;
    expect(r0).toMatchObject({
      step: '3',
      kind: 'collective',
      op: 'hcom_allReduce__123_0_1',
      group: '777123',
      startUs: 1000.5,
      waitMs: 0.2,
      transitMs: 0.1,
    });
    expect(r0.bandwidth['HCCS']?.sizeMB).toBe(2);
    expect(ranks[1]!.rows.find((r) => r.kind === 'p2p')?.op).toBe('hcom_send__9_0');
  });

  it('cluster_communication_matrix.json: links between global ranks', () => {
    const { rows } = parseClusterCommunicationMatrix(
      json(
        JSON.stringify({
          '(0, 8)': {
            step2: {
              'allreduce-total@55': {
                '0-8': {
                  'Transport Type': 'RDMA',
                  'Transit Time(ms)': 2,
                  'Transit Size(MB)': 10,
                  'Bandwidth(GB/s)': 5,
                },
              },
            },
          },
        }),
      ),
    );
    expect(rows).toEqual([
      {
        step: '2',
        kind: 'collective',
        group: 'allreduce-total',
        groupHash: '55',
        src: 0,
        dst: 8,
        transport: 'RDMA',
        sizeMB: 10,
        timeMs: 2,
        bandwidthGBs: 5,
        op: 'allreduce-total',
      },
    ]);
  });

  it('communication_group.json: old lists and the newer parallel info', () => {
    const groups = parseCommunicationGroup(
      json(
        JSON.stringify({
          collective: [[0, 1], [1, 0], [2]],
          p2p: [[0, 1]],
          comm_group_parallel_info: [
            {
              type: 'collective',
              rank_set: [0, 1],
              group_name: '999',
              group_id: '10.0.0.1%x_1',
              pg_name: 'tp',
            },
          ],
        }),
      ),
    );
    expect(groups).toEqual([
      { type: 'collective', ranks: [0, 1], hash: '999', name: 'tp', id: '10.0.0.1%x_1' },
      { type: 'collective', ranks: [2], hash: null, name: null, id: null },
      { type: 'p2p', ranks: [0, 1], hash: null, name: null, id: null },
    ]);
    expect(parseRankSet('(0, 1, 12)')).toEqual([0, 1, 12]);
  });

  it('reads a cluster_analysis_output folder, reporting each file', async () => {
    const files = [
      memoryFile('run/cluster_analysis_output/cluster_step_trace_time.csv', STEP_CSV),
      memoryFile(
        'run/cluster_analysis_output/communication_group.json',
        '{"collective": [[0, 1]]}',
      ),
      memoryFile('run/cluster_analysis_output/cluster_communication.json', '{ not json'),
    ];
    const map = new Map(files.map((f) => [f.path, f]));
    const out = (await readClusterOutput(map, [...map.keys()]))!;
    expect(out.stepsSource).toBe('cluster_step_trace_time.csv');
    expect(out.steps).toHaveLength(2);
    expect(out.groups).toHaveLength(1);
    expect(out.files.map((f) => [f.kind, f.status])).toEqual([
      ['cluster_step_trace_time.csv', 'read'],
      ['cluster_communication.json', 'failed'],
      ['communication_group.json', 'read'],
    ]);
    expect(await readClusterOutput(map, [])).toBeNull();
  });
});

describe.skipIf(!hasSamples)(`real cluster_analysis_output samples (${SKIP_REASON})`, () => {
  it('msinsight’s 16-rank output', async () => {
    const dir = samplePath(`${MS}/cluster_analysis_output`);
    const files = await listInputFiles(dir);
    const map = new Map(files.map((f) => [`cluster_analysis_output/${f.path}`, f]));
    const out = (await readClusterOutput(map, [...map.keys()]))!;
    expect(out.files.every((f) => f.status === 'read')).toBe(true);
    expect(out.steps.map((r) => r.rank)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    const r8 = out.steps.find((r) => r.rank === 8)!.steps[0]!;
    expect(r8.step).toBe('2');
    expect(r8.computingUs).toBe(80072.45015234381);
    // Step time = Computing + Communication(Not Overlapped) + Free (model/step-time.ts), the same
    // figure as the Steps view: 374,073.65 µs = Stage 195,753.49 + Bubble 178,320.26 (within 0.1 µs;
    // a pipeline-parallel run: Stage leaves out the receive time).
    expect(r8.stepTimeUs).toBeCloseTo(
      80072.45015234381 + 216680.95534375004 + 77320.24481250017,
      6,
    );
    expect(r8.stepTimeUs).toBeCloseTo(195753.4851640625 + 178320.2648359375, 0); // file's rounding
    expect(out.comm.length).toBeGreaterThan(0);
    expect(
      out.comm.flatMap((c) => c.rows).some((r) => r.kind === 'p2p' && r.op === 'hcom_send__822_0'),
    ).toBe(true);
    // Links between global ranks (0 → 8 over RDMA in the p2p block).
    expect(out.matrix.some((m) => m.src === 0 && m.dst === 8 && m.transport === 'RDMA')).toBe(true);
    expect(out.groups.some((g) => g.ranks.length === 16)).toBe(true);
  });

  it('msprof-analyze’s advisor output (steps without ids)', async () => {
    const dir = samplePath(
      'ascend/Ascend__msprof-analyze/test/resource/advisor/cluster_analysis_output',
    );
    const files = await listInputFiles(dir);
    const map = new Map(files.map((f) => [`cluster_analysis_output/${f.path}`, f]));
    const out = (await readClusterOutput(map, [...map.keys()]))!;
    expect(out.steps).toHaveLength(8);
    expect(out.steps[0]!.steps[0]!.step).toBe('');
    expect(out.comm.map((c) => c.rank)).toEqual([0, 1]);
    expect(out.comm[0]!.rows[0]!.step).toBe('');
  });

  it('communication_group.json with parallel info', async () => {
    const f = nodeFile(samplePath(`${MS}/communication_group/communication_group.json`), 'g.json');
    const bytes = await readAll(f);
    const groups = parseCommunicationGroup(parseJsonBytes(bytes, 0, bytes.length));
    const tp = groups.find((g) => g.name === 'tp' && g.ranks.join() === '0,1');
    expect(tp).toMatchObject({
      hash: '6960437680420871035',
      id: '10.174.216.241%enp189s0f1_55000_0_1738895506630464',
    });
  });

  it('the 2024 cluster_analysis.db', async () => {
    locateSqlJsInNode();
    const f = nodeFile(
      samplePath(`${UB}/5ca4593931553501182e77ae716fb39820e1411b.cluster_analysis.db`),
      'cluster_analysis_output/cluster_analysis.db',
    );
    const out = (await readClusterOutput(new Map([[f.path, f]]), [f.path]))!;
    expect(out.files[0]).toMatchObject({ status: 'read' });
    expect(out.stepsSource).toBe('cluster_analysis.db (ClusterStepTraceTime)');
    expect(out.steps.length).toBe(8);
    expect(out.steps[1]!.steps[0]).toMatchObject({ step: '1', computingUs: 178060.76 });
    expect(out.commSource).toBe('cluster_analysis.db (ClusterCommAnalyzerTime)');
    expect(out.comm.flatMap((c) => c.rows).every((r) => r.op !== 'Total Op Info')).toBe(true);
    expect(out.matrix.length).toBeGreaterThan(0);
    expect(out.matrix[0]).toMatchObject({
      group: 'broadcast-top1',
      groupHash: '12708701795769052535',
    });
  });
});
