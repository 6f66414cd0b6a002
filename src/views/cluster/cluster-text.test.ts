import { describe, expect, it } from 'vitest';
import { formatDeviation, formatSteps, formatUs, rankName } from './cluster-text';

describe('cluster view wording', () => {
  it('formats values and deviations', () => {
    expect(formatUs(599.311)).toBe('599.3 µs');
    expect(formatUs(1234.6)).toBe('1.235 ms');
    expect(formatUs(null)).toBe('–');
    expect(formatDeviation(0.0912)).toBe('+9.1%');
    expect(formatDeviation(-0.5)).toBe('−50%');
    expect(formatDeviation(0.0001)).toBe('±0%');
    expect(formatDeviation(NaN)).toBe('–');
  });

  it('names steps and ranks', () => {
    expect(formatSteps(['10', '11', '12'])).toBe('10–12');
    expect(formatSteps([''])).toBe('(whole capture)');
    expect(formatSteps([])).toBe('none');
    expect(rankName(5, 'node1')).toBe('rank 5 (node1)');
    expect(rankName(5, null)).toBe('rank 5');
  });
});
