/**
 * The active profile's advisor report: asks the import worker for it the first time it is
 * needed (and again when the thresholds change); the report lives in the store.
 */
import { useEffect } from 'react';
import { useSession } from '../../session/session-context';
import type { ProfileModel } from '../../model/profile';
import type { AdviceEntry } from '../../store/advisor-slice';
import { useAppStore } from '../../store/use-app-store';

export function useAdvice(profile: ProfileModel | null): AdviceEntry | null {
  const controller = useSession();
  const id = profile?.descriptor.id ?? null;
  const entry = useAppStore((s) => (id === null ? undefined : s.advice[id]));
  const thresholds = useAppStore((s) => s.advisorThresholds);
  const stale =
    profile !== null &&
    (entry === undefined || entry.trace !== profile.trace || entry.asked !== thresholds);
  useEffect(() => {
    if (id !== null && stale) void controller.advise(id);
  }, [controller, id, stale]);
  return entry && profile && entry.trace === profile.trace ? entry : null;
}
