/**
 * Landmarks on a torch_npu-shaped trace (the generator's sub-µs Python-function overlaps): the
 * steps stay on the main lane, the overlapping `_call_impl` frames nest, and a folded main
 * thread still shows the steps and the structure under them.
 */
import { describe, expect, it } from 'vitest';
import { generateAscendProfile } from '../../generator/ascend-profile';
import { importText } from '../../import/trace/test-helpers';
import { foldedLanes } from './collapse-rules';

describe('torch_npu sub-µs overlaps', () => {
  it('keep steps off the overflow lane and nest the overlapping frames', async () => {
    const g = generateAscendProfile({ seed: 5, steps: 2, kernelsPerStep: 8, pyOverlapNs: 300 });
    const file = g.files.find((f) => f.path.endsWith('trace_view.json'))!;
    const m = await importText(file.data);
    const names = (track: number) => {
      const t = m.sliceTracks[track]!.slices;
      return Array.from(t.name, (n) => m.strings[n]!);
    };
    const main = m.threads.find((t) => names(t.track).some((n) => n.startsWith('ProfilerStep#')))!;
    const mainNames = names(main.track);
    expect(mainNames.filter((n) => n.startsWith('ProfilerStep#'))).toHaveLength(2);
    expect(mainNames.filter((n) => n.endsWith('_call_impl')).length).toBeGreaterThan(4);
    const over = main.overflowTrack >= 0 ? names(main.overflowTrack) : [];
    expect(over.some((n) => n.startsWith('ProfilerStep#'))).toBe(false);
    expect(over.some((n) => n.endsWith('_call_impl'))).toBe(false);
    // The training-loop frame that holds a step's start went to the overflow lane instead.
    expect(over.filter((n) => n.includes('train_step'))).toHaveLength(2);
    // Folded, the thread shows the steps and two lanes under them.
    const t = m.sliceTracks[main.track]!.slices;
    let stepDepth = Infinity;
    t.name.forEach((n, i) => {
      if (m.strings[n]!.startsWith('ProfilerStep#')) stepDepth = Math.min(stepDepth, t.depth[i]!);
    });
    expect(foldedLanes(m, main.track)).toEqual({
      first: stepDepth,
      count: Math.min(3, t.rows - stepDepth),
    });
  });
});
