/**
 * The trace-format edge cases Perfetto's JSON importer tests check, as our own minimal traces.
 * Each test states the rule we follow and where the spec (the Trace Event Format doc), catapult
 * (the reference importer) and Perfetto agree or differ (shared docs: trace-event-format.md
 * §1, §2.1 and §2.2). Where we deliberately differ from Perfetto, the README's "Supported inputs"
 * says so too.
 */
import { describe, expect, it } from 'vitest';
import type { TraceModel } from '../../model/trace-model';
import { importText, sliceStrings, warningCodes } from './test-helpers';

type Ev = Record<string, unknown>;
const load = (events: Ev[], top: Record<string, unknown> | null = null) =>
  importText(JSON.stringify(top ? { ...top, traceEvents: events } : events));
const X = (name: string, ts: number, dur: number, more: Ev = {}): Ev => ({
  ph: 'X',
  name,
  ts,
  dur,
  pid: 1,
  tid: 1,
  ...more,
});
const B = (name: string, ts: number, more: Ev = {}): Ev => ({
  ph: 'B',
  name,
  ts,
  pid: 1,
  tid: 1,
  ...more,
});
const E = (name: string | undefined, ts: number, more: Ev = {}): Ev => ({
  ph: 'E',
  ...(name === undefined ? {} : { name }),
  ts,
  pid: 1,
  tid: 1,
  ...more,
});

/** "from→to" slice names of every flow. */
function flows(m: TraceModel): string[] {
  const f = m.flows;
  const nameOf = (t: number, i: number) => m.strings[m.sliceTracks[t]!.slices.name[i]!];
  return Array.from(
    { length: f.length },
    (_, i) => `${nameOf(f.fromTrack[i]!, f.fromSlice[i]!)}→${nameOf(f.toTrack[i]!, f.toSlice[i]!)}`,
  );
}

describe('B/E/X ordering and ties', () => {
  it('at equal ts an E closes before a B opens (spec, catapult, Perfetto agree)', async () => {
    const m = await load([B('a', 0), B('b', 10), E('a', 10), E('b', 20)]);
    expect(sliceStrings(m, '1')).toEqual(['a@0+10000/0', 'b@10000+10000/0']);
  });
  it('an E closes the nearest open B of its name; slices above it close too (Perfetto matches by name, catapult pops the top)', async () => {
    const m = await load([B('outer', 0), B('inner', 1), E('outer', 5)]);
    expect(sliceStrings(m, '1')).toEqual(['outer@0+5000/0', 'inner@1000+4000/1']);
    expect(warningCodes(m)).toEqual(['misplaced_end']);
  });
  it('an unnamed E closes the top B (all three agree)', async () => {
    const m = await load([B('a', 0), B('b', 1), E(undefined, 2), E(undefined, 3)]);
    expect(sliceStrings(m, '1')).toEqual(['a@0+3000/0', 'b@1000+1000/1']);
  });
  it('an unmatched E is dropped with a warning (all three agree)', async () => {
    const m = await load([X('x', 0, 5), E('nothing', 3)]);
    expect(sliceStrings(m, '1')).toEqual(['x@0+5000/0']);
    expect(warningCodes(m)).toEqual(['unmatched_end']);
  });
  it('an unclosed B runs to the trace end, flagged (catapult: didNotFinish; Perfetto: dur -1)', async () => {
    const m = await load([B('open', 0), X('x', 10, 5, { tid: 2 })]);
    expect(sliceStrings(m, '1')).toEqual(['open@0+15000/0']);
    expect(warningCodes(m)).toEqual(['unclosed_begin']);
  });
  it('an X without dur is kept as unfinished (catapult does; Perfetto drops it: we differ)', async () => {
    const m = await load([{ ph: 'X', name: 'nodur', ts: 0, pid: 1, tid: 1 }, X('y', 5, 5)]);
    expect(sliceStrings(m, '1')).toEqual(['nodur@0+10000/0', 'y@5000+5000/1']);
    expect(warningCodes(m)).toEqual(['missing_dur']);
  });
  it('a negative dur is dropped with a warning (Perfetto drops; catapult keeps a negative slice)', async () => {
    const m = await load([X('neg', 0, -5), X('ok', 0, 5)]);
    expect(sliceStrings(m, '1')).toEqual(['ok@0+5000/0']);
    expect(warningCodes(m)).toEqual(['negative_dur']);
  });
  it('X of equal ts: longer first, then file order (Perfetto; catapult uses file order only)', async () => {
    const m = await load([X('a', 0, 5), X('b', 0, 5), X('long', 0, 9)]);
    expect(sliceStrings(m, '1')).toEqual(['long@0+9000/0', 'a@0+5000/1', 'b@0+5000/2']);
  });
  it('X and B/E slices of equal ts nest longer first (Perfetto puts every X before a B: we differ)', async () => {
    // A B/E parent with an X child at its start (Chrome writes these): Perfetto's sorter would
    // open the X first and the longer B inside it, a partial overlap.
    const m = await load([X('child', 0, 50), B('parent', 0), E('parent', 100)]);
    expect(sliceStrings(m, '1')).toEqual(['parent@0+100000/0', 'child@0+50000/1']);
    const n = await load([B('b', 0), X('x', 0, 50), E('b', 10)]);
    expect(sliceStrings(n, '1')).toEqual(['x@0+50000/0', 'b@0+10000/1']);
  });
  it('half-open intervals: a slice starting where another ends is its sibling (all agree)', async () => {
    const m = await load([X('a', 0, 10), X('b', 10, 10)]);
    expect(sliceStrings(m, '1')).toEqual(['a@0+10000/0', 'b@10000+10000/0']);
  });
  it('zero-length X at equal ts stack on each other (Perfetto: equal-ts instants stack)', async () => {
    const m = await load([X('p', 5, 0), X('q', 5, 0)]);
    expect(sliceStrings(m, '1')).toEqual(['p@0+0/0', 'q@0+0/1']);
  });
  it('a partial X overlap goes to an overflow lane (Perfetto spills; catapult overlaps on one row)', async () => {
    const m = await load([X('a', 0, 10), X('b', 5, 10)]);
    expect(sliceStrings(m, '1')).toEqual(['a@0+10000/0']);
    expect(sliceStrings(m, '1', true)).toEqual(['b@5000+10000/0']);
  });
});

describe('unsorted input', () => {
  it('gives the same model as sorted input (spec: events need not be sorted; all sort)', async () => {
    const sorted = [X('a', 0, 10), X('b', 2, 3), B('c', 20), E('c', 30), X('d', 40, 1)];
    const shuffled = [sorted[4]!, sorted[2]!, sorted[1]!, sorted[3]!, sorted[0]!];
    const a = await load(sorted);
    const b = await load(shuffled);
    expect(sliceStrings(b, '1')).toEqual(sliceStrings(a, '1'));
    expect(sliceStrings(a, '1')).toEqual([
      'a@0+10000/0',
      'b@2000+3000/1',
      'c@20000+10000/0',
      'd@40000+1000/0',
    ]);
  });
  it('B/E pairs out of file order still match by time', async () => {
    const m = await load([E('w', 30), B('w', 10)]);
    expect(sliceStrings(m, '1')).toEqual(['w@0+20000/0']);
  });
});

describe('async nesting and ids', () => {
  const a = (ph: string, name: string, ts: number, more: Ev = {}): Ev => ({
    ph,
    name,
    cat: 'c',
    id: 1,
    ts,
    pid: 1,
    tid: 1,
    ...more,
  });
  const asyncRows = (m: TraceModel) =>
    m.sliceTracks
      .filter((t) => t.kind === 'async')
      .flatMap((t) =>
        Array.from(
          { length: t.slices.length },
          (_, i) =>
            `${t.name}:${m.strings[t.slices.name[i]!]}@${t.slices.start[i]}+${t.slices.dur[i]}/${t.slices.depth[i]}`,
        ),
      );
  it('b/e of one cat+id nest by name (spec, catapult, Perfetto agree)', async () => {
    const m = await load([
      a('b', 'outer', 0),
      a('b', 'inner', 1),
      a('e', 'inner', 2),
      a('e', 'outer', 3),
    ]);
    expect(asyncRows(m)).toEqual(['outer:outer@0+3000/0', 'outer:inner@1000+1000/1']);
  });
  it('n is a zero-length mark inside the tree', async () => {
    const m = await load([a('b', 'r', 0), a('n', 'mark', 1), a('e', 'r', 2)]);
    expect(asyncRows(m)).toEqual(['r:r@0+2000/0', 'r:mark@1000+0/1']);
  });
  it('the same id in another category is another tree (key = cat + id)', async () => {
    const m = await load([
      a('b', 'r', 0),
      a('b', 'r', 1, { cat: 'd' }),
      a('e', 'r', 5),
      a('e', 'r', 6, { cat: 'd' }),
    ]);
    // Two overlapping trees of one root name share a track on separate rows.
    expect(asyncRows(m)).toEqual(['r:r@0+5000/0', 'r:r@1000+5000/1']);
  });
  it('"0x1" and 1 are different ids (catapult compares strings; Perfetto parses hex: we follow catapult)', async () => {
    const m = await load([a('b', 'r', 0, { id: '0x1' }), a('e', 'r', 5, { id: 1 })]);
    expect(warningCodes(m)).toEqual(['async_unclosed', 'async_unmatched_end']);
  });
  it('id2.local is scoped to its process, id2.global is not', async () => {
    const m = await load([
      a('b', 'L', 0, { id: undefined, id2: { local: '0x5' }, pid: 1 }),
      a('e', 'L', 5, { id: undefined, id2: { local: '0x5' }, pid: 2 }),
      a('b', 'G', 0, { id: undefined, id2: { global: '0x6' }, pid: 1 }),
      a('e', 'G', 5, { id: undefined, id2: { global: '0x6' }, pid: 2 }),
    ]);
    expect(asyncRows(m)).toContain('G:G@0+5000/0');
    expect(warningCodes(m)).toEqual(['async_unclosed', 'async_unmatched_end']);
  });
  it('an async event without id is dropped (catapult warns and drops; Perfetto too)', async () => {
    const m = await load([a('b', 'r', 0, { id: undefined })]);
    expect(asyncRows(m)).toEqual([]);
    expect(warningCodes(m)).toEqual(['async_without_id']);
  });
  it('legacy S/F are async slices (catapult; Perfetto ignores S/F: we differ)', async () => {
    const m = await load([a('S', 'legacy', 0), a('F', 'legacy', 4)]);
    expect(asyncRows(m)).toEqual(['legacy:legacy@0+4000/0']);
  });
  it('global-id async slices stay under their emitting process (Perfetto moves them to a global track: we differ)', async () => {
    const m = await load([a('b', 'r', 0, { pid: 9 }), a('e', 'r', 1, { pid: 9 })]);
    const tr = m.sliceTracks.find((t) => t.kind === 'async')!;
    expect(m.processes[tr.process]!.pid).toBe('9');
  });
});

describe('flow binding', () => {
  const s = (ts: number, more: Ev = {}): Ev => ({
    ph: 's',
    id: 1,
    cat: 'f',
    name: 'fl',
    ts,
    pid: 1,
    tid: 1,
    ...more,
  });
  const f = (ts: number, more: Ev = {}): Ev => ({
    ph: 'f',
    id: 1,
    cat: 'f',
    name: 'fl',
    ts,
    pid: 1,
    tid: 2,
    ...more,
  });
  it('s binds to the enclosing slice; f with bp:"e" to its enclosing slice (all agree)', async () => {
    const m = await load([X('src', 0, 10), X('dst', 20, 10, { tid: 2 }), s(5), f(25, { bp: 'e' })]);
    expect(flows(m)).toEqual(['src→dst']);
  });
  it('f without bp binds to the next slice starting at or after it (spec, catapult, Perfetto)', async () => {
    const m = await load([
      X('src', 0, 10),
      X('enclosing', 15, 20, { tid: 2 }),
      X('next', 40, 5, { tid: 2 }),
      s(5),
      f(25),
    ]);
    expect(flows(m)).toEqual(['src→next']);
  });
  it('an s at the exact start of a slice binds to it (Perfetto sorts X before the flow)', async () => {
    const m = await load([s(0), X('src', 0, 10), X('dst', 20, 10, { tid: 2 }), f(20, { bp: 'e' })]);
    expect(flows(m)).toEqual(['src→dst']);
  });
  it('several f per id all get an arrow (Perfetto v1); dangling ends are counted', async () => {
    const m = await load([
      X('src', 0, 10),
      X('d1', 20, 5, { tid: 2 }),
      X('d2', 30, 5, { tid: 2 }),
      s(5),
      f(20, { bp: 'e' }),
      f(30, { bp: 'e' }),
      f(40, { id: 99 }),
    ]);
    expect(flows(m)).toEqual(['src→d1', 'src→d2']);
    expect(m.stats.flows.endOnly).toBe(1);
  });
  it('flow v2: bind_id with flow_out / flow_in links the slices (catapult and Perfetto)', async () => {
    const m = await load([
      X('producer', 0, 10, { bind_id: '0xa', flow_out: true }),
      X('step', 20, 10, { tid: 2, bind_id: '0xa', flow_in: true, flow_out: true }),
      X('consumer', 40, 10, { tid: 3, bind_id: '0xa', flow_in: true }),
    ]);
    expect(flows(m)).toEqual(['producer→step', 'step→consumer']);
  });
});

describe('counters', () => {
  it('several series in one C event form one track with a series each (all agree)', async () => {
    const m = await load([
      { ph: 'C', name: 'mem', pid: 1, ts: 0, args: { used: 1, free: 9 } },
      { ph: 'C', name: 'mem', pid: 1, ts: 5, args: { used: 3 } },
    ]);
    expect(m.counters.length).toBe(1);
    const c = m.counters[0]!;
    expect(c.series.map((x) => [x.name, [...x.values]])).toEqual([
      ['used', [1, 3]],
      ['free', [9, NaN]],
    ]);
  });
  it('an id makes a separate track named name[id] (catapult naming; Perfetto: "name id: …")', async () => {
    const m = await load([
      { ph: 'C', name: 'q', id: 1, pid: 1, ts: 0, args: { v: 1 } },
      { ph: 'C', name: 'q', id: 2, pid: 1, ts: 0, args: { v: 2 } },
    ]);
    expect(m.counters.map((c) => c.name).sort()).toEqual(['q[1]', 'q[2]']);
  });
  it('counters are process-local: the same name in two pids is two tracks', async () => {
    const m = await load([
      { ph: 'C', name: 'q', pid: 1, ts: 0, args: { v: 1 } },
      { ph: 'C', name: 'q', pid: 2, ts: 0, args: { v: 2 } },
    ]);
    expect(m.counters.map((c) => m.processes[c.process]!.pid)).toEqual(['1', '2']);
  });
});

describe('instants of every scope', () => {
  it('s:"g" global, s:"p" process, s:"t" and no s thread; I and R like i (all agree)', async () => {
    const m = await load([
      { ph: 'i', name: 'g', s: 'g', ts: 0, pid: 1, tid: 1 },
      { ph: 'i', name: 'p', s: 'p', ts: 1, pid: 1, tid: 1 },
      { ph: 'i', name: 't', s: 't', ts: 2, pid: 1, tid: 1 },
      { ph: 'i', name: 'default', ts: 3, pid: 1, tid: 1 },
      { ph: 'I', name: 'legacyI', ts: 4, pid: 1, tid: 1 },
      { ph: 'R', name: 'mark', ts: 5, pid: 1, tid: 1 },
    ]);
    const names = (t: { length: number; name: Uint32Array }) =>
      Array.from({ length: t.length }, (_, i) => m.strings[t.name[i]!]);
    expect(names(m.globalInstants)).toEqual(['g']);
    expect(names(m.processes[0]!.instants)).toEqual(['p']);
    expect(names(m.threads[0]!.instants)).toEqual(['t', 'default', 'legacyI', 'mark']);
  });
  it('a thread instant without tid is a process instant', async () => {
    const m = await load([{ ph: 'i', name: 'x', ts: 0, pid: 1 }]);
    expect(m.processes[0]!.instants.length).toBe(1);
  });
});

describe('metadata and sort indices', () => {
  it('names, labels and sort indices; the last write wins (spec; catapult and Perfetto agree)', async () => {
    const m = await load([
      { ph: 'M', name: 'process_name', pid: 1, args: { name: 'first' } },
      { ph: 'M', name: 'process_name', pid: 1, args: { name: 'Renderer' } },
      { ph: 'M', name: 'process_labels', pid: 1, args: { labels: 'a, b' } },
      { ph: 'M', name: 'process_sort_index', pid: 1, args: { sort_index: 536870912 } },
      { ph: 'M', name: 'thread_name', pid: 1, tid: 1, args: { name: 'Main' } },
      { ph: 'M', name: 'thread_sort_index', pid: 1, tid: 1, args: { sort_index: -3 } },
      X('x', 0, 1),
    ]);
    const p = m.processes[0]!;
    expect([p.name, p.labels, p.sortIndex]).toEqual(['Renderer', ['a', 'b'], 536870912]);
    expect([m.threads[0]!.name, m.threads[0]!.sortIndex]).toEqual(['Main', -3]);
    expect(m.sliceTracks[0]!.name).toBe('Main');
  });
  it('other M kinds are counted, not fatal (catapult warns "Unrecognized metadata name")', async () => {
    const m = await load([
      { ph: 'M', name: 'num_cpus', pid: 1, args: { number: 8 } },
      X('x', 0, 1),
    ]);
    expect(m.stats.byPhase['M']).toBe(1);
    expect(warningCodes(m)).toEqual(['metadata_other']);
  });
  it('M timestamps never set the extent (analysis-definitions §1.2; Perfetto: M may lack ts)', async () => {
    const m = await load([
      { ph: 'M', name: 'process_name', pid: 1, ts: 0, args: { name: 'p' } },
      X('x', 5_000_000, 1),
    ]);
    expect(m.baseNs).toBe('5000000000');
    expect(m.endNs).toBe(1000);
  });
});

describe('pid / tid forms', () => {
  it('a numeric string equals the number ("25738" ≡ 25738: catapult; Perfetto splits them: we differ)', async () => {
    const m = await load([X('a', 0, 10, { tid: '25738' }), X('b', 2, 3, { tid: 25738 })]);
    expect(m.threads.length).toBe(1);
    expect(sliceStrings(m, '25738')).toEqual(['a@0+10000/0', 'b@2000+3000/1']);
  });
  it('a non-numeric string pid/tid is its own id (catapult; Perfetto interns it)', async () => {
    const m = await load([X('a', 0, 1, { pid: 'Spans', tid: 'stream 7' })]);
    expect([m.processes[0]!.pid, m.threads[0]!.tid]).toEqual(['Spans', 'stream 7']);
  });
  it('tid 0 stays tid 0 (Perfetto merges tid 0 into tid = pid: we differ)', async () => {
    const m = await load([X('a', 0, 1, { pid: 5, tid: 0 }), X('b', 0, 1, { pid: 5, tid: 5 })]);
    expect(m.threads.map((t) => t.tid).sort()).toEqual(['0', '5']);
  });
  it('a missing tid is its own thread, labelled as such (Perfetto: tid = pid; we differ)', async () => {
    const m = await load([
      { ph: 'X', name: 'a', ts: 0, dur: 1, pid: 5 },
      X('b', 0, 1, { pid: 5, tid: 5 }),
    ]);
    expect(m.threads.map((t) => t.tid).sort()).toEqual(['', '5']);
    expect(m.sliceTracks.map((t) => t.name).sort()).toEqual(['Thread (no tid)', 'Thread 5']);
  });
  it('pids beyond 2^32 stay exact (Perfetto coerces them to 0: we differ)', async () => {
    const m = await load([X('a', 0, 1, { pid: 14083661100 }), X('b', 0, 1, { pid: 3254508960 })]);
    expect(m.processes.map((p) => p.pid)).toEqual(['14083661100', '3254508960']);
  });
});

describe('displayTimeUnit', () => {
  it('is display only: ts stays µs (spec; Perfetto ignores it; catapult uses it for display)', async () => {
    const a = await load([X('a', 1, 2)], { displayTimeUnit: 'ns' });
    const b = await load([X('a', 1, 2)], { displayTimeUnit: 'ms' });
    expect(sliceStrings(a, '1')).toEqual(['a@0+2000/0']);
    expect(sliceStrings(b, '1')).toEqual(sliceStrings(a, '1'));
    expect(a.metadata['displayTimeUnit']).toBe('ns');
  });
});
