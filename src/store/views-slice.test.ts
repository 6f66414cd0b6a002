import { describe, expect, it } from 'vitest';
import { createAppStore } from './app-store';
import { DEFAULT_TABLE_STATE, selectTableState } from './views-slice';

describe('views slice', () => {
  it('keeps per-table state, starting from the shared default', () => {
    const store = createAppStore();
    const s = store.getState();
    expect(selectTableState('kernels')(s)).toBe(DEFAULT_TABLE_STATE);
    s.setTableState('kernels', { filter: 'MatMul', sort: { column: 'Duration(us)', dir: 'desc' } });
    store.getState().setTableState('kernels', { groupBy: 'name' });
    expect(selectTableState('kernels')(store.getState())).toEqual({
      ...DEFAULT_TABLE_STATE,
      filter: 'MatMul',
      sort: { column: 'Duration(us)', dir: 'desc' },
      groupBy: 'name',
    });
    expect(selectTableState('operators')(store.getState())).toBe(DEFAULT_TABLE_STATE);
  });

  it('opens a view with a table state (overview links)', () => {
    const store = createAppStore();
    store
      .getState()
      .openTable('kernels', 'kernels', { focus: [{ column: 'Name', value: 'MatMul' }] });
    const s = store.getState();
    expect(s.tab).toBe('kernels');
    expect(s.tableStates['kernels']!.focus).toEqual([{ column: 'Name', value: 'MatMul' }]);
  });

  it('remembers chosen columns and widths, and resets them', () => {
    const store = createAppStore();
    const s = store.getState();
    s.setColumnVisible('kernels', 'aic_mac_ratio', true);
    s.setColumnWidth('kernels', 'Name', 301.6);
    expect(store.getState().columnVisibility['kernels']).toEqual({ aic_mac_ratio: true });
    expect(store.getState().columnWidths['kernels']).toEqual({ Name: 302 });
    store.getState().resetColumns('kernels');
    expect(store.getState().columnVisibility['kernels']).toBeUndefined();
    expect(store.getState().columnWidths['kernels']).toBeUndefined();
  });
});
