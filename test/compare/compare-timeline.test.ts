// The Compare view's timelines (issue 15): two generated runs whose first steps start at
// different times (the target has 2 ms of host work before its first step). Aligned at the first
// step, both first ProfilerStep#1 slices land on one axis time; at the trace start both traces
// start at 0. A diff row shows the kernel on both sides: selected on the chosen side, outlined
// on both, the other side's occurrence the one nearest on the shared axis.
import { describe, expect, it } from 'vitest';
import { ADDED, generateComparePair, SLOWER } from '../../src/generator/compare-pair';
import { generateKinetoTrace } from '../../src/generator/kineto-trace';
import { importProfile } from '../../src/import/import-profile';
import { openInputs } from '../../src/import/open-inputs';
import { memoryFile } from '../../src/import/sources/input-file';
import { comparePlacement } from '../../src/model/compare/align';
import type { ProfileModel } from '../../src/model/profile';
import { createAppStore } from '../../src/store/app-store';
import { selectHighlightedSlices, selectTimelineGroups } from '../../src/store/cluster-selectors';
import { revealOnBoth } from '../../src/views/compare/compare-timeline';

const PREAMBLE = 2_000_000;

async function open(path: string, text: string): Promise<ProfileModel> {
  const opened = await openInputs([memoryFile(path, text)]);
  return importProfile(opened.discovery.profiles[0]!, opened.files);
}

async function load() {
  const pair = generateComparePair(5, 3, 8, PREAMBLE);
  const base = await open('baseline.pt.trace.json', pair.baseline.text);
  const target = await open('target.pt.trace.json', pair.target.text);
  return { pair, base, target };
}

/** ns from the trace's first event to its first step, from the generator's own record. */
const firstStepNs = (truth: { steps: { hostStartNs: number }[] }, firstEventNs: number) =>
  truth.steps[0]!.hostStartNs - firstEventNs;

function storeWith(...ps: ProfileModel[]) {
  const store = createAppStore();
  for (const p of ps) store.getState().addProfile(p, false);
  store.getState().setActiveProfile(ps[0]!.descriptor.id);
  return store;
}

describe('comparePlacement', () => {
  it('puts both first steps on one axis time, or both trace starts at 0', async () => {
    const { pair, base, target } = await load();
    // The baseline's first event is its first step (10 µs after the generator's zero); the
    // target's first event is its warm-up, PREAMBLE + 5 µs before its first step.
    const bStep = firstStepNs(pair.baseline.truth, 10_000);
    const tStep = firstStepNs(pair.target.truth, 10_000);
    expect(bStep).toBe(0);
    expect(tStep).toBe(PREAMBLE + 5_000);
    const p = comparePlacement(base.trace!, target.trace!, 'step');
    expect(p.baseline.anchorStep).toBe('1');
    expect(p.target.anchorStep).toBe('1');
    expect(p.target.anchorNs).toBe(tStep);
    expect(p.baseline.offsetNs).toBe(tStep - bStep);
    expect(p.target.offsetNs).toBe(0);
    expect(p.baseline.offsetNs + p.baseline.anchorNs).toBe(p.target.offsetNs + p.target.anchorNs);
    expect(p.endNs).toBe(Math.max(p.baseline.offsetNs + base.trace!.endNs, target.trace!.endNs));
    expect(p.fellBack).toBe(false);

    const s = comparePlacement(base.trace!, target.trace!, 'start');
    expect([s.baseline.offsetNs, s.target.offsetNs]).toEqual([0, 0]);
    expect(s.endNs).toBe(Math.max(base.trace!.endNs, target.trace!.endNs));
  });

  it('falls back to the trace start on a side without ProfilerStep#N', async () => {
    const { base } = await load();
    const plain = await open(
      'plain.json',
      JSON.stringify([
        { ph: 'X', name: 'a', pid: 1, tid: 1, ts: 5, dur: 10 },
        { ph: 'X', name: 'b', pid: 1, tid: 1, ts: 30, dur: 10 },
      ]),
    );
    const p = comparePlacement(base.trace!, plain.trace!, 'step');
    expect(p.fellBack).toBe(true);
    expect(p.target.anchorStep).toBeNull();
    expect(p.target.anchorNs).toBe(0);
    expect(p.baseline.offsetNs).toBe(0);
  });
});

describe('compare timeline in the store', () => {
  it('shows both runs as two labelled groups on one axis, and takes them off again', async () => {
    const { base, target } = await load();
    const store = storeWith(base, target);
    const before = selectTimelineGroups(store.getState());
    expect(before.map((g) => g.profileId)).toEqual([base.descriptor.id]);
    store.getState().showCompareTimeline({
      baseline: base.descriptor.id,
      target: target.descriptor.id,
      align: 'step',
    });
    const st = store.getState();
    const groups = selectTimelineGroups(st);
    expect(selectTimelineGroups(store.getState())).toBe(groups);
    const p = comparePlacement(base.trace!, target.trace!, 'step');
    expect(groups.map((g) => [g.profileId, g.offsetNs, g.label])).toEqual([
      [base.descriptor.id, p.baseline.offsetNs, `baseline · ${base.descriptor.label}`],
      [target.descriptor.id, p.target.offsetNs, `target · ${target.descriptor.label}`],
    ]);
    expect(st.extent).toEqual({ start: 0, end: p.endNs });
    expect(st.visibleWindow).toEqual({ start: 0, end: p.endNs });

    // Pan/zoom is one window for both groups: a zoom moves both.
    st.setVisibleWindow({ start: 1000, end: 5000 });
    expect(store.getState().visibleWindow).toEqual({ start: 1000, end: 5000 });

    store.getState().showCompareTimeline({
      baseline: base.descriptor.id,
      target: target.descriptor.id,
      align: 'start',
    });
    expect(selectTimelineGroups(store.getState()).map((g) => g.offsetNs)).toEqual([0, 0]);

    store.getState().showCompareTimeline(null);
    expect(selectTimelineGroups(store.getState()).map((g) => g.profileId)).toEqual([
      base.descriptor.id,
    ]);
    expect(store.getState().extent).toEqual({ start: 0, end: base.trace!.endNs });
  });

  it('never places one profile twice', async () => {
    const { base } = await load();
    const store = storeWith(base);
    store.getState().showCompareTimeline({
      baseline: base.descriptor.id,
      target: base.descriptor.id,
      align: 'step',
    });
    expect(selectTimelineGroups(store.getState())).toHaveLength(1);
  });
});

describe('a diff row shown on both sides', () => {
  it('selects the kernel on the chosen side and outlines the nearest one on the other', async () => {
    const { pair, base, target } = await load();
    const store = storeWith(base, target);
    const ok = revealOnBoth(store, { baseline: base, target }, 'kernel', SLOWER, 'target', 'step');
    expect(ok).toBe(true);
    const st = store.getState();
    expect(st.tab).toBe('timeline');
    expect(st.compareTimeline?.align).toBe('step');
    const name = (p: ProfileModel, s: { track: number; index: number }) =>
      p.trace!.strings[p.trace!.sliceTracks[s.track]!.slices.name[s.index]!];
    const startOf = (p: ProfileModel, s: { track: number; index: number }) =>
      p.trace!.sliceTracks[s.track]!.slices.start[s.index]!;
    // Selected on the target: its first SLOWER kernel (the generator's first of that name).
    expect(st.selected?.profileId).toBe(target.descriptor.id);
    expect(name(target, st.selected!)).toBe(SLOWER);
    const tFirst = pair.target.truth.kernels.find((k) => k.name === SLOWER)!;
    const bFirst = pair.baseline.truth.kernels.find((k) => k.name === SLOWER)!;
    // Trace-relative: the target's first event is its warm-up at the generator's 10 µs.
    expect(startOf(target, st.selected!)).toBe(tFirst.startNs - 10_000);
    // Outlined on both: the baseline's nearest on the shared axis is its first one too.
    const hl = selectHighlightedSlices(st);
    expect(hl.map((h) => h.profileId)).toEqual([target.descriptor.id, base.descriptor.id]);
    expect(name(base, hl[1]!)).toBe(SLOWER);
    expect(startOf(base, hl[1]!)).toBe(bFirst.startNs - 10_000);
    // Both are framed: the window covers both on the shared axis.
    const groups = selectTimelineGroups(st);
    const w = st.visibleWindow;
    for (const h of hl) {
      const g = groups.find((x) => x.profileId === h.profileId)!;
      const p = h.profileId === base.descriptor.id ? base : target;
      const at = startOf(p, h) + g.offsetNs;
      expect(at).toBeGreaterThanOrEqual(w.start);
      expect(at).toBeLessThanOrEqual(w.end);
    }
  });

  it('a kernel only in the target is selected there alone', async () => {
    const { base, target } = await load();
    const store = storeWith(base, target);
    expect(
      revealOnBoth(store, { baseline: base, target }, 'kernel', ADDED, 'baseline', 'start'),
    ).toBe(true);
    const st = store.getState();
    expect(st.selected?.profileId).toBe(target.descriptor.id);
    expect(selectHighlightedSlices(st).map((h) => h.profileId)).toEqual([target.descriptor.id]);
  });

  it('shows an operator on both sides', async () => {
    const { base, target } = await load();
    const store = storeWith(base, target);
    expect(
      revealOnBoth(store, { baseline: base, target }, 'operator', 'aten::mm', 'baseline', 'step'),
    ).toBe(true);
    const hl = selectHighlightedSlices(store.getState());
    expect(hl.map((h) => h.profileId)).toEqual([base.descriptor.id, target.descriptor.id]);
    expect(store.getState().selected?.profileId).toBe(base.descriptor.id);
  });

  it('the plain generator without a preamble still starts its first step at its first event', () => {
    const t = generateKinetoTrace({ seed: 1, style: 'new', steps: 1, kernelsPerStep: 1 });
    expect(t.truth.steps[0]!.hostStartNs).toBe(10_000);
  });
});
