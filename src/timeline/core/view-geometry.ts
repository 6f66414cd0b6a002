/** Fixed geometry of the timeline screen, CSS px. */

/** Width of the track-name gutter left of the time axis. */
export const LABEL_W = 260;
/** Height of the time ruler above the tracks. */
export const RULER_H = 26;
