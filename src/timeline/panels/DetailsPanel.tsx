/**
 * The bottom panel: details of the selected slice, or the aggregate of the selected time range.
 * Everything is rendered as text.
 */
import { t as tr } from '../../i18n/t';
import { useEffect, useState, type ReactNode } from 'react';
import { useSession } from '../../session/session-context';
import type { OrderedJson } from '../../lib/json-bytes';
import { formatCount, formatDuration, formatNsExact } from '../../lib/format';
import { childrenOf } from '../../model/slice-queries';
import { SliceFlag, type TraceModel } from '../../model/trace-model';
import type { SelectedSlice } from '../../store/selection-slice';
import type { DetailsTab } from '../../store/timeline-slice';
import { useAppStore } from '../../store/use-app-store';
import { KernelEnrichmentSection } from '../../views/kernels/KernelEnrichment';
import { ArgsView } from './ArgsView';
import { flowsFrom, flowsOfSubtree, flowsTo } from '../core/flow-index';
import { InstantDetails } from './InstantDetails';
import { RangeDetails } from './RangeDetails';
import { absoluteNs, absoluteSecondsText } from '../core/time-scale';
import type { SliceAddress } from '../core/timeline-groups';
import type { TimelineView } from '../view/timeline-view';
import { trackPath, trackTitle } from '../../views/common/track-labels';
import { rovingKeyDown } from '../../ui/roving-keys';

const MAX_CHILDREN = 200;

export function DetailsPanel({ view }: { view: TimelineView | null }) {
  const tab = useAppStore((s) => s.panelTab);
  const setTab = useAppStore((s) => s.setPanelTab);
  const selected = useAppStore((s) => s.selected);
  const instant = useAppStore((s) => s.selectedInstant);
  const range = useAppStore((s) => s.range);
  return (
    <div className="tl-details" data-testid="details-panel">
      <div
        className="tl-details-tabs"
        role="tablist"
        aria-label={tr('timeline:details')}
        onKeyDown={(e) => rovingKeyDown(e, 'tab', true)}
      >
        <TabButton tab="slice" current={tab} onSelect={setTab}>
          {tr('timeline:current_selection')}
        </TabButton>
        <TabButton tab="range" current={tab} onSelect={setTab}>
          {tr('timeline:range')}
          {range ? ` · ${formatDuration(range.end - range.start)}` : ''}
        </TabButton>
      </div>
      <div className="tl-details-body">
        {tab === 'slice' && instant && view ? (
          <InstantDetails view={view} sel={instant} />
        ) : tab === 'slice' ? (
          <SliceDetails view={view} selected={selected} />
        ) : (
          <RangeDetails view={view} />
        )}
      </div>
    </div>
  );
}

function TabButton({
  tab,
  current,
  onSelect,
  children,
}: {
  tab: DetailsTab;
  current: DetailsTab;
  onSelect: (tab: DetailsTab) => void;
  children: ReactNode;
}) {
  return (
    <button
      role="tab"
      aria-selected={current === tab}
      tabIndex={current === tab ? 0 : -1}
      className={current === tab ? 'tab active' : 'tab'}
      data-testid={`details-tab-${tab}`}
      onClick={() => onSelect(tab)}
    >
      {children}
    </button>
  );
}

function SliceLink({
  view,
  a,
  testId,
  children,
}: {
  view: TimelineView;
  a: SliceAddress;
  testId?: string;
  children: React.ReactNode;
}) {
  return (
    <button className="tl-link" data-testid={testId} onClick={() => view.select(a, true)}>
      {children}
    </button>
  );
}

function trackLabel(t: TraceModel, track: number): string {
  return trackPath(t, track);
}

interface FlowListProps {
  view: TimelineView;
  t: TraceModel;
  group: number;
  rows: number[];
  dir: 'out' | 'in';
}

/** A titled list of flows (nothing when there are none); links are `flow-out-k` / `flow-in-k`. */
function FlowSection({ title, ...list }: FlowListProps & { title: string }) {
  if (list.rows.length === 0) return null;
  return (
    <>
      <div className="tl-sub">{title}</div>
      <FlowList {...list} />
    </>
  );
}

function FlowList({ view, t, group, rows, dir }: FlowListProps) {
  const f = t.flows;
  const testId = `flow-${dir}`;
  return (
    <ul className="tl-flow-list">
      {rows.map((r, k) => {
        const track = dir === 'out' ? f.toTrack[r]! : f.fromTrack[r]!;
        const index = dir === 'out' ? f.toSlice[r]! : f.fromSlice[r]!;
        const table = t.sliceTracks[track]!.slices;
        const name = t.strings[table.name[index]!] ?? '';
        return (
          <li key={r}>
            <span className="tl-flow-cat">{t.strings[f.cat[r]!] || tr('timeline:flow')}</span>{' '}
            {dir === 'out' ? '→' : '←'}{' '}
            <SliceLink view={view} a={{ group, track, index }} testId={`${testId}-${k}`}>
              {name}
            </SliceLink>{' '}
            <span className="muted">
              {trackLabel(t, track)} · {formatDuration(table.start[index]!)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function SliceDetails({
  view,
  selected,
}: {
  view: TimelineView | null;
  selected: SelectedSlice | null;
}) {
  const controller = useSession();
  const [args, setArgs] = useState<{ key: string; value: OrderedJson | null; loading: boolean }>({
    key: '',
    value: null,
    loading: false,
  });
  const group =
    view && selected ? view.groups.findIndex((g) => g.profileId === selected.profileId) : -1;
  const g = view && group >= 0 ? view.groups[group]! : null;
  const table = g && selected ? (g.trace.sliceTracks[selected.track]?.slices ?? null) : null;
  const valid = !!(table && selected && selected.index >= 0 && selected.index < table.length);
  const argsIndex = valid ? table.args[selected.index]! : -1;
  const key = selected ? `${selected.profileId}:${selected.track}:${selected.index}` : '';

  useEffect(() => {
    if (!selected || argsIndex < 0) return;
    let live = true;
    setArgs({ key, value: null, loading: true });
    controller.readArgs(selected.profileId, argsIndex).then(
      (value) => {
        if (live) setArgs({ key, value, loading: false });
      },
      () => {
        if (live) setArgs({ key, value: null, loading: false });
      },
    );
    return () => {
      live = false;
    };
  }, [controller, selected, argsIndex, key]);

  if (!view || !selected || !g || !table || !valid) {
    return (
      <p className="muted tl-empty">
        {tr('timeline:click_a_slice_to_see_its')} <kbd>?</kbd> {tr('timeline:for_keys')}
      </p>
    );
  }
  const t = g.trace;
  const i = selected.index;
  const a: SliceAddress = { group, track: selected.track, index: i };
  const st = t.sliceTracks[selected.track]!;
  const proc = t.processes[st.process];
  const thread = st.thread >= 0 ? t.threads[st.thread] : undefined;
  const start = table.start[i]!;
  const dur = table.dur[i]!;
  const flags = table.flags[i]!;
  const name = t.strings[table.name[i]!] ?? '';
  const cat = t.strings[table.cat[i]!] ?? '';
  const abs = absoluteNs(t.baseNs, start);
  const absEnd = absoluteNs(t.baseNs, start + dur);
  const parent = table.parent[i]!;
  const children = childrenOf(table, i);
  const out = flowsFrom(t, selected.track, i);
  const inn = flowsTo(t, selected.track, i);
  const subOut = out.length === 0 ? flowsOfSubtree(t, selected.track, i, 'out') : null;
  const subIn = inn.length === 0 ? flowsOfSubtree(t, selected.track, i, 'in') : null;
  const flowProps = { view, t, group };
  const flagText = [
    flags & SliceFlag.Unfinished ? tr('timeline:flag_unfinished') : '',
    flags & SliceFlag.Overflow ? tr('timeline:flag_overflow') : '',
    flags & SliceFlag.Async ? tr('timeline:flag_async') : '',
    flags & SliceFlag.FromBE ? tr('timeline:flag_from_be') : '',
  ].filter(Boolean);

  return (
    <div className="tl-slice-details" data-testid="slice-details">
      <h3 className="tl-slice-name" data-testid="details-name">
        {name || tr('timeline:unnamed')}
      </h3>
      <div className="tl-slice-cols">
        <dl className="facts tl-facts">
          <dt>{tr('timeline:category')}</dt>
          <dd data-testid="details-cat">{cat || '–'}</dd>
          <dt>{tr('timeline:process')}</dt>
          <dd>
            {proc?.name ?? tr('timeline:process')}{' '}
            <span className="muted">
              {tr('timeline:pid')} {proc?.pid}
            </span>
            {proc && proc.labels.length > 0 && (
              <span className="tl-chip">{proc.labels.join(', ')}</span>
            )}
          </dd>
          <dt>{st.kind === 'async' ? tr('timeline:track') : tr('timeline:thread')}</dt>
          <dd data-testid="details-track">
            {trackTitle(t, selected.track)}
            {thread && (
              <span className="muted">
                {' '}
                {tr('timeline:tid')} {thread.tid}
              </span>
            )}
            {st.kind === 'overflow' && (
              <span className="muted"> {tr('timeline:overlapping_slices_lane')}</span>
            )}
          </dd>
          <dt>{tr('timeline:start')}</dt>
          <dd data-testid="details-start">
            {formatDuration(start)}{' '}
            <span className="muted">
              ({formatNsExact(start)} {tr('timeline:since_trace_start')}
            </span>
          </dd>
          <dt>{tr('timeline:absolute_start')}</dt>
          <dd data-testid="details-abs-start" className="tl-mono">
            {abs} ns <span className="muted">{absoluteSecondsText(abs)}</span>
          </dd>
          <dt>{tr('timeline:duration')}</dt>
          <dd data-testid="details-dur">
            {formatDuration(dur)} <span className="muted">({formatNsExact(dur)})</span>
          </dd>
          <dt>{tr('timeline:end')}</dt>
          <dd className="tl-mono">
            {formatNsExact(start + dur)}{' '}
            <span className="muted">
              {tr('timeline:abs')} {absEnd} ns
            </span>
          </dd>
          <dt>{tr('timeline:depth')}</dt>
          <dd>{table.depth[i]}</dd>
          {flagText.length > 0 && (
            <>
              <dt>{tr('timeline:notes')}</dt>
              <dd>{flagText.join('; ')}</dd>
            </>
          )}
          <dt>{tr('timeline:parent')}</dt>
          <dd>
            {parent >= 0 ? (
              <SliceLink view={view} a={{ ...a, index: parent }} testId="details-parent">
                {t.strings[table.name[parent]!]}
              </SliceLink>
            ) : (
              '–'
            )}
          </dd>
          <dt>{tr('timeline:children')}</dt>
          <dd>
            {children.length === 0 ? (
              '–'
            ) : (
              <ul className="tl-children">
                {children.slice(0, MAX_CHILDREN).map((c) => (
                  <li key={c}>
                    <SliceLink view={view} a={{ ...a, index: c }}>
                      {t.strings[table.name[c]!]}
                    </SliceLink>{' '}
                    <span className="muted">{formatDuration(table.dur[c]!)}</span>
                  </li>
                ))}
                {children.length > MAX_CHILDREN && (
                  <li className="muted">
                    {tr('timeline:and')} {formatCount(children.length - MAX_CHILDREN)}{' '}
                    {tr('timeline:more')}
                  </li>
                )}
              </ul>
            )}
          </dd>
        </dl>
        <div className="tl-slice-side">
          <h4>{tr('timeline:flows')}</h4>
          {out.length === 0 &&
            inn.length === 0 &&
            !subOut?.flows.length &&
            !subIn?.flows.length && <p className="muted">{tr('timeline:no_flows')}</p>}
          <FlowSection title={tr('timeline:outgoing')} rows={out} dir="out" {...flowProps} />
          <FlowSection title={tr('timeline:incoming')} rows={inn} dir="in" {...flowProps} />
          <FlowSection
            title={tr('timeline:outgoing_from_descendants')}
            rows={subOut?.flows ?? []}
            dir="out"
            {...flowProps}
          />
          <FlowSection
            title={tr('timeline:incoming_to_descendants')}
            rows={subIn?.flows ?? []}
            dir="in"
            {...flowProps}
          />
          <h4>{tr('timeline:args')}</h4>
          <div data-testid="details-args" className="tl-args-box">
            {argsIndex < 0 ? (
              <span className="muted">{tr('timeline:no_args')}</span>
            ) : args.key !== key || args.loading ? (
              <span className="muted">{tr('timeline:loading')}</span>
            ) : args.value === null ? (
              <span className="muted">{tr('timeline:args_could_not_be_read')}</span>
            ) : (
              <ArgsView value={args.value} />
            )}
          </div>
          <KernelEnrichmentSection
            profileId={selected.profileId}
            track={selected.track}
            index={i}
          />
        </div>
      </div>
    </div>
  );
}
