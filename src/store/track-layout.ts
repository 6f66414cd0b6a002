/**
 * The user's track layout: several ranks stacked whole ('rank') or side by side by track kind
 * ('kind': every rank's Ascend Hardware, then every rank's HCCL, …), hidden tracks and the order
 * of the process kinds. Names, not indices, so one layout fits every profile of a kind: it is
 * kept in the browser per kind of trace (Ascend, Kineto / Chrome trace) and restored on the next
 * open.
 *
 * Names: a process kind is its label ("Ascend Hardware"); a track is `kind/track title`
 * ("Ascend Hardware/Stream 2"). Hiding a name hides it on every rank.
 *
 * `merge` draws every stream of one device as one row-group (model/merge-streams.ts).
 */

export type TrackLayoutMode = 'rank' | 'kind';

/**
 * Device streams drawn separately ('off'), or merged into one row-group per device / rank: the
 * Ascend Hardware streams ('streams'), or those and the HCCL planes ('streams+hccl').
 */
export type StreamMerge = 'off' | 'streams' | 'streams+hccl';

export interface TrackLayout {
  mode: TrackLayoutMode;
  /** Hidden process kinds and tracks (`kind/title`). */
  hidden: readonly string[];
  /** Process kinds in the user's order (kinds not listed keep their place after these). */
  order: readonly string[];
  /** Merged device streams (absent in layouts saved before it existed: 'off'). */
  merge?: StreamMerge;
}

export const DEFAULT_TRACK_LAYOUT: TrackLayout = { mode: 'rank', hidden: [], order: [] };

/** Process kinds whose slice tracks a merge takes (the first is the one the merged row sits in). */
export const MERGED_KINDS: Record<Exclude<StreamMerge, 'off'>, readonly string[]> = {
  streams: ['Ascend Hardware'],
  'streams+hccl': ['Ascend Hardware', 'HCCL'],
};

/** Whether a layout differs from the default (something to reset, something to save). */
export function isCustomLayout(l: TrackLayout): boolean {
  return (
    l.mode !== 'rank' ||
    l.hidden.length > 0 ||
    l.order.length > 0 ||
    (l.merge !== undefined && l.merge !== 'off')
  );
}

/** Name of a track inside its process kind. */
export const trackName = (kind: string, title: string) => `${kind}/${title}`;

const PREFIX = 'atv-track-layout:';

function isStringArray(x: unknown): x is string[] {
  return Array.isArray(x) && x.every((s) => typeof s === 'string');
}

/** The layout saved for a kind of profile, or the default. */
export function loadTrackLayout(kind: string): TrackLayout {
  try {
    const raw = globalThis.localStorage?.getItem(PREFIX + kind);
    if (!raw) return DEFAULT_TRACK_LAYOUT;
    const v = JSON.parse(raw) as {
      mode?: unknown;
      hidden?: unknown;
      order?: unknown;
      merge?: unknown;
    };
    return {
      mode: v.mode === 'kind' ? 'kind' : 'rank',
      hidden: isStringArray(v.hidden) ? v.hidden : [],
      order: isStringArray(v.order) ? v.order : [],
      ...(v.merge === 'streams' || v.merge === 'streams+hccl' ? { merge: v.merge } : {}),
    };
  } catch {
    return DEFAULT_TRACK_LAYOUT;
  }
}

export function saveTrackLayout(kind: string, layout: TrackLayout): void {
  try {
    if (!isCustomLayout(layout)) globalThis.localStorage?.removeItem(PREFIX + kind);
    else globalThis.localStorage?.setItem(PREFIX + kind, JSON.stringify(layout));
  } catch {
    // Storage full or blocked: the layout still applies to this page.
  }
}

/** Hides or shows a name. */
export function toggleHidden(layout: TrackLayout, name: string): TrackLayout {
  const hidden = layout.hidden.includes(name)
    ? layout.hidden.filter((n) => n !== name)
    : [...layout.hidden, name];
  return { ...layout, hidden };
}

/**
 * Moves process kind `kind` one place up (-1) or down (+1) in `shown` (the kinds as displayed
 * now); the result is saved as the full order.
 */
export function moveKind(
  layout: TrackLayout,
  shown: readonly string[],
  kind: string,
  dir: -1 | 1,
): TrackLayout {
  const order = [...shown];
  const i = order.indexOf(kind);
  const j = i + dir;
  if (i < 0 || j < 0 || j >= order.length) return layout;
  [order[i], order[j]] = [order[j]!, order[i]!];
  return { ...layout, order };
}

/** Position of a kind in the user's order (kinds not listed: after them, in their own order). */
export function orderRank(layout: TrackLayout | undefined, kind: string): number {
  const i = layout ? layout.order.indexOf(kind) : -1;
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
}
