import { describe, expect, it } from 'vitest';
import type { CounterTrack } from '../../model/trace-model';
import type { Row } from '../core/row-layout';
import { counterLabels } from './draw-counters';
import type { TracksFrame } from './frame';

/** The texts a counter row's scale labels write on the canvas. */
function labelsOf(values: number[]): string[] {
  const texts: string[] = [];
  const ctx = new Proxy(
    {},
    {
      get: (_t, k: string) => (k === 'fillText' ? (s: string) => texts.push(s) : () => undefined),
      set: () => true,
    },
  ) as unknown as CanvasRenderingContext2D;
  const f = { ctx, labelWidth: 100, colors: { fg2: '#666' } } as unknown as TracksFrame;
  const c: CounterTrack = {
    process: 0,
    name: 'HBM',
    ts: Float64Array.from(values, (_, i) => i * 1000),
    series: [{ name: 'read', values: Float64Array.from(values) }],
  };
  counterLabels(f, c, { series: 0, height: 40 } as Row, 0);
  return texts;
}

describe('counter scale labels', () => {
  it('an all-zero counter is labelled 0, not 1', () => {
    expect(labelsOf([0, 0, 0])).toEqual(['0']);
  });
  it('a flat counter is labelled with its value; a varying one with its top', () => {
    expect(labelsOf([5, 5])).toEqual(['5']);
    expect(labelsOf([0, 3, 7])[0]).not.toBe('1');
  });
});
