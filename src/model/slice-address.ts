/**
 * Shapes that the store, the timeline, the cluster and the sessions all speak, declared once:
 * a slice of a loaded profile, and a profile's trace placed on the timeline's axis.
 */
import type { TraceModel } from './trace-model';
import type { Nanoseconds } from './units';

/** A slice of a loaded profile's trace: its profile id, its track and its index in the track. */
export interface ProfileSliceAddress {
  profileId: string;
  track: number;
  index: number;
}

/** One profile's trace on the timeline's shared axis. */
export interface TraceGroup {
  profileId: string;
  trace: TraceModel;
  /** Where this trace's ns 0 sits on the shared axis. */
  offsetNs: Nanoseconds;
  label: string;
}
