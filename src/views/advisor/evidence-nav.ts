/** Shows an evidence row on the timeline: its slice selected, or its range framed. */
import { evidenceSlice } from '../../model/advisor/evidence';
import type { EvidenceRow } from '../../model/advisor/types';
import type { TraceModel } from '../../model/trace-model';
import type { AppStore } from '../../store/app-store';
import { showRange, showSlice } from '../common/navigate';

export function showEvidence(
  store: AppStore,
  profileId: string,
  trace: TraceModel | null,
  row: EvidenceRow,
): boolean {
  if (!trace || !Number.isFinite(row.startNs)) return false;
  const ref = evidenceSlice(trace, row);
  if (ref) showSlice(store, profileId, trace, ref, true);
  else showRange(store, { start: row.startNs, end: row.startNs + row.durNs }, true);
  return true;
}
