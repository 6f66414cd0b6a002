/**
 * Issue 21's four defects and the smaller ones, each on the minimal trace from the issue. Each
 * test names the rule and where the spec, catapult and Perfetto stand.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SqlConsole } from '../db/sql-console';
import { loadSqlJs } from '../db/sql-loader';
import { locateSqlJsInNode } from '../db/sql-loader-node';
import { memoryFile } from '../sources/input-file';
import type { OrderedJson } from '../../lib/json-bytes';
import type { TraceModel } from '../../model/trace-model';
import { arenaBytes, argsRows, argsToJson, decodeArgs } from './args-read';
import { importTraceJson } from './import-trace-json';
import { importText, sliceStrings } from './test-helpers';

beforeAll(() => locateSqlJsInNode());

/** Decoded args of slice `index` on track `track` (args in the arena: memory files copy them). */
export function sliceArgs(m: TraceModel, track: number, index: number): OrderedJson {
  const row = m.sliceTracks[track]!.slices.args[index]!;
  return decodeArgs(argsRows(m.args, row).map((r) => arenaBytes(m.args, r)!));
}

async function sqlRows(m: TraceModel, q: string, traceSource?: ReturnType<typeof memoryFile>) {
  const { console: c, problems } = await SqlConsole.open({
    trace: m,
    traceSource,
    sql: await loadSqlJs(),
  });
  try {
    const r = c.runQuery(q);
    if (!r.ok) throw new Error(r.error);
    return { rows: r.rows, problems };
  } finally {
    c.close();
  }
}

describe('defect 1: overlapping async slices of one cat+id get their own rows', () => {
  // Spec: b/e with the same cat+id form one tree and nest. catapult and Perfetto both draw B
  // (begun while A is open) below A. We decide a slice's row when it begins.
  const trace = [
    { name: 'A', ph: 'b', cat: 'c', id: '0x1', ts: 0, pid: 1, tid: 1 },
    { name: 'B', ph: 'b', cat: 'c', id: '0x1', ts: 10, pid: 1, tid: 1 },
    { name: 'A', ph: 'e', cat: 'c', id: '0x1', ts: 20, pid: 1, tid: 1 },
    { name: 'B', ph: 'e', cat: 'c', id: '0x1', ts: 30, pid: 1, tid: 1 },
  ];
  it('puts A and B on different rows', async () => {
    const m = await importText(JSON.stringify(trace));
    const tr = m.sliceTracks.find((t) => t.kind === 'async')!;
    const s = tr.slices;
    const rows = Object.fromEntries(
      Array.from({ length: s.length }, (_, i) => [m.strings[s.name[i]!]!, s.depth[i]!]),
    );
    expect(rows).toEqual({ A: 0, B: 1 });
    expect(s.rows).toBe(2);
  });
  it('reuses a row once it is free: C begun after A ended, while B is open, goes below B', async () => {
    const m = await importText(
      JSON.stringify([
        ...trace,
        { name: 'C', ph: 'b', cat: 'c', id: '0x1', ts: 25, pid: 1, tid: 1 },
        { name: 'C', ph: 'e', cat: 'c', id: '0x1', ts: 28, pid: 1, tid: 1 },
      ]),
    );
    const s = m.sliceTracks.find((t) => t.kind === 'async')!.slices;
    const byName = (n: string) => s.depth[[...s.name].findIndex((x) => m.strings[x] === n)]!;
    expect([byName('A'), byName('B'), byName('C')]).toEqual([0, 1, 2]);
  });
});

describe('defect 2: E args are merged into the B/E slice', () => {
  // Spec and catapult (`mergeArgsInto_`) and Perfetto all merge; a later value wins.
  const trace = [
    { name: 'W', ph: 'B', ts: 100, pid: 1, tid: 1, args: { begin_arg: 1, both: 'b' } },
    { name: 'W', ph: 'E', ts: 200, pid: 1, tid: 1, args: { end_arg: 2, both: 'e' } },
  ];
  it('shows both the begin and the end args', async () => {
    const m = await importText(JSON.stringify(trace));
    const v = sliceArgs(m, 0, 0);
    expect(v instanceof Map ? [...v] : v).toEqual([
      ['begin_arg', 1],
      ['both', 'e'],
      ['end_arg', 2],
    ]);
  });
  it('merges async b/e args the same way', async () => {
    const m = await importText(
      JSON.stringify([
        { name: 'A', ph: 'b', cat: 'c', id: 1, ts: 0, pid: 1, args: { x: 1 } },
        { name: 'A', ph: 'e', cat: 'c', id: 1, ts: 5, pid: 1, args: { y: 2 } },
      ]),
    );
    expect(argsToJson(sliceArgs(m, 0, 0))).toBe('{"x":1,"y":2}');
  });
  it('exposes the merged args in SQL', async () => {
    const m = await importText(JSON.stringify(trace));
    const { rows } = await sqlRows(m, 'SELECT args FROM slice');
    expect(rows).toEqual([['{"begin_arg":1,"both":"e","end_arg":2}']]);
  });
});

describe('defect 3: a zero-length X before a B at the same ts is its sibling', () => {
  // Perfetto's sorter (KeyForType): at equal ts, E first, then X by longer dur, then B and
  // zero-length X in file order. catapult: file order at equal start. Both make Mark and Work
  // siblings. A positive-length X at the same ts still comes first (Perfetto's rule).
  it('keeps Mark and Work at depth 0', async () => {
    const m = await importText(
      JSON.stringify([
        { name: 'Mark', ph: 'X', ts: 1000, dur: 0, pid: 1, tid: 1 },
        { name: 'Work', ph: 'B', ts: 1000, pid: 1, tid: 1 },
        { name: 'Work', ph: 'E', ts: 1100, pid: 1, tid: 1 },
      ]),
    );
    expect(sliceStrings(m, '1')).toEqual(['Mark@0+0/0', 'Work@0+100000/0']);
  });
  it('nests a zero-length X written after the B inside it', async () => {
    const m = await importText(
      JSON.stringify([
        { name: 'Work', ph: 'B', ts: 1000, pid: 1, tid: 1 },
        { name: 'Mark', ph: 'X', ts: 1000, dur: 0, pid: 1, tid: 1 },
        { name: 'Work', ph: 'E', ts: 1100, pid: 1, tid: 1 },
      ]),
    );
    expect(sliceStrings(m, '1')).toEqual(['Work@0+100000/0', 'Mark@0+0/1']);
  });
  it('orders X of equal ts longest first whatever the file order', async () => {
    const m = await importText(
      JSON.stringify([
        { name: 'short', ph: 'X', ts: 0, dur: 5, pid: 1, tid: 1 },
        { name: 'long', ph: 'X', ts: 0, dur: 10, pid: 1, tid: 1 },
      ]),
    );
    expect(sliceStrings(m, '1')).toEqual(['long@0+10000/0', 'short@0+5000/1']);
  });
});

describe('arg keys keep file order, even integer-like ones', () => {
  const trace = [{ name: 'a', ph: 'X', ts: 0, dur: 1, pid: 1, tid: 1 }];
  const text = JSON.stringify(trace).replace(
    '"tid":1}',
    '"tid":1,"args":{"b":1,"a":2,"10":3,"9":4}}',
  );
  it('in the decoded args (details panel, search)', async () => {
    const m = await importText(text);
    const v = sliceArgs(m, 0, 0);
    expect(v instanceof Map ? [...v.keys()] : null).toEqual(['b', 'a', '10', '9']);
    expect(argsToJson(v)).toBe('{"b":1,"a":2,"10":3,"9":4}');
  });
  it('in SQL (slice.args and the args view)', async () => {
    const m = await importText(text);
    const { rows } = await sqlRows(m, 'SELECT key, value FROM args');
    expect(rows).toEqual([
      ['b', 1],
      ['a', 2],
      ['10', 3],
      ['9', 4],
    ]);
  });
});

describe('args are queryable in SQL for every slice', () => {
  const text = JSON.stringify([
    { name: 'k', ph: 'X', ts: 0, dur: 1, pid: 1, tid: 1, args: { shape: [2, 3], id: 7 } },
    { name: 'i', ph: 'i', ts: 0, pid: 1, tid: 1, args: { note: 'x' } },
  ]);
  it('keys read as Perfetto shows them (no JSON-path quotes around snake_case or spaced keys)', async () => {
    const m = await importText(
      JSON.stringify([
        {
          name: 'k',
          ph: 'X',
          ts: 0,
          dur: 1,
          pid: 1,
          tid: 1,
          args: { correlation_id: 5, 'Input Dims': [[1, 2]] },
        },
      ]),
    );
    const { rows } = await sqlRows(m, 'SELECT key, value FROM args');
    expect(rows).toEqual([
      ['correlation_id', 5],
      ['Input Dims[0][0]', 1],
      ['Input Dims[0][1]', 2],
    ]);
  });
  it('when the args stay in the source file (read from it for the console)', async () => {
    const file = { ...memoryFile('t.json', text), rereadable: true };
    const m = await importTraceJson(file, { argsFromFile: true });
    expect(m.args.arena).toBeNull();
    const { rows, problems } = await sqlRows(
      m,
      "SELECT s.name, a.key, a.value FROM args a JOIN slice s ON s.id = a.slice_id WHERE a.key LIKE 'shape%'",
      file,
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      ['k', 'shape[0]', 2],
      ['k', 'shape[1]', 3],
    ]);
    const inst = await sqlRows(m, 'SELECT args FROM instant', file);
    expect(inst.rows).toEqual([['{"note":"x"}']]);
  });
  it('says why when the source file is not available', async () => {
    const file = { ...memoryFile('t.json', text), rereadable: true };
    const m = await importTraceJson(file, { argsFromFile: true });
    const { rows, problems } = await sqlRows(m, 'SELECT count(*) FROM args');
    expect(rows).toEqual([[0]]);
    expect(problems.join()).toMatch(/args stay in t\.json/);
  });
  it('normalises NaN / Infinity in args to valid JSON', async () => {
    const m = await importText(
      '[{"name":"n","ph":"X","ts":0,"dur":1,"pid":1,"tid":1,"args":{"v":NaN,"w":Infinity}}]',
    );
    const { rows } = await sqlRows(m, 'SELECT args FROM slice');
    expect(rows).toEqual([['{"v":"NaN","w":"Infinity"}']]);
  });
});

describe('smaller defects', () => {
  it('labels a thread without tid and a process without pid meaningfully', async () => {
    // The spec requires pid and tid; catapult keys such events "undefined", Perfetto drops or
    // zeroes them. We keep them as a process / thread of their own and say what is missing.
    const m = await importText(JSON.stringify([{ name: 'x', ph: 'X', ts: 0, dur: 1 }]));
    expect(m.sliceTracks[0]!.name).toBe('Thread (no tid)');
    const { processLabel, threadLabel } = await import('../../model/labels');
    expect(processLabel(m.processes[0]!)).toBe('Process (no pid)');
    expect(threadLabel({ name: null, tid: '7' })).toBe('Thread 7');
  });
  it('names the slice, the sibling and the overlap in the partial-overlap warning', async () => {
    // Perfetto spills such X events onto an overflow track and counts them in its import stats;
    // catapult keeps them overlapping on one row. We spill them and say which and by how much.
    const m = await importText(
      JSON.stringify([
        { name: 'a', ph: 'X', ts: 0, dur: 10, pid: 1, tid: 1 },
        { name: 'b', ph: 'X', ts: 5, dur: 10, pid: 1, tid: 1 },
      ]),
    );
    const w = m.warnings.find((x) => x.code === 'overlapping_slices')!;
    expect(w.count).toBe(1);
    expect(w.example).toContain('"b" [5000, 15000)');
    expect(w.example).toContain('sibling "a" [0, 10000)');
    expect(w.example).toContain('overlap by 5000 ns');
  });
});
