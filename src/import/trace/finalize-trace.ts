/**
 * Turns collected parts into the TraceModel: chooses the time base, rebases every time to exact
 * ns, matches B/E, sorts and nests each thread (overflow lanes for partial overlaps), builds
 * async tracks, counters and instants, binds flows, and computes the import statistics.
 */
import { permute } from '../../lib/columns';
import { sliceOrder } from '../../model/nest-slices';
import {
  emptyInstants,
  type CounterTrack,
  type InstantTable,
  type ProcessModel,
  type SliceTrack,
  type ThreadModel,
  type TraceModel,
} from '../../model/trace-model';
import { processDisplayOrder } from '../../model/track-order';
import { ArgsMerger } from './args-read';
import { BeBuilder, InstantBuilder, SliceBuilder } from './collect-columns';
import { buildAsyncTracks } from './build-async';
import { buildFlows, type ThreadTracks } from './build-flows';
import { buildFlowIndex } from '../../model/flow-index';
import {
  collectThreadSlices,
  layoutThread,
  type LaneWithBinds,
  type ThreadSlices,
} from './build-threads';
import type { RawInstantCols, RawTraceParts } from './raw-parts';
import { computeTimeBase, rebase, type TimeBase } from './time-base';
import { WarningLog } from './warning-log';
import { detail, msg, type Message } from '../../lib/message';
import { threadLabel } from '../../model/labels';

export interface FinalizeOptions {
  /** Path of the source the args byte ranges point into (unused when args were copied). */
  sourcePath: string;
}

/**
 * Builds the model. Consumes `parts`: each thread's raw columns are released (left empty) once
 * copied, so they are not held while the rest of the model is built.
 */
export function finalizeTrace(parts: RawTraceParts, opts: FinalizeOptions): TraceModel {
  const log = new WarningLog();
  log.addAll(parts.warnings);
  const strings = parts.strings.slice();
  const intern = lazyInterner(strings);
  const emptyId = intern('');
  const tb = computeTimeBase(
    parts.allTsUs,
    parts.allTsFrac,
    parts.metaTsUs,
    parts.metaTsFrac,
    parts.distinctCount ?? parts.distinctTs?.us.length,
  );
  if (tb.outliers > 0) {
    log.add(
      'ts_outlier',
      detail(
        `ts ${tb.outlierExample} ns is more than 7 days from the rest of the trace; such events are not drawn`,
        msg('reader:ts_outlier', { ts: String(tb.outlierExample) }),
      ),
      tb.outliers,
    );
  }

  // Processes in order of first appearance, with their metadata.
  const processes: ProcessModel[] = [];
  const processByPid = new Map<number, number>();
  const processFor = (pid: number): number => {
    let p = processByPid.get(pid);
    if (p === undefined) {
      p = processes.length;
      processes.push({
        pid: strings[pid] ?? '',
        name: null,
        labels: [],
        sortIndex: null,
        threads: [],
        counters: [],
        asyncTracks: [],
        instants: emptyInstants(),
      });
      processByPid.set(pid, p);
    }
    return p;
  };
  for (const pid of parts.processOrder) processFor(pid);
  for (const m of parts.processMeta) {
    const p = processes[processFor(m.pid)]!;
    if (m.name !== undefined) p.name = m.name;
    if (m.labels !== undefined)
      p.labels = m.labels
        .split(',')
        .map((l) => l.trim())
        .filter(Boolean);
    if (m.sortIndex !== undefined) p.sortIndex = m.sortIndex;
  }

  const argsMerger = new ArgsMerger(parts.args.length);
  // What a thread's raw columns are replaced with once they are copied.
  const released = {
    x: new SliceBuilder().finish(),
    be: new BeBuilder().finish(),
    instants: new InstantBuilder().finish(),
  };

  // Threads: collect slices (dur NaN = unfinished until the trace end is known).
  const threads: ThreadModel[] = [];
  const threadKey = new Map<string, number>();
  const collected: ThreadSlices[] = [];
  let traceEnd = tb.maxRelNs;
  const threadFor = (pid: number, tid: number): number => {
    const key = `${pid}|${tid}`;
    let t = threadKey.get(key);
    if (t === undefined) {
      t = threads.length;
      const process = processFor(pid);
      threads.push({
        tid: strings[tid] ?? '',
        process,
        name: null,
        sortIndex: null,
        track: -1,
        overflowTrack: -1,
        instants: emptyInstants(),
      });
      processes[process]!.threads.push(t);
      threadKey.set(key, t);
    }
    return t;
  };
  for (const rt of parts.threads) {
    const t = threadFor(rt.pid, rt.tid);
    const cs = collectThreadSlices(rt, tb, strings, emptyId, log, argsMerger);
    collected[t] = cs;
    if (cs.maxEnd > traceEnd) traceEnd = cs.maxEnd;
    threads[t]!.instants = buildInstants(rt.instants, tb);
    // The raw columns are copied: let them go now rather than after the whole model is built.
    rt.x = released.x;
    rt.be = released.be;
    rt.instants = released.instants;
  }
  for (const m of parts.threadMeta) {
    const t = threads[threadFor(m.pid, m.tid)]!;
    if (m.name !== undefined) t.name = m.name;
    if (m.sortIndex !== undefined) t.sortIndex = m.sortIndex;
  }

  // Lay out thread lanes; torch's step markers are landmarks that never go to overflow.
  const isStep = (id: number) => strings[id]?.startsWith('ProfilerStep#') === true;
  const sliceTracks: SliceTrack[] = [];
  const lanes: (LaneWithBinds | null)[] = [];
  let overflowSlices = 0;
  let overlapExample = '';
  let overlapMsg: Message | null = null;
  let slices = 0;
  let maxDepth = 0;
  threads.forEach((t, ti) => {
    const cs = collected[ti];
    if (!cs || cs.start.length === 0) return;
    const laid = layoutThread(cs, traceEnd, isStep);
    const label = threadLabel(t);
    t.track = sliceTracks.length;
    sliceTracks.push({
      kind: 'thread',
      process: t.process,
      thread: ti,
      name: label,
      slices: stripBinds(laid.main),
    });
    lanes.push(hasBinds(laid.main) ? laid.main : null);
    slices += laid.main.length;
    maxDepth = Math.max(maxDepth, laid.main.rows);
    if (laid.overflow) {
      t.overflowTrack = sliceTracks.length;
      sliceTracks.push({
        kind: 'overflow',
        process: t.process,
        thread: ti,
        name: `${label} (overlapping)`,
        slices: stripBinds(laid.overflow),
      });
      lanes.push(hasBinds(laid.overflow) ? laid.overflow : null);
      overflowSlices += laid.overflow.length;
      const fo = laid.firstOverlap;
      if (fo && !overlapExample) {
        const name = (id: number) => JSON.stringify(strings[id] ?? '');
        overlapExample =
          `"${label}": ${name(fo.name)} [${fo.start}, ${fo.end}) ns starts inside its sibling ` +
          `${name(fo.otherName)} [${fo.otherStart}, ${fo.otherEnd}) ns and outlasts it; they ` +
          `overlap by ${fo.overlapNs} ns (times in ns since the trace start)`;
        overlapMsg = msg('reader:overlap_first', {
          track: label,
          name: name(fo.name),
          start: String(fo.start),
          end: String(fo.end),
          other: name(fo.otherName),
          otherStart: String(fo.otherStart),
          otherEnd: String(fo.otherEnd),
          overlap: String(fo.overlapNs),
        });
      }
      slices += laid.overflow.length;
    }
  });

  // Async tracks.
  for (const at of buildAsyncTracks(parts.async, tb, traceEnd, strings, emptyId, log, argsMerger)) {
    const process = processFor(at.pid);
    processes[process]!.asyncTracks.push(sliceTracks.length);
    sliceTracks.push({ kind: 'async', process, thread: -1, name: at.name, slices: at.slices });
    lanes.push(null);
    slices += at.slices.length;
  }

  // Counters.
  const counters: CounterTrack[] = [];
  let counterSamples = 0;
  for (const rc of parts.counters) {
    const ts = rebase(rc.tsUs, rc.tsFrac, tb);
    const keep = dropNaN(ts);
    const order = sliceOrder(keep.values, new Float64Array(keep.values.length));
    const process = processFor(rc.pid);
    const base = strings[rc.name] ?? '';
    processes[process]!.counters.push(counters.length);
    counterSamples += keep.values.length;
    counters.push({
      process,
      name: rc.id >= 0 ? `${base}[${strings[rc.id]}]` : base,
      ts: permute(keep.values, order),
      series: rc.series.map((s) => ({
        name: s.name,
        values: permute(keep.pick(s.values), order),
      })),
    });
  }

  // Instants.
  let instants = 0;
  for (const pi of parts.processInstants) {
    processes[processFor(pi.pid)]!.instants = buildInstants(pi.instants, tb);
  }
  const globalInstants = buildInstants(parts.globalInstants, tb);
  instants += globalInstants.length;
  for (const p of processes) instants += p.instants.length;
  for (const t of threads) instants += t.instants.length;

  // Flows.
  const threadTracks = (pid: number, tid: number): ThreadTracks | undefined => {
    const t = threadKey.get(`${pid}|${tid}`);
    if (t === undefined) return undefined;
    return { main: threads[t]!.track, overflow: threads[t]!.overflowTrack };
  };
  const flows = buildFlows(
    parts.flows,
    tb,
    threadTracks,
    sliceTracks,
    lanes,
    (id) => strings[id] ?? '',
    intern,
  );
  if (flows.counts.unbound > 0) {
    log.add(
      'flow_unbound',
      detail(
        'flow endpoint with no slice at its time on its thread (e.g. a Level0 HostToDevice start on the pruned CANN lane)',
        msg('reader:flow_unbound'),
      ),
      flows.counts.unbound,
    );
  }
  if (overflowSlices > 0) {
    log.add(
      'overlapping_slices',
      detail(
        `slices that partially overlap a sibling are drawn on an overflow lane; first: ${overlapExample}`,
        msg('reader:overlapping_slices', { first: overlapMsg ? { msg: overlapMsg } : '' }),
      ),
      overflowSlices,
    );
  }

  const model: TraceModel = {
    baseNs: tb.firstTsNs === null ? '0' : baseDecimal(tb),
    endNs: traceEnd,
    strings,
    processes,
    threads,
    sliceTracks,
    counters,
    globalInstants,
    // The timeline's flow lookups, sorted here (a worker) rather than on the page's main thread.
    flows: { ...flows.table, index: buildFlowIndex(flows.table, sliceTracks.length, strings) },
    args: {
      length: parts.args.length,
      offset: parts.args.offset,
      size: parts.args.size,
      arena: parts.args.arena,
      sourcePath: opts.sourcePath,
      merge: argsMerger.merge,
    },
    metadata: parts.metadata,
    stats: {
      events: parts.events,
      byPhase: parts.byPhase,
      firstTsNs: tb.firstTsNs,
      lastTsNs: tb.lastTsNs,
      distinctTs: tb.distinctTs,
      processNames: [],
      flows: flows.counts,
      overflowSlices,
      slices,
      counters: counterSamples,
      instants,
      maxDepth,
    },
    warnings: log.list(),
  };
  model.stats.processNames = processDisplayOrder(model)
    .map((p) => processes[p]!.name)
    .filter((n): n is string => n !== null);
  return model;
}

/**
 * Interning into `strings` (the first id of a text, or a new one). The few texts finalize adds
 * ('' and the flow v2 category) are found by a scan; the index of every string (hundreds of
 * thousands of flow ids at 1 GB) is built only when many lookups need it (flow v2 bind ids).
 */
function lazyInterner(strings: string[]): (text: string) => number {
  let index: Map<string, number> | null = null;
  let lookups = 0;
  return (text) => {
    if (index === null && ++lookups > 8) {
      index = new Map();
      for (let i = 0; i < strings.length; i++)
        if (!index.has(strings[i]!)) index.set(strings[i]!, i);
    }
    let id = index ? index.get(text) : strings.indexOf(text);
    if (id === undefined || id < 0) {
      id = strings.length;
      strings.push(text);
      index?.set(text, id);
    }
    return id;
  };
}

function baseDecimal(tb: TimeBase): string {
  return (BigInt(tb.baseUs) * 1000n + BigInt(tb.baseFrac)).toString();
}

function buildInstants(raw: RawInstantCols, tb: TimeBase): InstantTable {
  if (raw.length === 0) return emptyInstants();
  const ts = rebase(raw.tsUs, raw.tsFrac, tb);
  const keep = dropNaN(ts);
  const order = sliceOrder(keep.values, new Float64Array(keep.values.length));
  const pick = <T extends Uint32Array | Int32Array>(a: T): T => permute(keep.pick(a), order);
  return {
    length: keep.values.length,
    ts: permute(keep.values, order),
    name: pick(raw.name),
    cat: pick(raw.cat),
    args: pick(raw.args),
  };
}

/** Removes NaN (outlier) rows; `pick` applies the same selection to a parallel column. */
function dropNaN(values: Float64Array) {
  let bad = 0;
  for (let i = 0; i < values.length; i++) if (values[i] !== values[i]) bad++;
  if (bad === 0)
    return { values, pick: <T extends Float64Array | Uint32Array | Int32Array>(a: T): T => a };
  const sel = new Uint32Array(values.length - bad);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) sel[k++] = i;
  return {
    values: permute(values, sel),
    pick: <T extends Float64Array | Uint32Array | Int32Array>(a: T): T => permute(a, sel),
  };
}

function hasBinds(lane: LaneWithBinds): boolean {
  for (let i = 0; i < lane.length; i++) if (lane.flowDir[i] !== 0) return true;
  return false;
}

function stripBinds(lane: LaneWithBinds): SliceTrack['slices'] {
  const { bind: _bind, flowDir: _flowDir, ...table } = lane;
  return table;
}
