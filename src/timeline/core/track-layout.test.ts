import { beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_TRACK_LAYOUT,
  loadTrackLayout,
  moveKind,
  saveTrackLayout,
  toggleHidden,
  type TrackLayout,
} from '../../store/track-layout';
import { ranksOf, rowTitles } from './test-layout';
import { layoutKindOf, type TraceGroup } from './timeline-groups';

const TEXT = `
  thread Python (CPU) / main
    :|step-----|
  thread Ascend Hardware (NPU) / Stream 7
    :  |mm| |add|
  thread Ascend Hardware (NPU) / Stream 9
    :   |ar|
  thread HCCL (NPU) / Plane 0
    :   |hcom|
  counter HBM / read 0=5 10=7
`;

const ranks = (): TraceGroup[] => ranksOf(TEXT);
const titles = rowTitles;

describe('track layout', () => {
  it('by rank: each rank whole under its group row', () => {
    const t = titles(ranks(), DEFAULT_TRACK_LAYOUT);
    expect(t.filter((x) => x.startsWith('group'))).toEqual(['group:rank 0', 'group:rank 1']);
    expect(t.indexOf('group:rank 1')).toBeGreaterThan(t.indexOf('process:HBM'));
  });

  it('by kind: every rank’s streams together, each labelled with its rank', () => {
    const t = titles(ranks(), { ...DEFAULT_TRACK_LAYOUT, mode: 'kind' });
    const procs = t.filter((x) => x.startsWith('process'));
    expect(procs).toEqual([
      'process:rank 0 · Python',
      'process:rank 1 · Python',
      'process:rank 0 · Ascend Hardware',
      'process:rank 1 · Ascend Hardware',
      'process:rank 0 · HCCL',
      'process:rank 1 · HCCL',
      'process:rank 0 · HBM',
      'process:rank 1 · HBM',
    ]);
    expect(t.some((x) => x.startsWith('group'))).toBe(false);
    // Rank 1's Stream 7 sits right after rank 0's streams, not after rank 0's counters.
    const a = t.indexOf('process:rank 0 · Ascend Hardware');
    expect(t.slice(a, a + 6)).toEqual([
      'process:rank 0 · Ascend Hardware',
      'slices:Stream 7',
      'slices:Stream 9',
      'process:rank 1 · Ascend Hardware',
      'slices:Stream 7',
      'slices:Stream 9',
    ]);
  });

  it('hides a process kind or one track on every rank', () => {
    let l = toggleHidden(DEFAULT_TRACK_LAYOUT, 'HCCL');
    l = toggleHidden(l, 'Ascend Hardware/Stream 9');
    const t = titles(ranks(), l);
    expect(t.some((x) => x.includes('HCCL'))).toBe(false);
    expect(t.filter((x) => x === 'slices:Stream 7')).toHaveLength(2);
    expect(t.some((x) => x === 'slices:Stream 9')).toBe(false);
    expect(toggleHidden(l, 'HCCL').hidden).toEqual(['Ascend Hardware/Stream 9']);
  });

  it('moves a process kind up in both layouts', () => {
    const shown = ['Python', 'Ascend Hardware', 'HCCL', 'HBM'];
    const l = moveKind(DEFAULT_TRACK_LAYOUT, shown, 'HCCL', -1);
    expect(l.order).toEqual(['Python', 'HCCL', 'Ascend Hardware', 'HBM']);
    const one = titles(ranks().slice(0, 1), l).filter((x) => x.startsWith('process'));
    expect(one).toEqual([
      'process:Python',
      'process:HCCL',
      'process:Ascend Hardware',
      'process:HBM',
    ]);
    const kind = titles(ranks(), { ...l, mode: 'kind' }).filter((x) => x.startsWith('process'));
    expect(kind.indexOf('process:rank 1 · HCCL')).toBeLessThan(
      kind.indexOf('process:rank 0 · Ascend Hardware'),
    );
    expect(moveKind(l, shown, 'Python', -1)).toBe(l);
  });

  describe('saved per kind of trace', () => {
    const store = new Map<string, string>();
    beforeEach(() => {
      store.clear();
      Object.assign(globalThis, {
        localStorage: {
          getItem: (k: string) => store.get(k) ?? null,
          setItem: (k: string, v: string) => store.set(k, v),
          removeItem: (k: string) => store.delete(k),
        },
      });
    });

    it('round-trips, keeps kinds apart, and drops the entry when back to default', () => {
      const l: TrackLayout = { mode: 'kind', hidden: ['HCCL'], order: ['HBM'] };
      saveTrackLayout('ascend', l);
      expect(loadTrackLayout('ascend')).toEqual(l);
      expect(loadTrackLayout('kineto')).toEqual(DEFAULT_TRACK_LAYOUT);
      saveTrackLayout('ascend', DEFAULT_TRACK_LAYOUT);
      expect(store.size).toBe(0);
      store.set('atv-track-layout:trace', '{"mode":3,"hidden":"x"}');
      expect(loadTrackLayout('trace')).toEqual(DEFAULT_TRACK_LAYOUT);
    });

    it('names the kind of trace', () => {
      expect(layoutKindOf(ranks())).toBe('ascend');
      expect(layoutKindOf([])).toBeNull();
    });
  });
});
