/**
 * The toolbar's Tracks menu: several ranks one after another or side by side by track kind,
 * the device streams one row each or merged per device (with or without HCCL), process kinds
 * shown / hidden and moved up or down, hidden tracks listed to show again, and a reset. The layout is saved per kind of trace (store/track-layout.ts); right-click on a track's
 * label hides that track.
 */
import { t } from '../../i18n/t';
import { useEffect, useState } from 'react';
import { useAppStore } from '../../store/use-app-store';
import {
  DEFAULT_TRACK_LAYOUT,
  isCustomLayout,
  moveKind,
  toggleHidden,
  type StreamMerge,
} from '../../store/track-layout';
import { computeRowLayout } from '../core/row-layout';
import type { TimelineView } from '../view/timeline-view';

/** Process kinds of the shown traces in display order, hidden ones included. */
function kindsOf(view: TimelineView): string[] {
  const s = view.state;
  const all = computeRowLayout(view.groups, {
    collapseDefault: true,
    collapseOverrides: {},
    pinnedTracks: [],
    trackLayout: { ...s.trackLayout, hidden: [] },
  });
  const out: string[] = [];
  for (const r of all.rows)
    if (r.kind === 'process' && !out.includes(r.hideName)) out.push(r.hideName);
  return out;
}

export function TrackMenu({ view }: { view: TimelineView | null }) {
  const layout = useAppStore((s) => s.trackLayout);
  const setLayout = useAppStore((s) => s.setTrackLayout);
  const [groups, setGroups] = useState(0);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!view) return;
    setGroups(view.groups.length);
    return view.onChange(() => setGroups(view.groups.length));
  }, [view]);
  if (!view || groups === 0) return null;
  const kinds = open ? kindsOf(view) : [];
  const hiddenTracks = layout.hidden.filter((n) => n.includes('/'));
  const changed = isCustomLayout(layout);
  const merge = layout.merge ?? 'off';
  const hasStreams = open && kinds.includes('Ascend Hardware');
  const mergeOptions: [StreamMerge, string][] = [
    ['off', t('timeline:streams_separate')],
    ['streams', t('timeline:streams_merged')],
    ['streams+hccl', t('timeline:streams_merged_hccl')],
  ];
  return (
    <details
      className="tl-menu"
      data-testid="track-menu"
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary className="button subtle">
        {layout.hidden.length > 0
          ? t('timeline:tracks_menu_hidden', { count: layout.hidden.length })
          : t('timeline:tracks_menu')}
      </summary>
      {open && (
        <div className="tl-menu-body tl-track-menu">
          {groups > 1 && (
            <fieldset>
              <legend>{t('timeline:ranks')}</legend>
              <label>
                <input
                  type="radio"
                  checked={layout.mode === 'rank'}
                  onChange={() => setLayout({ ...layout, mode: 'rank' })}
                  data-testid="layout-by-rank"
                />
                {t('timeline:one_after_another')}
              </label>
              <label>
                <input
                  type="radio"
                  checked={layout.mode === 'kind'}
                  onChange={() => setLayout({ ...layout, mode: 'kind' })}
                  data-testid="layout-by-kind"
                />
                {t('timeline:side_by_side_grouped_by_track_kind')}
              </label>
            </fieldset>
          )}
          {hasStreams && (
            <fieldset>
              <legend>{t('timeline:device_streams')}</legend>
              {mergeOptions.map(([m, label]) => (
                <label key={m}>
                  <input
                    type="radio"
                    checked={merge === m}
                    onChange={() => setLayout({ ...layout, merge: m })}
                    data-testid={`streams-merge-${m}`}
                  />
                  {label}
                </label>
              ))}
            </fieldset>
          )}
          <fieldset>
            <legend>{t('timeline:processes')}</legend>
            {kinds.map((k, i) => (
              <div className="tl-kind-row" key={k} data-testid="track-kind" data-kind={k}>
                <label>
                  <input
                    type="checkbox"
                    checked={!layout.hidden.includes(k)}
                    onChange={() => setLayout(toggleHidden(layout, k))}
                    data-testid={`track-kind-shown-${k}`}
                  />
                  {k}
                </label>
                <button
                  className="tl-icon"
                  title={t('timeline:move_up')}
                  aria-label={t('timeline:move_kind_up', { kind: k })}
                  disabled={i === 0}
                  onClick={() => setLayout(moveKind(layout, kinds, k, -1))}
                  data-testid={`track-kind-up-${k}`}
                >
                  ↑
                </button>
                <button
                  className="tl-icon"
                  title={t('timeline:move_down')}
                  aria-label={t('timeline:move_kind_down', { kind: k })}
                  disabled={i === kinds.length - 1}
                  onClick={() => setLayout(moveKind(layout, kinds, k, 1))}
                  data-testid={`track-kind-down-${k}`}
                >
                  ↓
                </button>
              </div>
            ))}
          </fieldset>
          {hiddenTracks.length > 0 && (
            <fieldset>
              <legend>{t('timeline:hidden_tracks')}</legend>
              {hiddenTracks.map((n) => (
                <label key={n}>
                  <input
                    type="checkbox"
                    checked={false}
                    onChange={() => setLayout(toggleHidden(layout, n))}
                  />
                  {n}
                </label>
              ))}
            </fieldset>
          )}
          <div className="tl-menu-foot">
            <span className="muted">{t('timeline:right_click_a_track_name_to_hide')}</span>
            <button
              className="button subtle"
              disabled={!changed}
              onClick={() => setLayout(DEFAULT_TRACK_LAYOUT)}
              data-testid="track-layout-reset"
            >
              {t('timeline:reset_layout')}
            </button>
          </div>
        </div>
      )}
    </details>
  );
}
