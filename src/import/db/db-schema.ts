/**
 * Column resolution across schema versions. Every table and column is looked up by name, with
 * the known spellings in order of preference:
 *   pre-1.0 (2023): tables `API`, `TARGET_INFO_NPU`, `TARGET_INFO_SESSION_TIME`, `ENUM_API_LEVEL`;
 *     columns `start`/`end` (TEXT), `correlationId` as the task key, `block_dim`, API `level`;
 *   1.0.x: `blockDim`, `mixBlockDim`;
 *   1.2.0: `blockNum`, `mixBlockNum` (and `blockDim` then means SIMT threads per block), plus
 *     `opState`, `hf32Eligible`, `gridDim`; COMMUNICATION_OP `deviceId`, `rankSize`;
 *     COMMUNICATION_TASK_INFO `isMaster`, `bandwidth`.
 * A missing table resolves to null and a missing column to null; callers skip what is absent.
 */
import type { SelectList } from './db-context';
import { ident, type DbFile } from './db-file';

type Cols<K extends string> = Record<K, string | null>;

function cols<K extends string>(
  db: DbFile,
  table: string,
  spec: Record<K, readonly string[]>,
): Cols<K> {
  const out = {} as Cols<K>;
  for (const k of Object.keys(spec) as K[]) out[k] = db.col(table, ...spec[k]);
  return out;
}

export interface TaskSchema {
  table: string;
  c: Cols<
    | 'key'
    | 'start'
    | 'end'
    | 'device'
    | 'stream'
    | 'taskId'
    | 'context'
    | 'model'
    | 'connection'
    | 'type'
    | 'pid'
  >;
}

export function taskSchema(db: DbFile): TaskSchema | null {
  const table = db.firstTable('TASK');
  if (!table) return null;
  const c = cols(db, table, {
    key: ['globalTaskId', 'correlationId'],
    start: ['startNs', 'start'],
    end: ['endNs', 'end'],
    device: ['deviceId'],
    stream: ['streamId'],
    taskId: ['taskId'],
    context: ['contextId'],
    model: ['modelId'],
    connection: ['connectionId'],
    type: ['taskType'],
    pid: ['globalPid'],
  });
  return c.start ? { table, c } : null;
}

export interface ComputeSchema {
  table: string;
  c: Cols<
    | 'key'
    | 'name'
    | 'opType'
    | 'core'
    | 'block'
    | 'mixBlock'
    | 'inputShapes'
    | 'inputDataTypes'
    | 'inputFormats'
    | 'outputShapes'
    | 'outputDataTypes'
    | 'outputFormats'
    | 'attrInfo'
    | 'opState'
    | 'hf32'
    | 'gridDim'
    | 'simtBlockDim'
  >;
  /** "Block Num" (1.2.0) or "Block Dim". */
  blockLabel: string;
  mixBlockLabel: string;
}

export function computeSchema(db: DbFile): ComputeSchema | null {
  const table = db.firstTable('COMPUTE_TASK_INFO');
  if (!table) return null;
  const hasBlockNum = db.col(table, 'blockNum') !== null;
  const c = cols(db, table, {
    key: ['globalTaskId', 'correlationId'],
    name: ['name'],
    opType: ['opType'],
    core: ['taskType'],
    block: ['blockNum', 'blockDim', 'block_dim'],
    mixBlock: ['mixBlockNum', 'mixBlockDim', 'mix_block_dim'],
    inputShapes: ['inputShapes'],
    inputDataTypes: ['inputDataTypes'],
    inputFormats: ['inputFormats'],
    outputShapes: ['outputShapes'],
    outputDataTypes: ['outputDataTypes'],
    outputFormats: ['outputFormats'],
    attrInfo: ['attrInfo'],
    opState: ['opState'],
    hf32: ['hf32Eligible'],
    gridDim: ['gridDim'],
    simtBlockDim: hasBlockNum ? ['blockDim'] : [],
  });
  if (!c.key) return null;
  return {
    table,
    c,
    blockLabel: hasBlockNum ? 'Block Num' : 'Block Dim',
    mixBlockLabel: db.col(table, 'mixBlockNum') ? 'Mix Block Num' : 'Mix Block Dim',
  };
}

/** A selected column: display label, SelectList index (-1 when absent), value is a STRING_IDS id. */
export type ComputeField = [label: string, index: number, isString: boolean];

/**
 * Adds COMPUTE_TASK_INFO's tensor description (input/output shapes, data types, formats; all
 * STRING_IDS) to `sel` from alias `c`, labelled as in kernel_details.csv.
 */
export function computeTensorFields(cs: ComputeSchema, sel: SelectList): ComputeField[] {
  const c = cs.c;
  return [
    ['Input Shapes', sel.add(qo('c', c.inputShapes)), true],
    ['Input Data Types', sel.add(qo('c', c.inputDataTypes)), true],
    ['Input Formats', sel.add(qo('c', c.inputFormats)), true],
    ['Output Shapes', sel.add(qo('c', c.outputShapes)), true],
    ['Output Data Types', sel.add(qo('c', c.outputDataTypes)), true],
    ['Output Formats', sel.add(qo('c', c.outputFormats)), true],
  ];
}

export interface CommTaskSchema {
  table: string;
  c: Cols<
    | 'key'
    | 'name'
    | 'type'
    | 'plane'
    | 'group'
    | 'notify'
    | 'rdma'
    | 'src'
    | 'dst'
    | 'transport'
    | 'size'
    | 'dataType'
    | 'link'
    | 'opId'
    | 'bandwidth'
    | 'isMaster'
  >;
}

export function commTaskSchema(db: DbFile): CommTaskSchema | null {
  const table = db.firstTable('COMMUNICATION_TASK_INFO');
  if (!table) return null;
  const c = cols(db, table, {
    key: ['globalTaskId', 'correlationId'],
    name: ['name'],
    type: ['taskType'],
    plane: ['planeId'],
    group: ['groupName'],
    notify: ['notifyId'],
    rdma: ['rdmaType'],
    src: ['srcRank'],
    dst: ['dstRank'],
    transport: ['transportType'],
    size: ['size'],
    dataType: ['dataType'],
    link: ['linkType'],
    opId: ['opId'],
    bandwidth: ['bandwidth'],
    isMaster: ['isMaster'],
  });
  return c.key ? { table, c } : null;
}

export interface CommOpSchema {
  table: string;
  c: Cols<
    | 'name'
    | 'start'
    | 'end'
    | 'connection'
    | 'group'
    | 'opId'
    | 'relay'
    | 'retry'
    | 'dataType'
    | 'algType'
    | 'count'
    | 'opType'
    | 'device'
    | 'rankSize'
  >;
}

export function commOpSchema(db: DbFile): CommOpSchema | null {
  const table = db.firstTable('COMMUNICATION_OP');
  if (!table) return null;
  const c = cols(db, table, {
    name: ['opName'],
    start: ['startNs', 'start'],
    end: ['endNs', 'end'],
    connection: ['connectionId'],
    group: ['groupName'],
    opId: ['opId'],
    relay: ['relay'],
    retry: ['retry'],
    dataType: ['dataType'],
    algType: ['algType'],
    count: ['count'],
    opType: ['opType'],
    device: ['deviceId'],
    rankSize: ['rankSize'],
  });
  return c.start ? { table, c } : null;
}

export interface ApiSchema {
  table: string;
  enumTable: string;
  c: Cols<'start' | 'end' | 'type' | 'tid' | 'connection' | 'name'>;
}

/** CANN_API (1.0+) or API (pre-1.0; `level` instead of `type`). */
export function cannApiSchema(db: DbFile): ApiSchema | null {
  const table = db.firstTable('CANN_API', 'API');
  if (!table) return null;
  const c = cols(db, table, {
    start: ['startNs', 'start'],
    end: ['endNs', 'end'],
    type: ['type', 'level'],
    tid: ['globalTid'],
    connection: ['connectionId'],
    name: ['name'],
  });
  if (!c.start) return null;
  return {
    table,
    enumTable: db.firstTable('ENUM_API_TYPE', 'ENUM_API_LEVEL') ?? 'ENUM_API_TYPE',
    c,
  };
}

export interface PytorchSchema {
  table: string;
  c: Cols<
    | 'start'
    | 'end'
    | 'tid'
    | 'connection'
    | 'name'
    | 'seq'
    | 'fwdTid'
    | 'inputDtypes'
    | 'inputShapes'
    | 'callchain'
    | 'type'
  >;
}

export function pytorchSchema(db: DbFile): PytorchSchema | null {
  const table = db.firstTable('PYTORCH_API');
  if (!table) return null;
  const c = cols(db, table, {
    start: ['startNs', 'start'],
    end: ['endNs', 'end'],
    tid: ['globalTid'],
    connection: ['connectionId'],
    name: ['name'],
    seq: ['sequenceNumber'],
    fwdTid: ['fwdThreadId'],
    inputDtypes: ['inputDtypes'],
    inputShapes: ['inputShapes'],
    callchain: ['callchainId'],
    type: ['type'],
  });
  return c.start ? { table, c } : null;
}

/** `t.col` quoted, or the SQL NULL literal when the column is absent. */
export function qc(alias: string, column: string | null): string {
  return column === null ? 'NULL' : `${alias}.${ident(column)}`;
}

/** `t.col` quoted, or null when the column is absent (for SelectList.add). */
export function qo(alias: string, column: string | null): string | null {
  return column === null ? null : `${alias}.${ident(column)}`;
}

/**
 * SQL splitting a 64-bit globalTid into pid (high 32 bits) and tid (low 32 bits) in SQLite
 * integers, exactly (the value exceeds 2^53, so it must not pass through a JS number).
 */
export function tidParts(expr: string): string {
  return `(${expr} >> 32), (${expr} & 4294967295)`;
}
