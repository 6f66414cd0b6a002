/** What has been opened and imported: discovered profiles, loaded ones, and import progress. */
import type { StateCreator } from 'zustand';
import type { ImportProgress } from '../model/import-progress';
import type { InputReport, ProfileDescriptor, ProfileModel } from '../model/profile';
import type { Message } from '../lib/message';
import type { AppState } from './app-store';

export type AppStatus = 'idle' | 'loading' | 'ready' | 'error';

export type ImportProgressState = ImportProgress;

export interface ImportSlice {
  status: AppStatus;
  /** One line naming the file and the problem, when status is 'error'. */
  error: string | null;
  /** `error` as an interface message, when it has one (else the English shows as written). */
  errorMsg: Message | null;
  progress: ImportProgressState | null;
  /** Name of what was opened (folder, file or "demo"). */
  sourceName: string;
  /** Profiles found in what was opened. */
  discovered: ProfileDescriptor[];
  /** Reports for inputs outside any profile (zips, loose unknown files). */
  openedReports: InputReport[];
  /** Imported profiles by descriptor id. */
  profiles: Record<string, ProfileModel>;
  /** Profile shown in the views. */
  activeProfileId: string | null;
  startOpening: (sourceName: string) => void;
  setDiscovered: (discovered: ProfileDescriptor[], reports: InputReport[]) => void;
  setProgress: (p: ImportProgressState | null) => void;
  addProfile: (p: ProfileModel, makeActive: boolean) => void;
  removeProfile: (id: string) => void;
  setActiveProfile: (id: string) => void;
  finishLoading: () => void;
  failLoading: (error: string, errorMsg?: Message) => void;
  /** Loading again with profiles shown (another profile, another trace source). */
  resumeLoading: (progress?: ImportProgressState) => void;
  /** Stops loading without an error banner: back to the views, or the empty state with a note. */
  stopLoading: (status: 'idle' | 'ready', note: string | null) => void;
}

export const createImportSlice: StateCreator<AppState, [], [], ImportSlice> = (set) => ({
  status: 'idle',
  error: null,
  errorMsg: null,
  progress: null,
  sourceName: '',
  discovered: [],
  openedReports: [],
  profiles: {},
  activeProfileId: null,
  startOpening: (sourceName) =>
    set({
      status: 'loading',
      error: null,
      errorMsg: null,
      progress: null,
      sourceName,
      discovered: [],
      openedReports: [],
      profiles: {},
      activeProfileId: null,
    }),
  setDiscovered: (discovered, openedReports) => set({ discovered, openedReports }),
  setProgress: (progress) => set({ progress }),
  addProfile: (p, makeActive) =>
    set((s) => ({
      profiles: { ...s.profiles, [p.descriptor.id]: p },
      activeProfileId:
        makeActive || s.activeProfileId === null ? p.descriptor.id : s.activeProfileId,
    })),
  removeProfile: (id) =>
    set((s) => {
      const { [id]: _removed, ...rest } = s.profiles;
      const ids = Object.keys(rest);
      return {
        profiles: rest,
        activeProfileId: s.activeProfileId === id ? (ids[0] ?? null) : s.activeProfileId,
      };
    }),
  setActiveProfile: (activeProfileId) => set({ activeProfileId }),
  finishLoading: () => set({ status: 'ready', progress: null }),
  failLoading: (error, errorMsg) =>
    set({ status: 'error', error, errorMsg: errorMsg ?? null, progress: null }),
  resumeLoading: (progress) =>
    set(progress === undefined ? { status: 'loading' } : { status: 'loading', progress }),
  stopLoading: (status, error) => set({ status, progress: null, error, errorMsg: null }),
});
