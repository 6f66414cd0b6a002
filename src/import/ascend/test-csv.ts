/**
 * Generated CSV/JSON snippets for the tests of this folder: one per version variant and quirk,
 * modelled on docs/ascend-formats.md (never copied from the real samples). `T` is a TAB.
 */
import type { StepRow } from '../../model/ascend-data';
import type { ProfileModel, TextTable } from '../../model/profile';
import { importProfile } from '../import-profile';
import { openInputs } from '../open-inputs';
import { parseCsvFile } from '../readers/csv-reader';
import { memoryFile } from '../sources/input-file';

export const T = '\t';

/** Parses CSV text the way the readers do (papaparse, every cell a string). */
export async function tableOf(
  text: string,
  path = 'ASCEND_PROFILER_OUTPUT/x.csv',
): Promise<TextTable> {
  return (await parseCsvFile(memoryFile(path, text))).table;
}

/** Joins lines with CRLF (as torch_npu writes) or LF (after a git round-trip). */
export const csv = (lines: string[], eol: '\r\n' | '\n' = '\r\n'): string => lines.join(eol) + eol;

/** Imports a generated folder (path → text) and returns its one profile. */
export async function importFiles(files: Record<string, string>): Promise<ProfileModel> {
  const opened = await openInputs(Object.entries(files).map(([p, t]) => memoryFile(p, t)));
  const d = opened.discovery.profiles[0];
  if (!d) throw new Error('no profile discovered');
  return importProfile(d, opened.files);
}

/** 2025 Level0 kernel_details: 8 base columns, TAB-suffixed start. */
export const KERNELS_L0 = csv([
  'Step Id,Name,Type,Accelerator Core,Start Time(us),Duration(us),Wait Time(us),Block Dim',
  `50,trans_TransData_0,N/A,N/A,1736405443881410.320${T},50.621,0,0`,
  `50,Conv2D1,N/A,N/A,1736405443881672.085${T},315.746,99.142,0`,
]);

/** Level2-style rows: quoted TAB start, triple-quoted shapes, `;` lists, HCCL row all N/A. */
export const KERNELS_L2 = csv(
  [
    'Step Id,Model ID,Task ID,Stream ID,Name,Type,OP State,Accelerator Core,Start Time(us),Duration(us),Wait Time(us),Block Dim,Mix Block Dim,HF32 Eligible,Input Shapes,Input Data Types,Input Formats,Output Shapes,Output Data Types,Output Formats,Context ID,aicore_time(us),aic_mac_ratio',
    `19,4294967295,61653,2,aclnnMatmul_MatMulV2,MatMulV2,dynamic,AI_CORE,"1736413971558972.912${T}",185.504,1.087,16,0,NO,"""81920,4096;8192,512""",DT_BF16;DT_BF16,ND;ND,"""4096,512""",DT_BF16,ND,N/A,183.87,0.824`,
    `19,4294967295,N/A,N/A,hcom_allReduce__271_0_1,hcom_allReduce_,N/A,HCCL,1736413971559059.739${T},86470.907,570.791,0,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A`,
  ],
  '\n',
);

/** Newest torch_npu (code only): leading Device_id, `Block Num`, no Step Id. */
export const KERNELS_NEW = csv([
  'Device_id,Name,Type,Accelerator Core,Start Time(us),Duration(us),Wait Time(us),Block Num,Input Shapes',
  `0,MatMul,MatMulV3,AI_CORE,1736413971558972.9${T},10,0,20,"""8,8;8,8"""`,
]);

/** 2023: float start without TAB, integer start. */
export const KERNELS_2023 = csv(
  [
    'Step Id,Model ID,Task ID,Stream ID,Name,Type,Accelerator Core,Start Time(us),Duration(us),Wait Time(us),Block Dim,Mix Block Dim',
    '1,4294967295,1259,16,ZerosLike46,ZerosLike,AI_VECTOR_CORE,1699529622790614.8,607.98,0,48,0',
    '2,4294967295,2451,16,ZerosLike,ZerosLike,AI_CORE,1695115378713661,496.8508,0,48,0',
  ],
  '\n',
);

export const STEPS_2023 = csv(
  [
    'Step,Computing,Communication(Not Overlapped),Overlapped,Communication,Free,Stage,Bubble,Communication(Not Overlapped and Exclude Receive)',
    '2,75174.57464453117,146614.02034375005,6987.303296874976,153601.32364062502,69909.50350390615,291698.0,0,146614.02034375005',
  ],
  '\n',
);

export const STEPS_2025 = csv([
  'Step,Computing,Communication(Not Overlapped),Overlapped,Communication,Free,Stage,Bubble,Communication(Not Overlapped and Exclude Receive),Preparing',
  '50,8868.240000000003,95962.01599999999,4011.2620000000024,99973.27799999999,25032.619,129862.75,0,95962.01599999999,17483.75',
]);

/** STEPS_2025's row as parseStepTraceTime gives it (the 2025 level2 rank0 sample holds the same). */
export const STEPS_2025_ROW: StepRow = {
  step: '50',
  deviceId: null,
  computing: 8868.240000000003,
  communicationNotOverlapped: 95962.01599999999,
  overlapped: 4011.2620000000024,
  communication: 99973.27799999999,
  free: 25032.619,
  stage: 129862.75,
  bubble: 0,
  communicationNotOverlappedExcludeReceive: 95962.01599999999,
  preparing: 17483.75,
};

/** ≥ 7.1.0 (code): leading Device_id; no steps → empty Step. */
export const STEPS_NEW = csv([
  'Device_id,Step,Computing,Communication(Not Overlapped),Overlapped,Communication,Free,Stage,Bubble,Communication(Not Overlapped and Exclude Receive),Preparing',
  '0,,1.5,2,0.5,2.5,3,10,N/A,,4',
  '1,,1,1,0,1,1,1,0,1,1',
]);

export const MEMORY_2025 = csv([
  'Component,Timestamp(us),Total Allocated(MB),Total Reserved(MB),Total Active(MB),Stream Ptr,Device Type',
  `APP,1736412474607990.240${T},,2109.6015625,,,NPU:0`,
  `PTA,1736412474720601.300${T},935.9951171875,1452.0,935.9951171875,1162636336,NPU:0`,
  `PTA,1736412474720600.100${T},900.5,1452.0,900.5,1162636336,NPU:0`,
  `GE,1736412474720601.300${T},10,20,10,1162636336,NPU:0`,
]);

/** Saved by Excel: exponent-form times and pointers, no TAB. */
export const MEMORY_EXCEL = csv(
  [
    'Component,Timestamp(us),Total Allocated(MB),Total Reserved(MB),Total Active(MB),Stream Ptr,Device Type',
    'APP,1.69512E+15,,10750.375,,,NPU:1',
    'PTA,1.69512E+15,4599.740723,8582,4599.740723,9.4509E+13,NPU:1',
  ],
  '\n',
);

export const MEMORY_2023 = csv(
  [
    'Component,Timestamp(us),Total Allocated(MB),Total Reserved(MB),Device Type',
    'APP,1695115378653323.5,,11224.375,NPU:0',
    'PTA,1695115378714622.8,4599.74072265625,8664.0,NPU:0',
  ],
  '\n',
);

export const MODULE_MEM = csv([
  'Component,Timestamp(us),Total Reserved(MB),Device',
  `SLOG,1736412474690319.360${T},0.0,NPU:0`,
  `HCCL,1736412474690319.360${T},52.5,NPU:0`,
  `HCCL,1736412474710269.710${T},-1,NPU:0`,
]);

export const MODULE_MEM_NEW = csv([
  'Device_id,Component,Timestamp(us),Total Reserved(MB),Device',
  `1,RUNTIME,1736412474690319.360${T},4.0,NPU:1`,
]);

export const OPERATOR_MEMORY = csv([
  'Name,Size(KB),Allocation Time(us),Release Time(us),Active Release Time(us),Duration(us),Active Duration(us),Allocation Total Allocated(MB),Allocation Total Reserved(MB),Allocation Total Active(MB),Release Total Allocated(MB),Release Total Reserved(MB),Release Total Active(MB),Stream Ptr,Device Type',
  `aten::empty_strided,18816.5,1736412474720984.920${T},,,,,954.3701171875,1452.0,954.3701171875,,,,1162636336,NPU:0`,
  `aten::add,0.5,1706704429088523.015${T},1706704429088697.964${T},1706704429088696.941${T},174.949${T},173.926${T},443.79,25722.0,443.79,663.79,25722.0,663.79,94509039890,NPU:0`,
]);

/** Multi-line quoted shapes and call stack (CRLF inside the quotes when `eol` is CRLF). */
export function operatorDetails(eol: '\r\n' | '\n'): string {
  return (
    [
      'Name,Input Shapes,Call Stack,Host Self Duration(us),Host Total Duration(us),Device Self Duration(us),Device Total Duration(us),Device Self Duration With AICore(us),Device Total Duration With AICore(us)',
      `aten::conv2d,"32,3,224,224;${eol}64,3,11,11;${eol}64;${eol};${eol}","/a/torch/_ops.py(692): __call__;${eol}/a/train.py(10): main",12.5,100.25,0,55.161,0,55.161`,
      `aten::empty,";${eol};${eol}",,3,3,N/A,,0,0`,
    ].join(eol) + eol
  );
}

export const OP_STATISTIC = csv(
  [
    'OP Type,Core Type,Count,Total Time(us),Min Time(us),Avg Time(us),Max Time(us),Ratio(%)',
    'ForeachAddList,AI_VECTOR_CORE,3,1954.719,623.732,651.573,700.394,22.042',
    'TransData,AI_VECTOR_CORE,57,oops,6.24,24.444,68.581,15.711',
  ],
  '\n',
);

export const API_STATISTIC_NEW = csv([
  'Device_id,Level,API Name,Time(us),Count,Avg(us),Min(us),Max(us),Variance',
  'host,runtime,ContextGetCurrent,14.68,30,0.489,0.17,3.65,0.38',
]);

export const L2_CACHE = csv(
  ['Stream Id,Task Id,Hit Rate,Victim Rate,Op Name', '2,11062,N/A,0.213463,trans_TransData_1'],
  '\n',
);

export const COMMUNICATION = JSON.stringify({
  step50: {
    p2p: {},
    collective: {
      'hcom_allReduce__271_0_1@11022204950826225271': {
        'Communication Time Info': {
          'Start Timestamp(us)': 1736412474757059.8,
          'Elapse Time(ms)': 86.4709076875,
          'Transit Time(ms)': 0.23842478125,
          'Wait Time(ms)': 2.5635312187499997,
          'Synchronization Time(ms)': 2.5190503125,
          'Idle Time(ms)': 83.6689516875,
          'Wait Time Ratio': 0.9149,
          'Synchronization Time Ratio': 0.9135,
        },
        'Communication Bandwidth Info': {
          RDMA: {
            'Transit Size(MB)': 0,
            'Transit Time(ms)': 0,
            'Bandwidth(GB/s)': 0,
            'Large Packet Ratio': 0,
            'Size Distribution': {},
          },
          HCCS: {
            'Transit Size(MB)': 28.647232000000002,
            'Transit Time(ms)': 1.8168563124999997,
            'Bandwidth(GB/s)': 15.7675,
            'Large Packet Ratio': 0.0,
            'Size Distribution': { '2.064384': [12, 1.57] },
          },
        },
      },
      'Total Op Info': { 'Communication Time Info': { 'Elapse Time(ms)': 86.47 } },
    },
  },
  step: {
    p2p: { 'hcom_send__822_0@1333': { 'Communication Time Info': { 'Elapse Time(ms)': 0.9 } } },
    collective: {},
  },
});

export const COMMUNICATION_MATRIX = JSON.stringify({
  step50: {
    p2p: {},
    collective: {
      'allreduce-top1@11022204950826225271': {
        '0-0': {
          'Transport Type': 'LOCAL',
          'Transit Size(MB)': 4.128775999999999,
          'Transit Time(ms)': 0.008320125000000001,
          'Bandwidth(GB/s)': 496.2397,
          'Op Name': 'hcom_allReduce__271_0_1',
        },
        '0-1': {
          'Transport Type': 'HCCS',
          'Transit Size(MB)': 37.781504,
          'Transit Time(ms)': 2.24104478125,
          'Bandwidth(GB/s)': 16.8589,
          'Op Name': 'hcom_allReduce__271_2_1',
        },
      },
    },
  },
  step2: {
    p2p: {
      'hcom_send__822_0@13337953553061386822': {
        '0-8': {
          'Transport Type': 'RDMA',
          'Transit Size(MB)': 20.97152,
          'Transit Time(ms)': 0.86381540625,
          'Bandwidth(GB/s)': 24.2778,
        },
      },
      'Total Op Info': { '0-8': { 'Transport Type': 'RDMA' } },
    },
    collective: {},
  },
});

export const PROFILER_INFO_2025 = JSON.stringify({
  config: {
    common_config: {
      activities: ['ProfilerActivity.CPU', 'ProfilerActivity.NPU'],
      schedule: { wait: 0, active: 1, warmup: 10, repeat: 1, skip_first: 40 },
      record_shapes: true,
      profile_memory: true,
      with_stack: true,
    },
    experimental_config: {
      _profiler_level: 'Level2',
      _aic_metrics: 'ACL_AICORE_PIPE_UTILIZATION',
      _l2_cache: true,
      _export_type: 'text',
    },
  },
  start_info: { syscnt_enable: true, freq: 100 },
  end_info: { collectionTimeEnd: 0, MonotonicTimeEnd: 175755271423830 },
  rank_id: 0,
}).replace('"collectionTimeEnd":0', '"collectionTimeEnd":1736412475029844920');

export const PROFILER_METADATA = JSON.stringify({
  ENV_VARIABLES: { HCCL_ALGO: '' },
  parallel_group_info: {
    '10.0.0.1%eth0_55000_0_1738895506630464': {
      group_name: 'tp',
      group_rank: 0,
      global_ranks: [0, 1],
    },
    '10.0.0.1%eth0_55000_0_1738895507756334': {
      group_name: 'pp',
      group_rank: 0,
      global_ranks: [0, 4],
    },
  },
});

/**
 * A tiny trace_view.json matching KERNELS_L0 and a step_trace_time row: ProfilerStep#50 on the
 * Python process, the two kernels on Ascend Hardware, and Overlap Analysis lanes (µs strings).
 */
export const TRACE_VIEW = JSON.stringify([
  { ph: 'M', name: 'process_name', pid: 1, tid: 0, args: { name: 'Python' } },
  { ph: 'M', name: 'process_labels', pid: 1, tid: 0, args: { labels: 'CPU' } },
  {
    ph: 'X',
    name: 'ProfilerStep#50',
    pid: 1,
    tid: 1,
    ts: '1736405443881000.000',
    dur: 1000,
    cat: 'cpu_op',
  },
  { ph: 'M', name: 'process_name', pid: 2, tid: 0, args: { name: 'Ascend Hardware' } },
  { ph: 'M', name: 'process_labels', pid: 2, tid: 0, args: { labels: 'NPU' } },
  { ph: 'M', name: 'thread_name', pid: 2, tid: 2, args: { name: 'Stream 2' } },
  { ph: 'X', name: 'trans_TransData_0', pid: 2, tid: 2, ts: '1736405443881410.320', dur: 50.621 },
  { ph: 'X', name: 'Conv2D1', pid: 2, tid: 2, ts: '1736405443881672.085', dur: 315.746 },
  { ph: 'M', name: 'process_name', pid: 3, tid: 0, args: { name: 'Overlap Analysis' } },
  { ph: 'M', name: 'process_labels', pid: 3, tid: 0, args: { labels: 'NPU' } },
  { ph: 'M', name: 'thread_name', pid: 3, tid: 0, args: { name: 'Computing' } },
  { ph: 'M', name: 'thread_name', pid: 3, tid: 1, args: { name: 'Communication' } },
  { ph: 'M', name: 'thread_name', pid: 3, tid: 2, args: { name: 'Communication(Not Overlapped)' } },
  { ph: 'M', name: 'thread_name', pid: 3, tid: 3, args: { name: 'Free' } },
  { ph: 'X', name: 'Computing', pid: 3, tid: 0, ts: '1736405443881410.320', dur: 50.621 },
  { ph: 'X', name: 'Computing', pid: 3, tid: 0, ts: '1736405443881672.085', dur: 315.746 },
  { ph: 'X', name: 'Free', pid: 3, tid: 3, ts: '1736405443881460.941', dur: 211.144 },
]);

/** step_trace_time for TRACE_VIEW: Computing 366.367 µs, Free 211.144 µs. */
export const TRACE_STEPS = csv([
  'Step,Computing,Communication(Not Overlapped),Overlapped,Communication,Free,Stage,Bubble,Communication(Not Overlapped and Exclude Receive),Preparing',
  '50,366.36699999999996,0,0,0,211.144,577.51,0,0,410.32',
]);
