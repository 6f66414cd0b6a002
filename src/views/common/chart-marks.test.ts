// Markers in the memory and step charts (issue 17): a marker's axis time moves by the profile's
// offset on the timeline axis; in the step chart it lands at its fraction of the step's range.
import { describe, expect, it } from 'vitest';
import { marksOf } from './use-marker-marks';
import { marksIn, stepMarks } from '../../ui/chart-marks';

const markers = [
  { id: 'p', start: 1_500, name: 'point', color: '#e8a33d', note: '' },
  { id: 'r', start: 2_500, end: 4_500, name: 'range', color: '#3a8ee6', note: 'why' },
];

describe('chart marks', () => {
  it('converts marker times to the profile axis and keeps points as points', () => {
    const m = marksOf(markers, 500);
    expect(m).toEqual([
      { id: 'p', start: 1_000, color: '#e8a33d', name: 'point' },
      { id: 'r', start: 2_000, end: 4_000, color: '#3a8ee6', name: 'range — why' },
    ]);
    expect(marksIn(m, 0, 1_500).map((x) => x.id)).toEqual(['p']);
    expect(marksIn(m, 3_000, 3_500).map((x) => x.id)).toEqual(['r']);
    expect(marksIn(m, 5_000, 6_000)).toEqual([]);
  });

  it('places a marker in each step it touches at its fraction of the step', () => {
    const m = marksOf(markers, 0);
    const ranges = [{ startNs: 1_000, endNs: 3_000 }, null, { startNs: 3_000, endNs: 5_000 }];
    expect(stepMarks(m, ranges)).toEqual([
      { id: 'p@0', bar: 0, at: 0.25, color: '#e8a33d', name: 'point' },
      { id: 'r@0', bar: 0, at: 0.75, end: 1, color: '#3a8ee6', name: 'range — why' },
      { id: 'r@2', bar: 2, at: 0, end: 0.75, color: '#3a8ee6', name: 'range — why' },
    ]);
  });
});
