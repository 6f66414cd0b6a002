import { describe, expect, it } from 'vitest';
import { Cancelled, runChunked } from './chunked';
import { compileMatcher, searchGen, stepMatch, type Matcher } from './search';
import { traceFromText } from '../test-trace-dsl';

const US = 1000;
const m = traceFromText(`
  thread P (CPU) / a
    :|MatMul---| |add| |matmul_v2|
  thread P (CPU) / b
    :  |Add| |softmax|   |MATMUL|
`);
const groups = [{ profileId: 'p', trace: m, offsetNs: 0, label: 'p' }];
const now = { yieldFn: () => Promise.resolve() };
const search = (
  matcher: Matcher,
  args: ((g: number, a: number) => Promise<string | null>) | null = null,
) => runChunked(searchGen(groups, matcher, args), now);
const names = (r: Awaited<ReturnType<typeof search>>) =>
  Array.from(r.index, (i, k) => m.strings[m.sliceTracks[r.track[k]!]!.slices.name[i]!]);

describe('search', () => {
  it('matches substrings case-insensitively, in time order across tracks', async () => {
    const r = await search(compileMatcher('matmul', false) as Matcher);
    expect(r.count).toBe(3);
    expect(names(r)).toEqual(['MatMul', 'matmul_v2', 'MATMUL']);
    expect(Array.from(r.start)).toEqual([0, 18 * US, 20 * US]);
    expect(r.masks.size).toBe(2);
  });

  it('supports regex and reports invalid ones', async () => {
    const r = await search(compileMatcher('^add$', true) as Matcher);
    expect(names(r)).toEqual(['Add', 'add']);
    expect(compileMatcher('(', true)).toBeInstanceOf(Error);
    expect(compileMatcher('', false)).toBe(null);
  });

  it('searches args on demand', async () => {
    const reads: number[] = [];
    const r = await search(compileMatcher('"name":"softmax"', false) as Matcher, (_g, a) => {
      reads.push(a);
      return Promise.resolve(`{"name":"${a === 99 ? '' : 'softmax'}"}`);
    });
    // Every slice's args mention softmax in this fake reader.
    expect(r.count).toBe(6);
    expect(reads.length).toBe(6);
  });

  it('can be cancelled', async () => {
    const ctl = new AbortController();
    ctl.abort();
    await expect(
      runChunked(
        searchGen(groups, () => true, null),
        { ...now, signal: ctl.signal },
      ),
    ).rejects.toBeInstanceOf(Cancelled);
  });

  it('steps through matches with wrap-around', async () => {
    const r = await search(compileMatcher('a', false) as Matcher);
    expect(r.count).toBe(6);
    expect(stepMatch(r, -1, 1, 5 * US)).toBe(2); // first at/after 5 µs
    expect(stepMatch(r, -1, -1, 5 * US)).toBe(1);
    expect(stepMatch(r, r.count - 1, 1, 0)).toBe(0);
    expect(stepMatch(r, 0, -1, 0)).toBe(r.count - 1);
  });
});
