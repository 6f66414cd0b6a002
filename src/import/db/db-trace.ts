/**
 * Builds the TraceModel of an `ascend_pytorch_profiler*.db` / `msprof*.db` through the same
 * collector and finalize path as trace_view.json, so a db-only folder draws like a text one:
 * device streams, HCCL groups and planes, CANN and Python lanes, counters, flows, Overlap
 * Analysis (recomputed) and ProfilerStep slices (from STEP_TIME when PYTORCH_API has none).
 * What the db holds but the timeline does not draw is listed in one `db_table_not_mapped`
 * warning; nothing in it is fatal.
 */
import type { ExactTime } from '../../lib/exact-time';
import type { TraceModel } from '../../model/trace-model';
import type { ImportProgress } from '../readers/reader';
import { finalizeTrace } from '../trace/finalize-trace';
import { TraceBuilder } from '../trace/trace-builder';
import { COUNTER_TABLES, emitCounters } from './db-counters';
import { makeTicker, type DbBuildContext } from './db-context';
import type { DbFile } from './db-file';
import { emitFlows, type FlowTally } from './db-flows';
import { deviceOverlap, intervalBase, stepWindows, type StepWindow } from './db-intervals';
import { detectDevice, detectHostPid } from './db-identity';
import { DbLanes } from './db-lanes';
import { addNs } from './db-time';
import { emitCommunication, emitDeviceTasks } from './device-tasks';
import { emitCannApi, emitHostRecords, emitPytorchApi } from './host-apis';
import { OVERLAP_THREADS, overlapLane, type OverlapLanes } from './overlap';
import { detail, msg } from '../../lib/message';

export interface DbTraceOptions {
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
}

export interface DbTraceResult {
  trace: TraceModel;
  /** Rows of each source table that became events. */
  rows: Record<string, number>;
  /** Flow endpoints per category. */
  flows: FlowTally;
  /** Overlap lanes per device (ns relative to `base`), also used for step rows. */
  overlap: Map<number, OverlapLanes>;
  steps: StepWindow[];
  base: ExactTime;
}

/** Tables read elsewhere (kernels, memory, metadata) or pure lookups: never "not mapped". */
const USED_TABLES = new Set(
  [
    'STRING_IDS',
    'META_DATA',
    'TASK',
    'COMPUTE_TASK_INFO',
    'COMMUNICATION_TASK_INFO',
    'COMMUNICATION_OP',
    'COMMUNICATION_SCHEDULE_TASK_INFO',
    'MEMCPY_INFO',
    'CANN_API',
    'API',
    'PYTORCH_API',
    'PYTORCH_CALLCHAINS',
    'CONNECTION_IDS',
    'STEP_TIME',
    'GC_RECORD',
    'MSTX_EVENTS',
    'OSRT_API',
    'TASK_PMU_INFO',
    'MEMORY_RECORD',
    'OP_MEMORY',
    'NPU_MODULE_MEM',
    'NPU_OP_MEM',
    'NPU_INFO',
    'TARGET_INFO_NPU',
    'HOST_INFO',
    'RANK_DEVICE_MAP',
    'SESSION_TIME_INFO',
    'TARGET_INFO_SESSION_TIME',
    ...COUNTER_TABLES,
  ].map((t) => t.toLowerCase()),
);

/** Tables MindStudio Insight adds to dbs it opened. */
const INSIGHT_TABLES =
  /^(overlap_analysis|status_info|connectioncats|sqlite_sequence|_.*_old_\d+)$/i;

export function buildDbTrace(db: DbFile, opts: DbTraceOptions = {}): DbTraceResult {
  const b = new TraceBuilder();
  const lanes = new DbLanes(b, detectHostPid(db), detectDevice(db));
  const ctx: DbBuildContext = {
    db,
    b,
    lanes,
    rows: {},
    hasStepSlices: false,
    warn: (code, example, count = 1) => b.warn(code, example, count),
    tick: makeTicker(db.path, opts.signal, opts.onProgress, db.size),
  };
  ctx.tick(0);
  reportImprecise(ctx);
  emitDeviceTasks(ctx);
  emitCommunication(ctx);
  emitCannApi(ctx);
  emitPytorchApi(ctx);
  emitHostRecords(ctx);
  emitCounters(ctx);
  const base = intervalBase(db);
  const steps = stepWindows(db, base);
  emitSteps(ctx, steps);
  const overlap = deviceOverlap(db, base, lanes.device);
  emitOverlap(ctx, overlap, base);
  const flows = emitFlows(ctx);
  reportUnmapped(ctx);
  const trace = finalizeTrace(b.finish(), { sourcePath: db.path });
  dropMetadataFromStats(trace);
  return { trace, rows: ctx.rows, flows, overlap, steps, base };
}

/**
 * In a db every event comes from a row; process and thread names are synthesised, so they are
 * not counted as events (events = rows that became slices, counter samples, instants, flows).
 */
function dropMetadataFromStats(trace: TraceModel): void {
  const m = trace.stats.byPhase['M'] ?? 0;
  if (m === 0) return;
  const { M: _m, ...rest } = trace.stats.byPhase;
  trace.stats.byPhase = rest;
  trace.stats.events -= m;
}

function emitSteps(ctx: DbBuildContext, steps: StepWindow[]): void {
  if (ctx.hasStepSlices || steps.length === 0) return;
  const { lanes, b } = ctx;
  const lane = lanes.hostThread('Python', lanes.hostPid, Number(lanes.hostPid & 0xffffffffn));
  for (const s of steps) {
    const dur = s.end - s.start;
    b.complete(lane.pid, lane.tid, s.startAbs, dur, `ProfilerStep#${s.id}`, 'cpu_op', {
      source: 'STEP_TIME',
    });
  }
  ctx.rows['STEP_TIME'] = steps.length;
}

function emitOverlap(
  ctx: DbBuildContext,
  overlap: Map<number, OverlapLanes>,
  base: ExactTime,
): void {
  const { lanes, b } = ctx;
  const t: ExactTime = { us: 0, fracNs: 0 };
  for (const [device, l] of overlap) {
    const pid = lanes.process('Overlap Analysis', device);
    OVERLAP_THREADS.forEach((name, i) => {
      const tid = lanes.thread(pid, String(i), name, i);
      const lane = overlapLane(l, i);
      for (let k = 0; k < lane.length; k += 2) {
        addNs(base, lane[k]!, t);
        b.complete(pid, tid, t, lane[k + 1]! - lane[k]!, name);
      }
    });
  }
}

function reportImprecise(ctx: DbBuildContext): void {
  const { db } = ctx;
  const checks: [string, string[]][] = [
    ['TASK', ['startNs', 'start']],
    ['CANN_API', ['startNs', 'start']],
    ['API', ['startNs', 'start']],
    ['PYTORCH_API', ['startNs', 'start']],
  ];
  for (const [table, cols] of checks) {
    const t = db.firstTable(table);
    const c = t && db.col(t, ...cols);
    if (!t || !c) continue;
    const n = db.impreciseTimes(t, c);
    if (n > 0) {
      ctx.warn(
        'db_imprecise_time',
        detail(
          `${t}.${c} holds floating-point times (sub-µs precision was lost when the db was written)`,
          msg('reader:db_imprecise_time', { column: `${t}.${c}` }),
        ),
        n,
      );
    }
  }
  if (db.timeOffsetNs !== 0n) {
    ctx.warn(
      'db_relative_time',
      detail(
        `times are relative to baseTimeNs ${db.timeOffsetNs}; made absolute`,
        msg('reader:db_relative_time', { base: String(db.timeOffsetNs) }),
      ),
    );
  }
}

function reportUnmapped(ctx: DbBuildContext): void {
  const { db } = ctx;
  const insight: string[] = [];
  const other: string[] = [];
  for (const info of db.tables.values()) {
    const lower = info.name.toLowerCase();
    if (USED_TABLES.has(lower) || lower.startsWith('enum_')) continue;
    if (INSIGHT_TABLES.test(info.name) && !db.has('ENUM_OVERLAP_ANALYSIS_TYPE'))
      insight.push(info.name);
    else if (!(lower === 'overlap_analysis' && db.has('ENUM_OVERLAP_ANALYSIS_TYPE')))
      other.push(info.name);
  }
  if (insight.length > 0) {
    ctx.warn(
      'db_insight_tables',
      detail(
        `tables added by MindStudio Insight, ignored: ${insight.join(', ')}`,
        msg('reader:db_insight_tables', { tables: insight.join(', ') }),
      ),
      insight.length,
    );
  }
  if (other.length > 0) {
    ctx.warn(
      'db_table_not_mapped',
      detail(
        `tables not shown on the timeline: ${other.join(', ')}`,
        msg('reader:db_tables_not_shown', { tables: other.join(', ') }),
      ),
      other.length,
    );
  }
}
