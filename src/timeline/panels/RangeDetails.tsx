/**
 * The range tab: slices overlapping the selected time range grouped by name (count, time inside
 * the range, whole-slice wall, average, min, max; sortable) and per track (slices, busy inside
 * the range), for the tracks the drag covered or for all tracks. Computed in chunks off the
 * render path and cancelled when the range changes.
 */
import { groupIndexOf } from '../core/timeline-groups';
import { t } from '../../i18n/t';
import { useEffect, useMemo, useState } from 'react';
import { formatCount, formatDuration } from '../../lib/format';
import { useAppStore } from '../../store/use-app-store';
import { Cancelled, runChunked } from '../core/chunked';
import {
  aggregateRangeGen,
  sortAggregate,
  trackFilterKey,
  type AggregateResult,
  type AggregateSortKey,
} from '../core/range-aggregate';
import type { TimelineView } from '../view/timeline-view';

const COLUMNS: { key: AggregateSortKey; label: string; num: boolean; title?: string }[] = [
  {
    key: 'name',
    get label() {
      return t('timeline:name');
    },
    num: false,
  },
  {
    key: 'count',
    get label() {
      return t('timeline:count');
    },
    num: true,
  },
  {
    key: 'total',
    get label() {
      return t('timeline:in_range');
    },
    num: true,
    get title() {
      return t('timeline:time_inside_the_range_each_slice');
    },
  },
  {
    key: 'wall',
    get label() {
      return t('timeline:wall');
    },
    num: true,
    get title() {
      return t('timeline:whole_slice_durations_summed_slices_may');
    },
  },
  {
    key: 'avg',
    get label() {
      return t('timeline:average');
    },
    num: true,
    get title() {
      return t('timeline:average_whole_slice_duration');
    },
  },
  {
    key: 'min',
    get label() {
      return t('timeline:min');
    },
    num: true,
  },
  {
    key: 'max',
    get label() {
      return t('timeline:max');
    },
    num: true,
  },
];
const MAX_TRACK_ROWS = 200;
const MAX_ROWS = 2000;

export function RangeDetails({ view }: { view: TimelineView | null }) {
  const range = useAppStore((s) => s.range);
  const rangeTracks = useAppStore((s) => s.rangeTracks);
  const setRange = useAppStore((s) => s.setRange);
  const [allTracks, setAllTracks] = useState(false);
  const [sort, setSort] = useState<{ key: AggregateSortKey; desc: boolean }>({
    key: 'total',
    desc: true,
  });
  const [result, setResult] = useState<{ key: string; value: AggregateResult | null }>({
    key: '',
    value: null,
  });
  const useTracks = rangeTracks.length > 0 && !allTracks;
  const key = range
    ? `${range.start}:${range.end}:${useTracks ? rangeTracks.map((t) => `${t.profileId}|${t.track}`).join(',') : 'all'}`
    : '';

  useEffect(() => {
    if (!view || !range) return;
    const ctl = new AbortController();
    const filter = useTracks
      ? new Set(
          rangeTracks.map((t) => trackFilterKey(groupIndexOf(view.groups, t.profileId), t.track)),
        )
      : null;
    runChunked(aggregateRangeGen(view.groups, range, filter), { signal: ctl.signal }).then(
      (value) => setResult({ key, value }),
      (e: unknown) => {
        if (!(e instanceof Cancelled)) setResult({ key, value: null });
      },
    );
    return () => ctl.abort();
  }, [view, range, rangeTracks, useTracks, key]);

  const rows = useMemo(
    () => (result.value ? sortAggregate(result.value.rows, sort.key, sort.desc) : []),
    [result.value, sort],
  );

  if (!range) {
    return <p className="muted tl-empty">{t('timeline:no_range_selected_shift_drag_over')}</p>;
  }
  const ready = result.key === key && result.value;
  return (
    <div className="tl-range" data-testid="range-details">
      <div className="tl-range-head">
        <strong>{formatDuration(range.end - range.start)}</strong>
        <span className="muted">
          {formatCount(range.start)} – {formatCount(range.end)} ns
        </span>
        {ready && (
          <span data-testid="range-summary">
            {formatCount(result.value!.slices)} {t('timeline:slices')}{' '}
            {formatCount(result.value!.rows.length)} {t('timeline:names')}{' '}
            {formatCount(result.value!.tracks)} {t('timeline:tracks')}
          </span>
        )}
        {rangeTracks.length > 0 && (
          <label>
            <input
              type="checkbox"
              checked={allTracks}
              onChange={(e) => setAllTracks(e.currentTarget.checked)}
              data-testid="range-all-tracks"
            />
            {t('timeline:all_tracks_not_just_the')} {rangeTracks.length} {t('timeline:selected')}
          </label>
        )}
        <button className="button subtle" onClick={() => setRange(null)}>
          {t('timeline:clear_range')}
        </button>
      </div>
      {!ready ? (
        <p className="muted">{t('timeline:aggregating')}</p>
      ) : (
        <table className="grid tl-range-table" data-testid="range-table">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th
                  key={c.key}
                  title={c.title}
                  className={c.num ? 'num sortable' : 'sortable'}
                  aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}
                  onClick={() =>
                    setSort((s) => ({ key: c.key, desc: s.key === c.key ? !s.desc : c.num }))
                  }
                >
                  {c.label}
                  {sort.key === c.key ? (sort.desc ? ' ▾' : ' ▴') : ''}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, MAX_ROWS).map((r) => (
              <tr key={r.name} data-testid="range-row">
                <td className="tl-range-name">{r.name || t('timeline:unnamed')}</td>
                <td className="num">{formatCount(r.count)}</td>
                <td className="num">{formatDuration(r.total)}</td>
                <td className="num">{formatDuration(r.wall)}</td>
                <td className="num">{formatDuration(r.avg)}</td>
                <td className="num">{formatDuration(r.min)}</td>
                <td className="num">{formatDuration(r.max)}</td>
              </tr>
            ))}
            {rows.length > MAX_ROWS && (
              <tr>
                <td colSpan={COLUMNS.length} className="muted">
                  {t('timeline:and')} {formatCount(rows.length - MAX_ROWS)}{' '}
                  {t('timeline:more_names')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      {ready && result.value!.byTrack.length > 0 && (
        <TrackBreakdown value={result.value!} span={range.end - range.start} />
      )}
    </div>
  );
}

function TrackBreakdown({ value, span }: { value: AggregateResult; span: number }) {
  const tracks = value.byTrack;
  return (
    <table className="grid tl-range-table" data-testid="range-tracks">
      <thead>
        <tr>
          <th>{t('timeline:track')}</th>
          <th className="num">{t('timeline:slices_2')}</th>
          <th className="num" title={t('timeline:top_level_slices_clipped_to_the')}>
            {t('timeline:busy_in_range')}
          </th>
          <th className="num">{t('timeline:busy')}</th>
        </tr>
      </thead>
      <tbody>
        {tracks.slice(0, MAX_TRACK_ROWS).map((t) => (
          <tr key={`${t.group}:${t.track}`} data-testid="range-track-row">
            <td className="tl-range-name">{t.label}</td>
            <td className="num">{formatCount(t.slices)}</td>
            <td className="num">{formatDuration(t.busy)}</td>
            <td className="num">{span > 0 ? `${((100 * t.busy) / span).toFixed(1)} %` : '–'}</td>
          </tr>
        ))}
        {tracks.length > MAX_TRACK_ROWS && (
          <tr>
            <td colSpan={4} className="muted">
              {t('timeline:and')} {formatCount(tracks.length - MAX_TRACK_ROWS)}{' '}
              {t('timeline:more_tracks')}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
