import { describe, expect, it } from 'vitest';
import { makeKernels } from '../model/ascend/test-models';
import type { ProfileModel } from '../model/profile';
import { landingTab } from './landing-tab';

const profile = (ascend: ProfileModel['ascend']): ProfileModel =>
  ({ ascend, trace: null, tables: {}, json: {} }) as unknown as ProfileModel;

describe('landingTab', () => {
  it('lands on the overview with profiler tables, else on the timeline', () => {
    expect(landingTab(profile({ sources: {} }))).toBe('timeline');
    expect(landingTab(profile({ sources: {}, kernels: makeKernels([]) }))).toBe('overview');
    expect(landingTab(profile({ sources: {}, steps: [] }))).toBe('overview');
  });
});
