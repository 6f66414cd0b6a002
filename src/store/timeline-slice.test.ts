import { describe, expect, it } from 'vitest';
import { createAppStore } from './app-store';
import type { SearchMatches } from './timeline-slice';

describe('timeline slice', () => {
  it('toggles flow categories, pins and collapse state', () => {
    const s = createAppStore();
    s.getState().toggleFlowCat('async_npu');
    expect(s.getState().hiddenFlowCats).toEqual({ async_npu: true });
    s.getState().toggleFlowCat('async_npu');
    expect(s.getState().hiddenFlowCats).toEqual({});
    s.getState().togglePinned('p|t3');
    s.getState().togglePinned('p|c1.0');
    s.getState().togglePinned('p|t3');
    expect(s.getState().pinnedTracks).toEqual(['p|c1.0']);
    s.getState().toggleCollapsed('p|p0', false);
    expect(s.getState().collapseOverrides).toEqual({ 'p|p0': true });
    s.getState().collapseAll();
    expect(s.getState()).toMatchObject({ collapseDefault: true, collapseOverrides: {} });
    s.getState().expandAll();
    expect(s.getState().collapseDefault).toBe(false);
  });

  it('keeps the match count beside the matches and resets the current match', () => {
    const s = createAppStore();
    const m = { count: 3 } as SearchMatches;
    s.getState().setSearchState({ status: 'running', progress: 0.5 });
    expect(s.getState()).toMatchObject({ searchStatus: 'running', searchProgress: 0.5 });
    s.getState().setSearchState({ status: 'done', matches: m });
    s.getState().setSearchCurrent(2);
    expect(s.getState()).toMatchObject({ searchCount: 3, searchCurrent: 2, searchProgress: 0 });
    s.getState().setSearchState({ status: 'idle', matches: null });
    expect(s.getState()).toMatchObject({ searchCount: 0, searchCurrent: -1 });
  });
});
