/** Plain selector functions over AppState. */
import type { ProfileModel } from '../model/profile';
import type { TraceModel } from '../model/trace-model';
import type { AppState } from './app-store';

export const selectActiveProfile = (s: AppState): ProfileModel | null =>
  s.activeProfileId !== null ? (s.profiles[s.activeProfileId] ?? null) : null;

export const selectActiveTrace = (s: AppState): TraceModel | null =>
  selectActiveProfile(s)?.trace ?? null;
