/**
 * Small synthetic databases for the tests, built with sql.js itself (no sample files needed):
 * one per schema generation (pre-1.0 msprof, 1.0.0 torch_npu, 1.2.0 msprof) plus analysis and
 * cluster dbs. Times sit above 2^53 ns with odd ns digits, so any float rounding shows.
 */
import type { SqlJsStatic } from './sql-loader';

/** Time zero of the synthetic profiles (ns since the epoch, beyond 2^53). */
export const T0 = 1736414119600000000n;
export const ns = (offset: number): string => (T0 + BigInt(offset)).toString();
/** globalTid = pid << 32 | tid, as SQL. */
export const gtid = (pid: number, tid: number): string => `((${pid} << 32) | ${tid})`;
export const HOST_PID = 1000;
export const MAIN_TID = 1001;
export const QUEUE_TID = 1002;

/** Runs DDL/DML and returns the database file bytes. */
export function makeDb(sql: SqlJsStatic, statements: string): Uint8Array {
  const db = new sql.Database();
  try {
    db.exec(statements);
    return db.export();
  } finally {
    db.close();
  }
}

const strings = (pairs: [number, string][]) =>
  `INSERT INTO STRING_IDS VALUES ${pairs.map(([i, v]) => `(${i}, '${v.replace(/'/g, "''")}')`).join(', ')};`;

/** A torch_npu 1.0.0 db: every table the importer maps, one small workload. */
export function schema100(extra = ''): string {
  const M = gtid(HOST_PID, MAIN_TID);
  const Q = gtid(HOST_PID, QUEUE_TID);
  return `
CREATE TABLE META_DATA (name TEXT, value TEXT);
INSERT INTO META_DATA VALUES ('SCHEMA_VERSION', '1.0.0'), ('SCHEMA_VERSION_MAJOR', '1');
CREATE TABLE STRING_IDS (id INTEGER PRIMARY KEY, value TEXT);
${strings([
  [1, 'KERNEL_AIVEC'],
  [2, 'MEMCPY_ASYNC'],
  [3, 'Notify Wait'],
  [4, 'SDMA'],
  [5, 'Add_0'],
  [6, 'Add'],
  [7, 'AI_VECTOR_CORE'],
  [8, '"4,4"'],
  [9, 'FLOAT'],
  [10, 'ND'],
  [11, 'hcom_allReduce__1_0_1'],
  [12, 'g1'],
  [13, 'RING'],
  [14, 'hcom_allReduce_'],
  [15, 'Notify_Wait'],
  [16, 'Memcpy'],
  [17, 'aclnnAdd'],
  [18, 'HcclAllReduce'],
  [19, 'read'],
  [20, 'write'],
  [21, 'app'],
  [22, 'aic_mac_ratio'],
  [23, 'N/A'],
  [268435456, 'ProfilerStep#7'],
  [268435457, 'aten::add'],
  [268435458, 'Enqueue'],
  [268435459, 'Dequeue@add'],
  [268435460, 'aten::mul'],
  [268435461, 'MulBackward0'],
  [268435462, 'c10d::allreduce_'],
  [268435463, 'train.py(10): step'],
  [268435464, 'torch/nn/module.py(1): forward'],
  [536870912, 'PTA'],
  [536870913, 'aten::empty'],
])}
CREATE TABLE ENUM_API_TYPE (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO ENUM_API_TYPE VALUES (5000, 'runtime'), (5500, 'hccl'), (10000, 'node'), (20000, 'acl'),
  (50001, 'op'), (50002, 'queue'), (50003, 'trace'), (50004, 'mstx');
CREATE TABLE ENUM_HCCL_DATA_TYPE (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO ENUM_HCCL_DATA_TYPE VALUES (4, 'FP32'), (65535, 'INVALID_TYPE');
CREATE TABLE ENUM_HCCL_TRANSPORT_TYPE (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO ENUM_HCCL_TRANSPORT_TYPE VALUES (0, 'SDMA');
CREATE TABLE ENUM_MODULE (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO ENUM_MODULE VALUES (3, 'HCCL');
CREATE TABLE RANK_DEVICE_MAP (rankId INTEGER, deviceId INTEGER);
INSERT INTO RANK_DEVICE_MAP VALUES (3, 0);
CREATE TABLE TASK (startNs INTEGER, endNs INTEGER, deviceId INTEGER, connectionId INTEGER,
  globalTaskId INTEGER, globalPid INTEGER, taskType INTEGER, contextId INTEGER, streamId INTEGER,
  taskId INTEGER, modelId INTEGER);
INSERT INTO TASK VALUES
  (${ns(250123)}, ${ns(260456)}, 0, 500, 10, ${HOST_PID}, 1, 4294967295, 2, 11, 4294967295),
  (${ns(261000)}, ${ns(262000)}, 0, 501, 11, ${HOST_PID}, 2, 4294967295, 2, 12, 4294967295),
  (${ns(500000)}, ${ns(510000)}, 0, 800, 20, ${HOST_PID}, 3, 0, 4, 13, 4294967295),
  (${ns(510000)}, ${ns(520000)}, 0, 800, 21, ${HOST_PID}, 4, 1, 4, 13, 4294967295);
CREATE TABLE COMPUTE_TASK_INFO (name INTEGER, globalTaskId INTEGER PRIMARY KEY, blockDim INTEGER,
  mixBlockDim INTEGER, taskType INTEGER, opType INTEGER, inputFormats INTEGER, inputDataTypes INTEGER,
  inputShapes INTEGER, outputFormats INTEGER, outputDataTypes INTEGER, outputShapes INTEGER, attrInfo INTEGER);
INSERT INTO COMPUTE_TASK_INFO VALUES (5, 10, 8, 0, 7, 6, 10, 9, 8, 10, 9, 8, 23);
CREATE TABLE COMMUNICATION_OP (opName INTEGER, startNs INTEGER, endNs INTEGER, connectionId INTEGER,
  groupName INTEGER, opId INTEGER PRIMARY KEY, relay INTEGER, retry INTEGER, dataType INTEGER,
  algType INTEGER, count NUMERIC, opType INTEGER);
INSERT INTO COMMUNICATION_OP VALUES (11, ${ns(500000)}, ${ns(520000)}, 800, 12, 1, 0, 0, 4, 13, 1024, 14);
CREATE TABLE COMMUNICATION_TASK_INFO (name INTEGER, globalTaskId INTEGER, taskType INTEGER, planeId INTEGER,
  groupName INTEGER, notifyId INTEGER, rdmaType INTEGER, srcRank INTEGER, dstRank INTEGER,
  transportType INTEGER, size INTEGER, dataType INTEGER, linkType INTEGER, opId INTEGER);
INSERT INTO COMMUNICATION_TASK_INFO VALUES
  (11, 20, 15, 0, 12, 9223372036854775807, 65535, 0, 1, 0, 0, 65535, 65535, 1),
  (11, 21, 16, 1, 12, 0, 65535, 0, 1, 0, 4096, 4, 65535, 1),
  (11, 22, 16, 1, 12, 0, 65535, 0, 1, 0, 4096, 4, 65535, 1);
CREATE TABLE CANN_API (startNs INTEGER, endNs INTEGER, type INTEGER, globalTid INTEGER,
  connectionId INTEGER PRIMARY KEY, name INTEGER);
INSERT INTO CANN_API VALUES
  (${ns(120000)}, ${ns(140000)}, 20000, ${M}, 500, 17),
  (${ns(410000)}, ${ns(420000)}, 5500, ${M}, 800, 18);
CREATE TABLE PYTORCH_API (startNs TEXT, endNs TEXT, globalTid INTEGER, connectionId INTEGER, name INTEGER,
  sequenceNumber INTEGER, fwdThreadId INTEGER, inputDtypes INTEGER, inputShapes INTEGER,
  callchainId INTEGER, type INTEGER);
INSERT INTO PYTORCH_API VALUES
  ('${ns(0)}', '${ns(1000000)}', ${M}, NULL, 268435456, -1, 0, NULL, NULL, NULL, 50001),
  ('${ns(100000)}', '${ns(200000)}', ${M}, 1, 268435457, 5, 0, 9, 8, 1, 50001),
  ('${ns(150000)}', '${ns(160000)}', ${M}, 2, 268435458, NULL, NULL, NULL, NULL, NULL, 50002),
  ('${ns(170000)}', '${ns(180000)}', ${Q}, 3, 268435459, NULL, NULL, NULL, NULL, NULL, 50002),
  ('${ns(300001)}', '${ns(310000)}', ${M}, 4, 268435460, 6, 0, NULL, NULL, NULL, 50001),
  ('${ns(600000)}', '${ns(610000)}', ${Q}, 5, 268435461, 6, ${MAIN_TID}, NULL, NULL, NULL, 50001),
  ('${ns(400000)}', '${ns(450000)}', ${M}, 6, 268435462, 7, 0, NULL, NULL, NULL, 50001);
CREATE TABLE CONNECTION_IDS (id INTEGER, connectionId INTEGER);
INSERT INTO CONNECTION_IDS VALUES (1, 500), (2, 900), (3, 900), (4, 700), (5, 700), (6, 800);
CREATE TABLE PYTORCH_CALLCHAINS (id INTEGER, stack INTEGER, stackDepth INTEGER);
INSERT INTO PYTORCH_CALLCHAINS VALUES (1, 268435464, 1), (1, 268435463, 0);
CREATE TABLE STEP_TIME (id INTEGER, startNs INTEGER, endNs INTEGER);
INSERT INTO STEP_TIME VALUES (7, ${ns(0)}, ${ns(1000000)});
CREATE TABLE HBM (deviceId INTEGER, timestampNs INTEGER, bandwidth NUMERIC, hbmId INTEGER, type INTEGER);
INSERT INTO HBM VALUES (0, ${ns(5)}, 1048576, 0, 19), (0, ${ns(5)}, 2097152, 0, 20);
CREATE TABLE NPU_MEM (type INTEGER, ddr NUMERIC, hbm NUMERIC, timestampNs INTEGER, deviceId INTEGER);
INSERT INTO NPU_MEM VALUES (21, 0, 2097152, ${ns(7)}, 0);
CREATE TABLE MEMORY_RECORD (component INTEGER, timestamp INTEGER, totalAllocated INTEGER,
  totalReserved INTEGER, totalActive INTEGER, streamPtr INTEGER, deviceId INTEGER);
INSERT INTO MEMORY_RECORD VALUES (536870912, ${ns(99999)}, 1048576, 4194304, 1048576, 77, 0),
  (536870912, ${ns(88888)}, 524288, 4194304, 524288, 77, 0);
CREATE TABLE OP_MEMORY (name INTEGER, size INTEGER, allocationTime INTEGER, releaseTime INTEGER,
  activeReleaseTime INTEGER, duration INTEGER, activeDuration INTEGER, allocationTotalAllocated INTEGER,
  allocationTotalReserved INTEGER, allocationTotalActive INTEGER, releaseTotalAllocated INTEGER,
  releaseTotalReserved INTEGER, releaseTotalActive INTEGER, streamPtr INTEGER, deviceId INTEGER);
INSERT INTO OP_MEMORY VALUES (536870913, 2048, ${ns(100010)}, ${ns(200020)}, NULL, 100010, NULL,
  1048576, 4194304, 1048576, 524288, 4194304, 524288, 77, 0);
CREATE TABLE NPU_MODULE_MEM (moduleId INTEGER, timestampNs INTEGER, totalReserved NUMERIC, deviceId INTEGER);
INSERT INTO NPU_MODULE_MEM VALUES (3, ${ns(9)}, 3145728, 0);
CREATE TABLE TASK_PMU_INFO (globalTaskId INTEGER, name INTEGER, value NUMERIC);
INSERT INTO TASK_PMU_INFO VALUES (10, 22, 0.25);
${extra}`;
}

/** The oldest msprof schema (2023): API table, TEXT times relative to baseTimeNs, correlationId. */
export const PRE_1_0_BASE = 1577808000000000000n;
export function schemaPre10(): string {
  return `
CREATE TABLE STRING_IDS (id INTEGER PRIMARY KEY, value TEXT);
${strings([
  [1, 'AI_CORE'],
  [2, 'MatMul_1'],
  [3, 'MatMul'],
  [4, 'aclnnMatmul'],
  [5, 'Notify_Wait'],
  [6, 'hcom_broadcast__1'],
  [7, 'group0'],
  [8, 'Notify Wait'],
])}
CREATE TABLE ENUM_API_LEVEL (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO ENUM_API_LEVEL VALUES (20000, 'acl');
CREATE TABLE TARGET_INFO_NPU (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO TARGET_INFO_NPU VALUES (0, 'Ascend910B'), (1, 'Ascend910B');
CREATE TABLE TARGET_INFO_SESSION_TIME (startTimeNs INTEGER, endTimeNs INTEGER, baseTimeNs INTEGER);
INSERT INTO TARGET_INFO_SESSION_TIME VALUES (1701090223551432000, 1701090226142280000, ${PRE_1_0_BASE});
CREATE TABLE API ("start" TEXT, "end" TEXT, "level" INTEGER, "globalTid" INTEGER, "connectionId" INTEGER,
  "name" INTEGER, PRIMARY KEY ("connectionId" ASC));
INSERT INTO API VALUES ('123282223624196000', '123282223624199008', 20000, 1181473, 7, 4);
CREATE TABLE TASK (start TEXT, end TEXT, deviceId INTEGER, connectionId INTEGER, correlationId INTEGER PRIMARY KEY,
  globalPid INTEGER, taskType INTEGER, contextId INTEGER, streamId INTEGER, taskId INTEGER, modelId INTEGER);
INSERT INTO TASK VALUES
  ('1.23282223630523e+17', '1.23282223634937e+17', 2, 7, 0, 0, 1, 4294967295, 16, 17458, 4294967295),
  ('123282223640000123', '123282223640100123', 2, 8, 1, 0, 8, 4294967295, 18, 17459, 4294967295);
CREATE TABLE COMPUTE_TASK_INFO (name INTEGER, correlationId INTEGER PRIMARY KEY, block_dim INTEGER,
  mixBlockDim INTEGER, taskType INTEGER, opType INTEGER, inputFormats INTEGER, inputDataTypes INTEGER,
  inputShapes INTEGER, outputFormats INTEGER, outputDataTypes INTEGER, outputShapes INTEGER);
INSERT INTO COMPUTE_TASK_INFO VALUES (2, 0, 48, 0, 1, 3, NULL, NULL, NULL, NULL, NULL, NULL);
CREATE TABLE COMMUNICATION_TASK_INFO (name INTEGER, correlationId INTEGER PRIMARY KEY, taskType INTEGER,
  planeId INTEGER, groupName INTEGER, notifyId INTEGER, rdmaType INTEGER, srcRank INTEGER, dstRank INTEGER,
  transportType INTEGER, size INTEGER, dataType INTEGER, linkType INTEGER, opId INTEGER);
INSERT INTO COMMUNICATION_TASK_INFO VALUES (6, 1, 5, 3, 7, 0, 404, 0, 7, 404, 0, 404, 404, 895);
`;
}

/** msprof 1.2.0 renames: blockNum / mixBlockNum, SIMT blockDim, op deviceId, 'communication' API type. */
export function schema120(): string {
  return `
CREATE TABLE META_DATA (name TEXT, value TEXT);
INSERT INTO META_DATA VALUES ('SCHEMA_VERSION', '1.2.0');
CREATE TABLE STRING_IDS (id INTEGER PRIMARY KEY, value TEXT);
${strings([
  [1, 'KERNEL_AICORE'],
  [2, 'MatMulV3_1'],
  [3, 'MatMulV3'],
  [4, 'AI_CORE'],
  [5, 'dynamic'],
  [6, 'NO'],
  [7, '1'],
  [8, '128'],
  [9, 'hcom_allGather__5_0_1'],
  [10, 'grp'],
  [11, 'hcom_allGather_'],
  [12, 'HcclAllGather'],
  [13, 'Notify_Record'],
  [14, 'Write Value'],
])}
CREATE TABLE ENUM_API_TYPE (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO ENUM_API_TYPE VALUES (5500, 'communication'), (20000, 'acl');
CREATE TABLE TASK (startNs INTEGER, endNs INTEGER, deviceId INTEGER, connectionId INTEGER,
  globalTaskId INTEGER, globalPid INTEGER, taskType INTEGER, contextId INTEGER, streamId INTEGER,
  taskId INTEGER, modelId INTEGER);
INSERT INTO TASK VALUES (${ns(1000)}, ${ns(2000)}, 3, 1, 1, 77, 1, 0, 5, 1, 4294967295),
  (${ns(3000)}, ${ns(3500)}, 3, 2, 2, 77, 14, 0, 6, 2, 4294967295);
CREATE TABLE COMPUTE_TASK_INFO (name INTEGER, globalTaskId INTEGER PRIMARY KEY, blockNum INTEGER,
  mixBlockNum INTEGER, taskType INTEGER, opType INTEGER, inputFormats INTEGER, inputDataTypes INTEGER,
  inputShapes INTEGER, outputFormats INTEGER, outputDataTypes INTEGER, outputShapes INTEGER,
  attrInfo INTEGER, opState INTEGER, hf32Eligible INTEGER, gridDim INTEGER, blockDim INTEGER);
INSERT INTO COMPUTE_TASK_INFO VALUES (2, 1, 24, 48, 4, 3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 5, 6, 7, 8);
CREATE TABLE COMMUNICATION_OP (opName INTEGER, startNs INTEGER, endNs INTEGER, connectionId INTEGER,
  groupName INTEGER, opId INTEGER PRIMARY KEY, relay INTEGER, retry INTEGER, dataType INTEGER,
  algType INTEGER, count NUMERIC, opType INTEGER, deviceId INTEGER, rankSize INTEGER);
INSERT INTO COMMUNICATION_OP VALUES (9, ${ns(3000)}, ${ns(4000)}, 2, 10, 1, 0, 0, 4, NULL, 8, 11, 3, 8);
CREATE TABLE COMMUNICATION_TASK_INFO (name INTEGER, globalTaskId INTEGER, taskType INTEGER, planeId INTEGER,
  groupName INTEGER, notifyId INTEGER, rdmaType INTEGER, srcRank INTEGER, dstRank INTEGER,
  transportType INTEGER, size INTEGER, dataType INTEGER, linkType INTEGER, opId INTEGER,
  isMaster INTEGER, bandwidth NUMERIC);
INSERT INTO COMMUNICATION_TASK_INFO VALUES (9, 2, 13, 0, 10, 1, 65535, 0, 1, 0, 8, 4, 1, 1, 1, 1.5e9);
CREATE TABLE CANN_API (startNs INTEGER, endNs INTEGER, type INTEGER, globalTid INTEGER,
  connectionId INTEGER PRIMARY KEY, name INTEGER);
INSERT INTO CANN_API VALUES (${ns(2500)}, ${ns(2900)}, 5500, ${gtid(77, 78)}, 2, 12);
`;
}

/** What MindStudio Insight adds to a db it opened (tables and columns). */
export const INSIGHT_ADDITIONS = `
ALTER TABLE TASK ADD COLUMN depth INTEGER;
ALTER TABLE CANN_API ADD COLUMN depth INTEGER;
ALTER TABLE COMPUTE_TASK_INFO ADD COLUMN waitNs INTEGER;
CREATE TABLE status_info (id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT, value TEXT);
INSERT INTO status_info (key, value) VALUES ('OVERLAP_ANALYSIS', 'FINISH');
CREATE TABLE connectionCats (connectionId INT, cat);
CREATE TABLE OVERLAP_ANALYSIS (id INTEGER PRIMARY KEY AUTOINCREMENT, deviceId INTEGER, startNs INTEGER,
  endNs INTEGER, type INTEGER);
INSERT INTO OVERLAP_ANALYSIS (deviceId, startNs, endNs, type) VALUES (0, 1, 2, 0);
`;

/** analysis.db with the newer leading deviceId column and the CommAnalyzer tables. */
export function analysisSchema(withDevice: boolean): string {
  const dev = withDevice ? 'deviceId INTEGER, ' : '';
  const devVal = withDevice ? '1, ' : '';
  return `
CREATE TABLE StepTraceTime (${dev}step TEXT, computing NUMERIC, communication_not_overlapped NUMERIC,
  overlapped NUMERIC, communication NUMERIC, free NUMERIC, stage NUMERIC, bubble NUMERIC,
  communication_not_overlapped_and_exclude_receive NUMERIC, preparing NUMERIC);
INSERT INTO StepTraceTime VALUES (${devVal}'7', 10.5, 2.25, 1, 3.25, 4, 16.75, 0, 2.25, 1.5);
CREATE TABLE CommAnalyzerTime (hccl_op_name TEXT, group_name TEXT, start_timestamp NUMERIC,
  elapse_time NUMERIC, transit_time NUMERIC, wait_time NUMERIC, synchronization_time NUMERIC,
  idle_time NUMERIC, step TEXT, type TEXT);
INSERT INTO CommAnalyzerTime VALUES ('hcom_allReduce__1_0_1', '123', 1736414119678217.5, 80, 0.25, 0.75, 0.5, 79, 'step7', 'collective');
CREATE TABLE CommAnalyzerBandwidth (hccl_op_name TEXT, group_name TEXT, transport_type TEXT,
  transit_size NUMERIC, transit_time NUMERIC, bandwidth NUMERIC, large_packet_ratio NUMERIC,
  package_size NUMERIC, count NUMERIC, total_duration NUMERIC, step TEXT, type TEXT);
INSERT INTO CommAnalyzerBandwidth VALUES
  ('hcom_allReduce__1_0_1', '123', 'HCCS', 28.5, 1.5, 19, 0, 2, 12, 1.2, 'step7', 'collective'),
  ('hcom_allReduce__1_0_1', '123', 'HCCS', 28.5, 1.5, 19, 0, 1, 2, 0.3, 'step7', 'collective');
CREATE TABLE CommAnalyzerMatrix (hccl_op_name TEXT, group_name TEXT, src_rank TEXT, dst_rank TEXT,
  transport_type TEXT, transit_size NUMERIC, transit_time NUMERIC, bandwidth NUMERIC, step TEXT,
  type TEXT, op_name TEXT);
INSERT INTO CommAnalyzerMatrix VALUES ('allreduce-top1', '123', '0', '1', 'HCCS', 37.5, 2.5, 15, 'step7', 'collective', 'hcom_allReduce__1_0_1');
`;
}

export const CLUSTER_SCHEMA = `
CREATE TABLE ClusterStepTraceTime (step TEXT, type TEXT, "index" TEXT, computing NUMERIC);
INSERT INTO ClusterStepTraceTime VALUES ('1', 'rank', '0', 179587.578), ('1', 'rank', '1', 178060.76);
CREATE TABLE CommunicationGroup (type TEXT, rank_set TEXT);
INSERT INTO CommunicationGroup VALUES ('collective', '(0, 1)');
`;
