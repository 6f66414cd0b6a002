/**
 * The one definition of "step time" used by every view, the summary and the cluster analysis:
 * Computing + Communication(Not Overlapped) + Free on the device, µs (analysis-definitions §2.3:
 * the three Overlap Analysis lanes are disjoint and cover the step's device span; msprof-analyze's
 * slow-rank analysis uses the same sum). The host `ProfilerStep#N` duration is a different figure,
 * labelled "host step (wall)"; torch_npu's Stage equals this sum only when Bubble is 0.
 */
export interface StepParts {
  computing: number | null;
  communicationNotOverlapped: number | null;
  free: number | null;
}

/** Step time (µs) of a step row, or null when one of its three parts is unknown. */
export function stepTimeUs(r: StepParts): number | null {
  if (r.computing === null || r.communicationNotOverlapped === null || r.free === null) return null;
  if (![r.computing, r.communicationNotOverlapped, r.free].every(Number.isFinite)) return null;
  return r.computing + r.communicationNotOverlapped + r.free;
}
