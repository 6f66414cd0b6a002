/**
 * The advisor's state: each profile's report (made by the import worker), the user's threshold
 * overrides, which finding is open, and whether the timeline draws the idle gaps by cause.
 * A report is kept with the trace it was made for, so a reopened profile with the same id is
 * never shown another profile's findings.
 */
import type { StateCreator } from 'zustand';
import type { AdvisorReport, Thresholds } from '../model/advisor/types';
import type { TraceModel } from '../model/trace-model';
import type { AppState } from './app-store';

/** Which trace and which threshold overrides an entry was asked for. */
interface AdviceFor {
  trace: TraceModel | null;
  asked: Partial<Thresholds>;
}

export type AdviceEntry =
  | (AdviceFor & { status: 'loading' })
  | (AdviceFor & { status: 'ready'; report: AdvisorReport })
  | (AdviceFor & { status: 'error'; error: string });

export interface AdvisorSlice {
  advice: Record<string, AdviceEntry>;
  /** Threshold overrides (key → value); absent keys use the defaults. */
  advisorThresholds: Partial<Thresholds>;
  /** The finding expanded in the Advisor view (rule id), null = none. */
  advisorOpenRule: string | null;
  /** Timeline: draw idle gaps of each device stream coloured by cause. */
  idleOverlay: boolean;
  setAdvice: (profileId: string, e: AdviceEntry) => void;
  setAdvisorThresholds: (t: Partial<Thresholds>) => void;
  setAdvisorOpenRule: (rule: string | null) => void;
  setIdleOverlay: (on: boolean) => void;
}

export const createAdvisorSlice: StateCreator<AppState, [], [], AdvisorSlice> = (set) => ({
  advice: {},
  advisorThresholds: {},
  advisorOpenRule: null,
  idleOverlay: false,
  setAdvice: (profileId, e) => set((s) => ({ advice: { ...s.advice, [profileId]: e } })),
  setAdvisorThresholds: (advisorThresholds) => set({ advisorThresholds }),
  setAdvisorOpenRule: (advisorOpenRule) => set({ advisorOpenRule }),
  setIdleOverlay: (idleOverlay) => set({ idleOverlay }),
});
