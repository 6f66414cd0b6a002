/** Nanoseconds relative to the trace start (exact integers stored in float64). */
export type Nanoseconds = number;
/** CSS pixels. */
export type CssPixels = number;

/** A half-open time window [start, end) in ns since the trace start. */
export interface TimeSpan {
  start: Nanoseconds;
  end: Nanoseconds;
}
