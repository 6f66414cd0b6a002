/**
 * State of the table and chart views (Kernels, Operators, Steps, Communication, Memory,
 * Statistics): per-table sort, filter, group-by, "only in selected range" and exact-match focus
 * filters set by links (the Overview's top kernels open Kernels focused on one name), the chosen
 * columns and their widths (kept in localStorage), and the chart selectors.
 *
 * Plain data only, so e2e tests can read it from `window.__viewer.store.getState()`.
 */
import type { StateCreator } from 'zustand';
import type { AppState } from './app-store';
import type { ViewTab } from './ui-slice';

export type SortDirection = 'asc' | 'desc';

export interface TableSort {
  column: string;
  dir: SortDirection;
}

/** An exact-match filter on one column (set by links; shown as a removable chip). */
export interface FocusFilter {
  column: string;
  value: string;
}

export interface TableViewState {
  sort: TableSort | null;
  /** Case-insensitive substring filter; space-separated terms must all match. */
  filter: string;
  /** Column the filter looks in ('' = every text column). */
  filterColumn: string;
  /** Group-by key ('' = one row per record). */
  groupBy: string;
  /** Keep only rows inside the timeline's selected range (when one exists). */
  onlyInRange: boolean;
  focus: FocusFilter[];
}

export const DEFAULT_TABLE_STATE: TableViewState = Object.freeze({
  sort: null,
  filter: '',
  filterColumn: '',
  groupBy: '',
  onlyInRange: false,
  focus: [],
});

export type CommMetric = 'bandwidth' | 'size' | 'time';
export type StepRangeMode = 'host' | 'device';

export interface ViewsSlice {
  tableStates: Record<string, TableViewState>;
  /** Per table: column id → shown (overrides the view's default choice). Persisted. */
  columnVisibility: Record<string, Record<string, boolean>>;
  /** Per table: column id → width in CSS px. Persisted. */
  columnWidths: Record<string, Record<string, number>>;
  setTableState: (table: string, patch: Partial<TableViewState>) => void;
  /** Every table's state at once (a shared link's). */
  setTableStates: (states: Record<string, TableViewState>) => void;
  setColumnVisible: (table: string, column: string, visible: boolean) => void;
  resetColumns: (table: string) => void;
  setColumnWidth: (table: string, column: string, width: number) => void;
  /** Opens a view with a table state (used by links: Overview → Kernels filtered to a name). */
  openTable: (tab: ViewTab, table: string, patch: Partial<TableViewState>) => void;

  commStep: string;
  commGroup: string;
  commMetric: CommMetric;
  setCommView: (patch: Partial<Pick<ViewsSlice, 'commStep' | 'commGroup' | 'commMetric'>>) => void;

  /** Statistics view: which table is shown (file kind). */
  statisticsTable: string;
  setStatisticsTable: (id: string) => void;

  /** Steps view: step ranges from ProfilerStep#N on the host, or widened to device work. */
  stepRangeMode: StepRangeMode;
  setStepRangeMode: (m: StepRangeMode) => void;
}

const LAYOUT_KEY = 'atv-table-layout';

interface SavedLayout {
  columnVisibility: Record<string, Record<string, boolean>>;
  columnWidths: Record<string, Record<string, number>>;
}

function loadLayout(): SavedLayout {
  try {
    const raw = globalThis.localStorage?.getItem(LAYOUT_KEY);
    if (raw) {
      const v = JSON.parse(raw) as Partial<SavedLayout>;
      return {
        columnVisibility: isRecord(v.columnVisibility) ? v.columnVisibility : {},
        columnWidths: isRecord(v.columnWidths) ? v.columnWidths : {},
      };
    }
  } catch {
    /* unreadable or unavailable storage: defaults */
  }
  return { columnVisibility: {}, columnWidths: {} };
}

function isRecord<T>(v: unknown): v is Record<string, T> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function saveLayout(s: SavedLayout): void {
  try {
    globalThis.localStorage?.setItem(
      LAYOUT_KEY,
      JSON.stringify({ columnVisibility: s.columnVisibility, columnWidths: s.columnWidths }),
    );
  } catch {
    /* storage unavailable: the choice lasts for this page only */
  }
}

export const createViewsSlice: StateCreator<AppState, [], [], ViewsSlice> = (set, get) => {
  const layout = loadLayout();
  const patchTable = (s: AppState, table: string, patch: Partial<TableViewState>) => ({
    tableStates: {
      ...s.tableStates,
      [table]: { ...(s.tableStates[table] ?? DEFAULT_TABLE_STATE), ...patch },
    },
  });
  const persist = () => saveLayout(get());
  return {
    tableStates: {},
    columnVisibility: layout.columnVisibility,
    columnWidths: layout.columnWidths,
    setTableState: (table, patch) => set((s) => patchTable(s, table, patch)),
    setTableStates: (tableStates) => set({ tableStates }),
    setColumnVisible: (table, column, visible) => {
      set((s) => ({
        columnVisibility: {
          ...s.columnVisibility,
          [table]: { ...s.columnVisibility[table], [column]: visible },
        },
      }));
      persist();
    },
    resetColumns: (table) => {
      set((s) => {
        const { [table]: _v, ...columnVisibility } = s.columnVisibility;
        const { [table]: _w, ...columnWidths } = s.columnWidths;
        return { columnVisibility, columnWidths };
      });
      persist();
    },
    setColumnWidth: (table, column, width) => {
      set((s) => ({
        columnWidths: {
          ...s.columnWidths,
          [table]: { ...s.columnWidths[table], [column]: Math.round(width) },
        },
      }));
      persist();
    },
    openTable: (tab, table, patch) => set((s) => ({ ...patchTable(s, table, patch), tab })),

    commStep: '',
    commGroup: '',
    commMetric: 'bandwidth',
    setCommView: (patch) => set(patch),

    statisticsTable: '',
    setStatisticsTable: (statisticsTable) => set({ statisticsTable }),

    stepRangeMode: 'host',
    setStepRangeMode: (stepRangeMode) => set({ stepRangeMode }),
  };
};

/** A table's state (the shared default object when the table was never touched). */
export const selectTableState =
  (table: string) =>
  (s: AppState): TableViewState =>
    s.tableStates[table] ?? DEFAULT_TABLE_STATE;
