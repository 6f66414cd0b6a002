/** Trace-analysis steps in the StepRow shape of step_trace_time (µs). */
import type { StepRow } from '../ascend-data';
import type { TraceStep } from './breakdown';

/**
 * A step of the trace analysis as a StepRow (µs): Computing, Communication, Overlapped, exposed
 * communication and Free from the device events; Stage = the device step (first launched task
 * start → max(last task end, host step end)); Preparing = start of the first Computing or
 * Communication event − host step start (analysis-definitions §2.2: a copy or fill before the
 * first compute task is not part of it).
 */
export function traceStepRow(s: TraceStep): StepRow {
  return {
    step: s.id,
    deviceId: null,
    computing: s.computeNs / 1000,
    communicationNotOverlapped: s.communicationNotOverlappedNs / 1000,
    overlapped: s.overlappedNs / 1000,
    communication: s.communicationNs / 1000,
    free: s.freeNs / 1000,
    stage: (s.spanEndNs - s.spanStartNs) / 1000,
    bubble: null,
    communicationNotOverlappedExcludeReceive: null,
    preparing: Number.isFinite(s.firstComputeOrCommNs)
      ? Math.max(0, s.firstComputeOrCommNs - s.hostStartNs) / 1000
      : null,
  };
}
